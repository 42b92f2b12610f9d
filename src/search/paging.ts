/**
 * Paging: the final order of a query's matches and the page asked for.
 *
 * Order: score descending, then the post's date descending (undated last), then archive order (unit number). Only
 * the best few matches (the window, reranked by the evidence step: searchIndex.ts) are sorted as candidates; the
 * rest are sorted only when a page reaches past them. Queries of filters only come in date order, newest first,
 * all with score 0.
 */
import type { Matches } from './termQuery';
import type { UnitTable } from './unitTable';

export interface Candidate {
  /** Unit number. */
  n: number;
  score: number;
}

/** The units a query matched; `scored` is false for filter-only scans, which come in their final order. */
export interface Ranked {
  matches: Matches;
  scored: boolean;
}

export class Paging {
  /** Per post index: 0 for the newest date, undated posts after every dated one. Made on first use. */
  private dateRank: Int32Array | null = null;
  /** Unit numbers in the order of equal-score units: newest post first, then archive order. Made on first use. */
  private dateOrder: Int32Array | null = null;

  constructor(private readonly table: UnitTable) {}

  /** compareCandidates: score, then date, then archive order. */
  readonly compare = (a: Candidate, b: Candidate): number => {
    if (b.score !== a.score) return b.score - a.score;
    const ranks = this.ranks();
    const ra = ranks[this.table.postIndex(a.n)];
    const rb = ranks[this.table.postIndex(b.n)];
    if (ra !== rb) return ra - rb;
    return a.n - b.n;
  };

  /**
   * The candidates of one page, in the final order: from the window (already in order) while it lasts, then the
   * other matches, made and sorted only when a page reaches past the window. Dropped units are neither.
   */
  page(
    run: Ranked & { window: readonly Candidate[]; inWindow: ReadonlySet<number>; dropped: ReadonlySet<number> },
    offset: number,
    limit: number,
  ): Candidate[] {
    const { units, scores, count } = run.matches;
    if (!run.scored) {
      const out: Candidate[] = [];
      for (let i = offset; i < Math.min(count, offset + limit); i++) out.push({ n: units[i], score: 0 });
      return out;
    }
    const end = Math.min(count - run.dropped.size, offset + limit);
    if (offset >= end) return [];
    if (end <= run.window.length) return run.window.slice(offset, end);
    const rest: Candidate[] = [];
    for (let i = 0; i < count; i++) if (!run.inWindow.has(units[i])) rest.push({ n: units[i], score: scores[i] });
    rest.sort(this.compare);
    return [...run.window, ...rest].slice(offset, end);
  }

  /** The `size` best matches in candidate order, sorting numbers, not objects. */
  best(matches: Matches, size: number): Candidate[] {
    const { units, scores, count } = matches;
    const threshold = count > size ? kthLargest(scores.slice(0, count), size) : -Infinity;
    const out: Candidate[] = [];
    for (let i = 0; i < count; i++) if (scores[i] >= threshold) out.push({ n: units[i], score: scores[i] });
    out.sort(this.compare);
    out.length = Math.min(out.length, size);
    return out;
  }

  /** Every unit `accept` keeps (all when null), newest first: the matches of a query of filters only. */
  scan(accept: ((n: number) => boolean) | null): Ranked {
    const order = (this.dateOrder ??= this.newestFirst());
    const units = new Int32Array(order.length);
    let count = 0;
    for (const n of order) if (accept === null || accept(n)) units[count++] = n;
    return { matches: { units, scores: new Float64Array(0), count }, scored: false };
  }

  private ranks(): Int32Array {
    if (this.dateRank) return this.dateRank;
    const posts = this.table.posts;
    const dates = [...new Set(posts.map((p) => p.date).filter((d): d is string => d !== null))].sort().reverse();
    const rank = new Map<string | null, number>(dates.map((d, i) => [d, i]));
    rank.set(null, dates.length);
    return (this.dateRank = Int32Array.from(posts, (p) => rank.get(p.date)!));
  }

  /** Unit numbers in the order `compare` gives units of equal score. */
  private newestFirst(): Int32Array {
    const ranks = this.ranks();
    const size = this.table.size;
    const keys = new Float64Array(size);
    for (let n = 0; n < size; n++) keys[n] = ranks[this.table.postIndex(n)] * size + n;
    keys.sort();
    const order = new Int32Array(size);
    for (let i = 0; i < size; i++) order[i] = keys[i] % size;
    return order;
  }
}

/**
 * The k-th largest value (k ≥ 1), reordering `values` (Hoare's selection: linear on average, where sorting tens of
 * thousands of scores only to find the 200th best was a visible part of a common query's time).
 */
export function kthLargest(values: Float64Array, k: number): number {
  const target = values.length - k;
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target];
}
