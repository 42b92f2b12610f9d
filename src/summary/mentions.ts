/**
 * Whether a thread really contains what someone typed. /thread falls back to a full-text search when no title
 * matches, and then tells the person the thread "mentions" their words: search matches loosely (stems, any order,
 * any part of the thread), so the claim is checked here against the thread's own words before it is made.
 */
import type { Post } from '../corpus/types';
import { foldWord, processTerm, words } from '../text';

/** `phrase`: the words appear side by side, in order; `words`: each appears somewhere; null: some word never does. */
export type Mention = 'phrase' | 'words' | null;

export interface MentionQuery {
  /** Words that must each appear (a word counts when it, or a word with the same stem, is in the thread). */
  words: string[];
  /** Exact phrases that must each appear word for word. */
  phrases: string[];
}

function threadWords(post: Post): string[] {
  const parts = [post.title ?? '', post.body, ...post.comments.filter((c) => !c.removed).map((c) => c.text)];
  return parts.flatMap((part) => [...words(part).map(foldWord), '\u0000']);
}

function containsRun(haystack: string[], run: string[]): boolean {
  if (run.length === 0) return true;
  outer: for (let i = 0; i + run.length <= haystack.length; i++) {
    for (let j = 0; j < run.length; j++) if (haystack[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

export function threadMentions(post: Post, query: MentionQuery): Mention {
  const folded = threadWords(post);
  const present = new Set(folded);
  const stems = new Set(folded.map((w) => processTerm(w)).filter((t): t is string => t !== null));
  const wanted = query.words.flatMap((w) => words(w).map(foldWord));
  for (const w of wanted) {
    const term = processTerm(w);
    if (!present.has(w) && !(term !== null && stems.has(term))) return null;
  }
  for (const phrase of query.phrases) if (!containsRun(folded, words(phrase).map(foldWord))) return null;
  return wanted.length <= 1 || containsRun(folded, wanted) ? 'phrase' : 'words';
}
