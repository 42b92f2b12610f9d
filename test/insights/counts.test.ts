/**
 * Counts are exact: every /trend and /author number equals what /search finds for the same query, on the seeds and
 * on a generated archive, checked against search's own hits (all of them, paged out), not against a second matcher.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchQueries } from '../../scripts/lib/benchQueries';
import { generateArchive } from '../../scripts/lib/syntheticArchive';
import { loadArchive } from '../../src/corpus/loadArchive';
import type { Archive } from '../../src/corpus/types';
import { archiveSpan, authorProfile, countTrend, parseTrendQuery, periodOf, UNDATED, type Granularity } from '../../src/insights';
import { buildSearchIndex, QueryError, type SearchHit, type SearchIndex } from '../../src/search';

const SEEDS = path.resolve(__dirname, '..', '..', 'seeds');

/** Every hit /search gives for the query (total first, then one page as long as the total). */
function allHits(index: SearchIndex, query: string): SearchHit[] {
  const { total } = index.search(query, { limit: 0 });
  const { hits } = index.search(query, { limit: total });
  expect(hits).toHaveLength(total);
  return hits;
}

function periodCounts(hits: SearchHit[], by: Granularity): Map<string, number> {
  const counts = new Map<string, number>();
  for (const hit of hits) {
    const period = hit.postDate === null ? UNDATED : periodOf(hit.postDate, by);
    counts.set(period, (counts.get(period) ?? 0) + 1);
  }
  return counts;
}

/** Checks one query's trend against /search's hits: total, every bucket, undated, and each peak's thread. */
function expectTrendMatchesSearch(index: SearchIndex, archive: Archive, query: string, by: Granularity): number {
  const report = countTrend(index, archiveSpan(archive.posts), parseTrendQuery(query), by);
  const [series] = report.series;
  const hits = allHits(index, query);
  expect(series.total).toBe(hits.length);
  const expected = periodCounts(hits, by);
  for (const bucket of series.buckets)
    expect([query, bucket.period, bucket.count]).toEqual([query, bucket.period, expected.get(bucket.period) ?? 0]);
  expect(series.undated).toBe(expected.get(UNDATED) ?? 0);
  expect(series.buckets.reduce((sum, b) => sum + b.count, 0) + series.undated).toBe(series.total);
  // Every dated hit falls in one of the buckets.
  expect(series.buckets.map((b) => b.period)).toEqual(expect.arrayContaining([...expected.keys()].filter((p) => p !== UNDATED)));
  for (const peak of series.peaks) {
    const inPeriod = hits.filter((h) => h.postDate !== null && periodOf(h.postDate, by) === peak.period);
    expect(peak.periodCount).toBe(inPeriod.length);
    const perPost = new Map<string, number>();
    for (const h of inPeriod) perPost.set(h.postId, (perPost.get(h.postId) ?? 0) + 1);
    expect(peak.count).toBe(perPost.get(peak.postId));
    expect(peak.count).toBe(Math.max(...perPost.values()));
  }
  const busiest = [...series.buckets].sort((a, b) => b.count - a.count)[0];
  if (series.peaks.length > 0) expect(series.peaks[0].periodCount).toBe(busiest.count);
  return series.total;
}

