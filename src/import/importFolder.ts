/**
 * Writes an ImportBatch into an import folder (layout: src/corpus/importedPost.ts), merging by Blogger id with what
 * the folder already holds: a re-import of the same source changes nothing, a newer source adds and updates, and
 * nothing already imported is ever dropped (a comment missing from a later feed page is still a comment that was
 * written). Only the threads a batch touches are read and rewritten; the other files are carried over as hard links.
 *
 * Nothing is ever half-written: the new folder is built beside the old one and renamed into place (folderSwap.ts),
 * so a failed or interrupted run leaves the archive as it was.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { TaskPool } from '../util/taskPool';
import { acquireLock, recover, swapInto } from './folderSwap';
import path from 'node:path';
import {
  IMPORT_MANIFEST_FILE,
  IMPORTED_POST_EXTENSION,
  importedPostFileName,
  readRecords,
  type BloggerCommentRecord,
  type BloggerPostRecord,
} from '../corpus/importedPost';
import type { Problem } from '../corpus/types';
import { countSkip, ImportError, type FeedState, type ImportBatch, type ImportProblem, type ItemPart, type SkipCounts } from './types';

export const MANIFEST_FORMAT = 'archive-bot/blogger-import';

export type SourceKind = 'backup' | 'takeout' | 'feed';

/** `blogger-import.json`: what the folder holds and where it came from. */
export interface ImportManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  blogUrl: string | null;
  blogId: string | null;
  /** The last run: what it read and when (ISO 8601). */
  lastSource: { kind: SourceKind; location: string };
  updatedAt: string;
  /** Totals in the folder. */
  posts: number;
  comments: number;
  /** The public feed's cursor for the next incremental run; null until the folder has been fed from a blog URL. */
  feed: FeedState | null;
}

export interface ApplyOptions {
  source: { kind: SourceKind; location: string };
  /** The feed cursor after this batch (feed imports). */
  feed?: FeedState;
  now?: () => Date;
}

export interface ChangeCounts {
  posts: number;
  comments: number;
}

export interface ApplyResult {
  out: string;
  /** Totals in the folder after the run. */
  posts: number;
  comments: number;
  added: ChangeCounts;
  updated: ChangeCounts;
  /** Comments that were readable before and are now removed on the blog. */
  removedSince: number;
  skipped: SkipCounts;
  problems: ImportProblem[];
  manifest: ImportManifest;
}

interface Thread {
  post: BloggerPostRecord;
  comments: Map<string, BloggerCommentRecord>;
  changed: boolean;
}

/** Fixed key order, so an unchanged record serialises to the same bytes and an unchanged file is recognised. */
function postLine(p: BloggerPostRecord): string {
  const { postId, blogId, title, published, updated, url, author, authorUrl, labels, body } = p;
  return JSON.stringify({ type: 'post', postId, blogId, title, published, updated, url, author, authorUrl, labels, body });
}

function commentLine(c: BloggerCommentRecord): string {
  const { commentId, postId, parentId, author, authorUrl, published, updated, url, removed, text } = c;
  return JSON.stringify({ type: 'comment', commentId, postId, parentId, author, authorUrl, published, updated, url, removed, text });
}

function time(value: string | null): number {
  const t = value ? Date.parse(value) : NaN;
  return Number.isFinite(t) ? t : Number.MAX_SAFE_INTEGER;
}

function threadFile(thread: Thread): string {
  const comments = [...thread.comments.values()].sort(
    (a, b) => time(a.published) - time(b.published) || (a.commentId < b.commentId ? -1 : 1),
  );
  return [postLine(thread.post), ...comments.map(commentLine)].join('\n') + '\n';
}

/** Incoming values win, but a source that lacks something (Takeout has no comment links) never erases what another gave. */
function mergePost(old: BloggerPostRecord, incoming: BloggerPostRecord): BloggerPostRecord {
  return {
    ...incoming,
    blogId: incoming.blogId ?? old.blogId,
    published: incoming.published ?? old.published,
    updated: incoming.updated ?? old.updated,
    url: incoming.url ?? old.url,
    author: incoming.author ?? old.author,
    authorUrl: incoming.authorUrl ?? old.authorUrl,
  };
}

