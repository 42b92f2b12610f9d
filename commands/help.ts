/**
 * /help: what the bot does, how to write a search, and what archive it is serving (counts and date range), so a
 * newcomer knows both how to ask and what they are asking.
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Archive } from '../src/corpus/types';
import type { CommandCall } from '../src/discord/commandTypes';
import type { BotContext } from '../src/discord/context';
import { EMBED_COLOUR, type ReplySpec } from '../src/discord/messageBuilder';
import { formatDate } from '../src/discord/quote';
import { helpLine as authorHelp } from './author';
import { helpLine as trendHelp } from './trend';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What this bot does, how to search the archive, and what the archive holds')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the answer (default: yes)'));

export interface ArchiveStats {
  posts: number;
  comments: number;
  first: string | null;
  last: string | null;
}

const statsByArchive = new WeakMap<Archive, ArchiveStats>();

/** Counted once per archive (a scan of every comment), not on every /help. */
export function archiveStats(archive: Archive): ArchiveStats {
  let stats = statsByArchive.get(archive);
  if (!stats) statsByArchive.set(archive, (stats = countArchive(archive)));
  return stats;
}

function countArchive(archive: Archive): ArchiveStats {
  let comments = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (const post of archive.posts) {
    for (const c of post.comments) if (!c.removed) comments++;
    if (post.date) {
      if (first === null || post.date < first) first = post.date;
      if (last === null || post.date > last) last = post.date;
    }
  }
  return { posts: archive.posts.length, comments, first, last };
}

const n = (value: number) => value.toLocaleString('en-GB');

export function helpReply(ctx: BotContext, ephemeral: boolean): ReplySpec {
  const stats = archiveStats(ctx.archive);
  const range = stats.first && stats.last ? `from ${formatDate(stats.first)} to ${formatDate(stats.last)}` : 'with no dated posts';
  return {
    ephemeral,
    embeds: [
      {
        title: 'Archive Bot: the On Probation blog, searchable',
        color: EMBED_COLOUR,
        url: ctx.config.blogUrl,
        description: [
          'The "On Probation" blog ran for years with long comment threads by people working in probation in England and Wales. This bot brings its archive into Discord.',
          '',
          `**What it holds:** ${n(stats.posts)} posts and ${n(stats.comments)} comments, ${range}, from ${ctx.config.blogUrl}.`,
        ].join('\n'),
        fields: [
          {
            name: 'Commands',
            value: [
              '`/search query` quoted comments with the matched words in bold; page with the buttons, read a hit in full or find more like it.',
              '`/thread post` a summary of one post and its discussion: the gist, the numbers, telling quotes, the liveliest sub-thread. Find it by title words or a date (25 October 2022, 25/10/2022, Oct 2022).',
              '`/random` one good comment from the archive, with its context.',
              trendHelp,
              authorHelp,
              '`/help` this page.',
            ].join('\n'),
          },
          {
            name: 'Writing a search',
            value: [
              '`pay offer` comments with both words (then either, if none has both)',
              '`"pay offer"` the exact phrase',
              '`union -unison` leave out a word',
              '`author:Getafix` or `author:"Probation Officer"` by signature',
              '`after:2021 before:2022-06` or `year:2022` a date range (YYYY, YYYY-MM or YYYY-MM-DD)',
              '`in:mustard` only in posts whose title has that word',
              '`/search` also has `author`, `after`, `before` options and an `ephemeral` switch.',
            ].join('\n'),
          },
        ],
        footer: { text: 'Quotes are shown as written; mentions in them ping nobody.' },
      },
    ],
  };
}

export async function execute(call: CommandCall, ctx: BotContext): Promise<ReplySpec> {
  return helpReply(ctx, call.options.getBoolean('ephemeral') ?? true);
}
