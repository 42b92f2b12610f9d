/**
 * Daily-post claims decided by the store's server in one step (see claims.ts for why a Keyv key cannot do it).
 *
 * SQLite and PostgreSQL: a `digest_claims` table whose primary key (server, day) admits one row;
 * `INSERT ... ON CONFLICT DO NOTHING RETURNING owner` returns a row only to the statement that inserted it, and the
 * loser's insert changes nothing, so the winner's row is never overwritten. SQLite serialises writers on the file
 * lock; PostgreSQL's unique index makes a concurrent insert wait for the first to commit, then do nothing.
 *
 * Redis: `SET <key> <owner> NX EX <seconds>` sets only when the key is absent, atomically in the single-threaded
 * server. The release is a Lua script that deletes the key only if it still holds this owner, so a process can never
 * give back a claim it does not hold. The expiry only cleans up: it outlasts any calendar day in any timezone, and a
 * claim is only ever asked for on its own day.
 */
import type { ClaimStore } from './claims';
import { isAlreadyExists, type RedisAccess, type SqlDialect, type SqlRun } from '../store/backendAccess';

export const CLAIMS_TABLE = 'digest_claims';

/** A local day lasts at most 26 hours and exists, somewhere on Earth, for about 50: a week is ample. */
export const REDIS_CLAIM_TTL_SECONDS = 7 * 24 * 60 * 60;

/** The same statement on both databases (their `?` placeholders are numbered for PostgreSQL by backendAccess). */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${CLAIMS_TABLE} (server_id TEXT NOT NULL, local_date TEXT NOT NULL, owner TEXT NOT NULL, claimed_at TEXT NOT NULL, PRIMARY KEY (server_id, local_date))`;

/** Claims in a table reached through the store's own connection (`run`). */
abstract class SqlClaimStore implements ClaimStore {
  readonly crossProcess = true;
  private ready: Promise<unknown> | null = null;

  /** `scope` separates bots sharing one database under different Keyv namespaces (their servers' claims must not collide). */
  constructor(
    readonly dialect: SqlDialect,
    private readonly run: SqlRun,
    private readonly scope = '',
  ) {}

  private server(serverId: string): string {
    return this.scope ? `${this.scope}:${serverId}` : serverId;
  }

  private table(): Promise<unknown> {
    this.ready ??= this.run(CREATE_TABLE).catch((err: unknown) => {
      if (isAlreadyExists(err)) return;
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  async tryClaim(serverId: string, date: string, owner: string): Promise<boolean> {
    await this.table();
    const rows = await this.run(
      `INSERT INTO ${CLAIMS_TABLE} (server_id, local_date, owner, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING owner`,
      [this.server(serverId), date, owner, new Date().toISOString()],
    );
    return rows.length === 1 && rows[0].owner === owner;
  }

  async release(serverId: string, date: string, owner: string): Promise<void> {
    await this.table();
    await this.run(`DELETE FROM ${CLAIMS_TABLE} WHERE server_id = ? AND local_date = ? AND owner = ?`, [
      this.server(serverId),
      date,
      owner,
    ]);
  }

  async isClaimed(serverId: string, date: string): Promise<boolean> {
    await this.table();
    const rows = await this.run(`SELECT 1 AS one FROM ${CLAIMS_TABLE} WHERE server_id = ? AND local_date = ?`, [
      this.server(serverId),
      date,
    ]);
    return rows.length > 0;
  }
}

export class SqliteClaimStore extends SqlClaimStore {
  constructor(run: SqlRun, scope = '') {
    super('sqlite', run, scope);
  }
}

export class PostgresClaimStore extends SqlClaimStore {
  constructor(run: SqlRun, scope = '') {
    super('postgres', run, scope);
  }
}

/** Deletes KEYS[1] only while it holds ARGV[1]: the check and the delete cannot be split by another client. */
export const COMPARE_AND_DELETE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

export class RedisClaimStore implements ClaimStore {
  readonly crossProcess = true;

  constructor(private readonly redis: RedisAccess) {}

  private key(serverId: string, date: string): string {
    return `${this.redis.keyPrefix}digest-claim:${serverId}:${date}`;
  }

  async tryClaim(serverId: string, date: string, owner: string): Promise<boolean> {
    const client = await this.redis.client();
    const reply = await client.set(this.key(serverId, date), owner, {
      condition: 'NX',
      expiration: { type: 'EX', value: REDIS_CLAIM_TTL_SECONDS },
    });
    return reply === 'OK';
  }

  async release(serverId: string, date: string, owner: string): Promise<void> {
    const client = await this.redis.client();
    await client.eval(COMPARE_AND_DELETE, { keys: [this.key(serverId, date)], arguments: [owner] });
  }

  async isClaimed(serverId: string, date: string): Promise<boolean> {
    const client = await this.redis.client();
    return (await client.exists(this.key(serverId, date))) === 1;
  }
}
