/**
 * One thread's extractive summary: what the post said, the discussion in numbers, what it talked about, a few
 * representative voices and where to read on. Deterministic (no randomness, ties broken by thread order) and
 * pure: the same post and stats always give the same summary.
 */
import type { Post } from '../corpus/types';
import { analyzeText, ThreadVocabulary } from './analysis';
import type { AnalyzedText } from './analysis';
import type { CorpusStats } from './corpusStats';
import { distinguishingTerms } from './distinguishingTerms';
import { postGist } from './gist';
import { representativeQuotes } from './quotes';
import { documentFrequencies, makeIdf } from './rankSentences';
import { emptyThreadNote, liveliestSubthreads, threadNumbers } from './threadNumbers';
import type { SummaryOptions, ThreadSummary } from './types';

export function summarizeThread(post: Post, stats: CorpusStats, options: SummaryOptions = {}): ThreadSummary {
  const note = emptyThreadNote(post);
  // One vocabulary for the whole thread, filled in reading order (title, body, comments): term ids are shared by the
  // gist, the terms and the quotes, and each word of the thread is tokenised and looked up exactly once.
  const vocabulary = new ThreadVocabulary();
  const title = analyzeText(post.title ?? '', vocabulary);
  const body = analyzeText(post.body, vocabulary);
  const comments = new Map<string, AnalyzedText>();
  for (const c of post.comments) if (!c.removed && c.text.trim()) comments.set(c.id, analyzeText(c.text, vocabulary));
  const df = documentFrequencies(stats, vocabulary);
  const idf = makeIdf(stats, df);
  const titleTerms = title.words.map((w) => vocabulary.termOfWord[w]).filter((t) => t >= 0);
  const vocabularySize = vocabulary.terms.length;
  return {
    postId: post.id,
    title: post.title,
    date: post.date,
    url: post.url,
    gist: postGist(body, titleTerms, idf, vocabularySize),
    stats: threadNumbers(post),
    terms: distinguishingTerms([title, body, ...comments.values()], vocabulary, stats, df, options.maxTerms ?? 8),
    quotes: note === null ? representativeQuotes(post, comments, idf, vocabularySize, options.maxQuotes ?? 5, options.maxSentences ?? 300) : [],
    subthreads: liveliestSubthreads(post, options.maxSubthreads ?? 5),
    empty: note !== null,
    note,
  };
}
