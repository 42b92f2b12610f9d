/**
 * Summaries on demand with a memory: people open the same threads again and again (a link shared in a channel),
 * and a summary only changes when the archive does, so the last few hundred are kept (least recently used out).
 */
import type { Archive, Post } from '../corpus/types';
import type { CorpusStats } from './corpusStats';
import { buildCorpusStats } from './corpusStats';
import { SharedLexicon } from './analysis';
import { summarizeThread } from './summarizeThread';
import type { SummaryOptions, ThreadSummary } from './types';

export interface Summarizer {
  /** The summary of a post by id, or null when no post has that id. */
  summarize(postId: string): ThreadSummary | null;
  readonly stats: CorpusStats;
  /** Summaries currently held. */
  readonly cached: number;
  /** The spellings and terms its summaries have read, for a summariser that replaces it (a live archive update). */
  readonly lexicon: SharedLexicon;
}

export interface SummarizerOptions extends SummaryOptions {
  /** Reuse stats already built (e.g. shared with another component). */
  stats?: CorpusStats;
  /** How many summaries to keep (default 500). */
  maxEntries?: number;
}

export function createSummarizer(archive: Pick<Archive, 'posts'>, options: SummarizerOptions = {}): Summarizer {
  const stats = options.stats ?? buildCorpusStats(archive);
  const maxEntries = Math.max(1, options.maxEntries ?? 500);
  const posts = new Map<string, Post>(archive.posts.map((p) => [p.id, p]));
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  const cache = new Map<string, ThreadSummary>();
  const lexicon = options.lexicon ?? new SharedLexicon();
  const summaryOptions: SummaryOptions = { ...options, lexicon };
  return {
    stats,
    lexicon,
    get cached() {
      return cache.size;
    },
    summarize(postId) {
      const hit = cache.get(postId);
      if (hit) {
        cache.delete(postId);
        cache.set(postId, hit);
        return hit;
      }
      const post = posts.get(postId);
      if (!post) return null;
      const summary = summarizeThread(post, stats, summaryOptions);
      cache.set(postId, summary);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
      return summary;
    },
  };
}
