/**
 * One interaction the fake dispatched, and everything the bot did with it: the acknowledgement, the original
 * message (created, deferred, edited), follow-ups and autocomplete choices. Tests await its outcome.
 */
import type { FakeUser, Json } from './model';
import type { RecordedRequest, SentMessage, Violation } from './types';

export const CALLBACK = { Pong: 1, Reply: 4, DeferReply: 5, DeferUpdate: 6, Update: 7, Autocomplete: 8, Modal: 9 } as const;
export const INTERACTION = { Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

/** The parts of the fake an interaction needs to look things up and wait. */
export interface InteractionHost {
  readonly requests: RecordedRequest[];
  readonly violations: Violation[];
  message(id: string): SentMessage | undefined;
  waitUntil<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T>;
}

export class FakeInteraction {
  /** The callback type that acknowledged it (4 reply, 5 defer, 6 defer update, 7 update, 8 choices). */
  ackType: number | undefined;
  /** Milliseconds from dispatch to acknowledgement. */
  ackAfterMs: number | undefined;
  /** The message `@original` refers to once acknowledged. */
  originalMessageId: string | undefined;
  /** True once a deferred (5/6) original has been edited into its real content. */
  originalEdited = false;
  followUpIds: string[] = [];
  choices: Json[] | undefined;
  /** The gateway shards the INTERACTION_CREATE went to (the guild's shard, or shard 0 for a DM). */
  deliveredToShards: number[] = [];

  constructor(
    private readonly host: InteractionHost,
    readonly id: string,
    readonly token: string,
    readonly type: number,
    readonly user: FakeUser,
    /** The exact INTERACTION_CREATE payload sent to the bot. */
    readonly payload: Json,
    /** `performance.now()` at dispatch: the 3-second clock starts here. */
    readonly dispatchedAt: number,
    /** For component interactions: the message the component sits on. */
    readonly sourceMessageId?: string,
  ) {}

  get acknowledged(): boolean {
    return this.ackType !== undefined;
  }

  get deferred(): boolean {
    return this.ackType === CALLBACK.DeferReply || this.ackType === CALLBACK.DeferUpdate;
  }

  /** Every request that used this interaction's id or token. */
  get requests(): RecordedRequest[] {
    return this.host.requests.filter((r) => r.interactionId === this.id);
  }

  get violations(): Violation[] {
    return this.host.violations.filter((v) => v.interactionId === this.id);
  }

  original(): SentMessage | undefined {
    return this.originalMessageId ? this.host.message(this.originalMessageId) : undefined;
  }

  followUps(): SentMessage[] {
    return this.followUpIds.map((id) => this.host.message(id)).filter((m): m is SentMessage => m !== undefined);
  }

  /** What the user sees once the bot has really answered: a reply or update, or a deferred one's first edit. */
  private visibleOriginal(): SentMessage | undefined {
    if (this.ackType === CALLBACK.Reply || this.ackType === CALLBACK.Update) return this.original();
    if (this.deferred && this.originalEdited) return this.original();
    return undefined;
  }

  describe(): string {
    const lines = this.requests.map(
      (r) => `  ${r.method} ${r.path} -> ${r.status}${r.status >= 400 ? ' ' + JSON.stringify(r.response) : ''}`,
    );
    return `interaction ${this.id} (type ${this.type}, ack ${String(this.ackType)}):\n${lines.join('\n') || '  (no requests yet)'}`;
  }

  /** The first successful interaction callback (the acknowledgement). */
  waitForAck(timeoutMs = 5000): Promise<RecordedRequest> {
    return this.host.waitUntil(
      () => this.requests.find((r) => r.route.endsWith('/callback') && r.status < 400),
      timeoutMs,
      () => `no acknowledgement for ${this.describe()}`,
    );
  }

  /** The message the user sees as the answer (after a deferral: once it has been edited). */
  waitForReply(timeoutMs = 5000): Promise<SentMessage> {
    return this.host.waitUntil(
      () => this.visibleOriginal(),
      timeoutMs,
      () => `no visible reply for ${this.describe()}`,
    );
  }

  /**
   * Whatever the user sees first as the answer: the reply or update, a deferred reply's edit, or, after a deferred
   * update (type 6), either the edited message or a follow-up, whichever comes first.
   */
  waitForAnswer(timeoutMs = 5000): Promise<SentMessage> {
    return this.host.waitUntil(
      () =>
        this.visibleOriginal() ??
        (this.ackType === CALLBACK.DeferUpdate || this.ackType === CALLBACK.DeferReply ? this.followUps()[0] : undefined),
      timeoutMs,
      () => `no answer for ${this.describe()}`,
    );
  }

  /** The autocomplete choices the bot responded with. */
  waitForChoices(timeoutMs = 5000): Promise<Json[]> {
    return this.host.waitUntil(
      () => this.choices,
      timeoutMs,
      () => `no autocomplete choices for ${this.describe()}`,
    );
  }

  /** The n-th follow-up message (0-based). */
  waitForFollowUp(n = 0, timeoutMs = 5000): Promise<SentMessage> {
    return this.host.waitUntil(
      () => this.followUps()[n],
      timeoutMs,
      () => `no follow-up #${n} for ${this.describe()}`,
    );
  }

  /** Any request of this interaction matching `predicate`, past or future. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.host.waitUntil(
      () => this.requests.find(predicate),
      timeoutMs,
      () => `no matching request for ${this.describe()}`,
    );
  }

  /** Resolves with the first error the fake returned on this interaction (a limit, a double acknowledgement, ...). */
  waitForViolation(timeoutMs = 5000): Promise<Violation> {
    return this.host.waitUntil(
      () => this.violations[0],
      timeoutMs,
      () => `no violation for ${this.describe()}`,
    );
  }
}
