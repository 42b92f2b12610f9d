/**
 * Phrase checks without reading the text: where each word of the units occurs.
 *
 * A phrase "pay offer" matches where its words stand in order, whole, separated by anything that is not a letter or
 * digit (phrases.ts, as a regular expression on the text). Split a text into atoms, its maximal runs of letters and
 * digits: the regular expression matches exactly a run of consecutive atoms equal (ignoring case) to the phrase's,
 * where the atoms of one phrase word ("don't" → don, t) are separated by exactly one apostrophe. So the index numbers
 * every atom of every unit (its position; units one after another) and keeps, for each atom spelling (case-folded,
 * sorted vocabulary), the ascending list of its positions, each with one bit saying whether a single apostrophe
 * precedes it. A phrase is then found by merging a few integer lists: no text decoded, no regular expression.
 *
 * Exact for phrases of ASCII letters and digits: `toLowerCase` then equals the regular expression's case folding
 * (which also folds the Kelvin sign to k, as toLowerCase does, and the long s to s, mapped below). A phrase with
 * other letters is checked on the text instead (`compile` returns null), where Unicode case folding and
 * toLowerCase may disagree.
 */
import type { SectionArray } from '../util/sections';
import { AtomTable } from './atoms';
import { seek } from './gallop';

const APOSTROPHE = /['’]/;
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/** The spelling an atom is stored under. */
export function atomKey(atom: string): string {
  const lower = atom.toLowerCase();
  return lower.includes('ſ') ? lower.replace(/ſ/g, 's') : lower;
}

/** A phrase as atoms: ids are looked up per segment; `joined[i]` says atom i must follow a single apostrophe. */
export interface CompiledPhrase {
  keys: string[];
  joined: boolean[];
}

/** The phrase's atoms, or null when it cannot be checked exactly on atoms (non-ASCII letters) or has no words. */
export function compilePhrase(words: readonly string[]): CompiledPhrase | null {
  const keys: string[] = [];
  const joined: boolean[] = [];
  for (const word of words) {
    word.split(APOSTROPHE).forEach((atom, i) => {
      keys.push(atom);
      joined.push(i > 0);
    });
  }
  if (keys.length === 0 || !keys.every((k) => ASCII_WORD.test(k))) return null;
  return { keys: keys.map(atomKey), joined };
}

/** Builds the atom sequences of units added in order. */
export class PhraseIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly table = new AtomTable((spelling) => {
    const key = atomKey(spelling);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.ids.set(key, id);
    }
    return id;
  });
  private atoms = new Uint32Array(1 << 16);
  private length = 0;
  private readonly starts: number[] = [0];
  private readonly emit = (id: number, joined: boolean): void => {
    if (this.length === this.atoms.length) {
      const grown = new Uint32Array(this.atoms.length * 2);
      grown.set(this.atoms);
      this.atoms = grown;
    }
    this.atoms[this.length++] = (id << 1) | (joined ? 1 : 0);
  };

  constructor(readonly firstUnit: number) {}

  add(text: string): void {
    this.table.scan(text, this.emit);
    this.starts.push(this.length);
  }

  finish(): PhraseIndex {
    const order = this.keys.map((_, i) => i).sort((a, b) => (this.keys[a] < this.keys[b] ? -1 : this.keys[a] > this.keys[b] ? 1 : 0));
    const rank = new Uint32Array(order.length);
    order.forEach((id, r) => (rank[id] = r));
    const atoms = this.atoms.subarray(0, this.length);
    for (let i = 0; i < atoms.length; i++) atoms[i] = (rank[atoms[i] >>> 1] << 1) | (atoms[i] & 1);
    const { positionStart, positions } = invert(atoms, order.length);
    return new PhraseIndex(
      order.map((id) => this.keys[id]),
      positionStart,
      positions,
      Uint32Array.from(this.starts),
      this.firstUnit,
    );
  }
}

export class PhraseIndex {
  constructor(
    /** Atom spellings, sorted. */
    private readonly keys: readonly string[],
    /** The occurrences of atom id a are positions[positionStart[a]] … positions[positionStart[a + 1] - 1]. */
    private readonly positionStart: Uint32Array,
    /** (position << 1 | follows a single apostrophe), ascending within each atom's list. */
    private readonly positions: Uint32Array,
    /** Unit i's atoms are at positions starts[i - firstUnit] … starts[i - firstUnit + 1] - 1. */
    private readonly starts: Uint32Array,
    readonly firstUnit: number,
  ) {
    if (positionStart.length !== keys.length + 1) throw new Error('phrase index: position lists do not match the vocabulary');
  }

  get unitCount(): number {
    return this.starts.length - 1;
  }

  /** The atom ids of a compiled phrase here, or null when one of its atoms occurs nowhere in these units. */
  resolve(phrase: CompiledPhrase): Uint32Array | null {
    const out = new Uint32Array(phrase.keys.length);
    for (let i = 0; i < phrase.keys.length; i++) {
      const id = this.keyId(phrase.keys[i]);
      if (id < 0) return null;
      out[i] = id;
    }
    return out;
  }

