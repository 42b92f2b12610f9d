/**
 * Cooldowns shared by every bot process on one PostgreSQL or Redis store: a user who hits /search on a process
 * behind one shard cannot dodge the cooldown by being served by another. Each take is decided by the server in one
 * step, so two processes answering the same user at the same moment cannot both grant it.
 *
 * Times come from the bot's clock (not the server's) so a cooldown means the same thing here as in the in-memory
 * tracker; bot hosts are expected to keep their clocks in sync (NTP), as Discord's own timestamps already require.
 * SQLite keeps cooldowns in memory: it is the one-process store.
 */
import type Keyv from 'keyv';
import { isAlreadyExists, redisAccessOf, sqlAccessOf, type RedisAccess, type SqlRun } from './backendAccess';

export interface CooldownLedger {
  /** Takes `key` until `readyAtMs` unless it is held past `nowMs`: null when taken, else when it frees up (ms). */
  take(key: string, nowMs: number, readyAtMs: number): Promise<number | null>;
}

export const COOLDOWNS_TABLE = 'bot_cooldowns';
/** Every this many takes, rows that expired over an hour ago are deleted (a user who never returns leaves one row). */
const PRUNE_EVERY = 500;

export class PostgresCooldownLedger implements CooldownLedger {
  private ready: Promise<unknown> | null = null;
  private takes = 0;

  constructor(
    private readonly run: SqlRun,
    private readonly scope: string,
  ) {}

  private table(): Promise<unknown> {
    this.ready ??= this.run(`CREATE TABLE IF NOT EXISTS ${COOLDOWNS_TABLE} (key TEXT PRIMARY KEY, ready_at BIGINT NOT NULL)`).catch(
      (err: unknown) => {
        if (isAlreadyExists(err)) return;
        this.ready = null;
        throw err;
      },
    );
    return this.ready;
  }

  async take(key: string, nowMs: number, readyAtMs: number): Promise<number | null> {
    await this.table();
    const scoped = `${this.scope}:${key}`;
    // The row is written only when absent or expired; RETURNING tells this statement whether it was the one.
    const taken = await this.run(
      `INSERT INTO ${COOLDOWNS_TABLE} (key, ready_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET ready_at = EXCLUDED.ready_at WHERE ${COOLDOWNS_TABLE}.ready_at <= ? RETURNING ready_at`,
      [scoped, readyAtMs, nowMs],
    );
    if (++this.takes % PRUNE_EVERY === 0)
      void this.run(`DELETE FROM ${COOLDOWNS_TABLE} WHERE ready_at < ?`, [nowMs - 3_600_000]).catch(() => undefined);
    if (taken.length > 0) return null;
    const held = await this.run(`SELECT ready_at FROM ${COOLDOWNS_TABLE} WHERE key = ?`, [scoped]);
    return held.length > 0 ? Number(held[0].ready_at) : readyAtMs;
  }
}

/** GET, compare and SET with an expiry in one script: Redis runs it without interleaving another client. */
export const TAKE_COOLDOWN = `local held = redis.call('GET', KEYS[1])
if held and tonumber(held) > tonumber(ARGV[1]) then return held end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return false`;

export class RedisCooldownLedger implements CooldownLedger {
  constructor(private readonly redis: RedisAccess) {}

  async take(key: string, nowMs: number, readyAtMs: number): Promise<number | null> {
    const client = await this.redis.client();
    const held = await client.eval(TAKE_COOLDOWN, {
      keys: [`${this.redis.keyPrefix}cooldown:${key}`],
      arguments: [String(nowMs), String(readyAtMs), String(Math.max(1, readyAtMs - nowMs))],
    });
    return held === null || held === undefined ? null : Number(held);
  }
}

/** The shared ledger for a store on a server; null for SQLite and memory (cooldowns then stay in the process). */
export function cooldownLedgerFor(keyv: Keyv): CooldownLedger | null {
  const sql = sqlAccessOf(keyv);
  if (sql?.dialect === 'postgres') return new PostgresCooldownLedger(sql.run, keyv.namespace ?? '');
  const redis = redisAccessOf(keyv);
  return redis ? new RedisCooldownLedger(redis) : null;
}
