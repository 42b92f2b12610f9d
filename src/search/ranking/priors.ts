/**
 * The first ranking step, on every match of a query: a per-unit prior, computed once when the index is opened, that
 * multiplies the unit's BM25+ score. The BM25+ scores themselves stay exactly MiniSearch's (test/search/termQuery.test.ts
 * checks it); this is the same as MiniSearch's `boostDocument` option with a boost per unit. Weights were tuned on
 * the relevance set (scripts/relevance/relevance-set.json; figures in docs/relevance.md).
 *
 *  - Length. BM25 normalises term frequency by length, which favours a one-line mention over the comment that says
 *    something; readers want the comment worth quoting. prior = (L / (L + half))^power on the unit's number of
 *    distinct words L: a one-liner of 8 words gets about half the weight of a long comment.
 *  - Replies. A comment that drew replies started a conversation: 1 + replies × ln(1 + number of replies).
 *  - Post passages. The blog posts are long and carry their title (boosted), so on common subjects they crowded
 *    comments off the first page; a passage's prior is scaled by `postPassage`.
 */
import type { Segments } from '../segments';
import type { Matches } from '../termQuery';
import type { UnitTable } from '../unitTable';

export interface PriorWeights {
  /** Length (distinct words) at which the length prior is 2^-power. */
  lengthHalf: number;
  lengthPower: number;
  /** Weight of ln(1 + replies). */
  replies: number;
  /** Multiplier for post passages. */
  postPassage: number;
}

export const PRIOR_WEIGHTS: PriorWeights = {
  lengthHalf: 8,
  lengthPower: 0.5,
  replies: 0.05,
  postPassage: 0.8,
};

/**
 * The prior of every unit, by unit number, from the unit table's columns (kind, replies drawn: see
 * UnitTable#appendComments) and the index's text field lengths: no unit object, no text.
 */
export function unitPriors(table: UnitTable, segments: Segments, textFieldId: number, weights: PriorWeights = PRIOR_WEIGHTS): Float32Array {
  const priors = new Float32Array(table.size);
  const lengths = segments.fieldLengths(textFieldId);
  for (let n = 0; n < table.size; n++) {
    const length = lengths[n];
    let prior = Math.pow(length / (length + weights.lengthHalf), weights.lengthPower);
    if (!table.isComment(n)) prior *= weights.postPassage;
    else prior *= 1 + weights.replies * Math.log1p(table.replies(n));
    priors[n] = prior;
  }
  return priors;
}

/** Multiplies each match's score by its unit's prior, in place. */
export function applyPriors(matches: Matches, priors: Float32Array): void {
  const { units, scores, count } = matches;
  for (let i = 0; i < count; i++) scores[i] *= priors[units[i]];
}
