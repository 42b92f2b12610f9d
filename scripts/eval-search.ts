/**
 * `npm run eval:search -- [--json] [--query <text>] [--pool <N>]`
 *
 * nDCG@5 per query and the mean, for our engine and for SQLite FTS5 bm25 over the same units in the same run (see
 * scripts/lib/relevanceEval.ts). `--pool N` also prints every unit in either system's top N that has no judgment
 * yet, with its text, so it can be read and graded into scripts/relevance/relevance-set.json.
 */
import { parseQuery } from '../src/search';
import { DEPTH, evaluate, loadRelevanceSet, openEngines, type EvaluationReport, type JudgedQuery } from './lib/relevanceEval';
import { positiveOption, readScriptArgs } from './lib/scriptArgs';

const USAGE = 'Usage: npm run eval:search -- [--json] [--query <text>] [--pool <N>]';

const fixed = (n: number) => n.toFixed(3);

function table(report: EvaluationReport): string {
  const rows = report.outcomes.map((o) => {
    const mark = o.oursNdcg > o.ftsNdcg + 1e-9 ? '+' : o.oursNdcg < o.ftsNdcg - 1e-9 ? '-' : '=';
    return `${fixed(o.oursNdcg)}  ${fixed(o.ftsNdcg)}  ${mark}  ${o.oursJudged}/${DEPTH}  ${o.ftsJudged}/${DEPTH}  ${o.judged.archive.padEnd(9)}  ${o.judged.query}`;
  });
  const wins = report.outcomes.filter((o) => o.oursNdcg > o.ftsNdcg + 1e-9).length;
  const losses = report.outcomes.filter((o) => o.oursNdcg < o.ftsNdcg - 1e-9).length;
  return [
    `nDCG@${DEPTH}: ours  FTS5     judged(ours, FTS5)  archive    query`,
    ...rows,
    '',
    `mean nDCG@${DEPTH} over ${report.outcomes.length} queries: ours ${fixed(report.oursMean)}, FTS5 bm25 ${fixed(report.ftsMean)} ` +
      `(difference ${fixed(report.oursMean - report.ftsMean)}; ours better on ${wins}, worse on ${losses})`,
    ...report.skipped.map((s) => `skipped "${s.query}": ${s.reason}`),
  ].join('\n');
}

async function pool(queries: JudgedQuery[], depth: number, set: ReturnType<typeof loadRelevanceSet>): Promise<string> {
  const out: string[] = [];
  for (const archive of ['seeds', 'synthetic'] as const) {
    const mine = queries.filter((q) => q.archive === archive);
    if (mine.length === 0) continue;
    const engines = await openEngines(archive, set);
    for (const q of mine) {
      const ours = engines.index.search(q.query, { limit: depth }).hits.map((h) => h.id);
      const fts = engines.fts.rank(parseQuery(q.query), depth).map((n) => engines.index.units[n].id);
      const unjudged = [...new Set([...ours, ...fts])].filter((id) => !(id in q.grades));
      if (unjudged.length === 0) continue;
      out.push(`### ${archive}: ${q.query}`);
      for (const id of unjudged) {
        const u = engines.index.unit(id)!;
        out.push(
          `--- ${id} [${u.kind}${u.author ? `, ${u.author}` : ''}] ours #${ours.indexOf(id) + 1 || '-'} FTS5 #${fts.indexOf(id) + 1 || '-'}`,
          u.text,
          '',
        );
      }
    }
    engines.fts.close();
  }
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const options = { json: { type: 'boolean' }, query: { type: 'string' }, pool: { type: 'string' } } as const;
  const read = readScriptArgs('eval:search', USAGE, argv, options, (values) => values);
  if ('exit' in read) return read.exit;
  const values = read.args;
  const set = loadRelevanceSet();
  const only = values.query ? (q: JudgedQuery) => q.query === values.query : undefined;
  if (values.pool) {
    const depth = positiveOption(values.pool, 'pool', true)!;
    process.stdout.write((await pool(set.queries.filter(only ?? (() => true)), depth, set)) + '\n');
    return 0;
  }
  const report = await evaluate(set, only);
  if (values.json) {
    const perQuery = report.outcomes.map((o) => ({
      archive: o.judged.archive,
      query: o.judged.query,
      ours: o.oursNdcg,
      fts: o.ftsNdcg,
      oursTop: o.ours,
      ftsTop: o.fts,
    }));
    process.stdout.write(
      JSON.stringify({
        depth: DEPTH,
        queries: report.outcomes.length,
        oursMean: report.oursMean,
        ftsMean: report.ftsMean,
        perQuery,
        skipped: report.skipped,
      }) + '\n',
    );
  } else {
    process.stdout.write(table(report) + '\n');
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`eval:search: ${(e as Error).message ?? String(e)}\n`);
    process.exit(1);
  },
);
