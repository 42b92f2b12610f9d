/**
 * The poll loop around runDueDigests: every `intervalMs` (30 s by default) it posts whatever is due. Polling instead of
 * one timer per server keeps no schedule in memory: a restart, a settings change or a second process needs no
 * rescheduling, and a missed minute is caught by the next poll (the claim keeps it to one post).
 *
 * Clock and timers are injected so tests move time instead of waiting.
 */
import type { DigestOutcome, RunDueDigestsInput } from './run';
import { claimOwner, runDueDigests } from './run';
import { DigestPool } from './select';

export const DEFAULT_POLL_MS = 30_000;
/** While the store is unusable, polls slow down to this: the problem is logged, the bot stays up, nothing loops hot. */
export const STORE_ERROR_POLL_MS = 5 * 60_000;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // The poll must never be what keeps a stopping process alive.
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What each poll passes to runDueDigests (the clock and the claim owner are the scheduler's), and how to poll. */
export interface DigestSchedulerOptions extends Omit<RunDueDigestsInput, 'now' | 'owner'> {
  now?: () => Date;
  /** Poll interval (default DEFAULT_POLL_MS, 30 s). */
  intervalMs?: number;
  timers?: Timers;
  /** Polls are skipped while this is false (e.g. the Discord client is reconnecting). */
  isReady?: () => boolean;
  /** Called after each poll that did something (for tests and metrics). */
  onOutcomes?: (outcomes: DigestOutcome[]) => void;
}

export interface DigestScheduler {
  /** Checks the store, then polls now and every interval. */
  start(): void;
  stop(): void;
  /** One poll, now (no-op if one is running or the scheduler is not ready). */
  tick(): Promise<DigestOutcome[]>;
}

export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const interval = options.intervalMs ?? DEFAULT_POLL_MS;
  const logger = options.logger.child({ component: 'digest' });
  const owner = claimOwner();
  // Kept from day to day: the eligible items and what was learnt about them are the same until the archive changes.
  const pool = options.pool ?? new DigestPool(options.archive);
  let handle: unknown = null;
  let stopped = true;
  let running = false;
  let storeChecked = false;
  let lastStoreError: string | null = null;

  const storeProblem = (err: unknown): void => {
    const message = (err as Error)?.message ?? String(err);
    // Once per distinct problem: a broken store would otherwise write the same line every poll.
    if (message !== lastStoreError) logger.error('daily posts paused: the digest store is unusable', { err: message });
    lastStoreError = message;
  };

  const tick = async (): Promise<DigestOutcome[]> => {
    if (running || (options.isReady && !options.isReady())) return [];
    running = true;
    try {
      if (!storeChecked) {
        const { servers, enabled } = await options.store.check();
        storeChecked = true;
        logger.info('digest scheduler started', { servers, enabled, crossProcessClaims: options.store.claims.crossProcess });
      }
      const outcomes = await runDueDigests({
        now: now(),
        store: options.store,
        archive: options.archive,
        pool,
        send: options.send,
        logger,
        summarize: options.summarize,
        owner,
        ownsServer: options.ownsServer,
      });
      if (lastStoreError) logger.info('digest store usable again');
      lastStoreError = null;
      if (outcomes.length > 0) options.onOutcomes?.(outcomes);
      return outcomes;
    } catch (err) {
      storeProblem(err);
      return [];
    } finally {
      running = false;
    }
  };

  const schedule = () => {
    if (stopped) return;
    handle = timers.setTimeout(
      () => {
        void tick().finally(schedule);
      },
      lastStoreError ? STORE_ERROR_POLL_MS : interval,
    );
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void tick().finally(schedule);
    },
    stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    tick,
  };
}
