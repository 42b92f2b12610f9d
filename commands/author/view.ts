/**
 * How /author looks: the profile (counts, span, signatures, threads), its chart and its buttons.
 */
import { ButtonStyle, type APIEmbed } from 'discord.js';
import { chartSvg } from '../../src/charts';
import type { BotContext } from '../../src/discord/context';
import { chartAttachment, chartKey, threadLink, threadOptions } from '../../src/discord/views/charts';
import { packShape, stateBudget } from '../../src/discord/customId';
import { askedState, authorIds } from '../../src/discord/customIds';
import { button, EMBED_COLOUR, row, selectMenu, type ActionRow, type ReplySpec } from '../../src/discord/messageBuilder';
import { escapeArchiveText, formatDate } from '../../src/discord/quote';
import {
  archiveSpan,
  authorAltText,
  authorChartSpec,
  authorProfile,
  authorQuery,
  authorTextChart,
  bucketList,
  type AuthorProfile,
} from '../../src/insights';
import { normaliseName } from '../../src/search';

export const CHART_FILE = 'author.png';
/** Spellings listed under "signed as" before "and N more". */
const SIGNATURES_SHOWN = 5;

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
  if (profile.undated > 0 && profile.firstDate)
    lines.push(profile.undated === 1 ? '1 of them is under an undated post.' : `${n(profile.undated)} of them are under undated posts.`);
  const shown = profile.signatures.slice(0, SIGNATURES_SHOWN).map((s) => `${escapeArchiveText(s.name)} (${n(s.count)})`);
  const more = profile.signatures.length - shown.length;
  if (profile.signatures.length > 1) lines.push(`Signed as: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`);
  if (threads === 0) lines.push('No thread to show.');
  return lines.join('\n');
}

function threadLines(ctx: BotContext, profile: AuthorProfile): string {
  return profile.threads
    .map(
      (t, i) =>
        `${i + 1}. ${threadLink(ctx, t.postId)}${t.postDate ? ` · ${formatDate(t.postDate)}` : ''}: ${n(t.count)} comment${t.count === 1 ? '' : 's'}`,
    )
    .join('\n');
}

export async function authorReply(ctx: BotContext, ownerId: string, name: string, ephemeral: boolean): Promise<ReplySpec> {
  const chart = await authorChart(ctx, name);
  const profile = chart.data;
  if (profile.comments === 0) {
    return {
      ephemeral: true,
      content: `No comments are signed like “${escapeArchiveText(profile.author)}”. Pick a name from the list as you type, or try part of the signature.`,
    };
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
  const packed = await packShape(ctx.store, askedState, { ownerId, asked: profile.author, ephemeral }, stateBudget('author', 'search', []));
  const rows: ActionRow[] = [
    row(button(authorIds.search.encode({ state: packed }), 'Search their comments', { style: ButtonStyle.Primary })),
  ];
  const posts = profile.threads.map((t) => ctx.lookup.post(t.postId)).filter((p) => p !== undefined);
  if (posts.length > 0) {
    rows.push(row(selectMenu(authorIds.open.encode({ state: packed }), 'Open one of their threads…', threadOptions(posts))));
  }
  return { ephemeral, embeds: [embed], files: [attachment.file], components: rows };
}
