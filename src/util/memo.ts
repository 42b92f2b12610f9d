/**
 * Values worked out once and kept for the life of their owner (the bot context, see src/discord/context.ts), instead
 * of in module-level maps: two contexts in one process (tests, the console beside a bot) never share or leak them, and
 * dropping the context drops them all.
 *
 * Each value is kept for the object it was made from (the archive a count was made of, the store a wrapper wraps),
 * so a context copied with another archive (`{ ...ctx, archive }`) gets values of its own, never the first archive's.
 */

/** Names one kind of value kept in a Memo, and types it. Made once per kind, at module level (it holds nothing). */
export interface MemoKey<T> {
  readonly name: string;
  /** Never set: carries the value's type. */
  readonly type?: T;
}

export function memoKey<T>(name: string): MemoKey<T> {
  return { name };
}

export class Memo {
  private readonly values = new Map<MemoKey<unknown>, WeakMap<object, unknown>>();

  /** The value kept under `key` for `source`, made by `make` the first time it is asked for. */
  get<T, S extends object>(key: MemoKey<T>, source: S, make: (source: S) => T): T {
    const bySource = this.bySource(key);
    if (bySource.has(source)) return bySource.get(source) as T;
    const value = make(source);
    bySource.set(source, value);
    return value;
  }

  /** The value kept under `key` for `source`, or undefined when none has been made. */
  peek<T>(key: MemoKey<T>, source: object): T | undefined {
    return this.values.get(key)?.get(source) as T | undefined;
  }

  set<T>(key: MemoKey<T>, source: object, value: T): void {
    this.bySource(key).set(source, value);
  }

  /** Forgets the value under `key` for `source` (it is made afresh when next asked for). */
  delete(key: MemoKey<unknown>, source: object): void {
    this.values.get(key)?.delete(source);
  }

  private bySource(key: MemoKey<unknown>): WeakMap<object, unknown> {
    let bySource = this.values.get(key);
    if (!bySource) this.values.set(key, (bySource = new WeakMap()));
    return bySource;
  }
}
