/**
 * /trend: how often a subject comes up, period by period. A trend query is one to three searches separated by commas
 * (`pay offer, strike`), each in the full search language; each is counted over every unit it matches (comments and
 * post passages, exactly as /search finds them), by the date of the post they belong to.
 */
import { parseQuery, QueryError, type ParsedQuery } from '../search';
import { periodOf, periodsOf, type DateSpan, type Granularity } from './periods';
import { tally, topThreads, type Bucket, type MatchSource } from './tally';

/** More lines than this on one chart stop being readable. */
export const MAX_TERMS = 3;
/** Peak periods listed per term. */
export const PEAKS = 3;

export interface TrendPeak {
  period: string;
  /** Matches in the whole period. */
  periodCount: number;
  /** The liveliest thread of the period for this query: the post with the most matches in it. */
  postId: string;
  postTitle: string | null;
  postDate: string | null;
  /** Matches in that thread. */
  count: number;
}

export interface TrendSeries {
  /** The term as typed (trimmed). */
  query: string;
  /** Every matching unit: equal to /search's total for the same query. */
  total: number;
  /** One per period of the archive's span, zeros included. */
  buckets: Bucket[];
  /** Matches in posts without a date (not in `buckets`). */
  undated: number;
  /** The busiest periods, busiest first (ties: the earlier), each with its liveliest thread. */
  peaks: TrendPeak[];
}

export interface TrendReport {
  by: Granularity;
  /** The periods of every series' buckets, in order. */
  periods: string[];
  series: TrendSeries[];
}

/** Splits at commas outside quotes: `"pay, offer", strike` is two terms. */
export function splitTerms(input: string): string[] {
  const terms: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of input) {
    if (ch === '"' || ch === '“' || ch === '”' || ch === '„') quoted = !quoted;
    if (ch === ',' && !quoted) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t.length > 0);
}

export interface TrendQuery {
  terms: string[];
  parsed: ParsedQuery[];
}

/** Parses a trend query; mistakes are QueryErrors written for the person who typed them. */
export function parseTrendQuery(input: string): TrendQuery {
  const terms = splitTerms(input);
  if (terms.length === 0) throw new QueryError('Say what to chart, e.g. "pay offer", or compare up to three: "pay offer, strike".');
  if (terms.length > MAX_TERMS) {
    throw new QueryError(
      `A chart compares at most ${MAX_TERMS} searches; you gave ${terms.length} (separated by commas). Drop ${terms.length - MAX_TERMS}.`,
    );
  }
  const parsed = terms.map((term) => {
    try {
      return parseQuery(term);
    } catch (error) {
      if (error instanceof QueryError && terms.length > 1) throw new QueryError(`In “${term}”: ${error.message}`);
      throw error;
    }
  });
  return { terms, parsed };
}

function seriesOf(source: MatchSource<ParsedQuery>, term: string, query: ParsedQuery, periods: string[], by: Granularity): TrendSeries {
  const counted = tally(source.matchingUnits(query), periods, by);
  const busiest = counted.dated
    .filter((b) => b.count > 0)
    .sort((a, b) => b.count - a.count || (a.period < b.period ? -1 : 1))
    .slice(0, PEAKS);
  const peaks = busiest.map((bucket): TrendPeak => {
    const [thread] = topThreads(counted.byPost, 1, (post) => post.date !== null && periodOf(post.date, by) === bucket.period);
    return { period: bucket.period, periodCount: bucket.count, ...thread };
  });
  return { query: term, total: counted.total, buckets: counted.dated, undated: counted.undated, peaks };
}

/** Counts each term of the query over the archive's span. */
export function countTrend(source: MatchSource<ParsedQuery>, span: DateSpan | null, query: TrendQuery, by: Granularity): TrendReport {
  const periods = periodsOf(span, by);
  return { by, periods, series: query.terms.map((term, i) => seriesOf(source, term, query.parsed[i], periods, by)) };
}
