/**
 * One poll of the live archive: what the blog's feeds changed since the cursor (fetchFeedChanges, the importer's
 * incremental reader), written to the live folder (liveFolder.ts) and then put into the running bot
 * (applyUpdate.ts). Written first: what is served has been saved, so a restart serves it without refetching, and a
 * poll that could not save fails whole and is retried, its cursor unchanged.
 *
 * Nothing is added twice: Blogger's `updated-min` is inclusive, the same item comes back after a failed save, and
 * several bot processes may share one folder; every post and comment is recognised by its Blogger id. A comment that
 * comes back removed is marked removed. Comments on a post the archive holds only as a text export (no Blogger ids)
 * cannot be placed in its thread and are counted as skipped, as is a feed post that is such a text post; the fix is
 * one `cli import --from <blog URL>` into the archive folder.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { importedPostFileName, importedPostId, IMPORTED_POST_EXTENSION } from '../corpus/importedPost';
import { titleKey } from '../corpus/sameImportedPost';
import type { Post } from '../corpus/types';
import type { BotContext } from '../discord/context';
import { fetchFeedChanges, blogOrigin, type FeedChanges } from '../import/feedClient';
import { applyBatch } from '../import/importFolder';
import { ImportError, type BloggerComment, type BloggerPost, type FeedState, type ImportBatch } from '../import/types';
import type { Logger } from '../log';
import { applyLiveUpdate } from './applyUpdate';
import { planUpdate } from './planUpdate';
import { cursorAtNewestPost, savedCursor } from './liveFolder';

export interface LiveArchiveOptions {
  context: BotContext;
  /** The blog's address (ARCHIVE_FEED_URL). */
  feedUrl: string;
  /** The live folder (liveArchiveDir(DATA_DIR)). */
  dir: string;
  logger: Logger;
  /** Injected in tests; the global fetch by default. */
  fetch?: typeof fetch;
  /** Per feed request (default 30 s). */
  timeoutMs?: number;
  /** Quick retries of one request inside a poll before the poll counts as failed (default 1; the poller backs off after). */
  retries?: number;
  retryDelayMs?: number;
  now?: () => Date;
}

/** What one poll did. */
export interface LivePollReport {
  added: { posts: number; comments: number };
  removed: number;
  /** Items the archive cannot place (see the module comment). */
  skipped: number;
  requests: number;
  /** The cursor after this poll. */
  cursor: FeedState;
}

/** A post record for a thread the live folder does not hold yet, so the importer's writer can put a comment under it. */
function carrierRecord(post: Post, bloggerPostId: string): BloggerPost {
  return {
    type: 'post',
    postId: bloggerPostId,
    blogId: null,
    title: post.titleDerived ? '' : (post.title ?? ''),
    body: post.body,
    published: post.published ?? null,
    updated: null,
    url: post.url,
    author: null,
    authorUrl: null,
    labels: [],
  };
}

const isImported = (post: Post) => post.source.endsWith(IMPORTED_POST_EXTENSION);

export class LiveArchive {
  private cursor: FeedState | null | undefined = undefined;
  private version = 0;
  readonly origin: string;

  constructor(private readonly options: LiveArchiveOptions) {
    this.origin = blogOrigin(options.feedUrl);
  }

  async poll(signal: AbortSignal): Promise<LivePollReport> {
    const { context, dir, logger } = this.options;
    if (this.cursor === undefined) {
      this.cursor =
        (await savedCursor(dir, context.config.archiveDir, this.origin)) ?? cursorAtNewestPost(context.archive.posts, this.origin);
      logger.info('live archive starts', { blog: this.origin, from: this.cursor });
    }
    const baseFetch = this.options.fetch ?? fetch;
    const changes = await fetchFeedChanges(this.options.feedUrl, this.cursor, {
      // Stopping the bot ends the poll at once: an ImportError is not retried by the feed client, an abort would be.
      fetch: async (input, init) => {
        if (signal.aborted) throw new ImportError('stopped: the bot is stopping');
        try {
          return await baseFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
        } catch (e) {
          if (signal.aborted) throw new ImportError('stopped: the bot is stopping');
          throw e;
        }
      },
      timeoutMs: this.options.timeoutMs,
      retries: this.options.retries ?? 1,
      retryDelayMs: this.options.retryDelayMs,
      logger,
    });
    signal.throwIfAborted();
    const { batch, skipped } = await this.placeable(changes);
    const cursorMoved = JSON.stringify(changes.nextState) !== JSON.stringify(this.cursor);
    if (batch.posts.length > 0 || batch.comments.length > 0 || cursorMoved) {
      await applyBatch(dir, batch, { source: { kind: 'feed', location: this.origin }, feed: changes.nextState, now: this.options.now });
    }
    const update = await planUpdate(context, dir, batch);
    applyLiveUpdate(context, update, ++this.version);
    this.cursor = changes.nextState;
    const report: LivePollReport = {
      added: {
        posts: update.newPosts.length,
        comments: update.newPosts.reduce((n, p) => n + p.comments.length, 0) + update.grown.reduce((n, g) => n + g.comments.length, 0),
      },
      removed: update.removed.length,
      skipped,
      requests: changes.requests.length,
      cursor: changes.nextState,
    };
    const level = report.added.posts + report.added.comments + report.removed + skipped > 0 ? 'info' : 'debug';
    logger[level]('live archive polled', {
      blog: this.origin,
      ...report.added,
      removed: report.removed,
      skipped,
      requests: report.requests,
    });
    return report;
  }

  /**
   * The changes the archive can hold: posts that are not text exports already served, comments whose thread is known
   * by Blogger id (served, or arriving in this batch), plus a post record for each thread the live folder lacks.
   */
  private async placeable(changes: FeedChanges): Promise<{ batch: ImportBatch; skipped: number }> {
    const { lookup, archive } = this.options.context;
    const textPosts = new Map<string, Post>();
    for (const post of archive.posts)
      if (!isImported(post) && post.date && post.title && !post.titleDerived) textPosts.set(`${post.date}|${titleKey(post.title)}`, post);
    let skipped = 0;
    const posts = changes.posts.filter((p) => {
      const date = p.published?.slice(0, 10);
      const twin = lookup.post(importedPostId(p.postId)) ? undefined : textPosts.get(`${date}|${titleKey(p.title)}`);
      if (twin) skipped++;
      return !twin;
    });
    const incoming = new Set(posts.map((p) => p.postId));
    const carriers = new Map<string, BloggerPost>();
    const comments: BloggerComment[] = [];
    for (const c of changes.comments) {
      const served = lookup.post(importedPostId(c.postId));
      if (!incoming.has(c.postId) && !(served && isImported(served))) {
        skipped++;
        continue;
      }
      comments.push(c);
      if (served && !incoming.has(c.postId) && !carriers.has(c.postId) && !(await this.holds(c.postId)))
        carriers.set(c.postId, carrierRecord(served, c.postId));
    }
    const batch: ImportBatch = { ...changes, posts: [...posts, ...carriers.values()], comments };
    return { batch, skipped };
  }

  private holds(bloggerPostId: string): Promise<boolean> {
    return stat(path.join(this.options.dir, importedPostFileName(bloggerPostId))).then(
      () => true,
      () => false,
    );
  }
}
