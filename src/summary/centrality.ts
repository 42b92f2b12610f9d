/**
 * Sentence centrality: LexRank (Erkan & Radev 2004) as a personalised PageRank over the cosine-similarity graph of
 * sentences. A sentence is central when it is like many other sentences that are central themselves, i.e. when it
 * says what much of the thread says. The teleport distribution carries the priors (a post's lead, a comment that
 * drew replies), so structure and content both count.
 *
 * The similarity matrix is dense and quadratic: callers cap the number of sentences (see `summarizeThread`).
 */

/** A sentence as unit-length TF-IDF weights over term ids local to one thread. */
export interface TermVector {
  ids: number[];
  weights: number[];
}

/**
 * Term counts × idf, normalised to unit length, over term ids already numbered (see ThreadVocabulary). Empty when the
 * sentence has no index terms.
 */
export function idVector(termIds: readonly number[], idfOf: (id: number) => number): TermVector {
  const out: TermVector = { ids: [], weights: [] };
  // Sentences are short: counting with a linear scan beats allocating a Map per sentence.
  const counts: number[] = [];
  const seen = out.ids;
  for (let i = 0; i < termIds.length; i++) {
    const t = termIds[i];
    const k = seen.indexOf(t);
    if (k >= 0) counts[k]++;
    else {
      seen.push(t);
      counts.push(1);
    }
  }
  let norm = 0;
  for (let k = 0; k < seen.length; k++) {
    const w = (1 + Math.log(counts[k])) * idfOf(seen[k]);
    out.weights.push(w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.weights.length; i++) out.weights[i] /= norm;
  return out;
}

/**
 * All pairwise cosine similarities as a dense n×n matrix (row-major), computed through postings: the work is the
 * sum over terms of (sentences using the term)², far less than n² × vector length on real text. The postings are
 * flat typed arrays (one slot per term occurrence), so a thread-wide vocabulary of thousands of terms costs nothing
 * for the terms the ranked sentences do not use.
 */
export function similarityMatrix(vectors: TermVector[], vocabularySize: number): Float64Array {
  const n = vectors.length;
  const offset = new Int32Array(vocabularySize + 1);
  for (const v of vectors) for (let k = 0; k < v.ids.length; k++) offset[v.ids[k] + 1]++;
  for (let t = 0; t < vocabularySize; t++) offset[t + 1] += offset[t];
  const total = offset[vocabularySize];
  const fill = offset.slice(0, vocabularySize);
  const postSentence = new Int32Array(total);
  const postWeight = new Float64Array(total);
  for (let sentence = 0; sentence < n; sentence++) {
    const v = vectors[sentence];
    for (let k = 0; k < v.ids.length; k++) {
      const at = fill[v.ids[k]]++;
      postSentence[at] = sentence;
      postWeight[at] = v.weights[k];
    }
  }
  const sim = new Float64Array(n * n);
  for (let t = 0; t < vocabularySize; t++) {
    const from = offset[t];
    const to = offset[t + 1];
    for (let a = from; a < to; a++) {
      const sa = postSentence[a];
      const rowA = sa * n;
      const wa = postWeight[a];
      for (let b = a + 1; b < to; b++) {
        const w = wa * postWeight[b];
        const sb = postSentence[b];
        sim[rowA + sb] += w;
        sim[sb * n + sa] += w;
      }
    }
  }
  return sim;
}

export interface LexRankOptions {
  /** Probability of following an edge rather than jumping by the prior (PageRank's damping). */
  damping?: number;
  /** Similarities below this are not edges: weak overlaps on one common word would otherwise flatten the ranking. */
  threshold?: number;
  iterations?: number;
  tolerance?: number;
}

/** Scores summing to 1; `prior` need not be normalised (all-zero or empty priors mean uniform). */
export function lexRank(sim: Float64Array, n: number, prior: number[], options: LexRankOptions = {}): number[] {
  if (n === 0) return [];
  const damping = options.damping ?? 0.85;
  const threshold = options.threshold ?? 0.05;
  const iterations = options.iterations ?? 60;
  const tolerance = options.tolerance ?? 1e-7;

  const priorSum = prior.reduce((s, p) => s + Math.max(0, p), 0);
  const teleport = prior.map((p) => (priorSum > 0 ? Math.max(0, p) / priorSum : 1 / n));

  // The graph as sparse rows of transition probabilities (edges at or above the threshold, row-normalised), built
  // once, so each iteration costs the number of edges rather than n².
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const probs: number[] = [];
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const from = cols.length;
    for (let j = 0; j < n; j++) {
      const w = sim[i * n + j];
      if (w >= threshold) {
        cols.push(j);
        probs.push(w);
        sum += w;
      }
    }
    for (let k = from; k < cols.length; k++) probs[k] /= sum;
    rowStart[i + 1] = cols.length;
  }

  let rank = Float64Array.from(teleport);
  let next = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    next.fill(0);
    // A sentence like no other (no edges) hands its score back through the prior.
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const from = rowStart[i];
      const to = rowStart[i + 1];
      if (from === to) {
        dangling += rank[i];
        continue;
      }
      const r = damping * rank[i];
      for (let k = from; k < to; k++) next[cols[k]] += r * probs[k];
    }
    let delta = 0;
    const jump = 1 - damping + damping * dangling;
    for (let j = 0; j < n; j++) {
      next[j] += jump * teleport[j];
      delta += Math.abs(next[j] - rank[j]);
    }
    [rank, next] = [next, rank];
    if (delta < tolerance) break;
  }
  return Array.from(rank);
}
