/**
 * @keyv/postgres with a connection pool of its own.
 *
 * The adapter as shipped keeps ONE module-wide pg Pool without an 'error' listener. Two consequences a bot cannot
 * live with: when PostgreSQL restarts (or an admin terminates a backend) the idle connection's error is an unhandled
 * 'error' event that kills the process; and two stores on the same URL share that pool, so closing one closes the
 * other. Overriding `connect`/`disconnect` keeps everything else the adapter's own (its table, its SQL, its `query`
 * that the claims and cooldowns use): the pool reports errors through the adapter, which Keyv re-emits to our log,
 * and a broken connection is simply dropped and replaced by pg on the next query.
 */
import KeyvPostgres from '@keyv/postgres';
import pg from 'pg';

/** A connection that does not answer within this is reported as down, instead of hanging start-up or a command. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 10_000;

export type PostgresQuery = (sql: string, values?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export class OwnPoolKeyvPostgres extends KeyvPostgres {
  // `declare`: no class-field initialiser, so the pool that the base constructor's connect() creates survives it.
  declare private ownPool: pg.Pool | undefined;

  override async connect(): Promise<PostgresQuery> {
    if (!this.ownPool) {
      this.ownPool = new pg.Pool({
        connectionString: this.opts.uri,
        connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
        max: 5,
        application_name: 'archive-bot',
      });
      this.ownPool.on('error', (err) => this.emit('error', err));
    }
    const pool = this.ownPool;
    return async (sql, values) => (await pool.query(sql, values as unknown[])).rows as Array<Record<string, unknown>>;
  }

  override async disconnect(): Promise<void> {
    const pool = this.ownPool;
    this.ownPool = undefined;
    if (pool && !pool.ended) await pool.end();
  }
}

export function postgresAdapter(url: string): OwnPoolKeyvPostgres {
  return new OwnPoolKeyvPostgres({ uri: url });
}
