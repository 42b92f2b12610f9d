/**
 * The frozen inverted index of a range of units: what serves queries, immutable once made.
 *
 * Layout (per field f of F, per term t of the sorted vocabulary): the postings of t in f are positions
 * listStart[t·F + f] … listStart[t·F + f + 1] of `docs` (unit numbers, ascending) and `tfs` (term frequencies, in the
 * smallest unsigned type that holds the largest). Field lengths (what BM25 normalises by) are per unit and field.
 * A restart reads these as a few typed arrays from the cache file instead of recreating MiniSearch's ~7 million Map
 * entries. Exact term look-ups are a binary search of the sorted terms; prefix and fuzzy look-ups walk MiniSearch's
 * radix tree (its public SearchableMap) of the vocabulary (see vocabularyTree), made on first use or by `prepare`
 * (the search index prepares it when it opens).
 */
import type SearchableMap from 'minisearch/SearchableMap';
import type { SectionArray } from '../util/sections';
import { vocabularyTree, type FrozenMiniSearch } from './miniSearchAdapter';

export type CountArray = Uint8Array | Uint16Array | Uint32Array;

/** The smallest unsigned array that holds every value of `values`. */
export function narrow(values: Uint32Array): CountArray {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max <= 0xff) return Uint8Array.from(values);
  if (max <= 0xffff) return Uint16Array.from(values);
  return values;
}

export interface PostingsHeader {
  termCount: number;
  fieldCount: number;
  firstId: number;
  documentCount: number;
}

export class Postings {
  private tree: SearchableMap<number> | null = null;

  constructor(
    /** Sorted (JavaScript string order). */
    readonly terms: readonly string[],
    readonly fieldCount: number,
    readonly listStart: Uint32Array,
    readonly docs: Uint32Array,
    readonly tfs: CountArray,
    /** Units firstId … firstId + documentCount - 1. */
    readonly firstId: number,
    readonly documentCount: number,
    /** fieldLength[(n - firstId) · F + f]. */
    readonly fieldLength: CountArray,
  ) {
    if (listStart.length !== terms.length * fieldCount + 1) throw new Error('postings: list offsets do not match the vocabulary');
    if (fieldLength.length !== documentCount * fieldCount) throw new Error('postings: field lengths do not match the documents');
  }

