/**
 * Which pieces of the archive can be a daily post, and how good each one is. Computed once per loaded archive (a
 * WeakMap keyed by the Archive object) because the real archive has ~150,000 comments and every server's daily
 * selection walks the same list.
 */
import type { Archive, Comment, Post } from '../corpus/types';
import type { DigestItemKey } from './types';

/** Below this a comment is "trivially short" ("Agreed.", "+1", "Well said Jim"): not worth a day of its own. */
export const MIN_COMMENT_CHARS = 60;
export const MIN_COMMENT_WORDS = 10;

export interface Candidate {
  key: DigestItemKey;
  kind: 'post' | 'comment';
  post: Post;
  comment: Comment | null;
  /** Higher is better; roughly 0.5 to 1.3. Only compared, never shown. */
  score: number;
}

export interface ArchiveCandidates {
  /** Every eligible item, in archive order (posts by date, comments in thread order). */
  all: Candidate[];
  byKey: Map<DigestItemKey, Candidate>;
  /** postId → its eligible items (the post item first, when eligible). */
  byPost: Map<string, Candidate[]>;
  /** `MM-DD` → dated posts of that day and month, any year. */
  byMonthDay: Map<string, Post[]>;
  /** postId → comments that are not removed: how much discussion the thread had. */
  discussion: Map<string, number>;
}

export const postKey = (postId: string): DigestItemKey => `post:${postId}`;
export const commentKey = (commentId: string): DigestItemKey => `comment:${commentId}`;

/** Whether `text` has at least `min` words, stopping as soon as it does (this runs over every comment of the archive). */
function hasWords(text: string, min: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length && words < min; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 13 || c === 9 || c === 160;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words >= min;
}

/** A comment can be the day's post on its own: it was not removed and says something. */
export function isEligibleComment(comment: Comment): boolean {
  if (comment.removed || comment.text.length < MIN_COMMENT_CHARS) return false;
  return comment.text.trim().length >= MIN_COMMENT_CHARS && hasWords(comment.text, MIN_COMMENT_WORDS);
}

/**
 * A comment reads best as a daily quote at a paragraph or three: long enough to make a point, short enough to read in
 * a channel. Comments that started a conversation (replies) are preferred.
 */
function commentScore(text: string, replies: number): number {
  const length = text.length;
  let shape: number;
  if (length < 300) shape = 0.5 + (0.5 * (length - MIN_COMMENT_CHARS)) / (300 - MIN_COMMENT_CHARS);
  else if (length <= 1000) shape = 1;
  else shape = Math.max(0.4, 1 - (length - 1000) / 3000);
  return shape + Math.min(0.3, replies * 0.1);
}

/** A post with its gist and a quote is the richest kind of item; a busier thread makes a better one. */
function postScore(activeComments: number): number {
  return 0.8 + Math.min(0.5, activeComments / 60);
}

function buildCandidates(archive: Archive): ArchiveCandidates {
  const all: Candidate[] = [];
  const byKey = new Map<DigestItemKey, Candidate>();
  const byPost = new Map<string, Candidate[]>();
  const byMonthDay = new Map<string, Post[]>();
  const discussion = new Map<string, number>();
  for (const post of archive.posts) {
    const items: Candidate[] = [];
    const active = post.comments.filter((c) => !c.removed);
    discussion.set(post.id, active.length);
    if (post.date) {
      const monthDay = post.date.slice(5, 10);
      const list = byMonthDay.get(monthDay) ?? [];
      list.push(post);
      byMonthDay.set(monthDay, list);
    }
    // A post item needs something to say: a body or a discussion to quote from.
    if (post.body.trim().length >= MIN_COMMENT_CHARS || active.length > 0) {
      items.push({ key: postKey(post.id), kind: 'post', post, comment: null, score: postScore(active.length) });
    }
    const replies = new Map<string, number>();
    for (const c of post.comments) if (c.parentId && !c.removed) replies.set(c.parentId, (replies.get(c.parentId) ?? 0) + 1);
    // The exports repeat some comments verbatim (the same paragraph exported twice in a row); the same words must
    // not come round twice as different days' posts. Exact text is enough: the repeats are byte-for-byte copies.
    const seen = new Set<string>();
    for (const comment of post.comments) {
      if (!isEligibleComment(comment)) continue;
      const fingerprint = comment.text.trim();
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      items.push({
        key: commentKey(comment.id),
        kind: 'comment',
        post,
        comment,
        score: commentScore(comment.text.trim(), replies.get(comment.id) ?? 0),
      });
    }
    if (items.length > 0) byPost.set(post.id, items);
    for (const item of items) {
      all.push(item);
      byKey.set(item.key, item);
    }
  }
  return { all, byKey, byPost, byMonthDay, discussion };
}

/** The archive's eligible items: a scan of every comment, so callers keep the result (see DigestPool in select.ts). */
export function candidatesOf(archive: Archive): ArchiveCandidates {
  return buildCandidates(archive);
}