  /**
   * Every unit containing the resolved phrase, marked by unit number - firstUnit: the occurrences of its rarest atom,
   * kept where each other atom occurs at the right distance (galloping through that atom's list, read in order), then
   * those within one unit. Reading lists in order instead of each candidate unit is what makes a phrase of two common
   * words cost a millisecond, not ten.
   */
  unitsContaining(ids: Uint32Array, joined: readonly boolean[]): Uint8Array {
    const marks = new Uint8Array(this.unitCount);
    const order = Array.from(ids.keys()).sort((a, b) => this.occurrences(ids[a]) - this.occurrences(ids[b]));
    const { positions, positionStart, starts } = this;
    const rarest = order[0];
    // Candidate phrase starts: where the rarest atom could be at its place in the phrase.
    const candidates = new Uint32Array(this.occurrences(ids[rarest]));
    let count = 0;
    for (let i = positionStart[ids[rarest]], end = positionStart[ids[rarest] + 1]; i < end; i++) {
      const at = positions[i] >>> 1;
      if (at >= rarest && (!joined[rarest] || (positions[i] & 1) === 1)) candidates[count++] = at - rarest;
    }
    for (let o = 1; o < order.length && count > 0; o++) {
      const k = order[o];
      const end = positionStart[ids[k] + 1];
      let at = positionStart[ids[k]];
      let kept = 0;
      for (let c = 0; c < count; c++) {
        const want = candidates[c] + k;
        at = seek(positions, at, end, want * 2);
        if (at === end) break;
        if (positions[at] >>> 1 === want && (!joined[k] || (positions[at] & 1) === 1)) candidates[kept++] = candidates[c];
      }
      count = kept;
    }
    let unit = 0;
    for (let c = 0; c < count; c++) {
      const start = candidates[c];
      while (starts[unit + 1] <= start) unit++;
      if (start + ids.length <= starts[unit + 1]) marks[unit] = 1;
    }
    return marks;
  }

  private occurrences(id: number): number {
    return this.positionStart[id + 1] - this.positionStart[id];
  }

  private keyId(key: string): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid];
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** One index for consecutive unit ranges (parts in unit order): positions shifted past the parts before. */
  static merge(parts: readonly PhraseIndex[]): PhraseIndex {
    if (parts.length === 1) return parts[0];
    const all = new Set<string>();
    for (const part of parts) for (const key of part.keys) all.add(key);
    const keys = [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const idOf = new Map(keys.map((k, i) => [k, i]));
    const remaps = parts.map((part) => Uint32Array.from(part.keys, (k) => idOf.get(k)!));
    const positionStart = new Uint32Array(keys.length + 1);
    parts.forEach((part, p) => part.keys.forEach((_, id) => (positionStart[remaps[p][id] + 1] += part.occurrences(id))));
    for (let id = 0; id < keys.length; id++) positionStart[id + 1] += positionStart[id];
    const positions = new Uint32Array(positionStart[keys.length]);
    const fill = positionStart.slice(0, keys.length);
    const starts: number[] = [0];
    let shift = 0;
    parts.forEach((part, p) => {
      part.keys.forEach((_, id) => {
        const g = remaps[p][id];
        for (let i = part.positionStart[id]; i < part.positionStart[id + 1]; i++) positions[fill[g]++] = part.positions[i] + shift * 2;
      });
      for (let u = 1; u < part.starts.length; u++) starts.push(shift + part.starts[u]);
      shift += part.starts[part.starts.length - 1];
    });
    return new PhraseIndex(keys, positionStart, positions, Uint32Array.from(starts), parts[0].firstUnit);
  }

  toSections(prefix: string): { header: { keyCount: number; firstUnit: number }; arrays: Record<string, SectionArray> } {
    return {
      header: { keyCount: this.keys.length, firstUnit: this.firstUnit },
      arrays: {
        [`${prefix}atomKeys`]: Buffer.from(this.keys.join('\n'), 'utf8'),
        [`${prefix}atomStarts`]: this.starts,
        [`${prefix}atomPositionStart`]: this.positionStart,
        [`${prefix}atomPositions`]: this.positions,
      },
    };
  }

  static fromSections(header: { keyCount: number; firstUnit: number }, prefix: string, array: (name: string) => SectionArray): PhraseIndex {
    const raw = array(`${prefix}atomKeys`);
    const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
    const keys = header.keyCount === 0 ? [] : text.split('\n');
    if (keys.length !== header.keyCount) throw new Error('phrase index: vocabulary does not match its header');
    return new PhraseIndex(
      keys,
      array(`${prefix}atomPositionStart`) as Uint32Array,
      array(`${prefix}atomPositions`) as Uint32Array,
      array(`${prefix}atomStarts`) as Uint32Array,
      header.firstUnit,
    );
  }
}

/** The occurrences of each atom id, as (position << 1 | apostrophe bit), grouped by id (a counting sort). */
function invert(atoms: Uint32Array, idCount: number): { positionStart: Uint32Array; positions: Uint32Array } {
  const positionStart = new Uint32Array(idCount + 1);
  for (let i = 0; i < atoms.length; i++) positionStart[(atoms[i] >>> 1) + 1]++;
  for (let id = 0; id < idCount; id++) positionStart[id + 1] += positionStart[id];
  const fill = positionStart.slice(0, idCount);
  const positions = new Uint32Array(atoms.length);
  for (let i = 0; i < atoms.length; i++) positions[fill[atoms[i] >>> 1]++] = i * 2 + (atoms[i] & 1);
  return { positionStart, positions };
}
