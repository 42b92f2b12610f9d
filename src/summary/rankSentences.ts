/**
 * The shared step of gist and quote selection: sentences → TF-IDF vectors → similarity graph → LexRank with priors.
 */
import type { CorpusStats } from './corpusStats';
import { inverseDocumentFrequency } from './corpusStats';
import { lexRank, similarityMatrix, TermIds, termVector } from './centrality';
import type { TermVector } from './centrality';

export interface RankedSentences {
  /** LexRank score per sentence (sums to 1). */
  rank: number[];
  /** Cosine similarity of sentences i and j. */
  similarity(i: number, j: number): number;
  vectors: TermVector[];
}

export function makeIdf(stats: CorpusStats): (term: string) => number {
  const memo = new Map<string, number>();
  return (term) => {
    let v = memo.get(term);
    if (v === undefined) {
      v = inverseDocumentFrequency(stats, term);
      memo.set(term, v);
    }
    return v;
  };
}

/** `vectors`, when given, are the sentences' vectors already built with `ids` (saves building them twice). */
export function rankSentences(
  termLists: string[][],
  priors: number[],
  idf: (term: string) => number,
  ids = new TermIds(),
  vectors: TermVector[] = termLists.map((terms) => termVector(terms, ids, idf)),
): RankedSentences {
  const n = vectors.length;
  const sim = similarityMatrix(vectors, ids.size);
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
