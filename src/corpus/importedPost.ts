/**
 * The archive folder the Blogger importer writes, and how the loader reads it back.
 *
 * Layout: a folder holding `blogger-import.json` (what was imported from where, and the feed's cursor for incremental
 * runs) and one JSON Lines file per post, `post-<bloggerPostId>.jsonl`: line 1 is the post, every further line one of
 * its comments. One file per post lets an incremental run rewrite only the threads that changed, and lets the loader
 * report a bad line by file and line number and still load the rest, as it does for text exports.
 *
 * Ids are made from Blogger's own ids, never from positions or file order: `b<postId>` for a post and
 * `b<postId>-c<commentId>` for a comment. Blogger's ids are the same in the backup, in Takeout and in the public
 * feeds and never change when a post is edited, so a post imported from a backup and kept current from the feed keeps
 * its id, and so do the links, buttons and "already posted" records made from it. (A position such as `#12` would
 * shift if a comment were ever deleted outright.)
 */
import type { Comment, Post, Problem } from './types';
import { deriveTitle } from './threadText';

export const IMPORT_MANIFEST_FILE = 'blogger-import.json';
export const IMPORTED_POST_EXTENSION = '.jsonl';

/** A published blog post as stored (line 1 of its file). Times are ISO 8601 with the blog's offset, as Blogger gives them. */
export interface BloggerPostRecord {
  type: 'post';
  /** Blogger's post id: the digits after `.post-` in `tag:blogger.com,1999:blog-BLOGID.post-POSTID`. */
  postId: string;
  blogId: string | null;
  /** As written; empty when the post has no title. */
  title: string;
  /** The post's text (its HTML converted to text). */
  body: string;
  published: string | null;
  updated: string | null;
  /** The permalink, e.g. `https://blog.blogspot.com/2022/10/slug.html`. */
  url: string | null;
  author: string | null;
  authorUrl: string | null;
  labels: string[];
}

/** A comment as stored (lines 2+). */
export interface BloggerCommentRecord {
  type: 'comment';
  commentId: string;
  postId: string;
  /** The comment it replies to (Blogger's id), or null for a top-level comment. */
  parentId: string | null;
  /** The display name; null for Anonymous. */
  author: string | null;
  authorUrl: string | null;
  published: string | null;
  updated: string | null;
  /** The comment's own link when the source gave one; otherwise the loader builds it from the post's permalink. */
  url: string | null;
  removed: boolean;
  text: string;
}

export function importedPostId(bloggerPostId: string): string {
  return `b${bloggerPostId}`;
}

export function importedCommentId(bloggerPostId: string, bloggerCommentId: string): string {
  return `${importedPostId(bloggerPostId)}-c${bloggerCommentId}`;
}

export function importedPostFileName(bloggerPostId: string): string {
  return `post-${bloggerPostId}${IMPORTED_POST_EXTENSION}`;
}

/**
 * A comment's permalink as Blogger's own pages link it: the post's permalink with `?showComment=<ms>#c<id>` (the
 * query makes Blogger page to the comment in long threads), or just `#c<id>` when the time is unknown.
 */
