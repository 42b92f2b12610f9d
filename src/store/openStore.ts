/**
 * The one place the bot opens its key-value store (Keyv over SQLite). It proves the store works before the bot
 * goes online: a corrupt or unwritable file becomes one clear StoreError naming the file at start-up, instead of
 * every button press failing later (or a supervisor restarting a crashing bot forever).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import type { Logger } from '../log';

export { Keyv };

/** The store cannot be used; the message names the file and the likely cause. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    readonly file: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export interface OpenStoreOptions {
  /** Keys are prefixed with it, so several features can share one file without clashing. */
  namespace: string;
  logger: Logger;
}

/** `sqlite://path` → the file path (absolute, or `:memory:`). */
export function sqliteFileOf(databaseUrl: string): string {
  if (!databaseUrl.startsWith('sqlite://')) {
    throw new StoreError(`Unsupported store "${databaseUrl}": only sqlite://<file> is supported.`, databaseUrl);
  }
  const file = databaseUrl.slice('sqlite://'.length);
  return file === ':memory:' ? file : path.resolve(file);
}

function explain(err: unknown): string {
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message ?? String(err);
  if (/NOTADB|CORRUPT/.test(code) || /not a database|malformed/i.test(message)) return 'it is not a valid SQLite database (corrupt, or another kind of file). Move it aside or point DATABASE_URL elsewhere';
  if (/READONLY|CANTOPEN|PERM|EACCES|EROFS|EISDIR/.test(code) || /readonly|unable to open|permission/i.test(message)) return 'it cannot be opened for writing (check the folder exists and the bot may write to it)';
  if (/BUSY|LOCKED/.test(code)) return 'it is locked by another process (is another copy of the bot running?)';
  return message;
}

/**
 * Opens (creating the folder and file if needed) and verifies the store with a set/get/delete round-trip.
 * Throws StoreError when it is unusable. Errors after start-up are logged with the namespace and file.
 */
export async function openStore(databaseUrl: string, options: OpenStoreOptions): Promise<Keyv> {
  const file = sqliteFileOf(databaseUrl);
  if (file !== ':memory:') {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw new StoreError(`Cannot use the store ${file}: its folder cannot be created (${(err as Error).message}).`, file, err);
    }
  }
  const logger = options.logger.child({ store: options.namespace, file });
  let adapter: KeyvSqlite;
  try {
    adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 });
  } catch (err) {
    throw new StoreError(`Cannot use the store ${file}: ${explain(err)}.`, file, err);
  }
  // Keyv re-emits adapter errors; without a listener they would vanish, and callers would only see `undefined`.
  const store = new Keyv({ store: adapter, namespace: options.namespace, throwOnErrors: true });
  store.on('error', (err: unknown) => logger.error('store error', { err }));

  const probeKey = `__probe:${process.pid}:${Date.now()}`;
  try {
    await store.set(probeKey, { ok: true }, 60_000);
    const back = (await store.get(probeKey)) as { ok?: boolean } | undefined;
    await store.delete(probeKey);
    if (back?.ok !== true) throw new Error('a value written could not be read back');
  } catch (err) {
    await adapter.disconnect().catch(() => undefined);
    throw new StoreError(`Cannot use the store ${file}: ${explain(err)}.`, file, err);
  }
  logger.debug('store ready');
  return store;
}
