/**
 * The Discord edge of the daily post. `startBot` calls `startDigestScheduler(client, context)` once the client is
 * ready; it runs the digest's poll loop (src/digest/scheduler.ts), skipping polls while the client is not ready, with
 * the channel sender of digestSend.ts (which maps Discord's refusals to "disable" or "retry").
 */
import type { Client } from 'discord.js';
import type Keyv from 'keyv';
import type { Archive } from '../corpus/types';
import { createDigestScheduler, type DigestScheduler, type DigestSchedulerOptions } from '../digest/scheduler';
import { digestSummarizeWith } from '../digest/select';
import { DigestStore } from '../digest/store';
import type { DigestSummarize } from '../digest/types';
import type { BotContext } from './context';
import { channelSender } from './digestSend';

const stores = new WeakMap<Keyv, DigestStore>();

/** One DigestStore per Keyv, shared by the scheduler and /digest (same claims, same warnings). */
export function digestStoreFor(context: Pick<BotContext, 'store' | 'logger'>): DigestStore {
  let store = stores.get(context.store);
  if (!store) {
    store = new DigestStore(context.store, { logger: context.logger });
    stores.set(context.store, store);
  }
  return store;
}

/** The thread summariser the digest uses for a post's gist and quote: the bot's cached one. */
export function digestSummarizer(context: Pick<BotContext, 'summaries'>): DigestSummarize {
  return digestSummarizeWith(context.summaries);
}

const running = new WeakMap<BotContext, { scheduler: DigestScheduler; handle: { stop(): void } }>();

/** The scheduler started for a context: tests call `tick()` on it instead of waiting for the next poll. */
export function digestSchedulerOf(context: BotContext): DigestScheduler | undefined {
  return running.get(context)?.scheduler;
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
  const existing = running.get(context);
  if (existing) return existing.handle;
  const archive: Archive = context.archive;
  const scheduler = createDigestScheduler({
    store: digestStoreFor(context),
    archive,
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
      running.delete(context);
    },
  };
  running.set(context, { scheduler, handle });
  scheduler.start();
  return handle;
}