export function commentPermalink(postUrl: string | null, commentId: string, published: string | null): string | null {
  if (!postUrl) return null;
  const base = postUrl.replace(/#.*$/, '');
  const ms = published ? Date.parse(published) : NaN;
  if (Number.isFinite(ms)) return `${base}${base.includes('?') ? '&' : '?'}showComment=${ms}#c${commentId}`;
  return `${base}#c${commentId}`;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** What is wrong with a record, or null when it is usable. Only what the loader relies on is checked. */
function postRecordProblem(r: Record<string, unknown>): string | null {
  if (r.type !== 'post') return `line 1 must be the post (type "post"), found type ${JSON.stringify(r.type)}`;
  if (!isString(r.postId) || !/^\d+$/.test(r.postId)) return 'the post has no Blogger postId';
  if (!isString(r.body)) return 'the post has no body';
  for (const key of ['title', 'published', 'url', 'author'] as const)
    if (r[key] !== undefined && !isNullableString(r[key])) return `the post's ${key} is not text`;
  return null;
}

function commentRecordProblem(r: Record<string, unknown>): string | null {
  if (r.type !== 'comment') return `expected a comment (type "comment"), found type ${JSON.stringify(r.type)}`;
  if (!isString(r.commentId) || !/^\d+$/.test(r.commentId)) return 'comment without a Blogger commentId';
  for (const key of ['parentId', 'author', 'published', 'url'] as const)
    if (r[key] !== undefined && !isNullableString(r[key])) return `the comment's ${key} is not text`;
  if (r.text !== undefined && !isString(r.text)) return "the comment's text is not text";
  return null;
}

export interface ParsedImportedPost {
  post: Post | null;
  problems: Problem[];
}

/** Reads JSON Lines, reporting lines that are not JSON objects. */
export function readRecords(file: string, text: string, problems: Problem[]): Array<{ line: number; record: Record<string, unknown> }> {
  const records: Array<{ line: number; record: Record<string, unknown> }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    try {
      const value: unknown = JSON.parse(raw);
      if (value && typeof value === 'object' && !Array.isArray(value))
        records.push({ line: i + 1, record: value as Record<string, unknown> });
      else problems.push({ file, line: i + 1, message: 'not a JSON object' });
    } catch (e) {
      problems.push({ file, line: i + 1, message: `not valid JSON (${(e as Error).message})` });
    }
  }
  return records;
}

/**
 * Thread order as the blog shows it: top-level comments by time, each followed by its replies by time. Replies to
 * replies sit under the top-level comment they descend from (the model nests one level, as Blogger's pages do).
 */
function threadOrder(file: string, records: Array<{ line: number; record: BloggerCommentRecord }>, problems: Problem[]) {
  const byId = new Map(records.map((r) => [r.record.commentId, r]));
  const time = (r: BloggerCommentRecord) => (r.published ? Date.parse(r.published) : NaN);
  const sorted = records
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => {
      const ta = time(a.record);
      const tb = time(b.record);
      if (Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb) return ta - tb;
      return a.i - b.i;
    });
  const rootOf = (r: BloggerCommentRecord): string | null => {
    let parent = r.parentId;
    const seen = new Set<string>([r.commentId]);
    let root: string | null = null;
    while (parent && byId.has(parent) && !seen.has(parent)) {
      seen.add(parent);
      root = parent;
      parent = byId.get(parent)!.record.parentId;
    }
    return root;
  };
  const replies = new Map<string, typeof sorted>();
  const top: typeof sorted = [];
  for (const entry of sorted) {
    const root = entry.record.parentId ? rootOf(entry.record) : null;
    if (entry.record.parentId && !root) {
      problems.push({
        file,
        line: entry.line,
        message: `comment ${entry.record.commentId} replies to comment ${entry.record.parentId}, which is not in the archive: shown as a top-level comment`,
      });
    }
    if (root) {
      const list = replies.get(root) ?? [];
      list.push(entry);
      replies.set(root, list);
    } else top.push(entry);
  }
  return { top, replies };
}

/** One imported post file to a Post (thread order, positions, permalinks). Never throws; problems name file and line. */
export function parseImportedPostFile(file: string, content: Buffer | string): ParsedImportedPost {
  const problems: Problem[] = [];
  try {
    const text = typeof content === 'string' ? content : content.toString('utf8');
    const records = readRecords(file, text.replace(/^\uFEFF/, ''), problems);
    if (records.length === 0)
      return { post: null, problems: [...problems, { file, line: null, message: 'no post in this imported file' }] };
    const head = records[0];
    const headProblem = postRecordProblem(head.record);
    if (headProblem) return { post: null, problems: [...problems, { file, line: head.line, message: headProblem }] };
    const p = head.record as unknown as BloggerPostRecord;
    const comments: Array<{ line: number; record: BloggerCommentRecord }> = [];
    const seen = new Set<string>();
    for (const { line, record } of records.slice(1)) {
      const problem = commentRecordProblem(record);
      if (problem) {
        problems.push({ file, line, message: problem });
        continue;
      }
      const c = record as unknown as BloggerCommentRecord;
      if (seen.has(c.commentId)) {
        problems.push({ file, line, message: `comment ${c.commentId} appears twice: the first is kept` });
        continue;
      }
      seen.add(c.commentId);
      comments.push({ line, record: c });
    }
    const id = importedPostId(p.postId);
    const url = p.url ?? null;
    const { top, replies } = threadOrder(file, comments, problems);
    const thread: Comment[] = [];
    const add = (entry: { line: number; record: BloggerCommentRecord }, position: string, parentId: string | null) => {
      const c = entry.record;
      const published = c.published ?? null;
      thread.push({
        id: importedCommentId(p.postId, c.commentId),
        postId: id,
        parentId,
        position,
        order: thread.length,
        author: c.removed ? null : (c.author ?? null),
        text: c.removed ? '' : (c.text ?? ''),
        removed: c.removed === true,
        line: entry.line,
        published,
        url: c.url ?? commentPermalink(url, c.commentId, published),
      });
    };
    top.forEach((entry, i) => {
      const position = String(i + 1);
      add(entry, position, null);
      const parentId = importedCommentId(p.postId, entry.record.commentId);
      (replies.get(entry.record.commentId) ?? []).forEach((reply, k) => add(reply, `${position}.${k + 1}`, parentId));
    });
    const title = p.title?.trim() ? p.title.trim() : deriveTitle(p.body);
    const published = p.published ?? null;
    const date = published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null;
    const post: Post = {
      id,
      source: file,
      title,
      titleDerived: !p.title?.trim() && title !== null,
      date,
      url,
      body: p.body,
      declaredCommentCount: null,
      comments: thread,
      published,
    };
    // In file order, as a reader fixing the file goes through it.
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { post, problems };
  } catch (error) {
    return {
      post: null,
      problems: [...problems, { file, line: null, message: `could not be parsed: ${(error as Error).message ?? String(error)}` }],
    };
  }
}
