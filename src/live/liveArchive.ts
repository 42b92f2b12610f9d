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
import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { commentPermalink, importedCommentId, importedPostFileName, importedPostId, IMPORTED_POST_EXTENSION, parseImportedPostFile } from '../corpus/importedPost';
import { postLink } from '../corpus/postLink';
import { titleKey } from '../corpus/sameImportedPost';
import type { Comment, Post } from '../corpus/types';
import type { BotContext } from '../discord/context';
import { fetchFeedChanges, blogOrigin, type FeedChanges } from '../import/feedClient';
import { applyBatch } from '../import/importFolder';
import { ImportError, type BloggerComment, type BloggerPost, type FeedState, type ImportBatch } from '../import/types';
import type { Logger } from '../log';
import { applyLiveUpdate, type LiveUpdate } from './applyUpdate';
import { cursorAtNewestPost, LIVE_FOLDER_NAME, savedCursor } from './liveFolder';

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
      this.cursor = (await savedCursor(dir, context.config.archiveDir, this.origin)) ?? cursorAtNewestPost(context.archive.posts, this.origin);
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
    const update = await this.updateFor(batch);
    applyLiveUpdate(context, update, ++this.version);
    this.cursor = changes.nextState;
    const report: LivePollReport = {
      added: { posts: update.newPosts.length, comments: update.newPosts.reduce((n, p) => n + p.comments.length, 0) + update.grown.reduce((n, g) => n + g.comments.length, 0) },
      removed: update.removed.length,
      skipped,
      requests: changes.requests.length,
      cursor: changes.nextState,
    };
    const level = report.added.posts + report.added.comments + report.removed + skipped > 0 ? 'info' : 'debug';
    logger[level]('live archive polled', { blog: this.origin, ...report.added, removed: report.removed, skipped, requests: report.requests });
    return report;
  }

  /**
   * The changes the archive can hold: posts that are not text exports already served, comments whose thread is known
   * by Blogger id (served, or arriving in this batch), plus a post record for each thread the live folder lacks.
   */
  private async placeable(changes: FeedChanges): Promise<{ batch: ImportBatch; skipped: number }> {
    const { lookup, archive } = this.options.context;
    const textPosts = new Map<string, Post>();
    for (const post of archive.posts) if (!isImported(post) && post.date && post.title && !post.titleDerived) textPosts.set(`${post.date}|${titleKey(post.title)}`, post);
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
      if (served && !incoming.has(c.postId) && !carriers.has(c.postId) && !(await this.holds(c.postId))) carriers.set(c.postId, carrierRecord(served, c.postId));
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

  /** What the saved batch changes in what is served: new threads (read back as the loader reads them), new and removed comments. */
  private async updateFor(batch: ImportBatch): Promise<LiveUpdate> {
    const { lookup, config } = this.options.context;
    const update: LiveUpdate = { newPosts: [], grown: [], removed: [] };
    for (const record of batch.posts) {
      if (lookup.post(importedPostId(record.postId))) continue;
      const file = importedPostFileName(record.postId);
      const parsed = parseImportedPostFile(`${LIVE_FOLDER_NAME}/${file}`, await readFile(path.join(this.options.dir, file)));
      if (parsed.post) update.newPosts.push({ ...parsed.post, url: parsed.post.url ?? postLink(parsed.post, config.blogUrl) });
    }
    const byPost = new Map<string, BloggerComment[]>();
    for (const c of batch.comments) byPost.set(c.postId, [...(byPost.get(c.postId) ?? []), c]);
    for (const [bloggerPostId, records] of byPost) {
      const post = lookup.post(importedPostId(bloggerPostId));
      if (!post) continue;
      const comments = new Map(post.comments.map((c) => [c.id, c]));
      const added: Comment[] = [];
      records.sort((a, b) => (Date.parse(a.published ?? '') || 0) - (Date.parse(b.published ?? '') || 0));
      for (const record of records) {
        const id = importedCommentId(bloggerPostId, record.commentId);
        const known = comments.get(id);
        if (known) {
          if (record.removed && !known.removed) update.removed.push({ post, comment: known });
          continue;
        }
        const comment = newComment(post, bloggerPostId, record, comments, post.comments.length + added.length);
        comments.set(id, comment);
        added.push(comment);
      }
      if (added.length > 0) update.grown.push({ post, comments: added });
    }
    return update;
  }
}

/**
 * A comment arriving in a thread already served, placed as the loader would place it: a top-level comment after the
 * last one, a reply (to a reply, too) under its top-level comment after its replies. It is appended to the thread's
 * list (the index requires it); a restart puts it in thread order.
 */
function newComment(post: Post, bloggerPostId: string, record: BloggerComment, known: ReadonlyMap<string, Comment>, order: number): Comment {
  const parent = record.parentId ? known.get(importedCommentId(bloggerPostId, record.parentId)) : undefined;
  const rootId = parent ? (parent.parentId ?? parent.id) : null;
  const root = rootId ? known.get(rootId) : undefined;
  const siblings = [...known.values()].filter((c) => (root ? c.parentId === root.id : c.parentId === null)).length;
  const published = record.published ?? null;
  return {
    id: importedCommentId(bloggerPostId, record.commentId),
    postId: post.id,
    parentId: root ? root.id : null,
    position: root ? `${root.position}.${siblings + 1}` : String(siblings + 1),
    order,
    author: record.removed ? null : record.author,
    text: record.removed ? '' : record.text,
    removed: record.removed,
    line: null,
    published,
    url: record.url ?? commentPermalink(post.url, record.commentId, published),
  };
}
