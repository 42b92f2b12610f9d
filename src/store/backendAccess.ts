/**
 * The server-side primitives behind a Keyv store, for the state Keyv's get/set cannot keep correct across processes
 * (the once-a-day claim, shared cooldowns): SQL on the adapter's own connection for SQLite and PostgreSQL, the Redis
 * client for Redis. The one place that knows how each adapter exposes them.
 */
import type Keyv from 'keyv';

export type SqlDialect = 'sqlite' | 'postgres';

/** Runs one statement with `?` placeholders (turned into `$1, $2…` for PostgreSQL) and returns its rows. */
export type SqlRun = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface SqlAccess {
  dialect: SqlDialect;
  run: SqlRun;
}

/** What the claims and cooldowns need of a node-redis client. */
export interface RedisCommands {
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'EX' | 'PX'; value: number } }): Promise<string | null>;
  exists(key: string): Promise<number>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisAccess {
  client: () => Promise<RedisCommands>;
  /** Prepended to every key, as the adapter does for Keyv's own keys (`bot::`). */
  keyPrefix: string;
}

interface AdapterShape {
  opts?: { dialect?: string };
  query?: (sql: string, ...rest: unknown[]) => Promise<Array<Record<string, unknown>>>;
  getClient?: () => Promise<unknown>;
  namespace?: string;
  keyPrefixSeparator?: string;
}

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function sqlAccessOf(keyv: Keyv): SqlAccess | null {
  const adapter = keyv.store as AdapterShape | undefined;
  if (!adapter || adapter instanceof Map || typeof adapter.query !== 'function') return null;
  const query = adapter.query.bind(adapter);
  // @keyv/sqlite's query takes the parameters spread; @keyv/postgres's takes one array of them.
  if (adapter.opts?.dialect === 'sqlite') return { dialect: 'sqlite', run: (sql, params = []) => query(sql, ...params) };
  if (adapter.opts?.dialect === 'postgres') return { dialect: 'postgres', run: (sql, params = []) => query(numbered(sql), params) };
  return null;
}

export function redisAccessOf(keyv: Keyv): RedisAccess | null {
  const adapter = keyv.store as AdapterShape | undefined;
  if (!adapter || adapter instanceof Map || adapter.opts?.dialect !== 'redis' || typeof adapter.getClient !== 'function') return null;
  const getClient = adapter.getClient.bind(adapter);
  const namespace = adapter.namespace ?? keyv.namespace;
  return {
    client: async () => (await getClient()) as RedisCommands,
    keyPrefix: namespace ? `${namespace}${adapter.keyPrefixSeparator ?? '::'}` : '',
  };
}

/**
 * PostgreSQL reports a lost race between two `CREATE TABLE IF NOT EXISTS` as a duplicate (of the table 42P07, of its
 * row type 42710, or of a catalog key 23505), raised only once the winner's table is committed: it exists either way.
 */
export function isAlreadyExists(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === '23505' || code === '42P07' || code === '42710';
}
