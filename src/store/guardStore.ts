/**
 * The store as commands see it: the same Keyv, but a failure of any of its reads or writes (disk full, file made
 * read-only, database gone) surfaces as one StoreUnavailableError. The router knows that error and answers with the
 * storage message instead of "Something went wrong", and a command that can do without the store (a long /search
 * query's paging state) can catch it and degrade. Whatever the adapter (SQLite today, others later), one error.
 */
import type Keyv from 'keyv';

/** The store could not be read or written; `cause` is the adapter's own error, for the log. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(`The store failed on ${operation}: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** Keyv's methods that touch the adapter; everything else (events, options, the adapter itself) passes through. */
const GUARDED = new Set<PropertyKey>([
  'get',
  'getMany',
  'getRaw',
  'getManyRaw',
  'set',
  'setMany',
  'delete',
  'deleteMany',
  'has',
  'hasMany',
  'clear',
]);

/** Answered `true` by a guarded store only: the proxy says what it is, so nothing has to remember it. */
const IS_GUARDED = Symbol('guardStore');

/** `keyv` with its data methods rethrowing failures as StoreUnavailableError. Guarding twice is harmless. */
export function guardStore<T extends Keyv>(keyv: T): T {
  if ((keyv as unknown as Record<symbol, unknown>)[IS_GUARDED] === true) return keyv;
  return new Proxy(keyv, {
    get(target, property) {
      if (property === IS_GUARDED) return true;
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!GUARDED.has(property)) return (value as (...args: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        try {
          return await (value as (...args: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (err) {
          throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(String(property), err);
        }
      };
    },
  });
}
