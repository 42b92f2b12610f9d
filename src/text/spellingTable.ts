/**
 * Distinct spellings numbered in the order first met, looked up by a slice of a text and its hash, without making a
 * substring unless the spelling is new: the table under the scanners that turn text into word ids (wordTable.ts) and
 * phrase atoms (src/search/atoms.ts). Open addressing over two typed arrays: the slot holds id + 1 (0 when free)
 * and the spelling's hash, so a probe compares numbers first and characters only on a hash match.
 */

/** FNV-1a's start and step, as the scanners hash a spelling's code points while they read it. */
export const HASH_START = -2128831035;

export function mixHash(hash: number, cp: number): number {
  return Math.imul(hash ^ cp, 16777619);
}

export class SpellingTable {
  /** Each distinct spelling, by id. */
  readonly spellings: string[] = [];
  private slots: Int32Array;
  private hashes: Int32Array;

  /** `size`: the starting number of slots, a power of two. */
  constructor(size = 1024) {
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
  }

  /** The id of `text.slice(start, end)`, whose hash is `hash`; a spelling not met before gets the next id. */
  idOf(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) {
        const id = this.spellings.length;
        this.spellings.push(text.slice(start, end));
        this.slots[slot] = id + 1;
        this.hashes[slot] = hash;
        if (this.spellings.length * 2 > this.slots.length) this.grow();
        return id;
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
      if (same) return entry - 1;
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
