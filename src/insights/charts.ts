/**
 * What /trend and /author draw: a report turned into a chart spec (for the PNG), a text chart (terminal) and a
 * one-paragraph text alternative (the PNG's alt text, read by screen readers). Pure; rendering is elsewhere.
 */
import type { ChartSpec } from '../charts/svgChart';
import { textBars, textSparkRows } from '../charts/textChart';
import type { AuthorProfile } from './author';
import { periodLabel, type Granularity } from './periods';
import type { Bucket } from './tally';
import type { TrendReport } from './trend';

/** Months in a text chart: up to a year's worth as bars, more as one sparkline per year. */
const TEXT_BARS_UP_TO = 12;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** Tick labels: every year; by month, only Januaries (as the year), so a decade still reads. */
function categoryLabels(periods: readonly string[], by: Granularity): (string | null)[] {
  if (by === 'year') return [...periods];
  return periods.map((p, i) => (p.endsWith('-01') || i === 0 ? p.slice(0, 4) : null));
}

/** What the time axis cannot show: matches in posts without a date. */
function undatedNote(counts: ReadonlyArray<{ name: string; count: number }>, one: string, many: string): string | undefined {
  if (counts.every((c) => c.count === 0)) return undefined;
  if (counts.length === 1) return `+ ${plural(counts[0].count, one, many)} in undated posts`;
  return `+ in undated posts: ${counts.map((c) => `${c.name.length > 20 ? `${c.name.slice(0, 19)}…` : c.name} ${c.count.toLocaleString('en-GB')}`).join(' · ')}`;
}

export function trendTitle(report: TrendReport): string {
  const names = report.series.map((s) => `“${s.query}”`);
  return `${names.join(' vs ')} per ${report.by}`;
}

export function trendChartSpec(report: TrendReport): ChartSpec {
  return {
    title: trendTitle(report),
    categoryLabels: categoryLabels(report.periods, report.by),
    series: report.series.map((s) => ({ name: s.query, detail: s.total.toLocaleString('en-GB'), values: s.buckets.map((b) => b.count) })),
    xLabel: report.by === 'year' ? 'Year of the post' : 'Month of the post',
    yLabel: 'Comments and post passages',
    note: undatedNote(
      report.series.map((s) => ({ name: s.query, count: s.undated })),
      'match',
      'matches',
    ),
  };
}

export function authorChartSpec(profile: AuthorProfile): ChartSpec {
  return {
    title: `${profile.author}: comments per year`,
    categoryLabels: profile.buckets.map((b) => b.period),
    series: [{ name: profile.author, values: profile.buckets.map((b) => b.count) }],
    xLabel: 'Year of the post',
    yLabel: 'Comments',
    note: undatedNote([{ name: profile.author, count: profile.undated }], 'comment', 'comments'),
  };
}

/** Rows of a text chart for one series: bars for few periods, yearly sparklines of months for many. */
function textRows(buckets: readonly Bucket[], by: Granularity): string[] {
  if (by === 'year' || buckets.length <= TEXT_BARS_UP_TO)
    return textBars(buckets.map((b) => ({ label: periodLabel(b.period), value: b.count })));
  const years = new Map<string, number[]>();
  for (const b of buckets) {
    const year = b.period.slice(0, 4);
    const month = Number(b.period.slice(5, 7));
    let values = years.get(year);
    if (!values) years.set(year, (values = new Array<number>(12).fill(0)));
    values[month - 1] = b.count;
  }
  return ['     │JFMAMJJASOND│', ...textSparkRows([...years].map(([label, values]) => ({ label, values })))];
}

export function trendTextChart(report: TrendReport): string {
  const blocks = report.series.map((s) => {
    const lines = [`${s.query}: ${plural(s.total, 'match', 'matches')} per ${report.by}`, ...textRows(s.buckets, report.by)];
    if (s.undated > 0) lines.push(`+ ${s.undated.toLocaleString('en-GB')} in undated posts`);
    return lines.join('\n');
  });
  return blocks.join('\n\n');
}

export function authorTextChart(profile: AuthorProfile): string {
  const lines = [`${profile.author}: comments per year`, ...textRows(profile.buckets, 'year')];
  if (profile.undated > 0) lines.push(`+ ${profile.undated.toLocaleString('en-GB')} in undated posts`);
  return lines.join('\n');
}

/** "2021: 12, 2022: 30" for the non-empty buckets (a list of 150 months of zeros helps nobody). */
export function bucketList(buckets: readonly Bucket[], undated = 0): string {
  const parts = buckets.filter((b) => b.count > 0).map((b) => `${periodLabel(b.period)}: ${b.count.toLocaleString('en-GB')}`);
  if (undated > 0) parts.push(`undated: ${undated.toLocaleString('en-GB')}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** The PNG's alt text: what kind of chart, of what, and the numbers. */
export function trendAltText(report: TrendReport): string {
  const kind = report.series.length === 1 ? 'Bar chart' : 'Line chart';
  const series = report.series.map((s) => `${s.query} (${plural(s.total, 'match', 'matches')}): ${bucketList(s.buckets, s.undated)}.`);
  return `${kind} of comments and post passages matching ${report.series.map((s) => `“${s.query}”`).join(', ')} per ${report.by}. ${series.join(' ')}`;
}

export function authorAltText(profile: AuthorProfile): string {
  return `Bar chart of comments signed ${profile.author} per year (${plural(profile.comments, 'comment')}): ${bucketList(profile.buckets, profile.undated)}.`;
}

/** Month buckets summed into years (for a numbers list that would be too long month by month). */
export function yearlyBuckets(buckets: readonly Bucket[]): Bucket[] {
  const years = new Map<string, number>();
  for (const b of buckets) years.set(b.period.slice(0, 4), (years.get(b.period.slice(0, 4)) ?? 0) + b.count);
  return [...years].map(([period, count]) => ({ period, count }));
}
