/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998): pick items one at a time, each the best trade-off between
 * relevance and being unlike what is already picked. With λ ≈ 0.7 the quotes show the range of views in a thread
 * instead of five wordings of its loudest one.
 */
export interface MmrOptions {
  /** How many to pick at most. */
  count: number;
  /** Weight of relevance against novelty (1 = relevance only). */
  lambda?: number;
  /** Items sharing a group cannot both be picked (e.g. two sentences of one comment). */
  groupOf?: (item: number) => string;
}

/**
 * Returns the picked candidates in the order they were picked. `relevance` is scaled to [0, 1] internally so that λ
 * means the same whatever the scale of the scores; `similarity` must be in [0, 1]. Ties go to the earlier candidate.
 */
export function selectByMmr(
  candidates: number[],
  relevance: (item: number) => number,
  similarity: (a: number, b: number) => number,
  options: MmrOptions,
): number[] {
  const lambda = options.lambda ?? 0.7;
  let max = 0;
  for (const c of candidates) max = Math.max(max, relevance(c));
  const rel = (c: number) => (max > 0 ? relevance(c) / max : 0);
  const picked: number[] = [];
  const usedGroups = new Set<string>();
  const remaining = candidates.slice();
  while (picked.length < options.count && remaining.length > 0) {
    let best = -1;
    let bestScore = -Infinity;
    for (let k = 0; k < remaining.length; k++) {
      const c = remaining[k];
      if (options.groupOf && usedGroups.has(options.groupOf(c))) continue;
      let redundancy = 0;
      for (const p of picked) redundancy = Math.max(redundancy, similarity(c, p));
      const score = lambda * rel(c) - (1 - lambda) * redundancy;
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    if (best < 0) break;
    const chosen = remaining.splice(best, 1)[0];
    picked.push(chosen);
    if (options.groupOf) usedGroups.add(options.groupOf(chosen));
  }
  return picked;
}
