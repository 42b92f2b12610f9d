/**
 * Representative voices: sentences of the comments ranked by LexRank with priors, then picked by MMR so that each
 * quote comes from a different comment and says something the others do not.
 *
 * Priors (what forum-summarisation research finds predicts a comment's importance besides its content):
 * - catalyst: a top-level comment that drew replies started a conversation;
 * - substance: a one-liner rarely carries a view;
 * - position: early comments set the thread's course (a mild effect).
 *
 * Cost: LexRank is quadratic in sentences, so on long threads a linear pre-selection (prior × closeness to the
 * thread's centroid) keeps the best `maxSentences` first.
 */
import type { Comment, Post } from '../corpus/types';
import type { Sentence } from '../text';
import type { AnalyzedText } from './analysis';
import { idVector } from './centrality';
import { selectByMmr } from './mmr';
import { centroidOf, cosineWithDense, rankSentences } from './rankSentences';
import { looksLikeHeading } from './sentenceShape';
import type { Quote } from './types';

const QUOTE_MIN_TERMS = 3;
const QUOTE_MIN_CHARS = 20;
/** A quote is read in a Discord field (1,024 characters): keep each well inside it. */
const QUOTE_MAX_CHARS = 400;
/** A short sentence reads better with the one that follows it ("Vote No." alone says little). */
const SHORT_SENTENCE_CHARS = 90;
const MMR_LAMBDA = 0.7;
/** Only a comment's first few quotable sentences compete: its point is rarely in the tenth, and it bounds the work. */
const SENTENCES_PER_COMMENT = 4;

interface Candidate {
  comment: Comment;
  sentences: Sentence[];
  /** Index of this sentence within its comment's sentences. */
  index: number;
  /** Term ids (see ThreadVocabulary). */
  terms: number[];
  prior: number;
}

/** How many quotes a thread deserves: a short thread does not have five distinct views. */
function quoteCount(readableComments: number, max: number): number {
  const wanted = readableComments >= 12 ? 5 : readableComments >= 6 ? 4 : 3;
  return Math.max(0, Math.min(wanted, max, readableComments));
}

function commentPriors(post: Post): Map<string, number> {
  const replies = new Map<string, number>();
  for (const c of post.comments) if (c.parentId) replies.set(c.parentId, (replies.get(c.parentId) ?? 0) + 1);
  const priors = new Map<string, number>();
  let topIndex = 0;
  for (const c of post.comments) {
    if (c.removed) {
      if (c.parentId === null) topIndex++;
      continue;
    }
    const catalyst = 1 + Math.log1p(replies.get(c.id) ?? 0);
    const substance = Math.min(1, 0.4 + c.text.length / 600);
    const position = c.parentId === null ? 1 / (1 + 0.02 * topIndex++) : 0.9;
    priors.set(c.id, catalyst * substance * position);
  }
  return priors;
}

function candidatesOf(post: Post, analyses: ReadonlyMap<string, AnalyzedText>): Candidate[] {
  const priors = commentPriors(post);
  const out: Candidate[] = [];
  for (const comment of post.comments) {
    const analysis = comment.removed ? undefined : analyses.get(comment.id);
    if (!analysis) continue;
    const sentences = analysis.sentences;
    let taken = 0;
    sentences.forEach((s, index) => {
      if (taken >= SENTENCES_PER_COMMENT) return;
      if (s.text.length < QUOTE_MIN_CHARS || s.text.length > QUOTE_MAX_CHARS || looksLikeHeading(s.text)) return;
      const terms = analysis.sentenceTerms[index];
      if (terms.length < QUOTE_MIN_TERMS) return;
      // A comment's opening usually states its point.
      const opening = index === 0 ? 1.2 : 1;
      taken++;
      out.push({ comment, sentences, index, terms, prior: priors.get(comment.id)! * opening });
    });
  }
  return out;
}

/** The chosen sentence, and the next one too when it is short and the two run on in the same paragraph. */
function quoteText(c: Candidate): string {
  const s = c.sentences[c.index];
  const next = c.sentences[c.index + 1];
  if (s.text.length < SHORT_SENTENCE_CHARS && next && !c.comment.text.slice(s.end, next.start).includes('\n') && next.end - s.start <= QUOTE_MAX_CHARS) {
    return c.comment.text.slice(s.start, next.end);
  }
  return s.text;
}

/**
 * `analyses` holds the analysed text of each comment that was not removed, by comment id; `idf` is by term id, and
 * `vocabularySize` the number of term ids in use.
 */
export function representativeQuotes(
  post: Post,
  analyses: ReadonlyMap<string, AnalyzedText>,
  idf: (termId: number) => number,
  vocabularySize: number,
  maxQuotes = 5,
  maxSentences = 300,
): Quote[] {
  let candidates = candidatesOf(post, analyses);
  const readable = new Set(candidates.map((c) => c.comment.id)).size;
  const count = quoteCount(readable, maxQuotes);
  if (count === 0) return [];

  let vectors = candidates.map((c) => idVector(c.terms, idf));
  if (candidates.length > maxSentences) {
    const { dense, norm } = centroidOf(vectors, vocabularySize);
    const score = candidates.map((c, i) => c.prior * (0.2 + cosineWithDense(vectors[i], dense, norm)));
    const keep = candidates
      .map((_, i) => i)
      .sort((a, b) => score[b] - score[a] || a - b)
      .slice(0, maxSentences)
      .sort((a, b) => a - b);
    candidates = keep.map((i) => candidates[i]);
    vectors = keep.map((i) => vectors[i]);
  }

  const ranked = rankSentences(
    candidates.map((c) => c.terms),
    candidates.map((c) => c.prior),
    idf,
    vocabularySize,
    vectors,
  );
  const picked = selectByMmr(
    candidates.map((_, i) => i),
    (i) => ranked.rank[i] * Math.sqrt(candidates[i].prior),
    (a, b) => ranked.similarity(a, b),
    { count, lambda: MMR_LAMBDA, groupOf: (i) => candidates[i].comment.id },
  );
  return picked
    .map((i) => candidates[i])
    .sort((a, b) => a.comment.order - b.comment.order)
    .map((c) => ({ commentId: c.comment.id, author: c.comment.author, text: quoteText(c), path: `#${c.comment.position}` }));
}
