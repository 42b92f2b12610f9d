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
import type { IndexView } from '../miniSearchInternals';
import type { Matches } from '../termQuery';
import type { SearchUnit } from '../units';

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
 * Replies drawn, by unit number. Units keep thread order (each comment followed by its replies: units.ts), so a
 * reply ("12.3") counts for the last top-level comment unit of its post when that is its parent ("12").
 */
function replyCounts(units: readonly SearchUnit[]): Uint16Array {
  const counts = new Uint16Array(units.length);
  let parent: SearchUnit | null = null;
  for (const unit of units) {
    if (unit.kind !== 'comment' || unit.position === null) {
      parent = null;
      continue;
    }
    const dot = unit.position.indexOf('.');
    if (dot < 0) parent = unit;
    else if (parent && parent.post === unit.post && parent.position === unit.position.slice(0, dot) && counts[parent.n] < 0xffff) counts[parent.n]++;
  }
  return counts;
}

/** The prior of every unit, by unit number. */
export function unitPriors(units: readonly SearchUnit[], view: IndexView, textFieldId: number, weights: PriorWeights = PRIOR_WEIGHTS): Float32Array {
  const replies = replyCounts(units);
  const lengths = view.fieldLength[textFieldId];
  const priors = new Float32Array(units.length);
  for (const unit of units) {
    const shortId = view.shortIdOf[unit.n];
    const length = shortId >= 0 ? lengths[shortId] : 0;
    let prior = Math.pow(length / (length + weights.lengthHalf), weights.lengthPower);
    if (unit.kind === 'post') prior *= weights.postPassage;
    else prior *= 1 + weights.replies * Math.log1p(replies[unit.n]);
    priors[unit.n] = prior;
  }
  return priors;
}

/** Multiplies each match's score by its unit's prior, in place. */
export function applyPriors(matches: Matches, priors: Float32Array): void {
  const { units, scores, count } = matches;
  for (let i = 0; i < count; i++) scores[i] *= priors[units[i]];
}
