/**
 * At most `size` async operations in flight: many small file writes overlap without opening thousands at once.
 * The first failure is thrown by the next `run` or by `drain`.
 */
export class TaskPool {
  private readonly active = new Set<Promise<void>>();
  /** Boxed, so that a task rejecting with a falsy value (`reject(undefined)`) still counts as a failure. */
  private failure: { reason: unknown } | null = null;
  constructor(private readonly size: number) {}

  async run(task: () => Promise<unknown>): Promise<void> {
    this.throwIfFailed();
    while (this.active.size >= this.size) await Promise.race(this.active);
    this.throwIfFailed();
    const p: Promise<void> = task().then(
      () => undefined,
      (reason: unknown) => {
        this.failure ??= { reason };
      },
    );
    const tracked = p.finally(() => this.active.delete(tracked));
    this.active.add(tracked);
  }

  async drain(): Promise<void> {
    await Promise.all(this.active);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.reason;
  }
}
