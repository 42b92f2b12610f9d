/**
 * A text's atoms (maximal runs of letters and digits, see phraseIndex.ts) as integer ids, read without a regular
 * expression, a substring or a Map lookup per atom: building the phrase index reads ~10 million atoms, and matching,
 * copying and hashing each one was a large part of the index build. Each atom is hashed from its characters as they are
 * read and looked up in an open-addressing table of the spellings met so far; a substring is made only the first
 * time a spelling is met. (The same technique as src/text/wordTable.ts, for a different definition of a word.)
 */
import * as chars from '../text/charClass';
import * as spelling from '../text/spellingTable';
import { SpellingTable } from '../text/spellingTable';

// Read once into module constants: through an import, a bundler's live binding (tsx) is a getter call per use, and
// this is used for every character.
const classOf = chars.charClass;
const OTHER = chars.OTHER;
const mixHash = spelling.mixHash;
const HASH_START = spelling.HASH_START;

/** Letters and digits: the characters of the tokenizer's words (src/text/charClass.ts). */
function isAtomChar(cp: number): boolean {
  return classOf(cp) !== OTHER;
}

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

/** Spellings as met (case kept), each mapped by `onNew` to the id the caller stores for it. */
export class AtomTable {
  private readonly table = new SpellingTable(1 << 12);
  /** onNew's value for each spelling, by spelling id. */
  private readonly values: number[] = [];

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
      let hash = HASH_START;
      let j = i;
      while (j < n) {
        const cp = text.codePointAt(j)!;
        if (!isAtomChar(cp)) break;
        hash = mixHash(hash, cp);
        j += cp > 0xffff ? 2 : 1;
      }
      const gap = text.charCodeAt(start - 1);
      emit(this.valueAt(text, start, j, hash), start - prevEnd === 1 && (gap === APOSTROPHE || gap === RIGHT_QUOTE));
      prevEnd = j;
      i = j;
    }
  }

  private valueAt(text: string, start: number, end: number, hash: number): number {
    const id = this.table.idOf(text, start, end, hash);
    if (id === this.values.length) this.values.push(this.onNew(this.table.spellings[id]));
    return this.values[id];
  }
}
