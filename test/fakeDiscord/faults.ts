/**
 * Faults the fake Discord can be told to inject: a route answering 5xx, rate-limiting with 429, or answering late.
 * Real Discord does all three; the bot must cope without hanging, retrying forever or leaving users on "thinking…".
 *
 *   const fault = fake.addFault({ method: 'POST', route: '/channels/:channelId/messages', status: 429, retryAfterSeconds: 30 });
 *   ...
 *   fault.hits;      // how many requests it answered
 *   fault.remove();
 */
export interface FaultRule {
  /** HTTP method (default: any). */
  method?: string;
  /** A route template of the fake, e.g. `/interactions/:interactionId/:token/callback`. */
  route: string;
  /** Only requests whose route parameters have these values (e.g. `{ channelId }`). */
  params?: Record<string, string>;
  /** Answer with this status instead of handling the request (500, 503, 429...); omit to handle it normally. */
  status?: number;
  /** For 429: the seconds Discord asks the client to wait (Retry-After and X-RateLimit-Reset-After). */
  retryAfterSeconds?: number;
  /** Hold the request this long first (then answer `status`, or handle it normally). */
  delayMs?: number;
  /** How many matching requests it applies to (default: every one until removed). */
  times?: number;
}

export interface FaultHandle {
  /** Requests the rule has applied to so far. */
  readonly hits: number;
  remove(): void;
}

export interface FaultReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface ActiveFault {
  rule: FaultRule;
  hits: number;
}

export class Faults {
  private readonly active: ActiveFault[] = [];

  add(rule: FaultRule): FaultHandle {
    const fault: ActiveFault = { rule, hits: 0 };
    this.active.push(fault);
    const active = this.active;
    return {
      get hits() {
        return fault.hits;
      },
      remove() {
        const i = active.indexOf(fault);
        if (i >= 0) active.splice(i, 1);
      },
    };
  }

  /** The first rule that applies to this request, counted as applied; undefined when none does. */
  take(method: string, route: string, params: Record<string, string>): FaultRule | undefined {
    const fault = this.active.find(
      ({ rule, hits }) =>
        rule.route === route &&
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        (rule.times === undefined || hits < rule.times) &&
        Object.entries(rule.params ?? {}).every(([name, value]) => params[name] === value),
    );
    if (!fault) return undefined;
    fault.hits += 1;
    return fault.rule;
  }
}

/** What Discord answers for a fault: its error bodies and, for 429, its rate-limit headers. */
export function faultReply(rule: FaultRule & { status: number }): FaultReply {
  if (rule.status === 429) {
    const seconds = rule.retryAfterSeconds ?? 1;
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
      headers: {
        'retry-after': String(seconds),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(seconds),
        'x-ratelimit-bucket': 'fake-fault-bucket',
        'x-ratelimit-scope': 'user',
      },
    };
  }
  return { status: rule.status, body: { message: `${rule.status}: fault injected by the fake`, code: 0 }, headers: {} };
}
