/**
 * `trend "<query>" [--by year|month] [--png <file>]`: what /trend answers, on the command line. Up to three searches
 * separated by commas are compared. `--json` prints the counts (for one search: query, by, total, buckets, peaks; for
 * each search also under `series`); `--png` writes the same chart the bot attaches.
 */
import { chartFonts, chartSvg, rasterise } from '../../charts';
import {
  archiveSpan,
  bucketsWithUndated,
  countTrend,
  parseGranularity,
  parseTrendQuery,
  periodLabel,
  trendChartSpec,
  trendTextChart,
  type TrendSeries,
} from '../../insights';
import { QueryError } from '../../search';
import type { CliCommand } from '../types';
import { UsageError } from '../types';
import { openIndex } from './search';
import { writePng } from '../chartFile';

function seriesJson(s: TrendSeries) {
  return {
    query: s.query,
    total: s.total,
    buckets: bucketsWithUndated(s.buckets, s.undated),
    peaks: s.peaks.map((p) => ({
      period: p.period,
      postId: p.postId,
      postTitle: p.postTitle,
      count: p.count,
      periodCount: p.periodCount,
      postDate: p.postDate,
    })),
  };
}

export const command: CliCommand = {
  name: 'trend',
  summary: 'Matches per year or month, as a chart: trend "pay offer" or compare up to 3: trend "pay offer, strike"',
  usage: 'trend "<query>[, <query>…]" [--by year|month] [--png <file>] [--cache-dir <dir>] [--archive <dir>] [--json]',
  options: {
    by: { type: 'string' },
    png: { type: 'string' },
    'cache-dir': { type: 'string' },
  },
  async run(ctx) {
    const input = ctx.positionals.join(' ').trim();
    if (!input) throw new UsageError('Say what to chart, e.g. trend "pay offer" or trend "pay offer, strike".');
    const by = ctx.options.by === undefined ? 'year' : parseGranularity(String(ctx.options.by));
    if (by === null) throw new UsageError(`--by must be year or month, not "${String(ctx.options.by)}".`);
    let query;
    try {
      query = parseTrendQuery(input);
    } catch (error) {
      if (error instanceof QueryError) throw new UsageError(error.message);
      throw error;
    }
    const { archive, index } = await openIndex(ctx);
    const report = countTrend(index, archiveSpan(archive.posts), query, by);
    if (typeof ctx.options.png === 'string') {
      const fonts = chartFonts();
      const written = await writePng(ctx.options.png, await rasterise(chartSvg(trendChartSpec(report)), fonts));
      ctx.err(`Chart written to ${written}${fonts.found ? '' : ' (DejaVu Sans not found: drawn with the system fonts)'}.`);
    }
    if (ctx.json) {
      const series = report.series.map(seriesJson);
      const single = series.length === 1 ? { total: series[0].total, buckets: series[0].buckets, peaks: series[0].peaks } : {};
      ctx.out(JSON.stringify({ query: input, by, ...single, series }));
      return 0;
    }
    const lines = [trendTextChart(report)];
    for (const s of report.series) {
      if (s.peaks.length === 0) continue;
      lines.push('', `Peaks${report.series.length > 1 ? ` for ${s.query}` : ''}:`);
      for (const p of s.peaks)
        lines.push(
          `  ${periodLabel(p.period)}: ${p.periodCount} — liveliest thread “${p.postTitle ?? p.postId}” (${p.count}), id ${p.postId}`,
        );
    }
    ctx.out(lines.join('\n'));
    return 0;
  },
};
