/**
 * The discussion in numbers, and the sub-threads worth reading. Removed comments count (they took part in the
 * conversation and the export numbers them) but have no readable text and no voice.
 */
import type { Comment, Post } from '../corpus/types';
import { splitSentences, truncateText } from '../text';
import type { LongestSubthreadRef, Subthread, SubthreadRef, ThreadNumbers } from './types';

/** Opening lines of sub-threads are a teaser, not a quote: one short line each. */
const OPENING_MAX_CHARS = 150;
const REMOVED_OPENING = '(comment removed)';

/** Top-level comments with the replies each drew, in thread order. */
function subthreadsOf(post: Post): { top: Comment; replies: Comment[] }[] {
  const byId = new Map<string, { top: Comment; replies: Comment[] }>();
  const out: { top: Comment; replies: Comment[] }[] = [];
  for (const c of post.comments) {
    if (c.parentId === null) {
      const entry = { top: c, replies: [] };
      byId.set(c.id, entry);
      out.push(entry);
    }
  }
  for (const c of post.comments) if (c.parentId !== null) byId.get(c.parentId)?.replies.push(c);
  return out;
}

/** Signatures differ in spacing, case and quote style between comments by the same person. */
export function authorKey(author: string): string {
  return author.normalize('NFKC').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
}

function readableChars(c: Comment): number {
  return c.removed ? 0 : c.text.length;
}

export function threadNumbers(post: Post): ThreadNumbers {
  const comments = post.comments;
  const voices = new Set<string>();
  let removed = 0;
  let anonymous = 0;
  let topLevel = 0;
  for (const c of comments) {
    if (c.parentId === null) topLevel++;
    if (c.removed) removed++;
    else if (c.author && c.author.trim()) voices.add(authorKey(c.author));
    else anonymous++;
  }
  let busiest: SubthreadRef | null = null;
  let deepest: LongestSubthreadRef | null = null;
  for (const { top, replies } of subthreadsOf(post)) {
    if (replies.length === 0) continue;
    // Strictly greater: on a tie the earlier sub-thread wins, which is the one a reader meets first.
    if (!busiest || replies.length > busiest.replies) busiest = { commentId: top.id, position: top.position, replies: replies.length };
    const chars = readableChars(top) + replies.reduce((s, r) => s + readableChars(r), 0);
    if (!deepest || chars > deepest.chars) deepest = { commentId: top.id, position: top.position, replies: replies.length, chars };
  }
  const declared = post.declaredCommentCount;
  return {
    comments: comments.length,
    topLevel,
    replies: comments.length - topLevel,
    removed,
    voices: voices.size,
    anonymous,
    declared,
    declaredMismatch: declared !== null && declared !== comments.length,
    busiest,
    deepest,
  };
}

/**
 * The top-level comments that drew the most replies, liveliest first (ties in thread order). `openingOf` gives a
 * comment's opening line when it knows better than its first sentence (its first sentence of its own words).
 */
export function liveliestSubthreads(post: Post, max = 5, openingOf: (comment: Comment) => string | null = () => null): Subthread[] {
  return subthreadsOf(post)
    .filter((s) => s.replies.length > 0)
    .sort((a, b) => b.replies.length - a.replies.length || a.top.order - b.top.order)
    .slice(0, max)
    .map(({ top, replies }) => ({
      commentId: top.id,
      position: top.position,
      author: top.removed ? null : top.author,
      replies: replies.length,
      opening: top.removed ? REMOVED_OPENING : truncateText(openingOf(top) ?? splitSentences(top.text)[0]?.text ?? '', OPENING_MAX_CHARS),
    }));
}

/** What to say when there is nothing to read under a post; null when there is. */
export function emptyThreadNote(post: Post): string | null {
  const total = post.comments.length;
  if (total === 0) return 'No comments yet';
  if (post.comments.some((c) => !c.removed)) return null;
  return total === 1 ? 'The only comment was removed' : `All ${total} comments were removed`;
}
