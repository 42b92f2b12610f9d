/**
 * /random: one good comment from the archive with its context (the post, and the comment it answers), and an
 * "Another" button. "Good" means readable on its own: not removed, and long enough to say something.
 *
 * Ids (src/discord/customIds.ts): randomIds.another (a new comment in place; someone else gets their own,
 * ephemerally; it shares /random's cooldown), threadIds.full via "Read in full" (the comment whole, with its replies
 * and the comment it answers) and threadIds.summary via "Open the thread", both handled by commands/thread.
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { onComponent, type RoutedCommandCall } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { randomIds } from '../../src/discord/customIds';
import type { ReplySpec } from '../../src/discord/messageBuilder';
import { cooldown } from '../../src/discord/preconditions';
import { randomReply } from './view';

export { goodComments, randomReply, MIN_GOOD_LENGTH, type RandomPick } from './view';

/** One use of /random or "Another" per 3 s. */
export const preconditions = [cooldown(3)];

export const data = new SlashCommandBuilder()
  .setName('random')
  .setDescription('One good comment from the archive, with its context')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the answer'));

/** One line for /help (commands/help). */
export const helpLine = '`/random` one good comment from the archive, with its context.';

export async function execute(call: RoutedCommandCall, ctx: BotContext): Promise<ReplySpec> {
  return randomReply(ctx, call.user.id, call.ephemeral);
}

export const components = [
  onComponent(
    randomIds.another,
    (call, { ownerId }, ctx) => (ownerId === call.user.id ? { update: randomReply(ctx, call.user.id, false) } : { reply: randomReply(ctx, call.user.id, true) }),
    preconditions,
  ),
];
