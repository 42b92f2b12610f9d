/**
 * One thread's extractive summary: what the post said (and whose words those are), the discussion in numbers, what it
 * talked about, a few representative voices and where to read on. Deterministic (no randomness, ties broken by
 * thread order) and pure: the same post and stats always give the same summary.
 */
import type { Post } from '../corpus/types';
import { analyzeText, ThreadVocabulary } from './analysis';
import type { CorpusStats } from './corpusStats';
import { postGist } from './gist';
import { keyTerms } from './keyTerms';
import { threadOwnership } from './ownWords';
import { passagesOf } from './passages';
import { representativeQuotes, type CommentText } from './quotes';
import { documentFrequencies, makeIdf } from './rankSentences';
import { emptyThreadNote, liveliestSubthreads, threadNumbers } from './threadNumbers';
import { UNNAMED_SPEAKER, type SummaryOptions, type ThreadSummary } from './types';

export function summarizeThread(post: Post, stats: CorpusStats, options: SummaryOptions = {}): ThreadSummary {
  const note = emptyThreadNote(post);
  // One vocabulary for the whole thread, filled in reading order (title, body, comments): term ids are shared by the
  // gist, the terms and the quotes, and each word of the thread is tokenised and looked up exactly once.
  const vocabulary = new ThreadVocabulary(options.lexicon);
  const title = analyzeText(post.title ?? '', vocabulary);
  const body = analyzeText(post.body, vocabulary);
  const readable = post.comments.filter((c) => !c.removed && c.text.trim());
  const analyses = readable.map((c) => analyzeText(c.text, vocabulary));
  const ownership = threadOwnership(body, analyses, vocabulary.termOfWord);
  const comments: CommentText[] = readable.map((comment, i) => ({
    comment,
    analysis: analyses[i],
    own: ownership.commentOwn[i],
    copiedBy: ownership.copiedBy[i],
  }));

  const df = documentFrequencies(stats, vocabulary);
  const idf = makeIdf(stats, df);
  const titleTerms = title.words.map((w) => vocabulary.termOfWord[w]).filter((t) => t >= 0);
  const vocabularySize = vocabulary.terms.length;
  const speakers = ownership.bodyVoices.flatMap((s) => (s.voice?.speaker && s.voice.speaker !== UNNAMED_SPEAKER ? [s.voice.speaker] : []));
  const terms = keyTerms(
    [
      { analysis: title, own: null },
      { analysis: body, own: ownership.bodyOwn },
      ...comments.map((c) => ({ analysis: c.analysis, own: c.own })),
    ],
    vocabulary,
    stats,
    df,
    speakers,
    options.maxTerms ?? 8,
  );
  const salient = new Set(terms.flatMap((t) => t.termIds));
  return {
    postId: post.id,
    title: post.title,
    date: post.date,
    url: post.url,
    gist: postGist(body, ownership.bodyVoices, titleTerms, idf, vocabularySize),
    stats: threadNumbers(post),
    terms: terms.map((t) => t.text),
    quotes:
      note === null
        ? representativeQuotes(post, comments, idf, vocabulary.terms, salient, options.maxQuotes ?? 5, options.maxSentences ?? 300)
        : [],
    // A sub-thread is introduced by its opener's own words, not by the letter it opened by quoting.
    subthreads: liveliestSubthreads(post, options.maxSubthreads ?? 5, (c) => {
      const i = readable.indexOf(c);
      const first = i < 0 ? undefined : passagesOf(c.text, analyses[i], ownership.commentOwn[i]).passages[0];
      return first ? analyses[i].sentences[first.index].text : null;
    }),
    empty: note !== null,
    note,
  };
}
