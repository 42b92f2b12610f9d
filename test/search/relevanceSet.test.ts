/**
 * The relevance set (scripts/relevance/relevance-set.json, `npm run eval:search`): our engine must beat SQLite FTS5's bm25
 * over the same units by a clear margin, and must not fall back towards where it started (mean nDCG@5 0.780 before
 * the ranking of issue 11; see docs/relevance.md).
 */
import { DEPTH, loadRelevanceSet, openEngines, RelevanceRun, type EvaluationReport } from '../../scripts/lib/relevanceEval';

const set = loadRelevanceSet();
let report: EvaluationReport;

beforeAll(async () => {
  const run = new RelevanceRun(set);
  try {
    report = await run.evaluate();
  } finally {
    run.close();
  }
}, 120_000);

describe('the relevance set', () => {
  it('has at least 40 graded queries over the seeds and the synthetic archive, grades 0–3', () => {
    expect(set.queries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(set.queries.map((q) => q.archive))).toEqual(new Set(['seeds', 'synthetic']));
    for (const q of set.queries) {
      expect(q.need.length).toBeGreaterThan(0);
      expect(Object.values(q.grades).some((g) => g >= 2)).toBe(true);
    }
    expect(report.skipped).toEqual([]);
  });

  it('ranks better than FTS5 bm25 over the same units, by a clear margin', () => {
    expect(report.outcomes.length).toBe(set.queries.length);
    expect(report.oursMean).toBeGreaterThanOrEqual(report.ftsMean + 0.1);
    expect(report.oursMean).toBeGreaterThanOrEqual(0.85);
  });

  it('judges everything our engine puts in a top 5 (an unjudged unit would count as irrelevant)', () => {
    for (const o of report.outcomes)
      expect({ query: o.judged.query, unjudged: o.ours.filter((id) => !(id in o.judged.grades)) }).toEqual({
        query: o.judged.query,
        unjudged: [],
      });
    expect(DEPTH).toBe(5);
  });
});

describe('at archive scale, post passages no longer crowd out the comments', () => {
  it('`pay offer` on the synthetic archive has comments on its first two pages', async () => {
    const engines = await openEngines('synthetic', set);
    try {
      const top = engines.index.search('pay offer', { limit: 10 }).hits;
      expect(top.filter((h) => h.kind === 'comment').length).toBeGreaterThanOrEqual(5);
      const comments = engines.index.search('pay offer is:comment', { limit: 100 });
      expect(comments.total).toBeGreaterThan(100);
      expect(comments.hits.every((h) => h.kind === 'comment')).toBe(true);
    } finally {
      engines.fts.close();
    }
  }, 60_000);
});
