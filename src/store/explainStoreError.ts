/**
 * Turns a driver's error (sqlite3, pg, node-redis) into what an operator can act on: "it is not a SQLite database",
 * "the server refused the connection", "the password was rejected". Driver messages are passed through only after
 * the URL's secrets are scrubbed from them (the logger's `redact`).
 */
import { redact } from '../log';
import type { StoreKind } from './databaseUrl';

/** Network failures every driver reports the same way (Node's socket error codes). */
function networkProblem(code: string, message: string): string | null {
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message))
    return 'the server refused the connection (is it running, and listening on that host and port?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(message)) return 'the host name cannot be resolved';
  if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(message))
    return 'the server did not answer in time (is the host reachable from here?)';
  if (code === 'ECONNRESET' || /ECONNRESET|Connection terminated/i.test(message))
    return 'the server closed the connection (if it requires TLS, use ?sslmode=require for PostgreSQL or rediss:// for Redis)';
  return null;
}

function sqliteProblem(code: string, message: string): string | null {
  if (/NOTADB|CORRUPT/.test(code) || /not a database|malformed/i.test(message))
    return 'it is not a valid SQLite database (corrupt, or another kind of file). Move it aside or point DATABASE_URL elsewhere';
  if (/READONLY|CANTOPEN|PERM|EACCES|EROFS|EISDIR/.test(code) || /readonly|unable to open|permission/i.test(message))
    return 'it cannot be opened for writing (check the folder exists and the bot may write to it)';
  if (/BUSY|LOCKED/.test(code)) return 'it is locked by another process (is another copy of the bot running?)';
  return null;
}

/** PostgreSQL's SQLSTATE codes: https://www.postgresql.org/docs/current/errcodes-appendix.html */
function postgresProblem(code: string): string | null {
  if (code === '28P01' || code === '28000') return 'PostgreSQL rejected the user name or password in DATABASE_URL';
  if (code === '3D000') return 'that database does not exist on the server (create it first, e.g. createdb)';
  if (code === '42501' || code === '42P01') return 'the user may not create or use the state table (grant it CREATE on the schema)';
  if (code === '57P03' || code === '53300')
    return 'the server is not accepting connections right now (starting up, or too many connections)';
  return null;
}

function redisProblem(message: string): string | null {
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(message))
    return 'Redis rejected the user name or password in DATABASE_URL (or needs one)';
  if (/NOPERM/.test(message)) return 'the Redis user lacks permission for the commands the bot uses (GET, SET, DEL, EVAL)';
  if (/LOADING/.test(message)) return 'Redis is still loading its data; try again in a moment';
  return null;
}

export function explainStoreError(kind: StoreKind, err: unknown, secrets: string[] = []): string {
  const rawCode = (err as { code?: unknown } | null)?.code;
  const code = typeof rawCode === 'string' || typeof rawCode === 'number' ? String(rawCode) : '';
  const message = (err as Error)?.message ?? String(err);
  const specific = kind === 'sqlite' ? sqliteProblem(code, message) : kind === 'postgres' ? postgresProblem(code) : redisProblem(message);
  return specific ?? networkProblem(code, message) ?? redact(message, secrets);
}
