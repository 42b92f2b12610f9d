/**
 * How much of what was typed stands together in a unit, common words included.
 *
 * The index leaves out common words ("where", "are", "the") because they would make its posting lists huge, but in
 * the few hundred units the evidence step reads they still say something: "Where is the voice of the probation
 * unions?" and "The unions are silent" answer `where are the unions` better than "trade unions" in passing, and
 * "pay offer" side by side beats "pay" and "offer" paragraphs apart. So: the most of the query's distinct words
 * (common words included) that one short stretch of the text holds, as a share of them all.
 */
import { foldWord, processTerm, tokenize } from '../../text';
import type { Occurrence } from './occurrences';

/** How a typed word is compared with the words of a text: by index term, or as itself for a common word. */
export function proximityKey(word: string): string {
  return processTerm(word) ?? foldWord(word);
}

/** Characters either side of a matched word that are read for the query's other words. */
const REACH = 60;
/** Matched words looked around, per unit: the first few say whether the words stand together anywhere. */
const MAX_LOOKS = 12;

/**
 * The share, from 0 to 1, of the query's distinct words (keys from proximityKey) found within a stretch of
 * `span` words around one of the query's matched words; 0 when the query has fewer than two distinct words.
 */
export function proximityShare(text: string, occurrences: readonly Occurrence[], keys: ReadonlySet<string>, span = Math.max(4, 2 * keys.size)): number {
  if (keys.size < 2) return 0;
  let best = 0;
  let looks = 0;
  for (const o of occurrences) {
    if (o.kind === 'collision' || o.boilerplate) continue;
    if (++looks > MAX_LOOKS) break;
    const from = Math.max(0, o.start - REACH);
    const tokens = tokenize(text.slice(from, Math.min(text.length, o.end + REACH)));
    const at = tokens.findIndex((t) => t.start + from === o.start);
    if (at < 0) continue;
    const found = tokens.map((t) => {
      const key = proximityKey(t.text);
      return keys.has(key) ? key : null;
    });
    for (let first = Math.max(0, at - span + 1); first <= at; first++) {
      const seen = new Set<string>();
      for (let k = first; k < Math.min(tokens.length, first + span); k++) {
        const key = found[k];
        if (key !== null) seen.add(key);
      }
      if (seen.size > best) best = seen.size;
      if (best === keys.size) return 1;
    }
  }
  return best < 2 ? 0 : (best - 1) / (keys.size - 1);
}
