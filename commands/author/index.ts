/**
 * /author name [ephemeral]: one signature's part in the archive: how many comments, from when to when, a chart of
 * comments per year, the threads they spoke most in, and a button to search their comments. `name` autocompletes
 * over the archive's signatures. The comments counted are exactly those `/search author:<name>` finds.
 *
 * Ids: authorIds in src/discord/customIds.ts; <state> is [owner id, name, ephemeral], inline or as `~<key>`:
 *   search   button → their comments as a /search results page (new message)
 *   open     select: value = post id → that thread's summary (new message)
 * The new messages are private when the profile was, or when someone other than its owner asks.
 */
import { ApplicationIntegrationType, ButtonStyle, InteractionContextType, SlashCommandBuilder, type APIEmbed } from 'discord.js';
import { chartSvg } from '../../src/charts';
import { onComponent, type AutocompleteCall, type Choice, type ComponentCall, type RoutedCommandCall } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { chartAttachment, chartKey, threadLink, threadOptions } from '../../src/discord/views/charts';
import { packState, stateBudget, unpackState } from '../../src/discord/customId';
import { authorIds, type Stateful } from '../../src/discord/customIds';
import { cooldown } from '../../src/discord/preconditions';
import { resultsPage, signatureChoices } from '../../src/discord/views/searchResults';
import { threadSummaryReply } from '../../src/discord/views/threadSummary';
import { UserError } from '../../src/discord/errors';
import { button, EMBED_COLOUR, row, selectMenu, type ActionRow, type ReplySpec } from '../../src/discord/messageBuilder';
import { escapeArchiveText, formatDate } from '../../src/discord/quote';
import { archiveSpan, authorAltText, authorChartSpec, authorProfile, authorQuery, authorTextChart, bucketList, type AuthorProfile } from '../../src/insights';
import { normaliseName } from '../../src/search';

/** Its line in /help. */
export const helpLine = '`/author name` a commenter\'s comments per year, first and last dates, and the threads they spoke most in.';
export const preconditions = [cooldown(3)];
export const CHART_FILE = 'author.png';
/** Spellings listed under "signed as" before "and N more". */
const SIGNATURES_SHOWN = 5;

