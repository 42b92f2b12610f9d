/**
 * Counting matched units (comments and post passages) by period and by thread: the arithmetic shared by /trend and
 * /author. A unit counts once, in the period of its post's date; units of undated posts are counted apart.
 */
import type { Post } from '../corpus/types';
import { periodOf, UNDATED, type Granularity } from './periods';

/** What a count needs of a search unit (see src/search/units.ts). */
export interface CountedUnit {
  kind: 'comment' | 'post';
  post: Pick<Post, 'id' | 'title' | 'date' | 'comments'>;
  author: string | null;
}

/**
 * Where the units come from: the search index's `matchingUnits`, so a count always agrees with /search's total for
 * the same query (one matcher, not two).
 */
export interface MatchSource<Q> {
  matchingUnits(query: Q): readonly CountedUnit[];
}

export interface Bucket {
  /** `2016`, `2016-03`, or `undated`. */
  period: string;
  count: number;
}

export interface ThreadCount {
  postId: string;
  postTitle: string | null;
  postDate: string | null;
  count: number;
}

export interface Tally {
  total: number;
  /** One per period of the span, zeros included, in order. */
  dated: Bucket[];
  undated: number;
  /** Per post: matched units and the post, for "liveliest thread" answers. */
  byPost: Map<CountedUnit['post'], number>;
}

export function tally(units: readonly CountedUnit[], periods: readonly string[], by: Granularity): Tally {
  // Units of one post share its date: count per post (one map update a unit), then place each post once.
  const byPost = new Map<CountedUnit['post'], number>();
  for (const unit of units) byPost.set(unit.post, (byPost.get(unit.post) ?? 0) + 1);
  const index = new Map(periods.map((p, i) => [p, i]));
  const counts = new Array<number>(periods.length).fill(0);
  let undated = 0;
  for (const [post, count] of byPost) {
    if (post.date === null) {
      undated += count;
      continue;
    }
    const i = index.get(periodOf(post.date, by));
    // Periods come from the archive's own span, so every dated post has one; guard against a span from elsewhere.
    if (i === undefined) throw new Error(`post ${post.id} dated ${post.date} is outside the periods counted`);
    counts[i] += count;
  }
  return { total: units.length, dated: periods.map((period, i) => ({ period, count: counts[i] })), undated, byPost };
}

/** The dated buckets, then `undated` when any unit is undated: what JSON answers list (they sum to the total). */
export function bucketsWithUndated(dated: readonly Bucket[], undated: number): Bucket[] {
  return undated > 0 ? [...dated, { period: UNDATED, count: undated }] : [...dated];
}

/** Earlier first, undated last. */
function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Threads by matched units, most first; ties go to the longer discussion, then the earlier post, then the id, so
 * the answer never depends on the order units arrived in.
 */
export function topThreads(
  byPost: Map<CountedUnit['post'], number>,
  limit: number,
  keep: (post: CountedUnit['post']) => boolean = () => true,
): ThreadCount[] {
  const rows = [...byPost].filter(([post]) => keep(post));
  rows.sort(
    ([a, ca], [b, cb]) =>
      cb - ca || b.comments.length - a.comments.length || compareDates(a.date, b.date) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return rows.slice(0, limit).map(([post, count]) => ({ postId: post.id, postTitle: post.title, postDate: post.date, count }));
}
