/**
 * The summariser's warm-up after start. A thread's first summary after a restart costs several times what the same
 * summary costs a minute later: the summary code is not yet compiled by V8 and the shared spelling table has not yet
 * met the archive's words (see docs/performance.md). Summarising a few dozen small threads in the background, one at
 * a time between other work, pays that once, before a user asks, instead of in the first /thread answers.
 */
import type { Archive } from '../corpus/types';
import type { Summarizer } from './summarizer';

export interface WarmUpOptions {
  /** How many threads (default 40). */
  count?: number;
  /** Awaited before each thread, so interactions are served in between (the bot passes a setImmediate turn). */
  pause: () => Promise<void>;
  /** Checked before each thread: true ends the warm-up (the bot is stopping). */
  shouldStop?: () => boolean;
}

/** Small threads: enough words and replies to run every part of a summary, cheap enough not to hold up an answer. */
const MIN_COMMENTS = 10;
const MAX_COMMENTS = 40;

/** The threads a warm-up reads: small ones spread over the whole archive (so over its years and vocabulary). */
export function warmUpThreads(archive: Pick<Archive, 'posts'>, count: number): string[] {
  const small = archive.posts.filter((p) => p.comments.length >= MIN_COMMENTS && p.comments.length <= MAX_COMMENTS);
  if (small.length <= count) return small.map((p) => p.id);
  const step = small.length / count;
  return Array.from({ length: count }, (_, i) => small[Math.floor(i * step)].id);
}

/** Summarises the warm-up threads one by one; returns how many it did. Their summaries stay cached like any other. */
export async function warmUpSummaries(summarizer: Summarizer, archive: Pick<Archive, 'posts'>, options: WarmUpOptions): Promise<number> {
  let done = 0;
  for (const postId of warmUpThreads(archive, options.count ?? 40)) {
    await options.pause();
    if (options.shouldStop?.()) break;
    summarizer.summarize(postId);
    done++;
  }
  return done;
}
