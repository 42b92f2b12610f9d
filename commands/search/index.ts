/**
 * /search query author after before only ephemeral: a page of quoted hits (views/searchResults.ts), previous/next
 * buttons that only the searcher can use, and select menus to open a hit or find more like it (components.ts).
 * Ids: searchIds in src/discord/customIds.ts; <state> is the search packed inline, or `~<key>` for a record kept
 * STATE_TTL_MS in the store when it is too long (fields: owner id, query, author, after, before, ephemeral, only).
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { AutocompleteCall, Choice, RoutedCommandCall } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { BAD_DATE_MESSAGE, UserError } from '../../src/discord/errors';
import type { ReplySpec } from '../../src/discord/messageBuilder';
import { cooldown } from '../../src/discord/preconditions';
import { kindOption, type SearchState } from '../../src/discord/customIds';
import { resultsPage, signatureChoices } from '../../src/discord/views/searchResults';
import { readDate } from '../../src/text';

export { components } from './components';

export const preconditions = [cooldown(3)];

export const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Search the archive: quoted comments with the matched words in bold')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addStringOption((o) =>
    o
      .setName('query')
      .setDescription('Words, "exact phrase", -exclude, author:Name, after:2021, before:2022-06, is:comment')
      .setRequired(true)
      .setMaxLength(300),
  )
  .addStringOption((o) => o.setName('author').setDescription('Only comments signed like this').setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('after').setDescription('On or after this date (2022-10-25, 25/10/2022, Oct 2022)').setMaxLength(40))
  .addStringOption((o) => o.setName('before').setDescription('Before this date (2022-10-25, 25/10/2022, Oct 2022)').setMaxLength(40))
  .addStringOption((o) =>
    o
      .setName('only')
      .setDescription('Only comments, or only the posts themselves (default: both)')
      .addChoices({ name: 'comments', value: 'comment' }, { name: 'posts', value: 'post' }),
  )
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the results'));

/** One line for /help (commands/help). */
export const helpLine =
  '`/search query` quoted comments and post passages with the matched words in bold; `only` keeps comments or posts; page with the buttons, read a hit in full or find more like it.';

/**
 * A date option read by the one date parser (2022-10-25, 25/10/2022, Oct 2022, 2022): null when empty, else the date
 * written the unambiguous way (YYYY-MM-DD, YYYY-MM or YYYY). A day that does not exist (2021-02-30) is refused.
 */
export function checkDate(value: string | null): string | null {
  const v = value?.trim();
  return v ? readDate(v, () => new UserError(BAD_DATE_MESSAGE)).iso : null;
}

export function autocomplete(call: AutocompleteCall, ctx: BotContext): Choice[] {
  if (call.focused.name !== 'author') return [];
  return signatureChoices(ctx, call.focused.value);
}

export async function execute(call: RoutedCommandCall, ctx: BotContext): Promise<ReplySpec> {
  const state: SearchState = {
    ownerId: call.user.id,
    query: (call.options.getString('query') ?? '').trim(),
    author: call.options.getString('author')?.trim() || null,
    after: checkDate(call.options.getString('after')),
    before: checkDate(call.options.getString('before')),
    ephemeral: call.ephemeral,
    kind: kindOption(call.options.getString('only')),
  };
  // The search itself finds every mistake in the query (punctuation only, an `in:` naming no post, ...), so it runs
  // before anything is sent: the error can then still be private, never a public "thinking…" turned into one. It
  // takes milliseconds; should storing a long query's paging state be slow, the router's own deferral (at 1.5 s) covers it.
  return resultsPage(ctx, state, 0);
}
