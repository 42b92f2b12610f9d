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
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import {
  onComponent,
  type AutocompleteCall,
  type Choice,
  type ComponentCall,
  type RoutedCommandCall,
} from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { unpackShape } from '../../src/discord/customId';
import { askedState, authorIds, type Stateful } from '../../src/discord/customIds';
import { cooldown } from '../../src/discord/preconditions';
import { resultsPage, signatureChoices } from '../../src/discord/views/searchResults';
import { pickedThreadReply } from '../../src/discord/views/threadSummary';
import type { ReplySpec } from '../../src/discord/messageBuilder';
import { authorQuery } from '../../src/insights';
import { authorReply } from './view';

export { authorChart, authorReply, CHART_FILE } from './view';

/** Its line in /help. */
export const helpLine = "`/author name` a commenter's comments per year, first and last dates, and the threads they spoke most in.";
export const preconditions = [cooldown(3)];

export const data = new SlashCommandBuilder()
  .setName('author')
  .setDescription("A commenter's part in the archive: comments per year, their threads, their words")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addStringOption((o) =>
    o
      .setName('name')
      .setDescription('A signature, e.g. Getafix (pick from the list as you type)')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(100),
  )
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the answer'));

/** The same signature list as /search's author option. */
export function autocomplete(call: AutocompleteCall, ctx: BotContext): Choice[] {
  if (call.focused.name !== 'name') return [];
  return signatureChoices(ctx, call.focused.value);
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
  const asked = await unpackShape(ctx.store, askedState, state, '/author');
  return { name: asked.asked, ephemeral: asked.ephemeral || call.user.id !== asked.ownerId };
}

export const components = [
  onComponent(authorIds.search, async (call, value, ctx) => {
    const { name, ephemeral } = await profileOf(call, ctx, value);
    // The clicker owns the new results page (they can page it), whoever asked for the profile.
    return {
      reply: await resultsPage(
        ctx,
        { ownerId: call.user.id, query: authorQuery(name), author: null, after: null, before: null, ephemeral },
        0,
      ),
    };
  }),
  onComponent(authorIds.open, async (call, value, ctx) => {
    const { ephemeral } = await profileOf(call, ctx, value);
    return pickedThreadReply(call, ctx, ephemeral);
  }),
];
