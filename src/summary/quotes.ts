/**
 * Representative voices: sentences of the comments ranked by LexRank with priors, then picked by MMR so that each
 * quote comes from a different voice and says something the others do not.
 *
 * Only a commenter's own words compete (see ownWords.ts): a sentence that is mostly quoted, pasted or copied from
 * the post or an earlier comment is never put in the commenter's mouth.
 *
 * Priors (what forum-summarisation research finds predicts a comment's importance besides its content):
 * - catalyst: a comment that drew replies, or that later comments quoted, started a conversation;
 * - substance: a one-liner rarely carries a view;
 * - position: early comments set the thread's course (a mild effect);
 * - point: the sentence that carries the comment's point rather than its throat-clearing (see pointSentences.ts);
 * - salience: a sentence using the thread's key terms speaks to what the thread was about.
 *
 * Cost: LexRank is quadratic in sentences, so on long threads a linear pre-selection (prior × closeness to the
 * thread's centroid) keeps the best `maxSentences` first.
 */
import type { Comment, Post } from '../corpus/types';
import type { AnalyzedText } from './analysis';
import { idVector } from './centrality';
import { selectByMmr } from './mmr';
import { PassageScratch, passagesOf } from './passages';
import { MarkerTerms, pointFactor } from './pointSentences';
import { centroidOf, cosineWithDense, rankSentences } from './rankSentences';
import { authorKey } from './threadNumbers';
import type { Quote } from './types';

const MMR_LAMBDA = 0.7;
/** The best few sentences of each comment compete: it bounds the work, and a comment has one or two points. */
const SENTENCES_PER_COMMENT = 4;
/** Comments whose passages compete at most, the likeliest by their priors. */
const MAX_COMMENTS = 200;

/** One readable comment with its analysis and which of its words are the commenter's own. */
export interface CommentText {
  comment: Comment;
  analysis: AnalyzedText;
  own: Uint8Array;
  /** How many later comments copied words from it. */
  copiedBy: number;
}

/** A quotable passage: one sentence of a comment, or a short one with the sentence that follows it. */
interface Candidate {
  source: CommentText;
  /** Index of its first sentence within the comment's sentences. */
  index: number;
  /** Index of its last sentence (the same as `index` for one sentence). */
  last: number;
  /** Term ids (see ThreadVocabulary). */
  terms: number[];
  prior: number;
}

/** How many quotes a thread deserves: a short thread does not have five distinct views. */
function quoteCount(readableComments: number, max: number): number {
  const wanted = readableComments >= 12 ? 5 : readableComments >= 6 ? 4 : 3;
  return Math.max(0, Math.min(wanted, max, readableComments));
}

/** Priors by comment id. */
function commentPriors(post: Post, texts: readonly CommentText[]): Map<string, number> {
  const replies = new Map<string, number>();
  for (const c of post.comments) if (c.parentId) replies.set(c.parentId, (replies.get(c.parentId) ?? 0) + 1);
  const topIndex = new Map<string, number>();
  let top = 0;
  for (const c of post.comments) if (c.parentId === null) topIndex.set(c.id, top++);
  const priors = new Map<string, number>();
  for (const { comment, copiedBy, own } of texts) {
    const catalyst = 1 + Math.log1p((replies.get(comment.id) ?? 0) + copiedBy);
    // Substance is counted in the commenter's own words: a long paste with one line of comment is a one-liner.
    let ownWords = 0;
    for (let k = 0; k < own.length; k++) ownWords += own[k];
    const substance = Math.min(1, 0.4 + (ownWords * 6) / 600);
    const position = comment.parentId === null ? 1 / (1 + 0.02 * (topIndex.get(comment.id) ?? 0)) : 0.9;
    priors.set(comment.id, catalyst * substance * position);
  }
  return priors;
}

