/**
 * The bot's Prometheus metrics (prom-client), served at GET /metrics by the health server. One registry per running
 * bot, not prom-client's global one, so tests can run several bots in one process without their counts mixing.
 *
 *   archive_bot_interactions_total{type, command, outcome}   every interaction handled; outcome is
 *       ok | refused (a user error: cooldown, bad query, no permission) | error (our failure) | undelivered
 *       (the answer could not be sent: expired token, Discord refused it)
 *   archive_bot_interaction_duration_seconds{type, command}  from receipt to the last answer sent
 *   archive_bot_digest_posts_total                           daily posts sent
 *   archive_bot_digest_failures_total{reason}                retry | disabled | failed
 *   archive_bot_archive_posts / _comments                    the archive being served
 *   archive_bot_live_last_success_timestamp_seconds          the live archive's last successful poll (ARCHIVE_FEED_URL)
 *   archive_bot_live_added_total{kind}                       posts | comments the live archive added
 *   archive_bot_live_removed_total                           comments found removed since
 *   archive_bot_live_poll_failures_total                     polls that failed (each then backs off)
 *   archive_bot_gateway_shard_up{shard}, archive_bot_store_up  read at scrape time
 *   archive_bot_process_* / archive_bot_nodejs_*             prom-client's default process metrics (RSS, heap, GC)
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DigestOutcome } from '../digest/run';

export type InteractionType = 'command' | 'component' | 'autocomplete';
export type InteractionOutcome = 'ok' | 'refused' | 'error' | 'undelivered';

/** What the interaction handler reports; the edge knows nothing else of Prometheus. */
export interface InteractionObserver {
  observeInteraction(type: InteractionType, command: string, outcome: InteractionOutcome, seconds: number): void;
}

export const METRIC_PREFIX = 'archive_bot_';

/** Latency buckets around Discord's 3-second deadline and our 1.5-second deferral. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10];

export interface LiveReadings {
  /** Shard id → whether it is connected and ready. */
  shards(): Array<{ id: number; up: boolean }>;
  /** Whether the store answered its last probe. */
  storeUp(): Promise<boolean>;
}

export class BotMetrics implements InteractionObserver {
  readonly registry = new Registry();
  private readonly interactions: Counter<'type' | 'command' | 'outcome'>;
  private readonly latency: Histogram<'type' | 'command'>;
  private readonly digestPosts: Counter;
  private readonly digestFailures: Counter<'reason'>;
  private readonly archivePosts: Gauge;
  private readonly archiveComments: Gauge;
  private readings: LiveReadings | null = null;
  private readonly liveLastSuccess: Gauge;
  private readonly liveAdded: Counter<'kind'>;
  private readonly liveRemoved: Counter;
  private readonly liveFailures: Counter;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    this.interactions = new Counter({
      name: `${METRIC_PREFIX}interactions_total`,
      help: 'Interactions handled, by type, command and outcome (ok, refused, error, undelivered).',
      labelNames: ['type', 'command', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: `${METRIC_PREFIX}interaction_duration_seconds`,
      help: 'Time from receiving an interaction to sending its last answer.',
      labelNames: ['type', 'command'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.digestPosts = new Counter({ name: `${METRIC_PREFIX}digest_posts_total`, help: 'Daily "from the archive" posts sent.', registers });
    this.digestFailures = new Counter({
      name: `${METRIC_PREFIX}digest_failures_total`,
      help: 'Daily posts not sent: retry (will try again), disabled (channel gone or permission lost), failed (our error).',
      labelNames: ['reason'],
      registers,
    });
    for (const reason of ['retry', 'disabled', 'failed']) this.digestFailures.inc({ reason }, 0);
    this.archivePosts = new Gauge({ name: `${METRIC_PREFIX}archive_posts`, help: 'Posts in the archive being served.', registers });
    this.archiveComments = new Gauge({
      name: `${METRIC_PREFIX}archive_comments`,
      help: 'Comments in the archive being served.',
      registers,
    });
    this.liveLastSuccess = new Gauge({
      name: `${METRIC_PREFIX}live_last_success_timestamp_seconds`,
      help: 'When the live archive last polled the blog feed successfully (Unix time; absent until then).',
      registers,
    });
    this.liveAdded = new Counter({
      name: `${METRIC_PREFIX}live_added_total`,
      help: 'Posts and comments the live archive added from the blog feed.',
      labelNames: ['kind'],
      registers,
    });
    this.liveRemoved = new Counter({
      name: `${METRIC_PREFIX}live_removed_total`,
      help: 'Comments the live archive found removed on the blog since they were served.',
      registers,
    });
    this.liveFailures = new Counter({
      name: `${METRIC_PREFIX}live_poll_failures_total`,
      help: 'Live archive polls that failed (each is retried with backoff).',
      registers,
    });
    const readings = () => this.readings;
    new Gauge({
      name: `${METRIC_PREFIX}gateway_shard_up`,
      help: '1 while the gateway shard is connected and ready.',
      labelNames: ['shard'],
      registers,
      collect() {
        this.reset();
        for (const shard of readings()?.shards() ?? []) this.set({ shard: String(shard.id) }, shard.up ? 1 : 0);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}store_up`,
      help: '1 when the state store (SQLite, PostgreSQL or Redis) answered its last probe.',
      registers,
      async collect() {
        const source = readings();
        if (source) this.set((await source.storeUp()) ? 1 : 0);
      },
    });
  }

  /** Where the scrape-time gauges read from (once the client and store exist). */
  readFrom(readings: LiveReadings): void {
    this.readings = readings;
  }

  observeInteraction(type: InteractionType, command: string, outcome: InteractionOutcome, seconds: number): void {
    this.interactions.inc({ type, command, outcome });
    this.latency.observe({ type, command }, seconds);
  }

  observeDigest(outcomes: DigestOutcome[]): void {
    for (const outcome of outcomes) {
      if (outcome.status === 'posted') this.digestPosts.inc();
      else if (outcome.status === 'retry' || outcome.status === 'disabled' || outcome.status === 'failed')
        this.digestFailures.inc({ reason: outcome.status });
    }
  }

  observeLivePoll(at: Date, added: { posts: number; comments: number }, removed: number): void {
    this.liveLastSuccess.set(at.getTime() / 1000);
    this.liveAdded.inc({ kind: 'posts' }, added.posts);
    this.liveAdded.inc({ kind: 'comments' }, added.comments);
    this.liveRemoved.inc(removed);
  }

  observeLiveFailure(): void {
    this.liveFailures.inc();
  }

  setArchiveSize(posts: number, comments: number): void {
    this.archivePosts.set(posts);
    this.archiveComments.set(comments);
  }

  async render(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
