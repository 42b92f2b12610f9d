/**
 * The live archive: with ARCHIVE_FEED_URL set, the running bot polls the blog's public feeds every
 * ARCHIVE_FEED_POLL_MINUTES and serves new posts and comments at once (liveArchive.ts, applyUpdate.ts), keeping them
 * in DATA_DIR/live-archive (liveFolder.ts) for restarts. Failures back off (poller.ts, backoff.ts) and never stop the bot.
 *
 * One poller per bot process: a process runs all its gateway shards in worker threads and serves every interaction
 * from its one index in the main thread (src/discord/sharding.ts), so the adds reach that index once. Processes that
 * split the shards with SHARD_IDS each hold an index of their own and each poll; sharing a DATA_DIR is safe (the
 * folder's lock and merge by Blogger id), and a poll that meets the other's lock backs off and tries again.
 */
import type { BotConfig } from '../config';
import type { BotContext } from '../discord/context';
import type { Logger } from '../log';
import type { Timers } from '../digest/scheduler';
import { backoffFor } from './backoff';
import { LiveArchive, type LivePollReport } from './liveArchive';
import { liveArchiveDir } from './liveFolder';
import { Poller, type PollerStatus } from './poller';

export { LiveArchive, type LivePollReport } from './liveArchive';
export { liveArchiveDir, LIVE_FOLDER_NAME } from './liveFolder';

/** What the bot's metrics learn from the live archive (BotMetrics implements it). */
export interface LiveObserver {
  observeLivePoll(at: Date, added: { posts: number; comments: number }, removed: number): void;
  observeLiveFailure(): void;
}

export interface RunningLiveArchive {
  readonly status: PollerStatus;
  /** Polls now instead of waiting (resolves when that poll has ended, whatever its outcome). */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartLiveArchiveOptions {
  config: Pick<BotConfig, 'feedUrl' | 'feedPollMinutes' | 'dataDir'>;
  logger: Logger;
  observer?: LiveObserver | null;
  /** Called after a poll changed what is served. */
  onChange?: (report: LivePollReport) => void;
  fetch?: typeof fetch;
  timers?: Timers;
  now?: () => Date;
  random?: () => number;
}

/** Starts polling when ARCHIVE_FEED_URL is set; null otherwise. */
export function startLiveArchive(context: BotContext, options: StartLiveArchiveOptions): RunningLiveArchive | null {
  const { config } = options;
  if (!config.feedUrl) return null;
  const logger = options.logger.child({ component: 'live-archive' });
  const live = new LiveArchive({
    context,
    feedUrl: config.feedUrl,
    dir: liveArchiveDir(config.dataDir),
    logger,
    fetch: options.fetch,
    now: options.now,
  });
  const intervalMs = Math.round((config.feedPollMinutes ?? 30) * 60_000);
  const poller = new Poller<LivePollReport>({
    poll: (signal) => live.poll(signal),
    intervalMs,
    backoff: backoffFor(intervalMs),
    logger,
    source: live.origin,
    timers: options.timers,
    now: options.now,
    random: options.random,
    onSuccess: (report, at) => {
      options.observer?.observeLivePoll(at, report.added, report.removed);
      if (report.added.posts + report.added.comments + report.removed > 0) options.onChange?.(report);
    },
    onFailure: () => options.observer?.observeLiveFailure(),
  });
  logger.info('live archive polling', { blog: live.origin, everyMinutes: config.feedPollMinutes, folder: liveArchiveDir(config.dataDir) });
  poller.start();
  return { status: poller.status, pollNow: () => poller.pollNow(), stop: () => poller.stop() };
}
