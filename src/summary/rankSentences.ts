/**
 * The shared step of gist and quote selection: sentences → TF-IDF vectors → similarity graph → LexRank with priors.
 */
import type { ThreadVocabulary } from './analysis';
import type { CorpusStats } from './corpusStats';
import { smoothedIdf } from './corpusStats';
import { idVector, lexRank, similarityMatrix } from './centrality';
import type { TermVector } from './centrality';

export interface RankedSentences {
  /** LexRank score per sentence (sums to 1). */
  rank: number[];
  /** Cosine similarity of sentences i and j. */
  similarity(i: number, j: number): number;
  vectors: TermVector[];
}

/**
 * How many threads of the archive use each of this thread's terms, by thread term id: one lookup in the corpus
 * statistics per term, shared by the idf of the gist and quotes and by the distinguishing terms.
 */
export function documentFrequencies(stats: CorpusStats, vocabulary: ThreadVocabulary): Int32Array {
  const df = new Int32Array(vocabulary.terms.length);
  for (let t = 0; t < df.length; t++) df[t] = stats.documentFrequency.get(vocabulary.terms[t]) ?? 0;
  return df;
}

/** Smoothed idf by thread term id (see `smoothedIdf`), computed once per term. */
export function makeIdf(stats: CorpusStats, df: Int32Array): (termId: number) => number {
  const idf = new Float64Array(df.length);
  for (let t = 0; t < df.length; t++) idf[t] = smoothedIdf(stats.documents, df[t]);
  return (termId) => idf[termId];
}

/** `vectors`, when given, are the sentences' vectors already built (saves building them twice). */
export function rankSentences(
  termLists: number[][],
  priors: number[],
  idf: (termId: number) => number,
  vocabularySize: number,
  vectors: TermVector[] = termLists.map((terms) => idVector(terms, idf)),
): RankedSentences {
  const n = vectors.length;
  const sim = similarityMatrix(vectors, vocabularySize);
  const rank = lexRank(sim, n, priors);
  return { rank, vectors, similarity: (i, j) => Math.min(1, sim[i * n + j]) };
}

/** Cosine of a unit vector with a dense vector indexed by term id (e.g. a centroid). */
export function cosineWithDense(v: TermVector, dense: Float64Array, denseNorm: number): number {
  if (denseNorm === 0) return 0;
  let dot = 0;
  for (let k = 0; k < v.ids.length; k++) dot += v.weights[k] * (dense[v.ids[k]] ?? 0);
  return dot / denseNorm;
}

/** The sum of unit vectors: the direction of "what most of these sentences say". */
export function centroidOf(vectors: TermVector[], size: number): { dense: Float64Array; norm: number } {
  const dense = new Float64Array(size);
  for (const v of vectors) for (let k = 0; k < v.ids.length; k++) dense[v.ids[k]] += v.weights[k];
  let norm = 0;
  for (const x of dense) norm += x * x;
  return { dense, norm: Math.sqrt(norm) };
}