  /** The term's id, or -1 when it is not indexed. */
  termId(term: string): number {
    const terms = this.terms;
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = terms[mid];
      if (t === term) return mid;
      if (t < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Start and end (exclusive) of term t's list in field f, in `docs` / `tfs`. */
  listStartOf(t: number, f: number): number {
    return this.listStart[t * this.fieldCount + f];
  }

  listEndOf(t: number, f: number): number {
    return this.listStart[t * this.fieldCount + f + 1];
  }

  /** Every indexed term starting with `prefix` (itself included when indexed), with its id. */
  withPrefix(prefix: string): Iterable<[string, number]> {
    return this.vocabulary().atPrefix(prefix);
  }

  /** Every indexed term within `maxDistance` edits of `term`: term → [id, distance]. */
  fuzzy(term: string, maxDistance: number): Map<string, [number, number]> {
    return this.vocabulary().fuzzyGet(term, maxDistance);
  }

  /** Sum of the field's lengths over these units (the part of the average length BM25 needs). */
  fieldLengthSum(f: number): number {
    let sum = 0;
    for (let i = f; i < this.fieldLength.length; i += this.fieldCount) sum += this.fieldLength[i];
    return sum;
  }

  /** Makes the radix tree now, rather than on the first prefix or fuzzy look-up. */
  prepare(): void {
    this.vocabulary();
  }

  private vocabulary(): SearchableMap<number> {
    return (this.tree ??= vocabularyTree(this.terms));
  }

  static fromFrozen(frozen: FrozenMiniSearch): Postings {
    return new Postings(
      frozen.terms,
      frozen.fieldCount,
      frozen.listStart,
      frozen.docs,
      narrow(frozen.tfs),
      frozen.firstId,
      frozen.documentCount,
      narrow(frozen.fieldLength),
    );
  }

  /**
   * One Postings for consecutive unit ranges (parts in unit order): the vocabularies united, each term's lists
   * concatenated (still ascending, as the ranges are).
   */
  static merge(parts: ReadonlyArray<Postings | FrozenMiniSearch>): Postings {
    if (parts.length === 0) throw new Error('nothing to merge');
    if (parts.length === 1) return parts[0] instanceof Postings ? parts[0] : Postings.fromFrozen(parts[0]);
    const fieldCount = parts[0].fieldCount;
    for (let i = 1; i < parts.length; i++) {
      if (parts[i].fieldCount !== fieldCount) throw new Error('postings: parts index different fields');
      if (parts[i].firstId !== parts[i - 1].firstId + parts[i - 1].documentCount)
        throw new Error('postings: parts are not consecutive unit ranges');
    }
    const all = new Set<string>();
    for (const part of parts) for (const term of part.terms) all.add(term);
    const terms = [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const idOf = new Map<string, number>(terms.map((t, i) => [t, i]));
    const globalIds = parts.map((part) => Int32Array.from(part.terms, (t) => idOf.get(t)!));
    const counts = new Uint32Array(terms.length * fieldCount);
    parts.forEach((part, p) => {
      const ids = globalIds[p];
      for (let t = 0; t < ids.length; t++) {
        for (let f = 0; f < fieldCount; f++)
          counts[ids[t] * fieldCount + f] += part.listStart[t * fieldCount + f + 1] - part.listStart[t * fieldCount + f];
      }
    });
    const listStart = new Uint32Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) listStart[i + 1] = listStart[i] + counts[i];
    const total = listStart[counts.length];
    const docs = new Uint32Array(total);
    const tfs = new Uint32Array(total);
    const fill = listStart.slice(0, counts.length);
    parts.forEach((part, p) => {
      const ids = globalIds[p];
      for (let t = 0; t < ids.length; t++) {
        for (let f = 0; f < fieldCount; f++) {
          const from = part.listStart[t * fieldCount + f];
          const to = part.listStart[t * fieldCount + f + 1];
          if (from === to) continue;
          const at = fill[ids[t] * fieldCount + f];
          docs.set(part.docs.subarray(from, to), at);
          tfs.set(part.tfs.subarray(from, to), at);
          fill[ids[t] * fieldCount + f] = at + (to - from);
        }
      }
    });
    const documentCount = parts.reduce((n, part) => n + part.documentCount, 0);
    const fieldLength = new Uint32Array(documentCount * fieldCount);
    let row = 0;
    for (const part of parts) {
      fieldLength.set(part.fieldLength, row);
      row += part.fieldLength.length;
    }
    return new Postings(terms, fieldCount, listStart, docs, narrow(tfs), parts[0].firstId, documentCount, narrow(fieldLength));
  }

  /** What the cache file holds of it (see fromSections). Terms never contain a newline (they are words). */
  toSections(prefix: string): { header: PostingsHeader; arrays: Record<string, SectionArray> } {
    return {
      header: { termCount: this.terms.length, fieldCount: this.fieldCount, firstId: this.firstId, documentCount: this.documentCount },
      arrays: {
        [`${prefix}terms`]: Buffer.from(this.terms.join('\n'), 'utf8'),
        [`${prefix}listStart`]: this.listStart,
        [`${prefix}docs`]: this.docs,
        [`${prefix}tfs`]: this.tfs,
        [`${prefix}fieldLength`]: this.fieldLength,
      },
    };
  }

  static fromSections(header: PostingsHeader, prefix: string, array: (name: string) => SectionArray): Postings {
    const raw = array(`${prefix}terms`);
    const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
    const terms = header.termCount === 0 ? [] : text.split('\n');
    if (terms.length !== header.termCount) throw new Error('postings: vocabulary does not match its header');
    return new Postings(
      terms,
      header.fieldCount,
      array(`${prefix}listStart`) as Uint32Array,
      array(`${prefix}docs`) as Uint32Array,
      array(`${prefix}tfs`) as CountArray,
      header.firstId,
      header.documentCount,
      array(`${prefix}fieldLength`) as CountArray,
    );
  }
}
