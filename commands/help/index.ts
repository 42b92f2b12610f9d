/**
 * /help: what the bot does, how to write a search, and what archive it is serving (counts and date range), so a
 * newcomer knows both how to ask and what they are asking. The commands are listed from the loaded command modules
 * (each one's `helpLine`, else its description), so a new command appears here by existing; the search examples
 * are ones that find something in the archive being served (src/search/examples.ts).
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, type APIEmbedField } from 'discord.js';
import type { Archive } from '../../src/corpus/types';
import type { CommandModule, RoutedCommandCall } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { EMBED_COLOUR, type ReplySpec } from '../../src/discord/messageBuilder';
import { formatDate } from '../../src/discord/quote';
import { LIMITS } from '../../src/discord/limits';
import { loadCommands } from '../../src/discord/router';
import { truncateText } from '../../src/text';
import { searchExamples, type SearchExample } from '../../src/search/examples';
import { memoKey } from '../../src/util/memo';

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

const ARCHIVE_STATS = memoKey<ArchiveStats>('help: archive stats');
const SEARCH_EXAMPLES = memoKey<SearchExample[]>('help: search examples');
const COMMAND_MODULES = memoKey<CommandModule[]>('help: command modules');

/** Counted once per context (a scan of every comment), not on every /help. */
export function archiveStats(ctx: Pick<BotContext, 'archive' | 'memo'>): ArchiveStats {
  return ctx.memo.get(ARCHIVE_STATS, ctx.archive, countArchive);
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

/** One line for /help (this command's own). */
export const helpLine = '`/help` this page.';

/** The order commands are listed in: the everyday ones first, /help last, anything else alphabetically between. */
const FIRST = ['search', 'thread', 'random'];

/** The command modules the bot loads (the router's autoload of commands/), read once per context. */
function commandModules(ctx: Pick<BotContext, 'memo'>): CommandModule[] {
  return ctx.memo.get(COMMAND_MODULES, ctx.memo, () => [...loadCommands().values()]);
}

function rank(name: string): number {
  const i = FIRST.indexOf(name);
  return i >= 0 ? i : name === 'help' ? Infinity : FIRST.length;
}

/** A line per command: its own `helpLine`, or `/name` and its description. */
export function commandLines(modules: readonly CommandModule[]): string[] {
  return [...modules]
    .sort((a, b) => rank(a.data.name) - rank(b.data.name) || a.data.name.localeCompare(b.data.name))
    .map((m) => m.helpLine ?? `\`/${m.data.name}\` ${descriptionOf(m)}`);
}

/** Lines under one heading, in as many fields as Discord's 1,024 characters a field need (more commands will come). */
export function linesIntoFields(name: string, lines: readonly string[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) fields.push({ name: fields.length === 0 ? name : `${name} (continued)`, value: current.join('\n') });
    current = [];
  };
  for (const line of lines) {
    if ([...current, line].join('\n').length > LIMITS.fieldValue) flush();
    current.push(line.length > LIMITS.fieldValue ? truncateText(line, LIMITS.fieldValue) : line);
  }
  flush();
  return fields;
}

function descriptionOf(m: CommandModule): string {
  const json = m.data.toJSON() as { description?: string };
  return json.description ?? '';
}

export function helpReply(ctx: BotContext, ephemeral: boolean): ReplySpec {
  const stats = archiveStats(ctx);
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
          ...linesIntoFields('Commands', commandLines(commandModules(ctx))),
          {
            name: 'Writing a search',
            value: [
              ...ctx.memo
                .get(SEARCH_EXAMPLES, ctx.archive, (archive) => searchExamples(archive, ctx.search))
                .map((e) => `${e.query.startsWith('`') ? e.query : `\`${e.query}\``} ${e.says}`),
              '`/search` also has `author`, `after`, `before` and `only` (comments or posts) options and an `ephemeral` switch.',
            ].join('\n'),
          },
        ],
        footer: { text: 'Quotes are shown as written; mentions in them ping nobody.' },
      },
    ],
  };
}

/** Private unless asked otherwise: a newcomer's question need not fill the channel. */
export const defaultEphemeral = true;

export async function execute(call: RoutedCommandCall, ctx: BotContext): Promise<ReplySpec> {
  return helpReply(ctx, call.ephemeral);
}
