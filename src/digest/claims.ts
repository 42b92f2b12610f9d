/**
 * The per-server, per-day claim that makes the daily post happen at most once, whatever restarts or how many bot
 * processes share the store. A process posts only after winning the claim; a failed send gives it back.
 *
 * Why not a Keyv key: Keyv has no compare-and-set. "Write my token, read it back" is not atomic: two processes can
 * both write, and each read can happen before the other's write, so both believe they won. The claim must be decided
 * by the database in one step, on the store's own connection (serverClaims.ts): on SQLite and PostgreSQL
 * `INSERT ... ON CONFLICT DO NOTHING RETURNING owner` into a claims table, on Redis `SET key owner NX` with a
 * compare-and-delete release.
 *
 * A claim whose send crashed midway (process killed) is never taken over: nobody can tell whether Discord received
 * the message, and a missed day is better than a duplicate post.
 */
import type Keyv from 'keyv';
import type { Logger } from '../log';
import { redisAccessOf, sqlAccessOf } from '../store/backendAccess';
import { PostgresClaimStore, RedisClaimStore, SqliteClaimStore } from './serverClaims';

export { CLAIMS_TABLE, PostgresClaimStore, RedisClaimStore, SqliteClaimStore } from './serverClaims';

export interface ClaimStore {
  /** True when this call took the claim for (server, day); false when someone already holds it. */
  tryClaim(serverId: string, date: string, owner: string): Promise<boolean>;
  /** Gives the claim back, only if `owner` holds it (after a failed send, so a retry can take it). */
  release(serverId: string, date: string, owner: string): Promise<void>;
  /** Whether (server, day) is claimed: its post was made, or is being made right now. */
  isClaimed(serverId: string, date: string): Promise<boolean>;
  /** Whether claims hold across processes (false: only within this one). */
  readonly crossProcess: boolean;
}

/**
 * Claims in this process's memory: atomic because the check and the write run in one synchronous step. Given Keyv's
 * own Map (the in-memory store), claims live next to the data, so a second DigestStore over that Map sees them.
 */
export class MemoryClaimStore implements ClaimStore {
  readonly crossProcess = false;

  constructor(private readonly owners: Map<unknown, unknown> = new Map()) {}

  private static key(serverId: string, date: string): string {
    return `digest-claim|${serverId}|${date}`;
  }

  async tryClaim(serverId: string, date: string, owner: string): Promise<boolean> {
    const key = MemoryClaimStore.key(serverId, date);
    if (this.owners.has(key)) return false;
    this.owners.set(key, owner);
    return true;
  }

  async release(serverId: string, date: string, owner: string): Promise<void> {
    const key = MemoryClaimStore.key(serverId, date);
    if (this.owners.get(key) === owner) this.owners.delete(key);
  }

  async isClaimed(serverId: string, date: string): Promise<boolean> {
    return this.owners.has(MemoryClaimStore.key(serverId, date));
  }
}

/**
 * For a Keyv adapter without SQL: the claim is a key written then read back. Correct within one process (calls are
 * serialised here), NOT atomic across processes; a warning says so at start.
 */
export class KeyvClaimStore implements ClaimStore {
  readonly crossProcess = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly keyv: Keyv) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  tryClaim(serverId: string, date: string, owner: string): Promise<boolean> {
    return this.serial(async () => {
      const key = `digest:claim:${serverId}:${date}`;
      if ((await this.keyv.get(key)) !== undefined) return false;
      await this.keyv.set(key, owner);
      return (await this.keyv.get(key)) === owner;
    });
  }

  release(serverId: string, date: string, owner: string): Promise<void> {
    return this.serial(async () => {
      const key = `digest:claim:${serverId}:${date}`;
      if ((await this.keyv.get(key)) === owner) await this.keyv.delete(key);
    });
  }

  async isClaimed(serverId: string, date: string): Promise<boolean> {
    return (await this.keyv.get(`digest:claim:${serverId}:${date}`)) !== undefined;
  }
}

/**
 * The strongest claim store `keyv`'s adapter allows: one SQL statement on SQLite and PostgreSQL, SET NX on Redis,
 * memory for Keyv's default Map, else read-back keys.
 */
export function claimStoreFor(keyv: Keyv, logger?: Logger): ClaimStore {
  const adapter = keyv.store as { constructor?: { name?: string } } | Map<unknown, unknown> | undefined;
  if (adapter instanceof Map) return new MemoryClaimStore(adapter);
  const sql = sqlAccessOf(keyv);
  if (sql)
    return sql.dialect === 'sqlite'
      ? new SqliteClaimStore(sql.run, keyv.namespace ?? '')
      : new PostgresClaimStore(sql.run, keyv.namespace ?? '');
  const redis = redisAccessOf(keyv);
  if (redis) return new RedisClaimStore(redis);
  logger?.warn('digest claims are not atomic across processes with this store: run one bot process only', {
    adapter: adapter?.constructor?.name,
  });
  return new KeyvClaimStore(keyv);
}
