/**
 * How long the live archive waits after failed polls: exponential (doubling from `baseMs`) up to `capMs`, with "equal
 * jitter" (half the step fixed, half random), so several bot processes polling one blog after the same outage do not
 * come back in step, and a blog that is down for a day is asked about once per cap, not hammered.
 */
export interface BackoffPolicy {
  /** The ceiling of the first retry's wait. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
}

/** The wait after the `failures`-th failure in a row (1 for the first); `random` gives a number in [0, 1). */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * The policy for a poll interval: the first retry within a minute (sooner for shorter intervals), waits never longer
 * than an hour or the interval itself, whichever is longer (a failure never makes the bot poll less often than asked).
 */
export function backoffFor(intervalMs: number): BackoffPolicy {
  return { baseMs: Math.min(60_000, intervalMs), capMs: Math.max(60 * 60_000, intervalMs) };
}