describe('counts on the seeds', () => {
  let archive: Archive;
  let index: SearchIndex;
  beforeAll(async () => {
    archive = await loadArchive(SEEDS);
    index = buildSearchIndex(archive);
  });

  const queries = [
    'probation',
    'pay offer',
    '"pay offer"',
    'union -unison',
    'author:getafix',
    'author:getafix relationship',
    'year:2022 probation',
    'after:2022-06 probation',
    'in:relationship',
    'probat',
    'probaton officer',
    'the probation service',
  ];
  it.each(queries)('trend of %s per year equals its /search hits', (query) => {
    expectTrendMatchesSearch(index, archive, query, 'year');
  });
  it.each(queries)('trend of %s per month equals its /search hits', (query) => {
    expectTrendMatchesSearch(index, archive, query, 'month');
  });

  it('counts undated posts apart, and covers every year of the archive, quiet ones included', () => {
    const report = countTrend(index, archiveSpan(archive.posts), parseTrendQuery('probation'), 'year');
    expect(report.periods).toEqual(['2021', '2022', '2023']);
    expect(report.series[0].undated).toBeGreaterThan(0);
    const months = countTrend(index, archiveSpan(archive.posts), parseTrendQuery('probation'), 'month');
    // October 2021 to November 2023, every month, even those without a post.
    expect(months.periods).toHaveLength(26);
    expect(months.periods[0]).toBe('2021-10');
    expect(months.periods[25]).toBe('2023-11');
  });

  it('compares up to three terms, each counted on its own exactly as /search would', () => {
    const report = countTrend(index, archiveSpan(archive.posts), parseTrendQuery('pay offer, union, "probation officer"'), 'year');
    expect(report.series.map((s) => s.query)).toEqual(['pay offer', 'union', '"probation officer"']);
    for (const s of report.series) expect(s.total).toBe(index.search(s.query).total);
  });

  it("counts an author's comments exactly as /search author: finds them", () => {
    const profile = authorProfile(index, archiveSpan(archive.posts), 'getafix');
    const hits = allHits(index, 'author:getafix');
    expect(profile.comments).toBe(hits.length);
    expect(profile.author).toBe("'Getafix");
    expect(profile.buckets.reduce((s, b) => s + b.count, 0) + profile.undated).toBe(profile.comments);
    const dates = hits
      .map((h) => h.postDate)
      .filter((d): d is string => d !== null)
      .sort();
    expect(profile.firstDate).toBe(dates[0]);
    expect(profile.lastDate).toBe(dates[dates.length - 1]);
    const threadTotal = profile.threads.reduce((s, t) => s + t.count, 0);
    expect(threadTotal).toBe(profile.comments);
  });
});

describe('counts on a generated archive', () => {
  let dir: string;
  let archive: Archive;
  let index: SearchIndex;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'insights-gen-'));
    generateArchive({ posts: 150, outDir: dir, seed: 7 });
    archive = await loadArchive(dir);
    index = buildSearchIndex(archive);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('equals /search for every kind of benchmark query, per year and per month', () => {
    const queries = benchQueries().filter((_, i) => i % 8 === 0);
    let checked = 0;
    let nonEmpty = 0;
    for (const { text } of queries) {
      try {
        parseTrendQuery(text);
        index.search(text);
      } catch (error) {
        if (error instanceof QueryError) continue;
        throw error;
      }
      for (const by of ['year', 'month'] as const) if (expectTrendMatchesSearch(index, archive, text, by) > 0 && by === 'year') nonEmpty++;
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(30);
    expect(nonEmpty).toBeGreaterThanOrEqual(20);
  });

  it('has undated (flattened) posts and counts them apart', () => {
    expect(archive.posts.some((p) => p.date === null)).toBe(true);
    const report = countTrend(index, archiveSpan(archive.posts), parseTrendQuery('probation'), 'year');
    const undatedUnits = index.matchingUnits('probation').filter((u) => u.post.date === null).length;
    expect(report.series[0].undated).toBe(undatedUnits);
    expect(undatedUnits).toBeGreaterThan(0);
  });

  it('profiles each regular signature exactly as /search author: finds them', () => {
    for (const { name } of index.authors().slice(0, 5)) {
      const profile = authorProfile(index, archiveSpan(archive.posts), name);
      expect([name, profile.comments]).toEqual([name, index.search(`author:"${name.replace(/"/g, ' ')}"`).total]);
      expect(profile.comments).toBeGreaterThan(0);
      expect(profile.buckets.reduce((s, b) => s + b.count, 0) + profile.undated).toBe(profile.comments);
    }
  });
});
