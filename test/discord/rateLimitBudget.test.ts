/** RateLimitBudgets: a budgeted request gives up on rate limits before its deadline; others wait as discord.js would. */
import { RateLimitBudgets } from '../../src/discord/rateLimitBudget';

const URL_BASE = 'http://127.0.0.1:1/api/v10';
const limit = (method: string, path: string, waitMs: number) => ({
  method,
  url: `${URL_BASE}${path}`,
  timeToReset: waitMs,
  retryAfter: waitMs,
  sublimitTimeout: 0,
});

test('a channel that keeps answering 429 with a short wait is given up once the next wait would pass the budget', async () => {
  let now = 0;
  const budgets = new RateLimitBudgets(() => now);
  let waits = 0;
  // What the REST client does on a persistent 429: ask, then wait, then send again, forever unless told to stop.
  const outcome = await budgets.within('POST', '/channels/42/messages', 10_000, async () => {
    for (;;) {
      if (budgets.shouldReject(limit('post', '/channels/42/messages', 1000))) return `gave up after ${waits} waits at ${now} ms`;
      now += 1000;
      waits += 1;
    }
  });
  expect(outcome).toBe('gave up after 10 waits at 10000 ms');
});

test('a wait longer than the whole budget is refused at once; the same route outside `within`, or another route, is not', async () => {
  const budgets = new RateLimitBudgets(() => 0);
  expect(budgets.shouldReject(limit('POST', '/channels/42/messages', 60_000))).toBe(false);
  await budgets.within('POST', '/channels/42/messages', 10_000, async () => {
    expect(budgets.shouldReject(limit('POST', '/channels/42/messages', 60_000))).toBe(true);
    expect(budgets.shouldReject(limit('POST', '/channels/43/messages', 60_000))).toBe(false);
    expect(budgets.shouldReject(limit('PATCH', '/channels/42/messages', 60_000))).toBe(false);
  });
  expect(budgets.shouldReject(limit('POST', '/channels/42/messages', 60_000))).toBe(false);
});
