/**
 * The two- and three-word phrases of a thread's own words ("sick leave", "One HMPPS", "Chief Probation Officer"):
 * words written next to each other (only a space or a hyphen between) at least twice, that keep together rather than
 * meeting by chance, and that are not made only of words every thread uses.
 *
 * A long thread has tens of thousands of adjacent pairs, most used once: they are counted in a typed hash table and
 * only those used twice or more become objects.
 */
import type { AnalyzedText, ThreadVocabulary } from './analysis';

/** One text of the thread with the words that are its writer's own (null: all of them, as for the title). */
export interface OwnedText {
  analysis: AnalyzedText;
  own: Uint8Array | null;
}

export interface PhraseCount {
  termIds: number[];
  count: number;
  /** How many texts use it. */
  spread: number;
  /** Uses that run from a lower-case word into a capitalised one ("the late Professor Paul"): a name's context, not a phrase. */
  intoName: number;
}

export interface PhraseContext {
  /** Own uses of each term. */
  count: Int32Array;
  /** 1 for each spelling that starts with a capital. */
  upper: Uint8Array;
  /** 1 for each term that can be shown (no number, no two-letter stem). */
  usable: Uint8Array;
  isName: (t: number) => boolean;
  documentFrequency: Int32Array;
  documents: number;
}

/** A phrase's words must appear together at least this share of the time the rarer one appears at all. */
const PHRASE_MIN_COHESION = 0.3;
/** A phrase must be at least this rare across the archive (estimated unsmoothed idf) to be counted at all. */
export const PHRASE_MIN_RARITY = 0.3;
/** A three-word phrase stands for the two-word one inside it when it accounts for this share of its uses. */
const LONGER_PHRASE_SHARE = 0.7;
/** Words that make a poor end to a phrase or a poor term: "Raab back", "aka Probation takeover". */
export const WEAK_WORDS = new Set([
  'aka',
  'etc',
  'via',
  'back',
  'now',
  'even',
  'still',
  'realli',
  'well',
  'get',
  'got',
  'go',
  'make',
  'made',
  'say',
  'said',
  'think',
  'know',
  'see',
  'seem',
  'like',
  'much',
  'mani',
  'way',
  'thing',
  'lot',
  'yes',
  'ok',
  'okay',
]);

/**
 * How rare a phrase is across the archive, estimated from its words' document frequencies as if they were
 * independent: an upper bound on how many threads use it together, hence a lower bound on its rarity.
 */
export function phraseRarity(termIds: readonly number[], documentFrequency: Int32Array, documents: number): number {
  let df = documents;
  for (const t of termIds) df *= documentFrequency[t] / Math.max(1, documents);
  return Math.max(0, Math.log((documents + 1) / (df + 1)));
}

/** Whether only spaces or a hyphen lie between two words: "fire alarm", "fire-alarms", not "fire. Alarm". */
export function joined(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 2) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 45 && c !== 160) return false;
  }
  return true;
}

/**
 * Counts by numeric key (a phrase's term ids), with the per-text spread, in open-addressed typed arrays that grow as
 * needed: a big thread has a few thousand candidate pairs, and a table sized for its every word would be garbage.
 */
class PhraseTable {
  keys = new Float64Array(4096).fill(-1);
  counts = new Int32Array(4096);
  spreads = new Int32Array(4096);
  lastText = new Int32Array(4096).fill(-1);
  intoName = new Int32Array(4096);
  size = 0;

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    // Keys are below 2^53; mixing both halves spreads consecutive term ids over the table.
    let slot = (Math.imul((key % 4294967296) | 0, 0x9e3779b1) ^ ((key / 4294967296) | 0)) & mask;
    while (this.keys[slot] !== key && this.keys[slot] !== -1) slot = (slot + 1) & mask;
    return slot;
  }

  add(key: number, text: number, intoName: boolean): void {
    let slot = this.slotOf(key);
    if (this.keys[slot] === -1) {
      if ((this.size + 1) * 2 > this.keys.length) {
        this.grow();
        slot = this.slotOf(key);
      }
      this.keys[slot] = key;
      this.size++;
    }
    this.counts[slot]++;
    if (intoName) this.intoName[slot]++;
    if (this.lastText[slot] !== text) {
      this.spreads[slot]++;
      this.lastText[slot] = text;
    }
  }

  private grow(): void {
    const { keys, counts, spreads, lastText, intoName } = this;
    const n = keys.length * 2;
    this.keys = new Float64Array(n).fill(-1);
    this.counts = new Int32Array(n);
    this.spreads = new Int32Array(n);
    this.lastText = new Int32Array(n).fill(-1);
    this.intoName = new Int32Array(n);
    for (let old = 0; old < keys.length; old++) {
      if (keys[old] === -1) continue;
      const slot = this.slotOf(keys[old]);
      this.keys[slot] = keys[old];
      this.counts[slot] = counts[old];
      this.spreads[slot] = spreads[old];
      this.lastText[slot] = lastText[old];
      this.intoName[slot] = intoName[old];
    }
  }
}

