/**
 * What the 300 bench queries find: each query's total and its first five hits (ids and scores). Recorded once from a
 * known-good engine and compared after every change to the engine's internals, so "faster" never quietly means
 * "finds something else". Used by `npm run search-check` and by test/bench/searchResults.test.ts.
 */
import type { SearchIndex } from '../../src/search';
import { QueryError } from '../../src/search';
import type { BenchQuery } from './benchQueries';

export interface QueryResult {
  query: string;
  kind: string;
  /** Null when the query is refused with a QueryError (its message in `error`). */
  total: number | null;
  top: Array<{ id: string; score: number }>;
  error?: string;
}

export interface RecordedResults {
  /** What the archive was: posts, seed, generator version. */
  archive: { posts: number; seed: number; generator: number; units: number };
  results: QueryResult[];
}

export const TOP_HITS = 5;

export function runQueries(index: SearchIndex, queries: readonly BenchQuery[]): QueryResult[] {
  return queries.map((q) => {
    try {
      const r = index.search(q.text, { limit: TOP_HITS });
      return { query: q.text, kind: q.kind, total: r.total, top: r.hits.map((h) => ({ id: h.id, score: h.score })) };
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      return { query: q.text, kind: q.kind, total: null, top: [], error: e.message };
    }
  });
}

export interface ResultDifference {
  query: string;
  what: string;
}

/**
 * Where two runs differ: a total, the hit ids in order, or a score by more than rounding (scores are rounded to three
 * decimals in hits; two equal sums added in a different order may differ in the last place).
 */
export function compareResults(expected: readonly QueryResult[], actual: readonly QueryResult[]): ResultDifference[] {
  const out: ResultDifference[] = [];
  if (expected.length !== actual.length) out.push({ query: '*', what: `${expected.length} queries recorded, ${actual.length} run` });
  const byQuery = new Map(actual.map((r) => [`${r.kind}\0${r.query}`, r]));
  for (const e of expected) {
    const a = byQuery.get(`${e.kind}\0${e.query}`);
    if (!a) {
      out.push({ query: e.query, what: 'not run' });
      continue;
    }
    if (e.total !== a.total) out.push({ query: e.query, what: `total ${e.total} → ${a.total}` });
    const ids = (r: QueryResult) => r.top.map((h) => h.id).join(', ');
    if (ids(e) !== ids(a)) out.push({ query: e.query, what: `top ${TOP_HITS} [${ids(e)}] → [${ids(a)}]` });
    else {
      e.top.forEach((h, i) => {
        if (Math.abs(h.score - a.top[i].score) > 0.0015)
          out.push({ query: e.query, what: `score of ${h.id} ${h.score} → ${a.top[i].score}` });
      });
    }
    if ((e.error ?? null) !== (a.error ?? null))
      out.push({ query: e.query, what: `refusal ${JSON.stringify(e.error ?? null)} → ${JSON.stringify(a.error ?? null)}` });
  }
  return out;
}

/** One query per line: small diffs when a recording is redone. */
export function formatRecording(recorded: RecordedResults): string {
  return `{"archive": ${JSON.stringify(recorded.archive)}, "results": [\n${recorded.results.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}
