/**
 * The schedule of the live archive: poll now, then every `intervalMs` after a success; after a failure, wait by the
 * backoff (backoff.ts) and try again. A failure is logged with what was asked, which attempt it was and when the next
 * one is; it never escapes (the bot keeps serving what it has). `stop` cancels the next poll, aborts one in flight and
 * resolves once it has ended, so shutdown never leaves a half-applied poll behind.
 *
 * The poll itself (fetch, persist, apply) is given as a function: the schedule knows nothing of feeds, and tests drive
 * it with injected timers, clock and random numbers.
 */
import type { Timers } from '../digest/scheduler';
import type { Logger } from '../log';
import { backoffDelay, type BackoffPolicy } from './backoff';

export interface PollerOptions<T> {
  /** One poll; throws when it failed. The signal is aborted when the poller stops. */
  poll: (signal: AbortSignal) => Promise<T>;
  intervalMs: number;
  backoff: BackoffPolicy;
  logger: Logger;
  /** What is polled, for the logs (a URL without credentials). */
  source: string;
  timers?: Timers;
  now?: () => Date;
  random?: () => number;
  onSuccess?: (result: T, at: Date) => void;
  onFailure?: (error: unknown, failures: number) => void;
}

export interface PollerStatus {
  /** Failures in a row (0 after a success). */
  failures: number;
  lastSuccess: Date | null;
  /** When the next poll is due (null while one runs, or once stopped). */
  nextPollAt: Date | null;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class Poller<T> {
  private readonly timers: Timers;
  private readonly now: () => Date;
  private readonly random: () => number;
  private handle: unknown = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private stopped = false;
  readonly status: PollerStatus = { failures: 0, lastSuccess: null, nextPollAt: null };

  constructor(private readonly options: PollerOptions<T>) {
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  /** Polls at once, then on schedule. */
  start(): void {
    this.schedule(0);
  }

  /**
   * Polls now (the next scheduled poll is then counted from this one), or waits for the poll already running.
   * For tests and operators' tools; never throws.
   */
  pollNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) return this.running;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    return (this.running = this.run().finally(() => (this.running = null)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    this.status.nextPollAt = null;
    this.abort.abort(new Error('the bot is stopping'));
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.status.nextPollAt = new Date(this.now().getTime() + ms);
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.pollNow();
    }, ms);
  }

  private async run(): Promise<void> {
    this.status.nextPollAt = null;
    let result: T;
    try {
      result = await this.options.poll(this.abort.signal);
    } catch (error) {
      if (this.stopped) return;
      this.status.failures++;
      const wait = backoffDelay(this.status.failures, this.options.backoff, this.random);
      this.schedule(wait);
      this.options.logger.warn('live archive poll failed', {
        source: this.options.source,
        attempt: this.status.failures,
        reason: (error as Error)?.message ?? String(error),
        retryInSeconds: Math.round(wait / 100) / 10,
        nextTry: new Date(this.now().getTime() + wait).toISOString(),
      });
      safely(() => this.options.onFailure?.(error, this.status.failures), this.options.logger);
      return;
    }
    if (this.status.failures > 0)
      this.options.logger.info('live archive poll succeeded again', { source: this.options.source, after: this.status.failures });
    this.status.failures = 0;
    this.status.lastSuccess = this.now();
    safely(() => this.options.onSuccess?.(result, this.status.lastSuccess!), this.options.logger);
    this.schedule(this.options.intervalMs);
  }
}

/** A metrics hook that throws must not stop the schedule. */
function safely(fn: () => void, logger: Logger): void {
  try {
    fn();
  } catch (err) {
    logger.error('live archive hook failed', { err });
  }
}