/** The thread's phrases; the title is left out (as a phrase it would only repeat the thread's name). */
export function countPhrases(texts: readonly OwnedText[], vocabulary: ThreadVocabulary, context: PhraseContext): PhraseCount[] {
  const { termOfWord, words, terms } = vocabulary;
  const { count, upper, usable, isName, documentFrequency, documents } = context;
  const size = terms.length;
  const table = new PhraseTable();
  const eligible = (t: number) => t >= 0 && usable[t] === 1 && count[t] >= 2;
  const weak = new Uint8Array(size);
  for (let t = 0; t < size; t++) weak[t] = WEAK_WORDS.has(terms[t]) ? 1 : 0;
  // phraseRarity(pair) >= PHRASE_MIN_RARITY, solved for the estimated document frequency: no logarithm per pair.
  const maxPairDf = (documents + 1) / Math.exp(PHRASE_MIN_RARITY) - 1;
  const share = new Float64Array(size);
  for (let t = 0; t < size; t++) share[t] = documentFrequency[t] / Math.max(1, documents);
  texts.forEach(({ analysis, own }, textIndex) => {
    if (own === null) return;
    const ids = analysis.words;
    const starts = analysis.starts;
    const text = analysis.text;
    for (let k = 0; k + 1 < ids.length; k++) {
      if (own[k] === 0 || own[k + 1] === 0) continue;
      const t1 = termOfWord[ids[k]];
      const t2 = termOfWord[ids[k + 1]];
      if (!eligible(t1) || !eligible(t2) || t1 === t2 || weak[t1] === 1) continue;
      if (documents * share[t1] * share[t2] > maxPairDf) continue;
      if (!joined(text, starts[k] + words[ids[k]].length, starts[k + 1])) continue;
      const lowerFirst = upper[ids[k]] === 0;
      if (weak[t2] === 0) table.add(t1 * size + t2, textIndex, lowerFirst && upper[ids[k + 1]] === 1);
      const t3 = k + 2 < ids.length && own[k + 2] === 1 ? termOfWord[ids[k + 2]] : -1;
      if (eligible(t3) && t3 !== t2 && weak[t3] === 0 && joined(text, starts[k + 1] + words[ids[k + 1]].length, starts[k + 2])) {
        // Three-word keys are offset past every two-word key, so the two never collide.
        table.add(size * size + (t1 * size + t2) * size + t3, textIndex, lowerFirst && upper[ids[k + 2]] === 1);
      }
    }
  });

  const out: PhraseCount[] = [];
  for (let slot = 0; slot < table.keys.length; slot++) {
    const key = table.keys[slot];
    if (key === -1) continue;
    const n = table.counts[slot];
    const termIds =
      key >= size * size
        ? [Math.floor((key - size * size) / (size * size)), Math.floor((key - size * size) / size) % size, (key - size * size) % size]
        : [Math.floor(key / size), key % size];
    // Once is enough for a full name whose parts the thread keeps using ("Amy Rees", then "Amy", then "Rees").
    if (n < 2 && !(termIds.length === 2 && termIds.every(isName))) continue;
    const rarest = Math.min(...termIds.map((t) => count[t]));
    if (n < PHRASE_MIN_COHESION * rarest) continue;
    out.push({ termIds, count: n, spread: table.spreads[slot], intoName: table.intoName[slot] });
  }
  // "Probation Officer" inside "Chief Probation Officer" nearly every time it occurs is the longer phrase's; "sick
  // leave" that is only sometimes "take sick leave" is the shorter one.
  const pairCount = new Map<number, number>();
  const longestExtension = new Map<number, number>();
  for (const c of out) if (c.termIds.length === 2) pairCount.set(c.termIds[0] * size + c.termIds[1], c.count);
  const insideOf = (c: PhraseCount) => [c.termIds[0] * size + c.termIds[1], c.termIds[1] * size + c.termIds[2]];
  for (const c of out)
    if (c.termIds.length === 3)
      for (const pair of insideOf(c)) longestExtension.set(pair, Math.max(longestExtension.get(pair) ?? 0, c.count));
  return out
    .filter((c) =>
      c.termIds.length === 3
        ? insideOf(c).every((pair) => c.count >= LONGER_PHRASE_SHARE * (pairCount.get(pair) ?? 0))
        : (longestExtension.get(c.termIds[0] * size + c.termIds[1]) ?? 0) < LONGER_PHRASE_SHARE * c.count,
    )
    .sort(
      (a, b) =>
        a.termIds.length - b.termIds.length ||
        a.termIds[0] - b.termIds[0] ||
        a.termIds[1] - b.termIds[1] ||
        (a.termIds[2] ?? 0) - (b.termIds[2] ?? 0),
    );
}
