/**
 * The post's gist: the two or three sentences of its body that carry it, in the post's own order. Centrality finds
 * what the post keeps coming back to; the priors favour its lead (bloggers say what a post is about first) and
 * sentences that echo the title.
 */
import { truncateText } from '../text';
import type { AnalyzedText } from './analysis';
import { idVector } from './centrality';
import type { TermVector } from './centrality';
import { rankSentences } from './rankSentences';
import { looksLikeHeading } from './sentenceShape';
import { GIST_MAX_CHARS } from './types';

/** Longer "sentences" are usually pasted lists or run-ons: poor gist material. */
const GIST_SENTENCE_MAX_CHARS = 1000;
/** Fewer index terms than this is a heading, a signature or a separator ("Justin Russell", "--oo00oo--"). */
const GIST_SENTENCE_MIN_TERMS = 4;
/** The separator a renderer puts between gist sentences, counted against the limit. */
const JOIN_CHARS = 2;

/**
 * `body` is the analysed post body; `titleTerms` the term ids of its title (may be empty); `vocabularySize` the number of
 * term ids in use (the thread's vocabulary).
 */
export function postGist(body: AnalyzedText, titleTerms: number[], idf: (termId: number) => number, vocabularySize: number): string[] {
  const sentences = body.sentences;
  if (sentences.length === 0) return [];
  const terms = body.sentenceTerms;
  let candidates = sentences.map((_, i) => i).filter(
    (i) => terms[i].length >= GIST_SENTENCE_MIN_TERMS && sentences[i].text.length <= GIST_SENTENCE_MAX_CHARS && !looksLikeHeading(sentences[i].text),
  );
  if (candidates.length === 0) candidates = sentences.map((_, i) => i).filter((i) => terms[i].length > 0);
  if (candidates.length === 0) return [];

  const title = idVector(titleTerms, idf);
  const titleWeight = new Map<number, number>();
  title.ids.forEach((id, k) => titleWeight.set(id, title.weights[k]));
  const vectors = candidates.map((i) => idVector(terms[i], idf));
  const priors = candidates.map((i, rankInPost) => {
    const lead = 1 / Math.sqrt(1 + rankInPost);
    const substance = Math.min(1, terms[i].length / 10);
    return lead * (0.5 + substance) * (1 + 2 * cosineWithTitle(vectors[rankInPost], titleWeight));
  });
  const ranked = rankSentences(
    candidates.map((i) => terms[i]),
    priors,
    idf,
    vocabularySize,
    vectors,
  );
  const order = candidates.map((_, k) => k).sort((a, b) => ranked.rank[b] * priors[b] - ranked.rank[a] * priors[a] || a - b);

  const want = candidates.length >= 6 ? 3 : Math.min(2, candidates.length);
  const picked: number[] = [];
  let used = 0;
  for (const k of order) {
    if (picked.length >= want) break;
    const len = sentences[candidates[k]].text.length + (picked.length > 0 ? JOIN_CHARS : 0);
    if (used + len > GIST_MAX_CHARS) continue;
    // Two near-identical sentences (a pasted quote repeated) waste the gist.
    if (picked.some((p) => ranked.similarity(p, k) > 0.8)) continue;
    picked.push(k);
    used += len;
  }
  if (picked.length === 0) return [truncateText(sentences[candidates[order[0]]].text, GIST_MAX_CHARS)];
  return picked.sort((a, b) => a - b).map((k) => sentences[candidates[k]].text);
}

function cosineWithTitle(v: TermVector, titleWeight: Map<number, number>): number {
  if (titleWeight.size === 0) return 0;
  let dot = 0;
  v.ids.forEach((id, k) => (dot += v.weights[k] * (titleWeight.get(id) ?? 0)));
  return dot;
}
