/**
 * The second ranking step, on the best 100 matches of a query only (it reads their text): how well each
 * unit's own words bear out the match that BM25 scored from the posting lists. See docs/relevance.md for the
 * figures each weight was tuned to.
 *
 * Per query word the evidence is 1 when the word stands in the writer's own text as a form of what was typed (or,
 * for a bare name, when the comment is signed with it); less when it is found only on boilerplate lines, only in the
 * post's title, or only as a different word the stemmer conflated with it ("moral" for "morale"). The unit's score
 * is multiplied by the mean evidence of the words it matched, and boosted for the words written exactly as typed,
 * for the query's words standing together (proximity.ts), and for a long unit that names them in its opening lines
 * (what a comment is about, it usually says first). A unit whose every match is a stemmer conflation did not match
 * at all and is dropped.
 */
import { findSpans } from '../phrases';
import type { SearchUnit, Span } from '../units';
import { inSpans } from './boilerplate';
import type { Occurrence, QueryWords } from './occurrences';
import { proximityShare } from './proximity';

export interface EvidenceWeights {
  /** Evidence of a word found only on boilerplate lines. */
  boilerplate: number;
  /** Evidence of a word found only in the post's title (the passage quoted does not have it). */
  titleOnly: number;
  /** Evidence of a word found only as a different word with the same stem. */
  collision: number;
  /** A unit with every typed word exactly as typed scores this much more (a share of it for some of them). */
  exact: number;
  /**
   * A unit with all the query's words (common words included) together scores this much more (a share for some of
   * them; nothing when a word asked for is missing).
   */
  together: number;
  /** A long unit with all the typed words in its opening LEAD_CHARS scores this much more (a share for some). */
  lead: number;
}

export const EVIDENCE_WEIGHTS: EvidenceWeights = {
  boilerplate: 0.35,
  titleOnly: 0.6,
  collision: 0,
  exact: 0.5,
  together: 1,
  lead: 0.25,
};

/** The opening of a unit: about its first sentence or two. */
export const LEAD_CHARS = 200;

export interface UnitContext {
  /** The unit's boilerplate lines (boilerplate.ts). */
  boilerplate: readonly Span[];
  /** Index terms of the unit's title (empty unless the unit carries its post's title). */
  titleTerms: ReadonlySet<string>;
  /** Index terms of the unit's signature (empty for post passages and anonymous comments). */
  authorTerms: ReadonlySet<string>;
}

/**
 * The factor a unit's score is multiplied by, or null when the unit should be dropped (see the top of the file).
 * `occurrences` are `words.scan(unit.text)`.
 */
export function evidenceFactor(
  unit: SearchUnit,
  words: QueryWords,
  occurrences: readonly Occurrence[],
  phrases: readonly RegExp[],
  context: UnitContext,
  weights: EvidenceWeights = EVIDENCE_WEIGHTS,
): number | null {
  const perWord = words.words.map((w) => ({ best: -1, exact: false, lead: false, name: w.name, term: w.term, typed: w.typed }));
  const long = unit.text.length >= 3 * LEAD_CHARS;
  for (const o of occurrences) {
    if (o.word < 0) continue;
    const slot = perWord[o.word];
    const value = o.kind === 'collision' ? weights.collision : o.boilerplate ? weights.boilerplate : 1;
    if (value > slot.best) slot.best = value;
    if (o.exact && o.kind !== 'collision') slot.exact = true;
    if (long && o.start < LEAD_CHARS && o.kind !== 'collision' && !o.boilerplate) slot.lead = true;
  }
  let sum = 0;
  let counted = 0;
  let exact = 0;
  let typed = 0;
  let lead = 0;
  let missing = 0;
  for (const slot of perWord) {
    if (slot.typed !== null) typed++;
    if (slot.lead && slot.typed !== null) lead++;
    if (slot.name && context.authorTerms.has(slot.term)) {
      slot.best = 1;
      slot.exact = true;
    }
    if (slot.best < 0 && context.titleTerms.has(slot.term)) slot.best = weights.titleOnly;
    if (slot.exact && slot.typed !== null) exact++;
    // Words that stand only inside a phrase are weighed with the phrase below; absent words (any-word stage) are
    // already counted by BM25's number of words matched.
    if (slot.best < 0 && slot.typed !== null) missing++;
    if (slot.best < 0 || slot.typed === null) continue;
    sum += slot.best;
    counted++;
  }
  for (const phrase of phrases) {
    // Every unit here has its phrases (the search checked): only where it has boilerplate must they be looked for.
    if (context.boilerplate.length === 0) {
      sum += 1;
    } else {
      const spans = findSpans(unit.text, phrase);
      if (spans.length === 0) continue;
      sum += spans.some((s) => !inSpans(context.boilerplate, s.start)) ? 1 : weights.boilerplate;
    }
    counted++;
  }
  if (counted === 0) return 1;
  const mean = sum / counted;
  if (mean === 0) return null;
  let factor = mean;
  if (typed > 0) factor *= (1 + (weights.exact * exact) / typed) * (1 + (weights.lead * lead) / typed);
  // Some of the words standing together say nothing when another word asked for is missing (the any-word stage):
  // "Amy Rees" side by side does not answer `Amy Rees humanity`.
  if (missing === 0) factor *= 1 + weights.together * proximityShare(occurrences, words.keys.size);
  return factor;
}
