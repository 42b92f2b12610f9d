/**
 * Values worked out once and kept for the life of their owner (the bot context, see src/discord/context.ts), instead
 * of in module-level maps: two contexts in one process (tests, the console beside a bot) never share or leak them, and
 * dropping the context drops them all.
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
  private readonly values = new Map<MemoKey<unknown>, unknown>();

  /** The value kept under `key`, made by `make` the first time it is asked for. */
  get<T>(key: MemoKey<T>, make: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = make();
    this.values.set(key, value);
    return value;
  }

  /** The value kept under `key`, or undefined when none has been made. */
  peek<T>(key: MemoKey<T>): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  set<T>(key: MemoKey<T>, value: T): void {
    this.values.set(key, value);
  }

  /** Forgets the value under `key` (it is made afresh when next asked for). */
  delete(key: MemoKey<unknown>): void {
    this.values.delete(key);
  }
}
