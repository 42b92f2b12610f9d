/**
 * How /trend looks: the chart, its peaks and numbers, and its buttons.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Post } from '../../src/corpus/types';
import { chartSvg } from '../../src/charts';
import type { BotContext } from '../../src/discord/context';
import { chartAttachment, chartKey, threadLink, threadOptions } from '../../src/discord/views/charts';
import { packShape, stateBudget, type PackedState } from '../../src/discord/customId';
import { askedState, trendIds } from '../../src/discord/customIds';
import { looserSuggestion } from '../../src/discord/views/searchResults';
import { button, EMBED_COLOUR, row, selectMenu, type ActionRow, type ReplySpec } from '../../src/discord/messageBuilder';
import { escapeArchiveText, formatDate } from '../../src/discord/quote';
import {
  archiveSpan,
  bucketList,
  countTrend,
  parseTrendQuery,
  periodLabel,
  trendAltText,
  trendChartSpec,
  trendTextChart,
  yearlyBuckets,
  type Granularity,
  type TrendReport,
  type TrendSeries,
} from '../../src/insights';

export const CHART_FILE = 'trend.png';
/** The numbers field is the chart's text alternative; past this it lists years instead of months. */
const NUMBERS_BUDGET = 1000;

const n = (value: number) => value.toLocaleString('en-GB');
const matches = (count: number) => `${n(count)} match${count === 1 ? '' : 'es'}`;

/** Counts and draws a trend, or takes it from the context's chart cache. */
export function trendChart(ctx: BotContext, query: string, by: Granularity) {
  const parsed = parseTrendQuery(query);
  return ctx.charts.get(chartKey(ctx, 'trend', by, parsed.terms.join('\u0001')), () => {
    const report = countTrend(ctx.search, archiveSpan(ctx.archive.posts), parsed, by);
    return { data: report, svg: chartSvg(trendChartSpec(report)) };
  });
}

function peakLines(ctx: BotContext, series: TrendSeries): string {
  if (series.peaks.length === 0) return 'No dated matches.';
  return series.peaks
    .map(
      (p, i) =>
        `${i + 1}. **${periodLabel(p.period)}**: ${matches(p.periodCount)}; liveliest thread ${threadLink(ctx, p.postId)} (${n(p.count)}${p.postDate ? `, ${formatDate(p.postDate)}` : ''})`,
    )
    .join('\n');
}

/** The chart's numbers as text (for screen readers): month by month when that fits, else year by year. */
function numbersText(report: TrendReport): string {
  const line = (s: TrendSeries, yearly: boolean) => {
    const list = bucketList(yearly ? yearlyBuckets(s.buckets) : s.buckets, s.undated);
    return report.series.length > 1 ? `${escapeArchiveText(s.query)}: ${list}` : list;
  };
  const full = report.series.map((s) => line(s, false)).join('\n');
  if (full.length <= NUMBERS_BUDGET || report.by === 'year') return full;
  return `Per year (the chart shows months):\n${report.series.map((s) => line(s, true)).join('\n')}`;
}

function summaryLine(report: TrendReport, span: { first: string; last: string } | null): string {
  const range = span ? `${span.first.slice(0, 4)}–${span.last.slice(0, 4)}` : 'no dated posts';
  const undated = (s: TrendSeries) => (s.undated > 0 ? ` (${n(s.undated)} in undated posts)` : '');
  if (report.series.length === 1) {
    const s = report.series[0];
    return `**${n(s.total)}** comments and post passages match, per ${report.by}, ${range}${undated(s)}.`;
  }
  const lines = report.series.map((s) => `**${escapeArchiveText(s.query)}**: ${matches(s.total)}${undated(s)}`);
  return [`Comments and post passages that match, per ${report.by}, ${range}:`, ...lines].join('\n');
}

async function pack(ctx: BotContext, ownerId: string, query: string, ephemeral: boolean): Promise<PackedState> {
  return packShape(ctx.store, askedState, { ownerId, asked: query, ephemeral }, stateBudget('trend', 'peak', [9, '9999-99']));
}

function chartComponents(ctx: BotContext, report: TrendReport, packed: PackedState): ActionRow[] {
  const rows: ActionRow[] = [];
  report.series.forEach((s, i) => {
    if (s.peaks.length === 0) return;
    const prefix = report.series.length > 1 ? `${s.query} · ` : '';
    rows.push(
      row(
        ...s.peaks.map((p) =>
          button(trendIds.peak.encode({ term: i, period: p.period, state: packed }), `Search ${prefix}${periodLabel(p.period)}`),
        ),
      ),
    );
  });
  const threads = new Map<string, Post>();
  for (const s of report.series)
    for (const p of s.peaks) if (!threads.has(p.postId) && ctx.lookup.post(p.postId)) threads.set(p.postId, ctx.lookup.post(p.postId)!);
  if (threads.size > 0) {
    rows.push(row(selectMenu(trendIds.open.encode({ state: packed }), 'Open a liveliest thread…', threadOptions([...threads.values()]))));
  }
  return rows;
}

export async function trendReply(ctx: BotContext, ownerId: string, query: string, by: Granularity, ephemeral: boolean): Promise<ReplySpec> {
  const chart = await trendChart(ctx, query, by);
  const report = chart.data;
  const span = archiveSpan(ctx.archive.posts);
  if (report.series.every((s) => s.total === 0)) {
    const tips = looserSuggestion({ ownerId: '', query, author: null, after: null, before: null, ephemeral });
    return {
      ephemeral: true,
      content: `Nothing in the archive matches ${report.series.map((s) => `“${escapeArchiveText(s.query)}”`).join(' or ')}, so there is no trend to draw. To widen the search: ${tips}.`,
    };
  }
  const attachment = chartAttachment(CHART_FILE, chart, trendAltText(report), trendTextChart(report));
  const fields: APIEmbedField[] = report.series.map((s) => ({
    name: report.series.length > 1 ? `Peaks: ${escapeArchiveText(s.query)}` : 'Peaks',
    value: peakLines(ctx, s),
  }));
  fields.push({ name: 'The numbers', value: numbersText(report) });
  const embed: APIEmbed = {
    title: escapeArchiveText(`Trend: ${report.series.map((s) => s.query).join(' vs ')}`),
    color: EMBED_COLOUR,
    description: summaryLine(report, span),
    fields,
    image: attachment.image,
    footer: { text: 'Counted as /search finds them: every matching comment and post passage, in the year or month of its post.' },
  };
  return {
    ephemeral,
    embeds: [embed],
    files: [attachment.file],
    components: chartComponents(ctx, report, await pack(ctx, ownerId, query, ephemeral)),
  };
}
