/**
 * The live archive's schedule: poll at once, then every interval; after failures wait by exponential backoff with
 * a cap and jitter; every failure logged with its source, attempt and next try; stop aborts a poll in flight and
 * schedules nothing more. Timers, clock and random numbers are injected: no test waits.
 */
import { backoffDelay, backoffFor } from '../../src/live/backoff';
import { Poller } from '../../src/live/poller';
import { createLogger } from '../../src/log';

interface FakeTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Delays asked for, in order. */
  delays: number[];
  /** Runs the pending timer (there is at most one). */
  fire(): Promise<void>;
  pending(): number;
}

function fakeTimers(): FakeTimers {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    delays: [],
    setTimeout(fn, ms) {
      this.delays.push(ms);
      pending.set(next, fn);
      return next++;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    async fire() {
      const [id, fn] = [...pending][0] ?? [];
      if (!fn) throw new Error('no timer pending');
      pending.delete(id);
      fn();
      // Let the poll's promise chain settle.
      for (let i = 0; i < 20; i++) await Promise.resolve();
    },
    pending: () => pending.size,
  };
}

function setUp(outcomes: Array<'ok' | Error>, random = () => 0.5) {
  const timers = fakeTimers();
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  let polls = 0;
  const successes: Date[] = [];
  let failures = 0;
  const poller = new Poller<string>({
    poll: async () => {
      const outcome = outcomes[Math.min(polls++, outcomes.length - 1)];
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    intervalMs: 30 * 60_000,
    backoff: { baseMs: 60_000, capMs: 60 * 60_000 },
    logger,
    source: 'https://blog.example.com',
    timers,
    now: () => new Date('2026-12-03T12:00:00Z'),
    random,
    onSuccess: (_r, at) => successes.push(at),
    onFailure: () => failures++,
  });
  return { poller, timers, logs, successes, failures: () => failures, polls: () => polls };
}

describe('backoff', () => {
  test('doubles from the base up to the cap, with half of each step random', () => {
    const policy = { baseMs: 60_000, capMs: 600_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0))).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([
      60_000, 120_000, 240_000, 480_000, 600_000, 600_000,
    ]);
  });

  test('for a poll interval: first retry within a minute, never waiting longer than an hour or the interval', () => {
    expect(backoffFor(30 * 60_000)).toEqual({ baseMs: 60_000, capMs: 3_600_000 });
    expect(backoffFor(1_200)).toEqual({ baseMs: 1_200, capMs: 3_600_000 });
    expect(backoffFor(2 * 3_600_000)).toEqual({ baseMs: 60_000, capMs: 7_200_000 });
  });
});

describe('the poller', () => {
  test('polls at once, then every interval after a success', async () => {
    const { poller, timers, successes } = setUp(['ok']);
    poller.start();
    expect(timers.delays).toEqual([0]);
    await timers.fire();
    await timers.fire();
    expect(timers.delays).toEqual([0, 1_800_000, 1_800_000]);
    expect(successes).toHaveLength(2);
    expect(poller.status).toMatchObject({ failures: 0, lastSuccess: new Date('2026-12-03T12:00:00Z') });
    await poller.stop();
  });

  test('after failures it backs off exponentially up to the cap, logs each with its attempt and next try, and resets on success', async () => {
    const down = new Error(
      'GET https://blog.example.com/feeds/posts/default?alt=json failed after 2 tries: HTTP 500 Internal Server Error',
    );
    const { poller, timers, logs, failures } = setUp([down, down, down, down, down, down, down, 'ok', 'ok'], () => 0);
    poller.start();
    for (let i = 0; i < 9; i++) await timers.fire();
    // Half of 1, 2, 4, 8, 16, 32, 60 (capped) minutes; then the interval twice.
    expect(timers.delays).toEqual([0, 30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000, 1_800_000]);
    expect(failures()).toBe(7);
    const warnings = logs.filter((l) => l.msg === 'live archive poll failed');
    expect(warnings).toHaveLength(7);
    expect(warnings[2]).toMatchObject({
      level: 'warn',
      source: 'https://blog.example.com',
      attempt: 3,
      retryInSeconds: 120,
      nextTry: '2026-12-03T12:02:00.000Z',
      reason: down.message,
    });
    expect(logs.some((l) => l.msg === 'live archive poll succeeded again' && l.after === 7)).toBe(true);
    expect(poller.status.failures).toBe(0);
    await poller.stop();
  });

  test('stop aborts a poll in flight, waits for it to end, and schedules nothing more', async () => {
    const timers = fakeTimers();
    let signal: AbortSignal | null = null;
    let ended = false;
    const poller = new Poller<void>({
      poll: (s) =>
        new Promise<void>((_resolve, reject) => {
          signal = s;
          s.addEventListener('abort', () =>
            setTimeout(() => {
              ended = true;
              reject(new Error('aborted'));
            }, 10),
          );
        }),
      intervalMs: 1000,
      backoff: { baseMs: 100, capMs: 1000 },
      logger: createLogger({ write: () => undefined }),
      source: 'x',
      timers,
    });
    poller.start();
    await timers.fire();
    expect(signal!.aborted).toBe(false);
    await poller.stop();
    expect(signal!.aborted).toBe(true);
    expect(ended).toBe(true);
    expect(timers.pending()).toBe(0);
    expect(poller.status.nextPollAt).toBeNull();
  });

  test('a metrics hook that throws does not stop the schedule', async () => {
    const timers = fakeTimers();
    const poller = new Poller<string>({
      poll: async () => 'ok',
      intervalMs: 1000,
      backoff: { baseMs: 100, capMs: 1000 },
      logger: createLogger({ write: () => undefined }),
      source: 'x',
      timers,
      onSuccess: () => {
        throw new Error('metrics broke');
      },
    });
    poller.start();
    await timers.fire();
    expect(timers.pending()).toBe(1);
    await poller.stop();
  });
});
