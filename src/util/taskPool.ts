/**
 * At most `size` async operations in flight: many small file writes overlap without opening thousands at once.
 * The first failure is thrown by the next `run` or by `drain`.
 */
export class TaskPool {
  private readonly active = new Set<Promise<void>>();
  private failure: unknown = null;
  constructor(private readonly size: number) {}

  async run(task: () => Promise<unknown>): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.active.size >= this.size) await Promise.race(this.active);
    if (this.failure) throw this.failure;
    const p: Promise<void> = task().then(
      () => undefined,
      (e: unknown) => {
        this.failure ??= e;
      },
    );
    const tracked = p.finally(() => this.active.delete(tracked));
    this.active.add(tracked);
  }

  async drain(): Promise<void> {
    await Promise.all(this.active);
    if (this.failure) throw this.failure;
  }
}

