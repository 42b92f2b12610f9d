/**
 * One thread's extractive summary: what the post said, the discussion in numbers, what it talked about, a few
 * representative voices and where to read on. Deterministic (no randomness, ties broken by thread order) and
 * pure: the same post and stats always give the same summary.
 */
import type { Post } from '../corpus/types';
import { analyzeText } from './analysis';
import type { AnalyzedText } from './analysis';
import type { CorpusStats } from './corpusStats';
import { distinguishingTerms } from './distinguishingTerms';
import { postGist } from './gist';
import { representativeQuotes } from './quotes';
import { makeIdf } from './rankSentences';
import { emptyThreadNote, liveliestSubthreads, threadNumbers } from './threadNumbers';
import type { SummaryOptions, ThreadSummary } from './types';

export function summarizeThread(post: Post, stats: CorpusStats, options: SummaryOptions = {}): ThreadSummary {
  const idf = makeIdf(stats);
  const note = emptyThreadNote(post);
  const title = analyzeText(post.title ?? '');
  const body = analyzeText(post.body);
  const comments = new Map<string, AnalyzedText>();
  for (const c of post.comments) if (!c.removed && c.text.trim()) comments.set(c.id, analyzeText(c.text));
  const titleTerms = title.terms.filter((t): t is string => t !== null);
  return {
    postId: post.id,
    title: post.title,
    date: post.date,
    url: post.url,
    gist: postGist(body, titleTerms, idf),
    stats: threadNumbers(post),
    terms: distinguishingTerms([title, body, ...comments.values()], stats, options.maxTerms ?? 8),
    quotes: note === null ? representativeQuotes(post, comments, idf, options.maxQuotes ?? 5, options.maxSentences ?? 300) : [],
    subthreads: liveliestSubthreads(post, options.maxSubthreads ?? 5),
    empty: note !== null,
    note,
  };
}