export const data = new SlashCommandBuilder()
  .setName('author')
  .setDescription("A commenter's part in the archive: comments per year, their threads, their words")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addStringOption((o) => o.setName('name').setDescription('A signature, e.g. Getafix (pick from the list as you type)').setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the answer'));

/** The same signature list as /search's author option. */
export function autocomplete(call: AutocompleteCall, ctx: BotContext): Choice[] {
  if (call.focused.name !== 'name') return [];
  return signatureChoices(ctx, call.focused.value);
}

const n = (value: number) => value.toLocaleString('en-GB');

/** Counts and draws a profile, or takes it from the context's chart cache. */
export function authorChart(ctx: BotContext, name: string) {
  // Signatures are compared without case or punctuation, so "getafix" and "'Getafix" are one question.
  return ctx.charts.get(chartKey(ctx, 'author', normaliseName(authorQuery(name))), () => {
    const profile = authorProfile(ctx.search, archiveSpan(ctx.archive.posts), name);
    return { data: profile, svg: chartSvg(authorChartSpec(profile)) };
  });
}

function description(profile: AuthorProfile): string {
  const threads = profile.threads.length;
  const span =
    profile.firstDate && profile.lastDate
      ? profile.firstDate === profile.lastDate
        ? `on ${formatDate(profile.firstDate)}`
        : `from ${formatDate(profile.firstDate)} to ${formatDate(profile.lastDate)}`
      : 'all under undated posts';
  const lines = [`**${n(profile.comments)}** comment${profile.comments === 1 ? '' : 's'}, ${span}.`];
  if (profile.undated > 0 && profile.firstDate) lines.push(profile.undated === 1 ? '1 of them is under an undated post.' : `${n(profile.undated)} of them are under undated posts.`);
  const shown = profile.signatures.slice(0, SIGNATURES_SHOWN).map((s) => `${escapeArchiveText(s.name)} (${n(s.count)})`);
  const more = profile.signatures.length - shown.length;
  if (profile.signatures.length > 1) lines.push(`Signed as: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`);
  if (threads === 0) lines.push('No thread to show.');
  return lines.join('\n');
}

function threadLines(ctx: BotContext, profile: AuthorProfile): string {
  return profile.threads
    .map((t, i) => `${i + 1}. ${threadLink(ctx, t.postId)}${t.postDate ? ` · ${formatDate(t.postDate)}` : ''}: ${n(t.count)} comment${t.count === 1 ? '' : 's'}`)
    .join('\n');
}

export async function authorReply(ctx: BotContext, ownerId: string, name: string, ephemeral: boolean): Promise<ReplySpec> {
  const chart = await authorChart(ctx, name);
  const profile = chart.data;
  if (profile.comments === 0) {
    return { ephemeral: true, content: `No comments are signed like “${escapeArchiveText(profile.author)}”. Pick a name from the list as you type, or try part of the signature.` };
  }
  const attachment = chartAttachment(CHART_FILE, chart, authorAltText(profile), authorTextChart(profile));
  const embed: APIEmbed = {
    title: escapeArchiveText(`Author: ${profile.author}`),
    color: EMBED_COLOUR,
    description: description(profile),
    fields: [
      { name: 'Threads they spoke most in', value: threadLines(ctx, profile) },
      { name: 'Comments per year', value: bucketList(profile.buckets, profile.undated) },
    ],
    image: attachment.image,
    footer: { text: 'Each comment counts in the year of its post, as in /trend; first and last are the dates of those posts.' },
  };
  const packed = await packState(ctx.store, [ownerId, profile.author, ephemeral ? '1' : null], stateBudget('author', 'search', []));
  const rows: ActionRow[] = [row(button(authorIds.search.encode({ state: packed }), 'Search their comments', { style: ButtonStyle.Primary }))];
  const posts = profile.threads.map((t) => ctx.lookup.post(t.postId)).filter((p) => p !== undefined);
  if (posts.length > 0) {
    rows.push(row(selectMenu(authorIds.open.encode({ state: packed }), 'Open one of their threads…', threadOptions(posts))));
  }
  return { ephemeral, embeds: [embed], files: [attachment.file], components: rows };
}

export async function execute(call: RoutedCommandCall, ctx: BotContext): Promise<ReplySpec> {
  const name = (call.options.getString('name') ?? '').trim();
  // A name with nothing to match is reported before deferring, so the message can still be private.
  authorQuery(name);
  await call.defer({ ephemeral: call.ephemeral });
  return authorReply(ctx, call.user.id, name, call.ephemeral);
}

/** The profile a button carries; the new message is private when the profile was, or when someone else asks. */
async function profileOf(call: ComponentCall, ctx: BotContext, { state }: Stateful): Promise<{ name: string; ephemeral: boolean }> {
  const [ownerId, name, ephemeralFlag] = await unpackState(ctx.store, state.rawArgs, '/author');
  return { name: name ?? '', ephemeral: ephemeralFlag === '1' || call.user.id !== ownerId };
}

export const components = [
  onComponent(authorIds.search, async (call, value, ctx) => {
    const { name, ephemeral } = await profileOf(call, ctx, value);
    // The clicker owns the new results page (they can page it), whoever asked for the profile.
    return { reply: await resultsPage(ctx, { ownerId: call.user.id, query: authorQuery(name), author: null, after: null, before: null, ephemeral }, 0) };
  }),
  onComponent(authorIds.open, async (call, value, ctx) => {
    const { ephemeral } = await profileOf(call, ctx, value);
    const postId = call.values[0];
    if (!postId) throw new UserError('Pick one of the threads from the list.');
    await call.deferUpdate();
    return { reply: threadSummaryReply(ctx, postId, call.user.id, ephemeral) };
  }),
];
