/**
 * Everything a command needs, built once at start-up and passed in (no module-level singletons), so the bot, the
 * console mode and tests build the same thing in the same way.
 */
import path from 'node:path';
import type Keyv from 'keyv';
import type { BotConfig } from '../config';
import type { Archive, Comment, Post } from '../corpus/types';
import { ChartCache, chartFonts, MISSING_FONT_HINT } from '../charts';
import { loadArchiveCached } from '../corpus/archiveCache';
import type { Logger } from '../log';
import { loadOrBuildSearchIndex, type SearchIndex } from '../search';
import { createSummarizer, loadOrBuildCorpusStats, STATS_CACHE_FILE_NAME, ThreadFinder, type Summarizer } from '../summary';
import { cooldownLedgerFor } from '../store/cooldownLedger';
import { guardStore } from '../store/guardStore';
import { liveArchiveDir } from '../live/liveFolder';
import { restoreLiveArchive } from '../live/restore';
import { Cooldowns } from './cooldowns';

/** Posts and comments by id, for custom_ids that carry ids. */
export class ArchiveLookup {
  private readonly posts = new Map<string, Post>();
  /** Made on first use, and only for an archive that cannot find comments itself (see Archive#commentIndex). */
  private comments: Map<string, { comment: Comment; post: Post }> | null = null;
  /** Comments added while running (the live archive, src/live), which the archive's own index does not hold. */
  private readonly added = new Map<string, { comment: Comment; post: Post }>();
  constructor(private readonly archive: Archive) {
    for (const post of archive.posts) this.posts.set(post.id, post);
  }
  /** Makes a post added while running, and comments added to any post, findable by id. */
  add(post: Post, comments: readonly Comment[] = post.comments): void {
    this.posts.set(post.id, post);
    for (const comment of comments) this.added.set(comment.id, { comment, post });
  }
  post(id: string): Post | undefined {
    return this.posts.get(id);
  }
  comment(id: string): { comment: Comment; post: Post } | undefined {
    const added = this.added.get(id);
    if (added) return added;
    if (this.archive.commentIndex) return this.archive.commentIndex.find(id);
    if (!this.comments) {
      this.comments = new Map();
      for (const post of this.archive.posts) for (const comment of post.comments) this.comments.set(comment.id, { comment, post });
    }
    return this.comments.get(id);
  }
}

export interface BotContext {
  config: BotConfig;
  archive: Archive;
  lookup: ArchiveLookup;
  search: SearchIndex;
  threads: ThreadFinder;
  /** Thread summaries, computed on first use and kept (LRU). */
  summaries: Summarizer;
  /** /trend and /author charts, kept per question for this archive (LRU, bounded in count and bytes). */
  charts: ChartCache;
  /** Keyv store (namespace `bot`): component state too big for a custom_id. Its failures are StoreUnavailableError. */
  store: Keyv;
  cooldowns: Cooldowns;
  logger: Logger;
  now: () => Date;
  /** A number in [0, 1): `Math.random` except in tests. */
  random: () => number;
}

export interface LoadedContextInfo {
  posts: number;
  comments: number;
  problems: number;
  indexBuilt: boolean;
  indexMs: number;
  archiveMs: number;
}

export interface CreateContextOptions {
  config: BotConfig;
  store: Keyv;
  logger: Logger;
  now?: () => Date;
  random?: () => number;
}

/**
 * Loads the archive, the search index and the corpus statistics, each from its cache under DATA_DIR/index when the
 * archive is unchanged (a restart then costs a second or two instead of a full parse and index build).
 */
export async function createBotContext(options: CreateContextOptions): Promise<{ context: BotContext; info: LoadedContextInfo }> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const cacheDir = path.join(config.dataDir, 'index');
  const loaded = await loadArchiveCached(config.archiveDir, { cacheDir, blogUrl: config.blogUrl, logger });
  const archive = loaded.archive;
  const archiveMs = loaded.ms;
  // Together: on a first start the index is built in worker threads while the statistics are counted here.
  const [{ index, built, ms }, { stats }] = await Promise.all([
    loadOrBuildSearchIndex(archive, { cacheDir, logger }),
    loadOrBuildCorpusStats(archive, path.join(cacheDir, STATS_CACHE_FILE_NAME), logger),
  ]);
  const fonts = chartFonts();
  if (!fonts.found) logger.warn(MISSING_FONT_HINT);
  const context: BotContext = {
    config,
    archive,
    lookup: new ArchiveLookup(archive),
    search: index,
    threads: new ThreadFinder(archive.posts),
    summaries: createSummarizer(archive, { stats }),
    charts: new ChartCache({ fonts }),
    store: guardStore(options.store),
    // Shared through the store when it is PostgreSQL or Redis, so several bot processes enforce one cooldown.
    cooldowns: new Cooldowns(now, true, { ledger: cooldownLedgerFor(options.store), logger }),
    logger,
    now,
    random: options.random ?? Math.random,
  };
  // What the live archive (src/live) saved is served whether or not ARCHIVE_FEED_URL is still set.
  const restored = await restoreLiveArchive(context, liveArchiveDir(config.dataDir), logger);
  const info: LoadedContextInfo = {
    posts: context.archive.posts.length,
    comments: (archive.commentIndex?.count ?? archive.posts.reduce((n, p) => n + p.comments.length, 0)) + restored.comments,
    problems: archive.problems.length,
    indexBuilt: built,
    indexMs: ms,
    archiveMs,
  };
  return { context, info };
}
