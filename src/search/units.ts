/**
 * What the index is made of: every non-removed comment, and every post body cut into passages of a few paragraphs,
 * so a long post is found by any of its parts and quoted by the part that matched. Units point at the archive's own
 * Post objects and strings (nothing is copied), and their place in the array is their numeric MiniSearch id.
 */
import type { Archive, Post } from '../corpus/types';
import { splitSentences } from '../text';

export interface SearchUnit {
  /** Index in the units array; the MiniSearch document id. */
  n: number;
  /** Comment id, or `${postId}#p${k}` (k from 1) for a post passage. */
  id: string;
  kind: 'comment' | 'post';
  post: Post;
  author: string | null;
  /** Comment position like '12.3'; null for post passages. */
  position: string | null;
  /** The full text of the unit. */
  text: string;
  /** True for the first passage of a post: it carries the post title in the index. */
  titled: boolean;
}

/** A passage is closed once it reaches this many characters... */
const PASSAGE_TARGET = 600;
/** ...and paragraphs are only joined while the result stays under this. */
const PASSAGE_MAX = 1200;

export interface Span {
  start: number;
  end: number;
}

/** Splits a post body into passages: runs of whole paragraphs, long paragraphs cut at sentence ends. Offsets into body. */
export function splitPassages(body: string): Span[] {
  const pieces: Span[] = [];
  for (const m of body.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!m[0].trim()) continue;
    if (end - start <= PASSAGE_MAX) {
      pieces.push({ start, end });
      continue;
    }
    let chunk: Span | null = null;
    for (const s of splitSentences(m[0])) {
      const span = { start: start + s.start, end: start + s.end };
      if (chunk && span.end - chunk.start <= PASSAGE_MAX) chunk.end = span.end;
      else {
        if (chunk) pieces.push(chunk);
        chunk = span;
      }
    }
    if (chunk) pieces.push(chunk);
  }
  const passages: Span[] = [];
  for (const piece of pieces) {
    const last = passages[passages.length - 1];
    if (last && last.end - last.start < PASSAGE_TARGET && piece.end - last.start <= PASSAGE_MAX) last.end = piece.end;
    else passages.push({ ...piece });
  }
  return passages;
}

/** The units of an archive in a fixed order (posts in archive order; each post's passages, then its comments). */
export function buildUnits(archive: Archive): SearchUnit[] {
  const units: SearchUnit[] = [];
  for (const post of archive.posts) {
    splitPassages(post.body).forEach((span, k) => {
      units.push({
        n: units.length,
        id: `${post.id}#p${k + 1}`,
        kind: 'post',
        post,
        author: null,
        position: null,
        text: post.body.slice(span.start, span.end).trim(),
        titled: k === 0,
      });
    });
    for (const comment of post.comments) {
      if (comment.removed || !comment.text.trim()) continue;
      units.push({
        n: units.length,
        id: comment.id,
        kind: 'comment',
        post,
        author: comment.author,
        position: comment.position,
        text: comment.text,
        titled: false,
      });
    }
  }
  return units;
}