/** 1 plus a fifth for each distinct key term of the thread the passage uses (at most three). */
function salienceFactor(terms: readonly number[], salient: readonly number[]): number {
  let hits = 0;
  // The key terms are a handful of ids: a scan of them beats hashing every term of every passage.
  for (const key of salient) if (hits < 3 && terms.includes(key)) hits++;
  return 1 + 0.2 * hits;
}

function candidatesOf(post: Post, texts: readonly CommentText[], terms: readonly string[], salientSet: ReadonlySet<number>): Candidate[] {
  const markers = new MarkerTerms(terms);
  const salient = [...salientSet];
  const priors = commentPriors(post, texts);
  // On a thread of hundreds of comments only the likeliest voices compete (linear in comments, like the sentence
  // cap below): the rest would cost their passages' scoring and rarely win.
  if (texts.length > MAX_COMMENTS) {
    const keep = new Set(
      [...texts]
        .sort((a, b) => priors.get(b.comment.id)! - priors.get(a.comment.id)! || a.comment.order - b.comment.order)
        .slice(0, MAX_COMMENTS),
    );
    texts = texts.filter((t) => keep.has(t));
  }
  const scratch = new PassageScratch();
  const passagesByComment = texts.map((source) => passagesOf(source.comment.text, source.analysis, source.own, scratch).passages);
  const out: Candidate[] = [];
  texts.forEach((source, i) => {
    const passages = passagesByComment[i];
    const prior = priors.get(source.comment.id)!;
    const scored: Candidate[] = passages.map((p, rank) => ({
      source,
      index: p.index,
      last: p.last,
      terms: p.terms,
      prior:
        prior *
        pointFactor(p.text, { named: p.named, index: rank, count: passages.length, markers: markers.of(p.terms) }) *
        salienceFactor(p.terms, salient),
    }));
    // Most comments have no more passages than may compete: only a long one needs its best picked.
    if (scored.length > SENTENCES_PER_COMMENT) {
      scored.sort((a, b) => b.prior - a.prior || a.index - b.index);
      scored.length = SENTENCES_PER_COMMENT;
      scored.sort((a, b) => a.index - b.index);
    }
    for (const c of scored) out.push(c);
  });
  return out;
}

function quoteText(c: Candidate): string {
  const { sentences } = c.source.analysis;
  return c.source.comment.text.slice(sentences[c.index].start, sentences[c.last].end);
}

/** Two quotes from one signed author are one voice twice; anonymous comments are each their own voice. */
function voiceOf(comment: Comment): string {
  return comment.author && comment.author.trim() ? `author:${authorKey(comment.author)}` : `comment:${comment.id}`;
}

/**
 * `texts` are the readable comments in thread order; `idf` is by term id, `terms` the thread's index terms by id (see
 * ThreadVocabulary), and `salient` the term ids of the thread's key terms.
 */
export function representativeQuotes(
  post: Post,
  texts: readonly CommentText[],
  idf: (termId: number) => number,
  terms: readonly string[],
  salient: ReadonlySet<number>,
  maxQuotes = 5,
  maxSentences = 300,
): Quote[] {
  const vocabularySize = terms.length;
  let candidates = candidatesOf(post, texts, terms, salient);
  const readable = new Set(candidates.map((c) => c.source.comment.id)).size;
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
    // Centrality favours the typical sentence; the reaction that defined a thread ("Horseshit and platitudes…") is
    // rarely the most typical, so the priors (point, reaction, replies drawn) weigh as much as centrality does.
    (i) => Math.sqrt(ranked.rank[i]) * candidates[i].prior,
    (a, b) => ranked.similarity(a, b),
    { count, lambda: MMR_LAMBDA, groupOf: (i) => voiceOf(candidates[i].source.comment) },
  );
  return picked
    .map((i) => candidates[i])
    .sort((a, b) => a.source.comment.order - b.source.comment.order)
    .map((c) => ({
      commentId: c.source.comment.id,
      author: c.source.comment.author,
      text: quoteText(c),
      path: `#${c.source.comment.position}`,
    }));
}
