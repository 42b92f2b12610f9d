/**
 * /author: one signature's part in the archive. The comments counted are exactly those `/search author:<name>` finds
 * (the same query through the same index), so the profile and its "search their comments" button always agree; the
 * signatures that matched are listed, so a reader sees whose words were counted.
 */
import { parseQuery, QueryError, normaliseName, type ParsedQuery } from '../search';
import { periodsOf, type DateSpan } from './periods';
import { tally, topThreads, type Bucket, type CountedUnit, type MatchSource, type ThreadCount } from './tally';

/** Threads listed in a profile. */
export const AUTHOR_THREADS = 5;

export interface SignatureCount {
  name: string;
  count: number;
}

export interface AuthorProfile {
  /**
   * The name to show: the most frequent spelling when every signature counted is the same name (`'Getafix` for
   * "getafix"), else the name as asked (so "Jim" counting "Jim" and "Jim Brown" is not shown as either).
   */
  author: string;
  /** Comments signed like the name. */
  comments: number;
  /** Dates of the first and last posts they commented on (by post date, like every count here: text exports give comments no date). */
  firstDate: string | null;
  lastDate: string | null;
  /** Comments per year of the archive's span, zeros included. */
  buckets: Bucket[];
  /** Comments under posts without a date (not in `buckets`). */
  undated: number;
  /** The threads they spoke most in. */
  threads: ThreadCount[];
  /** The signatures counted, most frequent first (`'Getafix` and `Getafix` are the same person to a reader). */
  signatures: SignatureCount[];
}

/** The search that finds a name's comments, quotes made safe (signatures are compared without punctuation anyway). */
export function authorQuery(name: string): string {
  const cleaned = name
    .replace(/["“”„]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!normaliseName(cleaned)) throw new QueryError('Give a name as it is signed, e.g. Getafix or "Probation Officer, London".');
  return `author:"${cleaned}"`;
}

function signatureCounts(units: readonly CountedUnit[]): SignatureCount[] {
  const counts = new Map<string, number>();
  for (const unit of units) {
    const name = unit.author ?? 'Anonymous';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function displayName(asked: string, signatures: readonly SignatureCount[]): string {
  if (signatures.length === 0) return asked;
  const key = normaliseName(signatures[0].name);
  return signatures.every((s) => normaliseName(s.name) === key) ? signatures[0].name : asked;
}

export function authorProfile(source: MatchSource<ParsedQuery>, span: DateSpan | null, name: string): AuthorProfile {
  const units = source.matchingUnits(parseQuery(authorQuery(name))).filter((u) => u.kind === 'comment');
  const counted = tally(units, periodsOf(span, 'year'), 'year');
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  for (const post of counted.byPost.keys()) {
    if (post.date === null) continue;
    if (firstDate === null || post.date < firstDate) firstDate = post.date;
    if (lastDate === null || post.date > lastDate) lastDate = post.date;
  }
  const signatures = signatureCounts(units);
  return {
    author: displayName(name.trim(), signatures),
    comments: counted.total,
    firstDate,
    lastDate,
    buckets: counted.dated,
    undated: counted.undated,
    threads: topThreads(counted.byPost, AUTHOR_THREADS),
    signatures,
  };
}
