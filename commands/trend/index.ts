/**
 * /trend query [by] [ephemeral]: how often a subject comes up, year by year (or month by month), as a chart, with the
 * busiest periods, their liveliest threads, and a button to search each peak. Up to three searches separated by
 * commas share one chart (`pay offer, strike`). The counts are /search's: every comment and post passage the same
 * query finds, by the date of its post; undated posts are counted apart.
 *
 * custom_ids (stable; see src/discord/customId.ts). <state> is [owner id, query, ephemeral], inline or as `~<key>`:
 *   trend:peak:<term index>:<period>:<state>   button → /search for that term in that period (new message)
 *   trend:open:<state>                         select: value = post id → that thread's summary (new message)
 * The new messages are private when the chart was, or when someone other than its owner asks.
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Post } from '../../src/corpus/types';
import { chartSvg } from '../../src/charts';
import { onComponent, type ComponentCall, type RoutedCommandCall } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { chartAttachment, chartKey, threadLink, threadOptions } from '../../src/discord/views/charts';
import { packState, stateBudget, unpackState, type PackedState } from '../../src/discord/customId';
import { trendIds, type Stateful } from '../../src/discord/customIds';
import { cooldown } from '../../src/discord/preconditions';
import { looserSuggestion, resultsPage } from '../../src/discord/views/searchResults';
import { threadSummaryReply } from '../../src/discord/views/threadSummary';
import { UserError } from '../../src/discord/errors';
import { button, EMBED_COLOUR, row, selectMenu, type ActionRow, type ReplySpec } from '../../src/discord/messageBuilder';
import { escapeArchiveText, formatDate } from '../../src/discord/quote';
import {
  archiveSpan,
  bucketList,
  countTrend,
  parseGranularity,
  parseTrendQuery,
  periodLabel,
  periodRange,
  trendAltText,
  trendChartSpec,
  trendTextChart,
  yearlyBuckets,
  type Granularity,
  type TrendReport,
  type TrendSeries,
} from '../../src/insights';

/** Its line in /help. */
export const helpLine = '`/trend query` a chart of how often a subject comes up per year (or `by:month`); compare up to 3: `pay offer, strike`.';
export const preconditions = [cooldown(5)];
export const CHART_FILE = 'trend.png';
/** The numbers field is the chart's text alternative; past this it lists years instead of months. */
const NUMBERS_BUDGET = 1000;

export const data = new SlashCommandBuilder()
  .setName('trend')
  .setDescription('How often a subject comes up over the years, as a chart (compare up to 3 with commas)')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addStringOption((o) => o.setName('query').setDescription('Words as in /search; compare up to 3 with commas: pay offer, strike').setRequired(true).setMaxLength(300))
  .addStringOption((o) =>
    o
      .setName('by')
      .setDescription('Count per year (default) or per month')
      .addChoices({ name: 'year', value: 'year' }, { name: 'month', value: 'month' }),
  )
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the chart'));

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
    .map((p, i) => `${i + 1}. **${periodLabel(p.period)}**: ${matches(p.periodCount)}; liveliest thread ${threadLink(ctx, p.postId)} (${n(p.count)}${p.postDate ? `, ${formatDate(p.postDate)}` : ''})`)
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
  return packState(ctx.store, [ownerId, query, ephemeral ? '1' : null], stateBudget('trend', 'peak', [9, '9999-99']));
}

function chartComponents(ctx: BotContext, report: TrendReport, packed: PackedState): ActionRow[] {
  const rows: ActionRow[] = [];
  report.series.forEach((s, i) => {
    if (s.peaks.length === 0) return;
    const prefix = report.series.length > 1 ? `${s.query} · ` : '';
    rows.push(row(...s.peaks.map((p) => button(trendIds.peak.encode({ term: i, period: p.period, state: packed }), `Search ${prefix}${periodLabel(p.period)}`))));
  });
  const threads = new Map<string, Post>();
  for (const s of report.series) for (const p of s.peaks) if (!threads.has(p.postId) && ctx.lookup.post(p.postId)) threads.set(p.postId, ctx.lookup.post(p.postId)!);
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
    return { ephemeral: true, content: `Nothing in the archive matches ${report.series.map((s) => `“${escapeArchiveText(s.query)}”`).join(' or ')}, so there is no trend to draw. To widen the search: ${tips}.` };
  }
  const attachment = chartAttachment(CHART_FILE, chart, trendAltText(report), trendTextChart(report));
  const fields: APIEmbedField[] = report.series.map((s) => ({ name: report.series.length > 1 ? `Peaks: ${escapeArchiveText(s.query)}` : 'Peaks', value: peakLines(ctx, s) }));
  fields.push({ name: 'The numbers', value: numbersText(report) });
  const embed: APIEmbed = {
    title: escapeArchiveText(`Trend: ${report.series.map((s) => s.query).join(' vs ')}`),
    color: EMBED_COLOUR,
    description: summaryLine(report, span),
    fields,
    image: attachment.image,
    footer: { text: 'Counted as /search finds them: every matching comment and post passage, in the year or month of its post.' },
  };
  return { ephemeral, embeds: [embed], files: [attachment.file], components: chartComponents(ctx, report, await pack(ctx, ownerId, query, ephemeral)) };
}

export async function execute(call: RoutedCommandCall, ctx: BotContext): Promise<ReplySpec> {
  const query = (call.options.getString('query') ?? '').trim();
  const by = parseGranularity(call.options.getString('by') ?? 'year');
  if (by === null) throw new UserError('Count per `year` or per `month`.');
  // Mistakes in the query are reported before deferring, so the message can still be private.
  parseTrendQuery(query);
  await call.defer({ ephemeral: call.ephemeral });
  return trendReply(ctx, call.user.id, query, by, call.ephemeral);
}

/** The chart a button carries; the new message is private when the chart was, or when someone else asks. */
async function chartOf(call: ComponentCall, ctx: BotContext, { state }: Stateful): Promise<{ query: string; ephemeral: boolean }> {
  const [ownerId, query, ephemeralFlag] = await unpackState(ctx.store, state.rawArgs, '/trend');
  return { query: query ?? '', ephemeral: ephemeralFlag === '1' || call.user.id !== ownerId };
}

export const components = [
  onComponent(trendIds.peak, async (call, value, ctx) => {
    const { query, ephemeral } = await chartOf(call, ctx, value);
    const term = parseTrendQuery(query).terms[value.term];
    if (term === undefined) throw new Error(`no term ${value.term} in trend query ${query}`);
    const { after, before } = periodRange(value.period);
    // The clicker owns the new results page (they can page it), whoever drew the chart.
    return { reply: await resultsPage(ctx, { ownerId: call.user.id, query: term, author: null, after, before, ephemeral }, 0) };
  }),
  onComponent(trendIds.open, async (call, value, ctx) => {
    const { ephemeral } = await chartOf(call, ctx, value);
    const postId = call.values[0];
    if (!postId) throw new UserError('Pick one of the threads from the list.');
    await call.deferUpdate();
    return { reply: threadSummaryReply(ctx, postId, call.user.id, ephemeral) };
  }),
];
