/**
 * How much of what was typed stands together in a unit, common words included.
 *
 * The index leaves out common words ("where", "are", "the") because they would make its posting lists huge, but in
 * the hundred units the evidence step reads they still say something: "Where is the voice of the probation
 * unions?" and "The unions are silent" answer `where are the unions` better than "trade unions" in passing, and
 * "pay offer" side by side beats "pay" and "offer" paragraphs apart. So: the most of the query's distinct words
 * (common words included) that one short stretch of the text holds, as a share of them all. The stretch is measured
 * in characters (about CHARS_PER_WORD a word), so it is found from the occurrences alone, without re-reading the text.
 */
import { foldWord, processTerm } from '../../text';
import type { Occurrence } from './occurrences';

/** How a typed word is compared with the words of a text: by index term, or as itself for a common word. */
export function proximityKey(word: string): string {
  return processTerm(word) ?? foldWord(word);
}

/** A word and the space after it, on average, in English prose. */
const CHARS_PER_WORD = 7;

/**
 * The share, from 0 to 1, of the query's `keyCount` distinct words found within a stretch of about `span` words
 * that holds at least one of its matched (indexed) words; 0 when the query has fewer than two distinct words.
 * `occurrences` are in text order (QueryWords.scan).
 */
export function proximityShare(occurrences: readonly Occurrence[], keyCount: number, span = Math.max(4, 2 * keyCount)): number {
  if (keyCount < 2) return 0;
  const usable = occurrences.filter((o) => o.kind !== 'collision' && !o.boilerplate);
  const reach = span * CHARS_PER_WORD;
  let best = 0;
  for (let i = 0; i < usable.length; i++) {
    const seen = new Set<string>();
    let anchored = false;
    for (let j = i; j < usable.length && usable[j].end - usable[i].start <= reach; j++) {
      seen.add(usable[j].key);
      if (usable[j].kind !== 'common') anchored = true;
    }
    if (anchored && seen.size > best) {
      best = seen.size;
      if (best >= keyCount) return 1;
    }
  }
  return best < 2 ? 0 : (best - 1) / (keyCount - 1);
}
