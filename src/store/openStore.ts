/**
 * The one place the bot opens its key-value store: Keyv over SQLite (the embedded default), PostgreSQL or Redis,
 * chosen by DATABASE_URL's scheme (databaseUrl.ts). It proves the store works before the bot goes online: a corrupt
 * file, an unreachable server or a wrong password becomes one clear StoreError naming the store (password hidden) at
 * start-up, instead of every button press failing later (or a supervisor restarting a crashing bot forever).
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import type { Logger } from '../log';
import { secretsInEnvironment } from '../log';
import { displayDatabaseUrl, storeKindOf, SUPPORTED_DATABASE_URLS, type StoreKind } from './databaseUrl';
import { explainStoreError } from './explainStoreError';
import type * as PostgresAdapterModule from './postgresAdapter';
import type * as RedisAdapterModule from './redisAdapter';

/** `require` for this file (hooked by tsx and ts-jest like any require), so an adapter loads only when named. */
const loadAdapter = createRequire(__filename);

export { Keyv };

/** The store cannot be used; the message names the store (a file, or a server URL without its password) and the likely cause. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    /** The SQLite file, or the server URL with its password hidden. */
    readonly file: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export interface OpenStoreOptions {
  /** Keys are prefixed with it, so several features can share one file or server without clashing. */
  namespace: string;
  logger: Logger;
}

/** `sqlite://path` → the file path (absolute, or `:memory:`). */
export function sqliteFileOf(databaseUrl: string): string {
  if (!databaseUrl.startsWith('sqlite://')) {
    throw new StoreError(
      `Unsupported store "${displayDatabaseUrl(databaseUrl)}": use ${SUPPORTED_DATABASE_URLS}.`,
      displayDatabaseUrl(databaseUrl),
    );
  }
  const file = databaseUrl.slice('sqlite://'.length);
  return file === ':memory:' ? file : path.resolve(file);
}

/** Which backend a store opened by `openStore` runs on (the in-memory Keyv of console mode and tests: `memory`). */
export function storeKindOfKeyv(store: Keyv): StoreKind | 'memory' | 'other' {
  const adapter = store.store as { opts?: { dialect?: string } } | Map<unknown, unknown> | undefined;
  if (adapter instanceof Map) return 'memory';
  const dialect = adapter?.opts?.dialect;
  return dialect === 'sqlite' || dialect === 'postgres' || dialect === 'redis' ? dialect : 'other';
}

interface OpenedAdapter {
  adapter: KeyvStoreAdapter;
  /** Redis keeps Keyv from adding its own `namespace:` in front of the adapter's `namespace::`. */
  useKeyPrefix: boolean;
}

async function openAdapter(kind: StoreKind, url: string): Promise<OpenedAdapter> {
  if (kind === 'sqlite') {
    const file = sqliteFileOf(url);
    if (file !== ':memory:') {
      try {
        mkdirSync(path.dirname(file), { recursive: true });
      } catch (err) {
        throw new StoreError(`Cannot use the store ${file}: its folder cannot be created (${(err as Error).message}).`, file, err);
      }
    }
    return { adapter: new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 }) as unknown as KeyvStoreAdapter, useKeyPrefix: true };
  }
  // The server adapters are loaded only when named: the embedded default should not pay for them at start-up.
  if (kind === 'postgres') {
    const { postgresAdapter } = loadAdapter('./postgresAdapter') as typeof PostgresAdapterModule;
    return { adapter: postgresAdapter(url) as unknown as KeyvStoreAdapter, useKeyPrefix: true };
  }
  const { connectRedis } = loadAdapter('./redisAdapter') as typeof RedisAdapterModule;
  const { adapter } = await connectRedis(url);
  return { adapter: adapter as unknown as KeyvStoreAdapter, useKeyPrefix: false };
}

/** Repeated identical errors (a server down: one per reconnect attempt) are logged once a minute, not every second. */
function throttledErrorLog(logger: Logger): (err: unknown) => void {
  const lastLogged = new Map<string, number>();
  return (err) => {
    const key = (err as Error)?.message ?? String(err);
    const now = Date.now();
    if (now - (lastLogged.get(key) ?? 0) < 60_000) return;
    lastLogged.set(key, now);
    logger.error('store error', { err });
  };
}

/**
 * Opens (for SQLite creating the folder and file if needed) and verifies the store with a set/get/delete round-trip.
 * Throws StoreError when it is unusable. Errors after start-up are logged with the namespace and the store's name.
 */
export async function openStore(databaseUrl: string, options: OpenStoreOptions): Promise<Keyv> {
  const kind = storeKindOf(databaseUrl);
  const where = kind === 'sqlite' ? sqliteFileOf(databaseUrl) : displayDatabaseUrl(databaseUrl);
  if (!kind) throw new StoreError(`Unsupported store "${where}": use ${SUPPORTED_DATABASE_URLS}.`, where);
  const secrets = secretsInEnvironment({ DATABASE_URL: databaseUrl });
  const fail = (err: unknown): StoreError =>
    new StoreError(`Cannot use the store ${where}: ${explainStoreError(kind, err, secrets)}.`, where, err);
  const logger = options.logger.child(
    kind === 'sqlite' ? { store: options.namespace, file: where } : { store: options.namespace, backend: kind, url: where },
  );

  let opened: OpenedAdapter;
  try {
    opened = await openAdapter(kind, databaseUrl);
  } catch (err) {
    throw err instanceof StoreError ? err : fail(err);
  }
  const { adapter } = opened;
  // Keyv re-emits adapter errors; without a listener they would vanish, and callers would only see `undefined`.
  const store = new Keyv({ store: adapter, namespace: options.namespace, throwOnErrors: true, useKeyPrefix: opened.useKeyPrefix });
  store.on('error', throttledErrorLog(logger));

  // Unique per call: two stores opened at once in one process must not read or delete each other's probe.
  const probeKey = `__probe:${process.pid}:${randomUUID()}`;
  try {
    await store.set(probeKey, { ok: true }, 60_000);
    const back = (await store.get(probeKey)) as { ok?: boolean } | undefined;
    await store.delete(probeKey);
    if (back?.ok !== true) throw new Error('a value written could not be read back');
  } catch (err) {
    await adapter.disconnect?.().catch(() => undefined);
    throw fail(err);
  }
  logger.debug('store ready');
  return store;
}
