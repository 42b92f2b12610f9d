/**
 * The index as the query evaluator reads it: one or more frozen segments (postings.ts + phraseIndex.ts), each for a
 * consecutive range of units. A built or loaded archive is one segment; posts and comments added later (see
 * SearchIndex#addPosts) are indexed into a small segment of their own, so nothing already frozen changes, and the
 * small segments are merged once there are several. A term's postings are the union of its lists in every segment, and
 * the BM25 statistics (unit count, average field lengths, document frequencies) are summed over all of them, so a
 * unit scores exactly as it would in one MiniSearch holding every unit.
 */
import type { CountArray, Postings } from './postings';
import type { CompiledPhrase, PhraseIndex } from './phraseIndex';

export interface Segment {
  postings: Postings;
  phrases: PhraseIndex;
}

/** A slice of one segment's postings for one term in one field. */
export interface PostingList {
  docs: Uint32Array;
  tfs: CountArray;
  start: number;
  end: number;
  /** The segment's field lengths: the length of unit n's field is lengths[(n - firstId) * fieldCount + field]. */
  lengths: CountArray;
  firstId: number;
}

/** A term's postings in one field, across segments (in unit order). */
export interface FieldPostings {
  field: number;
  lists: PostingList[];
  /** Units whose field holds the term (the document frequency). */
  size: number;
}

export interface TermPostings {
  term: string;
  fields: FieldPostings[];
  /** Postings over every field. */
  size: number;
}

/** Where a segment's postings of a term are: the segment's index and the term's id in it. */
type Hit = [segment: number, termId: number];

export class Segments {
  readonly fieldCount: number;
  readonly documentCount: number;
  readonly avgFieldLength: readonly number[];

  constructor(readonly list: readonly Segment[]) {
    if (list.length === 0) throw new Error('an index needs a segment');
    this.fieldCount = list[0].postings.fieldCount;
    this.documentCount = list.reduce((n, s) => n + s.postings.documentCount, 0);
    this.avgFieldLength = Array.from({ length: this.fieldCount }, (_, f) => {
      const sum = list.reduce((total, s) => total + s.postings.fieldLengthSum(f), 0);
      return this.documentCount === 0 ? 0 : sum / this.documentCount;
    });
  }

  /** Every unit's length of field f (as BM25 counts it), by unit number. */
  fieldLengths(f: number): Uint32Array {
    const out = new Uint32Array(this.unitLimit);
    for (const { postings } of this.list) {
      for (let i = 0; i < postings.documentCount; i++) out[postings.firstId + i] = postings.fieldLength[i * this.fieldCount + f];
    }
    return out;
  }

  /** Makes what prefix and fuzzy look-ups walk (each segment's radix tree) now rather than on the first such query. */
  prepareLookups(): void {
    for (const segment of this.list) segment.postings.prepare();
  }

  /** One past the largest unit number indexed. */
  get unitLimit(): number {
    const last = this.list[this.list.length - 1].postings;
    return last.firstId + last.documentCount;
  }

  /** The exact term's postings, or null when no segment has it. */
  lookup(term: string): TermPostings | null {
    const hits: Hit[] = [];
    this.list.forEach((segment, s) => {
      const id = segment.postings.termId(term);
      if (id >= 0) hits.push([s, id]);
    });
    return hits.length === 0 ? null : this.postingsOf(term, hits);
  }

  /** Every indexed term starting with `prefix`, with its postings. */
  withPrefix(prefix: string): Map<string, TermPostings> {
    const hits = new Map<string, Hit[]>();
    this.list.forEach((segment, s) => {
      for (const [term, id] of segment.postings.withPrefix(prefix)) push(hits, term, [s, id]);
    });
    return new Map([...hits].map(([term, h]) => [term, this.postingsOf(term, h)]));
  }

  /** Every indexed term within `maxDistance` edits of `term`, with its postings and distance. */
  fuzzy(term: string, maxDistance: number): Map<string, [TermPostings, number]> {
    const hits = new Map<string, Hit[]>();
    const distances = new Map<string, number>();
    this.list.forEach((segment, s) => {
      for (const [found, [id, distance]] of segment.postings.fuzzy(term, maxDistance)) {
        push(hits, found, [s, id]);
        distances.set(found, distance);
      }
    });
    return new Map([...hits].map(([found, h]) => [found, [this.postingsOf(found, h), distances.get(found)!]]));
  }

  /** The segment holding unit n. */
  segmentOf(n: number): Segment {
    const list = this.list;
    for (let s = list.length - 1; s > 0; s--) if (n >= list[s].postings.firstId) return list[s];
    return list[0];
  }

  /**
   * A test "does unit n contain the phrase" reading only the phrase index (see phraseIndex.ts): every containing unit
   * is found once, on the first question, from the phrase's rarest word. Segments where one of its words never occurs
   * answer no at once.
   */
  phraseTest(phrase: CompiledPhrase): (n: number) => boolean {
    const tests = this.list.map((segment): ((n: number) => boolean) => {
      const { phrases } = segment;
      const ids = phrases.resolve(phrase);
      if (ids === null) return () => false;
      let marks: Uint8Array | null = null;
      return (n) => (marks ??= phrases.unitsContaining(ids, phrase.joined))[n - phrases.firstUnit] === 1;
    });
    if (tests.length === 1) return tests[0];
    return (n) => tests[this.list.indexOf(this.segmentOf(n))](n);
  }

  private postingsOf(term: string, hits: readonly Hit[]): TermPostings {
    const fields: FieldPostings[] = [];
    let size = 0;
    for (let f = 0; f < this.fieldCount; f++) {
      const lists: PostingList[] = [];
      let fieldSize = 0;
      for (const [s, id] of hits) {
        const p = this.list[s].postings;
        const start = p.listStartOf(id, f);
        const end = p.listEndOf(id, f);
        if (start === end) continue;
        lists.push({ docs: p.docs, tfs: p.tfs, start, end, lengths: p.fieldLength, firstId: p.firstId });
        fieldSize += end - start;
      }
      if (fieldSize === 0) continue;
      fields.push({ field: f, lists, size: fieldSize });
      size += fieldSize;
    }
    return { term, fields, size };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
