/**
 * A text's atoms (maximal runs of letters and digits, see phraseIndex.ts) as integer ids, read without a regular
 * expression, a substring or a Map lookup per atom: building the phrase index reads ~10 million atoms, and matching,
 * copying and hashing each one was a large part of the index build. Each atom is hashed from its characters as they are
 * read and looked up in an open-addressing table of the spellings met so far; a substring is made only the first
 * time a spelling is met. (The same technique as src/text/wordTable.ts, for a different definition of a word.)
 */
import * as chars from '../text/charClass';

// Read once into module constants: through an import, a bundler's live binding (tsx) is a getter call per use, and
// this is used for every character.
const classOf = chars.charClass;
const OTHER = chars.OTHER;

/** Letters and digits: the characters of the tokenizer's words (src/text/charClass.ts). */
function isAtomChar(cp: number): boolean {
  return classOf(cp) !== OTHER;
}

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

/** Spellings as met (case kept), each mapped by `onNew` to the id the caller stores for it. */
export class AtomTable {
  private readonly spellings: string[] = [];
  private readonly values: number[] = [];
  private slots = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);

  constructor(private readonly onNew: (spelling: string) => number) {}

  /**
   * Calls `emit(value, joined)` for each atom of `text` in order, where value is onNew's result for its spelling and
   * joined says whether exactly one apostrophe (' or ’) separates it from the atom before.
   */
  scan(text: string, emit: (value: number, joined: boolean) => void): void {
    const n = text.length;
    let i = 0;
    let prevEnd = -2;
    while (i < n) {
      const first = text.codePointAt(i)!;
      if (!isAtomChar(first)) {
        i += first > 0xffff ? 2 : 1;
        continue;
      }
      const start = i;
      let hash = -2128831035;
      let j = i;
      while (j < n) {
        const cp = text.codePointAt(j)!;
        if (!isAtomChar(cp)) break;
        hash = Math.imul(hash ^ cp, 16777619);
        j += cp > 0xffff ? 2 : 1;
      }
      const gap = text.charCodeAt(start - 1);
      emit(this.valueAt(text, start, j, hash), start - prevEnd === 1 && (gap === APOSTROPHE || gap === RIGHT_QUOTE));
      prevEnd = j;
      i = j;
    }
  }

  private valueAt(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) {
        const spelling = text.slice(start, end);
        const value = this.onNew(spelling);
        this.spellings.push(spelling);
        this.values.push(value);
        this.slots[slot] = this.spellings.length;
        this.hashes[slot] = hash;
        if (this.spellings.length * 2 > this.slots.length) this.grow();
        return value;
      }
      if (this.hashes[slot] !== hash) continue;
      const spelling = this.spellings[entry - 1];
      if (spelling.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (spelling.charCodeAt(k) !== text.charCodeAt(start + k)) {
          same = false;
          break;
        }
      }
      if (same) return this.values[entry - 1];
    }
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    this.slots = new Int32Array(oldSlots.length * 2);
    this.hashes = new Int32Array(oldSlots.length * 2);
    const mask = this.slots.length - 1;
    for (let s = 0; s < oldSlots.length; s++) {
      if (oldSlots[s] === 0) continue;
      let slot = oldHashes[s] & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = oldSlots[s];
      this.hashes[slot] = oldHashes[s];
    }
  }
}
