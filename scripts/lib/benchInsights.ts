/**
 * /trend and /author in the benchmark, through the real command handler (router → command → count → SVG → PNG →
 * finishReply → Discord payload), on a cold chart cache: every timed call counts and draws its chart. The same calls
 * again show the cached figure. The PNG rendering alone is timed too, so the report says where the time goes.
 */
import { chartSvg, rasterise, ChartCache } from '../../src/charts';
import type { CommandCall } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { archiveSpan, countTrend, parseTrendQuery, trendChartSpec } from '../../src/insights';
import { QueryError } from '../../src/search';
import { benchQueries } from './benchQueries';
import { summarise, type LatencySummary } from './benchStats';

export interface InsightsBench {
  /** /trend, cold cache: one query per call, by year and by month, single searches and three-way comparisons. */
  trend: LatencySummary;
  /** The same calls again: answered from the chart cache. */
  trendWarm: LatencySummary;
  /** /author for the most frequent signatures, cold cache. */
  author: LatencySummary;
  /** SVG → PNG alone, for the same trend charts. */
  render: LatencySummary;
  /** Calls answered with the error reply (none expected: the queries are checked first). */
  errorReplies: number;
}

export interface InsightsBenchOptions {
  ctx: BotContext;
  /** Times one call through the command handler (the benchmark's own timer, shared with /search). */
  time: (call: CommandCall) => Promise<{ ms: number; failed: boolean }>;
  call: (command: string, values: Record<string, string | boolean>) => CommandCall;
  log: (line: string) => void;
}

/** Every fifth benchmark query that is a valid trend query, plus comparisons of three of them. */
function trendQueries(): string[] {
  const singles: string[] = [];
  for (const [i, q] of benchQueries().entries()) {
    if (i % 5 !== 0 || q.text.includes(',')) continue;
    try {
      parseTrendQuery(q.text);
      singles.push(q.text);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
    }
  }
  const compared: string[] = [];
  for (let i = 0; i + 2 < singles.length && compared.length < 12; i += 5) compared.push(singles.slice(i, i + 3).join(', '));
  return [...singles, ...compared];
}

export async function benchInsights(opts: InsightsBenchOptions): Promise<InsightsBench> {
  const { ctx, time, call, log } = opts;
  const queries = trendQueries();
  // A fresh, large cache: nothing from earlier phases, nothing evicted while timing.
  ctx.charts = new ChartCache({ fonts: ctx.charts.fonts, maxEntries: 10_000, maxBytes: 1024 ** 3 });
  log(`/trend: ${queries.length} queries × by year and month, through the command handler (cold chart cache)…`);
  const cold: number[] = [];
  const warm: number[] = [];
  let errorReplies = 0;
  for (const by of ['year', 'month']) {
    for (const query of queries) {
      const { ms, failed } = await time(call('trend', { query, by }));
      cold.push(ms);
      if (failed) errorReplies++;
    }
  }
  for (const by of ['year', 'month']) for (const query of queries) warm.push((await time(call('trend', { query, by }))).ms);

  const authors = ctx.search.authors().slice(0, 20);
  log(`/author: the ${authors.length} most frequent signatures…`);
  const author: number[] = [];
  for (const { name } of authors) {
    const { ms, failed } = await time(call('author', { name }));
    author.push(ms);
    if (failed) errorReplies++;
  }

  log('chart rendering alone (SVG → PNG)…');
  const span = archiveSpan(ctx.archive.posts);
  const render: number[] = [];
  for (const query of queries.slice(0, 40)) {
    const svg = chartSvg(trendChartSpec(countTrend(ctx.search, span, parseTrendQuery(query), 'month')));
    const started = performance.now();
    await rasterise(svg, ctx.charts.fonts);
    render.push(performance.now() - started);
  }
  return { trend: summarise(cold), trendWarm: summarise(warm), author: summarise(author), render: summarise(render), errorReplies };
}
