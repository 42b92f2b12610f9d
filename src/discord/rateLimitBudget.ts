/**
 * A bound on how long one request may wait out Discord's rate limits.
 *
 * @discordjs/rest waits out every 429 and sends again, with no limit: a channel that stays rate-limited kept a
 * `/digest now` on "thinking…" for as long as it lasted. The REST client asks `rejectOnRateLimit` before each such
 * wait; this answers "give up" once the wait would run past the deadline of a request given a budget (and only
 * for those: other requests keep discord.js's behaviour). Giving up happens before the request is sent again, so
 * a post is never sent twice: the caller gets a RateLimitError and can say so and retry later.
 *
 *   const budgets = new RateLimitBudgets();
 *   new Client({ rest: { rejectOnRateLimit: budgets.shouldReject } });
 *   await budgets.within('POST', Routes.channelMessages(id), 10_000, () => client.rest.post(...));
 */
import type { RateLimitData } from '@discordjs/rest';

interface Budgeted {
  method: string;
  path: string;
  deadline: number;
}

export class RateLimitBudgets {
  private readonly active = new Set<Budgeted>();

  constructor(private readonly now: () => number = Date.now) {}

  /** For the REST client's `rejectOnRateLimit`: true when a budgeted request would wait past its deadline. */
  readonly shouldReject = (data: Pick<RateLimitData, 'method' | 'url' | 'timeToReset' | 'retryAfter' | 'sublimitTimeout'>): boolean => {
    const wait = Math.max(data.timeToReset, data.retryAfter, data.sublimitTimeout);
    const method = data.method.toUpperCase();
    let path: string;
    try {
      path = new URL(data.url).pathname;
    } catch {
      path = data.url;
    }
    for (const entry of this.active) {
      if (entry.method === method && path.endsWith(entry.path) && this.now() + wait > entry.deadline) return true;
    }
    return false;
  };

  /** Runs `request` (a REST call to `method` `path`, e.g. Routes.channelMessages(id)) allowing at most `budgetMs` of rate-limit waits. */
  async within<T>(method: string, path: string, budgetMs: number, request: () => Promise<T>): Promise<T> {
    const entry: Budgeted = { method: method.toUpperCase(), path, deadline: this.now() + budgetMs };
    this.active.add(entry);
    try {
      return await request();
    } finally {
      this.active.delete(entry);
    }
  }
}

const byClient = new WeakMap<object, RateLimitBudgets>();

/** The budgets a client was created with (see startBot), so code holding only the client can use them. */
export function attachRateLimitBudgets(client: object, budgets: RateLimitBudgets): void {
  byClient.set(client, budgets);
}

export function rateLimitBudgetsOf(client: object): RateLimitBudgets | undefined {
  return byClient.get(client);
}
