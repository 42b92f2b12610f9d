/**
 * The Discord edge of the daily post. `startBot` calls `startDigestScheduler(client, context)` once the client is
 * ready; it runs the digest's poll loop (src/digest/scheduler.ts), skipping polls while the client is not ready, with
 * the channel sender of digestSend.ts (which maps Discord's refusals to "disable" or "retry").
 */
import type { Client } from 'discord.js';
import type { Archive } from '../corpus/types';
import { createDigestScheduler, type DigestScheduler, type DigestSchedulerOptions } from '../digest/scheduler';
import { DigestPool, digestSummarizeWith } from '../digest/select';
import { DigestStore } from '../digest/store';
import type { DigestSummarize } from '../digest/types';
import { memoKey } from '../util/memo';
import type { BotContext } from './context';
import { channelSender } from './digestSend';

const DIGEST_STORE = memoKey<DigestStore>('digest store');
const DIGEST_POOL = memoKey<DigestPool>('digest pool');
const DIGEST_RUNNING = memoKey<{ scheduler: DigestScheduler; handle: { stop(): void } }>('digest scheduler');

/** One DigestStore per context, shared by the scheduler and /digest (same claims, same warnings). */
export function digestStoreFor(context: Pick<BotContext, 'store' | 'logger' | 'memo'>): DigestStore {
  return context.memo.get(DIGEST_STORE, context.store, (store) => new DigestStore(store, { logger: context.logger }));
}

/** What the daily post's selection keeps between days, shared by the scheduler and /digest preview and now. */
export function digestPoolFor(context: Pick<BotContext, 'archive' | 'memo'>): DigestPool {
  return context.memo.get(DIGEST_POOL, context.archive, (archive) => new DigestPool(archive));
}

/** The thread summariser the digest uses for a post's gist and quote: the bot's cached one. */
export function digestSummarizer(context: Pick<BotContext, 'summaries'>): DigestSummarize {
  return digestSummarizeWith(context.summaries);
}

/** The scheduler started for a context: tests call `tick()` on it instead of waiting for the next poll. */
export function digestSchedulerOf(context: BotContext): DigestScheduler | undefined {
  return context.memo.peek(DIGEST_RUNNING, context)?.scheduler;
}

/**
 * Starts the daily posts for every configured server. Never throws: a store problem is logged and retried slowly.
 * Idempotent per context: a second call returns the running scheduler's handle.
 */
export function startDigestScheduler(
  client: Client,
  context: BotContext,
  options: Pick<DigestSchedulerOptions, 'intervalMs' | 'timers' | 'onOutcomes' | 'ownsServer'> = {},
): { stop(): void } {
  const existing = context.memo.peek(DIGEST_RUNNING, context);
  if (existing) return existing.handle;
  const archive: Archive = context.archive;
  const scheduler = createDigestScheduler({
    store: digestStoreFor(context),
    archive,
    pool: digestPoolFor(context),
    send: channelSender(client),
    logger: context.logger,
    now: context.now,
    summarize: digestSummarizer(context),
    intervalMs: options.intervalMs,
    timers: options.timers,
    onOutcomes: options.onOutcomes,
    ownsServer: options.ownsServer,
    isReady: () => client.isReady(),
  });
  const handle = {
    stop() {
      scheduler.stop();
      context.memo.delete(DIGEST_RUNNING, context);
    },
  };
  context.memo.set(DIGEST_RUNNING, context, { scheduler, handle });
  scheduler.start();
  return handle;
}
