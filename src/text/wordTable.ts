/**
 * The tokenizer's words as small integer ids, for texts read in bulk (a thread's summary, the corpus statistics): the
 * same split as `tokenize` in tokens.ts (letters and digits, with inner apostrophes followed by letters kept in the
 * word), read without a regular expression, a substring or a Map lookup per word. A long thread is tens of thousands
 * of words, and most of a summary's time went into matching each one, copying it out and hashing the copy; here the
 * text is read once, each word hashed from its characters as they are read, and a substring made only the first time
 * a spelling is met. A property test (test/text/wordTable.test.ts) holds the two readings together.
 */
import * as chars from './charClass';

// Read once into module constants: through an import, a bundler's live binding (tsx) is a getter call per use, and
// these are used for every character.
const classOf = chars.charClass;
const OTHER = chars.OTHER;
const LETTER = chars.LETTER;

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

function mix(hash: number, cp: number): number {
  return Math.imul(hash ^ cp, 16777619);
}

/** Distinct spellings numbered in the order first met; `idsOf` appends a text's word ids and offsets. */
export class WordTable {
  /** Each distinct spelling, by id. */
  readonly words: string[] = [];
  /** Open addressing: id + 1 of the spelling in each slot, 0 when free. */
  private slots: Int32Array = new Int32Array(1024);
  private slotHashes: Int32Array = new Int32Array(1024);

  /**
   * Appends the id of each word of `text` to `ids` and its offset to `starts`; `onNew` is called with each spelling
   * the first time it is met (before its id is used).
   */
  idsOf(text: string, ids: number[], starts: number[], onNew: (word: string) => void): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const first = text.codePointAt(i)!;
      if (classOf(first) === OTHER) {
        i += first > 0xffff ? 2 : 1;
        continue;
      }
      const start = i;
      let hash = -2128831035;
      let j = i;
      // Letters and digits…
      while (j < n) {
        const cp = text.codePointAt(j)!;
        if (classOf(cp) === OTHER) break;
        hash = mix(hash, cp);
        j += cp > 0xffff ? 2 : 1;
      }
      // …then any number of apostrophes each followed by letters ("don't", "probation’s"; not "90's").
      while (j + 1 < n) {
        const quote = text.charCodeAt(j);
        if (quote !== APOSTROPHE && quote !== RIGHT_QUOTE) break;
        if (classOf(text.codePointAt(j + 1)!) !== LETTER) break;
        hash = mix(hash, quote);
        j++;
        while (j < n) {
          const cp = text.codePointAt(j)!;
          if (classOf(cp) !== LETTER) break;
          hash = mix(hash, cp);
          j += cp > 0xffff ? 2 : 1;
        }
      }
      ids.push(this.idAt(text, start, j, hash, onNew));
      starts.push(start);
      i = j;
    }
  }

  private idAt(text: string, start: number, end: number, hash: number, onNew: (word: string) => void): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) {
        const id = this.words.length;
        const word = text.slice(start, end);
        this.words.push(word);
        this.slots[slot] = id + 1;
        this.slotHashes[slot] = hash;
        onNew(word);
        if (this.words.length * 2 > this.slots.length) this.grow();
        return id;
      }
      if (this.slotHashes[slot] !== hash) continue;
      const word = this.words[entry - 1];
      if (word.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (word.charCodeAt(k) !== text.charCodeAt(start + k)) {
          same = false;
          break;
        }
      }
      if (same) return entry - 1;
    }
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.slotHashes;
    this.slots = new Int32Array(oldSlots.length * 2);
    this.slotHashes = new Int32Array(oldSlots.length * 2);
    const mask = this.slots.length - 1;
    for (let s = 0; s < oldSlots.length; s++) {
      if (oldSlots[s] === 0) continue;
      let slot = oldHashes[s] & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = oldSlots[s];
      this.slotHashes[slot] = oldHashes[s];
    }
  }
}
