/**
 * How common each term is across the archive, counted per thread (a post with all its comments is one document).
 * A thread's distinguishing terms are the ones it uses a lot and the rest of the archive rarely: "probation" is in
 * every thread and says nothing; "mustard" or "Lammy" says what this one was about.
 */
import type { Archive, Post } from '../corpus/types';
import { processTerm, tokenize } from '../text';

export interface CorpusStats {
  /** Number of threads counted. */
  documents: number;
  /** Stemmed term → number of threads that use it. */
  documentFrequency: ReadonlyMap<string, number>;
}

/** The readable text of a thread: title, body and every comment that was not removed. */
export function threadTexts(post: Post): string[] {
  const texts = [post.title ?? '', post.body];
  for (const c of post.comments) if (!c.removed) texts.push(c.text);
  return texts;
}

/**
 * Adds one thread's distinct terms to `df`. Hashing every word is the cost at archive scale (~11 million words), so
 * the thread is lower-cased in one go (processTerm folds case anyway) and its distinct spellings collected first:
 * stemming and term counting then run once per distinct spelling, not once per word.
 */
function countThread(post: Post, words: Set<string>, seen: Set<string>, df: Map<string, number>): void {
  words.clear();
  seen.clear();
  for (const token of tokenize(threadTexts(post).join('\n').toLowerCase())) words.add(token.text);
  for (const word of words) {
    const term = processTerm(word);
    if (term) seen.add(term);
  }
  for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
}

/** Counts document frequencies over all posts; built once at start-up (a few seconds on the full archive). */
export function buildCorpusStats(archive: Pick<Archive, 'posts'>): CorpusStats {
  const df = new Map<string, number>();
  const words = new Set<string>();
  const seen = new Set<string>();
  for (const post of archive.posts) countThread(post, words, seen, df);
  return { documents: archive.posts.length, documentFrequency: df };
}

/**
 * Smoothed inverse document frequency: never negative, and a term unknown to the corpus (a post summarised before
 * the stats were rebuilt) counts as rare rather than failing.
 */
export function inverseDocumentFrequency(stats: CorpusStats, term: string): number {
  const df = stats.documentFrequency.get(term) ?? 0;
  return Math.log((stats.documents + 1) / (df + 1)) + 1;
}

/**
 * The same as `buildCorpusStats`, but yielding to the event loop every `postsPerSlice` posts, so a bot that builds
 * the stats after connecting keeps answering interactions meanwhile.
 */
export async function buildCorpusStatsAsync(archive: Pick<Archive, 'posts'>, postsPerSlice = 200): Promise<CorpusStats> {
  const df = new Map<string, number>();
  const words = new Set<string>();
  const seen = new Set<string>();
  const posts = archive.posts;
  for (let i = 0; i < posts.length; i++) {
    countThread(posts[i], words, seen, df);
    if ((i + 1) % postsPerSlice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { documents: posts.length, documentFrequency: df };
}
