/**
 * /trend query [by] [ephemeral]: how often a subject comes up, year by year (or month by month), as a chart, with the
 * busiest periods, their liveliest threads, and a button to search each peak. Up to three searches separated by
 * commas share one chart (`pay offer, strike`). The counts are /search's: every comment and post passage the same
 * query finds, by the date of its post; undated posts are counted apart.
 *
 * Ids: trendIds in src/discord/customIds.ts; <state> is [owner id, query, ephemeral], inline or as `~<key>`:
 *   peak   button → /search for that term in that period (new message)
 *   open   select: value = post id → that thread's summary (new message)
 * The view (chart, peaks, numbers, buttons) is view.ts.
 * The new messages are private when the chart was, or when someone other than its owner asks.
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { onComponent, type ComponentCall, type RoutedCommandCall } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { unpackShape } from '../../src/discord/customId';
import { askedState, trendIds, type Stateful } from '../../src/discord/customIds';
import { cooldown } from '../../src/discord/preconditions';
import { resultsPage } from '../../src/discord/views/searchResults';
import { pickedThreadReply } from '../../src/discord/views/threadSummary';
import { UserError } from '../../src/discord/errors';
import type { ReplySpec } from '../../src/discord/messageBuilder';
import { parseGranularity, parseTrendQuery, periodRange } from '../../src/insights';
import { trendReply } from './view';

export { trendChart, trendReply, CHART_FILE } from './view';

/** Its line in /help. */
export const helpLine =
  '`/trend query` a chart of how often a subject comes up per year (or `by:month`); compare up to 3: `pay offer, strike`.';
export const preconditions = [cooldown(5)];

export const data = new SlashCommandBuilder()
  .setName('trend')
  .setDescription('How often a subject comes up over the years, as a chart (compare up to 3 with commas)')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addStringOption((o) =>
    o
      .setName('query')
      .setDescription('Words as in /search; compare up to 3 with commas: pay offer, strike')
      .setRequired(true)
      .setMaxLength(300),
  )
  .addStringOption((o) =>
    o
      .setName('by')
      .setDescription('Count per year (default) or per month')
      .addChoices({ name: 'year', value: 'year' }, { name: 'month', value: 'month' }),
  )
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the chart'));

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
  const asked = await unpackShape(ctx.store, askedState, state, '/trend');
  return { query: asked.asked, ephemeral: asked.ephemeral || call.user.id !== asked.ownerId };
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
    return pickedThreadReply(call, ctx, ephemeral);
  }),
];
