/**
 * DATABASE_URL: which Keyv adapter holds the bot's state, and how to name it in messages without its password.
 *
 *   sqlite://<file>                                   the embedded default (one machine, one file)
 *   postgres://user:password@host:5432/database       @keyv/postgres (postgresql:// too; ?sslmode=... passes through)
 *   redis://[user:password@]host:6379[/db]            @keyv/redis (rediss:// for TLS)
 *
 * Every message about a store goes through `displayDatabaseUrl` (the logger's `redact`), so a password typed into
 * DATABASE_URL can never reach a log line, an error or the terminal, even when the URL is too malformed to parse.
 */
import path from 'node:path';
import { redact } from '../log';

export type StoreKind = 'sqlite' | 'postgres' | 'redis';

const KIND_OF_SCHEME: Record<string, StoreKind> = {
  'sqlite:': 'sqlite',
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'redis:': 'redis',
  'rediss:': 'redis',
};

export const SUPPORTED_DATABASE_URLS = 'sqlite://<file> (the default), postgres://user:password@host:5432/database or redis://host:6379';

/** DATABASE_URL cannot be used; the message names the problem and shows the URL with its password hidden. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * The URL with its password (and any password-like query value) replaced, for messages. Works on strings that are not
 * valid URLs. Everything between the user name and the LAST `@` is hidden first, so a password with an unescaped `@`
 * and `/` cannot leave a piece visible (the logger's general pattern stops at a `/`); then the logger's `redact`.
 */
export function displayDatabaseUrl(value: string): string {
  const schemeEnd = value.indexOf('://');
  const at = value.lastIndexOf('@');
  let out = value;
  if (schemeEnd >= 0 && at > schemeEnd + 3) {
    const userInfo = value.slice(schemeEnd + 3, at);
    const colon = userInfo.indexOf(':');
    if (colon >= 0) out = `${value.slice(0, schemeEnd + 3)}${userInfo.slice(0, colon)}:[redacted]${value.slice(at)}`;
  }
  return redact(out);
}

export function storeKindOf(value: string): StoreKind | null {
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(value)?.[1]?.toLowerCase();
  return (scheme && KIND_OF_SCHEME[scheme]) || null;
}

function serverUrl(value: string, kind: 'postgres' | 'redis'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const hint = kind === 'postgres' ? 'postgres://user:password@host:5432/database' : 'redis://host:6379';
    throw new DatabaseUrlError(
      `"${displayDatabaseUrl(value)}" is not a valid URL (expected ${hint}; characters such as @ : / # in a password must be percent-encoded, e.g. @ as %40).`,
    );
  }
  if (!url.hostname) throw new DatabaseUrlError(`"${displayDatabaseUrl(value)}" names no host (expected ${kind}://host:port/...).`);
  if (kind === 'redis' && !/^\/?(\d+)?$/.test(url.pathname)) {
    throw new DatabaseUrlError(
      `"${displayDatabaseUrl(value)}": a Redis URL's path is a database number (redis://host:6379/0), not "${url.pathname}".`,
    );
  }
  if (kind === 'postgres' && url.pathname.length > 1 && url.pathname.slice(1).includes('/')) {
    throw new DatabaseUrlError(
      `"${displayDatabaseUrl(value)}": the path must be one database name (postgres://user:password@host:5432/database).`,
    );
  }
  return value;
}

/**
 * Checks DATABASE_URL and puts it in the form the store opens: a SQLite path resolved against `cwd` (so the file is
 * the same whichever folder the bot starts from), a server URL as given.
 */
export function normaliseDatabaseUrl(value: string, cwd: string): string {
  const kind = storeKindOf(value);
  if (!kind) throw new DatabaseUrlError(`"${displayDatabaseUrl(value)}" is not supported: use ${SUPPORTED_DATABASE_URLS}.`);
  if (kind !== 'sqlite') return serverUrl(value, kind);
  const file = value.startsWith('sqlite://') ? value.slice('sqlite://'.length).trim() : '';
  if (file === '') throw new DatabaseUrlError(`"${value}" names no file: use sqlite://<path to a file>.`);
  return file === ':memory:' ? value : `sqlite://${path.resolve(cwd, file)}`;
}