function mergeComment(old: BloggerCommentRecord, incoming: BloggerCommentRecord): BloggerCommentRecord {
  return {
    ...incoming,
    parentId: incoming.parentId ?? old.parentId,
    author: incoming.removed ? null : (incoming.author ?? old.author),
    authorUrl: incoming.removed ? null : (incoming.authorUrl ?? old.authorUrl),
    published: incoming.published ?? old.published,
    updated: incoming.updated ?? old.updated,
    url: incoming.url ?? old.url,
  };
}

export async function readManifest(out: string): Promise<ImportManifest | null> {
  let text: string;
  try {
    text = await readFile(path.join(out, IMPORT_MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const manifest = JSON.parse(text) as ImportManifest;
    if (manifest?.format !== MANIFEST_FORMAT) throw new Error(`format is ${JSON.stringify(manifest?.format)}`);
    return manifest;
  } catch (e) {
    throw new ImportError(
      `${IMPORT_MANIFEST_FILE} is unreadable (${(e as Error).message}); import into a new folder`,
      path.join(out, IMPORT_MANIFEST_FILE),
    );
  }
}

/** The post files already in `out`, or null when there is no folder yet. Refuses a folder the importer did not make. */
async function existingPostFiles(out: string): Promise<Set<string> | null> {
  let names: string[];
  try {
    names = await readdir(out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') throw new ImportError(`${out} is a file; --out must be a folder`);
    throw new ImportError(`cannot read ${out}: ${(e as Error).message}`);
  }
  const visible = names.filter((n) => !n.startsWith('.'));
  if (visible.length > 0 && !visible.includes(IMPORT_MANIFEST_FILE)) {
    throw new ImportError(
      `${out} already holds files and is not a Blogger import folder (it has no ${IMPORT_MANIFEST_FILE}); choose a new or empty folder ` +
        `(inside the archive folder is fine: the bot loads import folders found there)`,
    );
  }
  return new Set(visible.filter((n) => n.endsWith(IMPORTED_POST_EXTENSION)));
}

/** Fails early (before a long download) when `out` is a folder the importer must not replace. */
export async function assertImportFolder(outDir: string): Promise<void> {
  await existingPostFiles(path.resolve(outDir));
}

async function readThread(out: string, file: string, problems: ImportProblem[]): Promise<Thread | null> {
  const found: Problem[] = [];
  const records = readRecords(file, await readFile(path.join(out, file), 'utf8'), found);
  for (const p of found)
    problems.push({
      file: p.file,
      ...(p.line ? { line: p.line } : {}),
      message: `${p.message} (the line is dropped when the thread is rewritten)`,
    });
  const head = records[0]?.record as unknown as BloggerPostRecord | undefined;
  if (!head || head.type !== 'post') return null;
  const comments = new Map<string, BloggerCommentRecord>();
  for (const { record } of records.slice(1)) {
    const c = record as unknown as BloggerCommentRecord;
    if (c.type === 'comment' && typeof c.commentId === 'string') comments.set(c.commentId, c);
  }
  return { post: head, comments, changed: false };
}

/** Merges `batch` into the folder `out` (created if missing) and swaps the result into place. */
export async function applyBatch(outDir: string, batch: ImportBatch, options: ApplyOptions): Promise<ApplyResult> {
  const out = path.resolve(outDir);
  await mkdir(path.dirname(out), { recursive: true });
  const release = await acquireLock(out);
  try {
    await recover(out);
    const files = (await existingPostFiles(out)) ?? new Set<string>();
    const previous = await readManifest(out);
    const merge = new Merge(out, files, batch);
    const temp = path.join(path.dirname(out), `.${path.basename(out)}.importing-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(temp);
    try {
      const parts: AsyncIterable<ItemPart> | ItemPart[] = batch.spool
        ? batch.spool.parts()
        : [{ posts: batch.posts, comments: batch.comments }];
      // One part at a time: merged, its changed threads written, then dropped, so memory holds one part. Writes
      // overlap (one at a time left the process idle for a third of a full import, waiting on each file in turn).
      const writes = new TaskPool(16);
      for await (const part of parts) {
        for (const [postId, thread] of await merge.part(part)) {
          const file = importedPostFileName(postId);
          merge.rewritten.add(file);
          await writes.run(() => writeFile(path.join(temp, file), threadFile(thread)));
        }
      }
      for (const file of files) {
        if (merge.rewritten.has(file)) continue;
        const from = path.join(out, file);
        await writes.run(() => link(from, path.join(temp, file)).catch(() => copyFile(from, path.join(temp, file))));
      }
      await writes.drain();
      const manifest: ImportManifest = {
        format: MANIFEST_FORMAT,
        version: 1,
        blogUrl: batch.blogUrl ?? previous?.blogUrl ?? null,
        blogId: batch.blogId ?? previous?.blogId ?? null,
        lastSource: options.source,
        updatedAt: (options.now?.() ?? new Date()).toISOString(),
        posts: (previous?.posts ?? 0) + merge.added.posts,
        comments: (previous?.comments ?? 0) + merge.added.comments,
        feed: options.feed ?? previous?.feed ?? null,
      };
      await writeFile(path.join(temp, IMPORT_MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
      await swapInto(
        temp,
        out,
        path.join(path.dirname(out), `.${path.basename(out)}.previous-${process.pid}-${randomBytes(4).toString('hex')}`),
      );
      const { added, updated, removedSince, skipped } = merge;
      return {
        out,
        posts: manifest.posts,
        comments: manifest.comments,
        added,
        updated,
        removedSince,
        skipped,
        problems: merge.problems(),
        manifest,
      };
    } catch (e) {
      await rm(temp, { recursive: true, force: true });
      throw e;
    }
  } finally {
    await release();
  }
}

/** The merge of a batch into a folder's threads, part by part, with its running counts. */
class Merge {
  readonly added = { posts: 0, comments: 0 };
  readonly updated = { posts: 0, comments: 0 };
  removedSince = 0;
  readonly skipped: SkipCounts;
  readonly rewritten = new Set<string>();
  private readonly found: ImportProblem[] = [];
  private readonly orphans: string[] = [];

  constructor(
    private readonly out: string,
    private readonly files: Set<string>,
    private readonly batch: ImportBatch,
  ) {
    this.skipped = { ...batch.skipped };
  }

  problems(): ImportProblem[] {
    const all = [...this.batch.problems, ...this.found];
    if (this.orphans.length > 0) {
      all.push({
        message: `${this.orphans.length} comment(s) belong to posts that are neither in this source nor in the archive, and were skipped: ${this.orphans.slice(0, 5).join(', ')}${this.orphans.length > 5 ? ', …' : ''}`,
      });
    }
    return all;
  }

  /** Merges one part; returns the threads it changed. */
  async part(part: ItemPart): Promise<Map<string, Thread>> {
    const threads = new Map<string, Thread>();
    const threadFor = async (postId: string): Promise<Thread | null> => {
      if (threads.has(postId)) return threads.get(postId)!;
      const file = importedPostFileName(postId);
      const thread = this.files.has(file) ? await readThread(this.out, file, this.found) : null;
      if (thread) threads.set(postId, thread);
      return thread;
    };
    for (const post of part.posts) {
      const thread = await threadFor(post.postId);
      if (!thread) {
        threads.set(post.postId, { post, comments: new Map(), changed: true });
        this.added.posts++;
        continue;
      }
      const merged = mergePost(thread.post, post);
      if (postLine(merged) !== postLine(thread.post)) {
        thread.post = merged;
        thread.changed = true;
        this.updated.posts++;
      }
    }
    for (const comment of part.comments) {
      const thread = await threadFor(comment.postId);
      if (!thread) {
        if (this.batch.skippedPostIds.has(comment.postId)) countSkip(this.skipped, 'comment on a skipped post');
        else this.orphans.push(`${comment.commentId} (post ${comment.postId})`);
        continue;
      }
      const old = thread.comments.get(comment.commentId);
      if (!old) {
        thread.comments.set(comment.commentId, comment);
        thread.changed = true;
        this.added.comments++;
        continue;
      }
      const merged = mergeComment(old, comment);
      if (commentLine(merged) === commentLine(old)) continue;
      if (merged.removed && !old.removed) this.removedSince++;
      thread.comments.set(comment.commentId, merged);
      thread.changed = true;
      this.updated.comments++;
    }
    for (const [postId, thread] of threads) if (!thread.changed) threads.delete(postId);
    return threads;
  }
}
