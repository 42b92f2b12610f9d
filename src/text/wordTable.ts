/**
 * The tokenizer's words as small integer ids, for texts read in bulk (a thread's summary, the corpus statistics): the
 * same split as `tokenize` in tokens.ts (letters and digits, with inner apostrophes followed by letters kept in the
 * word), read without a regular expression, a substring or a Map lookup per word. A long thread is tens of thousands
 * of words, and most of a summary's time went into matching each one, copying it out and hashing the copy; here the
 * text is read once, each word hashed from its characters as they are read, and a substring made only the first time
 * a spelling is met. A property test (test/text/wordTable.test.ts) holds the two readings together.
 */
import * as chars from './charClass';
import * as spelling from './spellingTable';
import { SpellingTable } from './spellingTable';

// Read once into module constants: through an import, a bundler's live binding (tsx) is a getter call per use, and
// these are used for every character.
const classOf = chars.charClass;
const OTHER = chars.OTHER;
const LETTER = chars.LETTER;
const mixHash = spelling.mixHash;
const HASH_START = spelling.HASH_START;

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

export class WordTable {
  private readonly table = new SpellingTable();
  /** Each distinct spelling, by id. */
  readonly words: string[] = this.table.spellings;

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
      let hash = HASH_START;
      let j = i;
      // Letters and digits…
      while (j < n) {
        const cp = text.codePointAt(j)!;
        if (classOf(cp) === OTHER) break;
        hash = mixHash(hash, cp);
        j += cp > 0xffff ? 2 : 1;
      }
      // …then any number of apostrophes each followed by letters ("don't", "probation’s"; not "90's").
      while (j + 1 < n) {
        const quote = text.charCodeAt(j);
        if (quote !== APOSTROPHE && quote !== RIGHT_QUOTE) break;
        if (classOf(text.codePointAt(j + 1)!) !== LETTER) break;
        hash = mixHash(hash, quote);
        j++;
        while (j < n) {
          const cp = text.codePointAt(j)!;
          if (classOf(cp) !== LETTER) break;
          hash = mixHash(hash, cp);
          j += cp > 0xffff ? 2 : 1;
        }
      }
      const known = this.words.length;
      const id = this.table.idOf(text, start, j, hash);
      if (id === known) onNew(this.words[id]);
      ids.push(id);
      starts.push(start);
      i = j;
    }
  }
}
