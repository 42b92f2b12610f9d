/**
 * Checks that run before a command or a click is handled, declared on the command module (Sapphire's preconditions
 * are the model) and applied by the router to slash commands and components alike. Each refuses by throwing a
 * UserError, whose message the router sends privately; none of them writes anything when it refuses.
 */
import type { BotContext } from './context';
import type { CallUser } from './commandTypes';
import type { GuildContext } from './guildContext';
import { UserError } from './errors';

/** What a precondition may look at: who, which command (a click counts as its command's), and where. */
export interface PreconditionInput {
  commandName: string;
  user: CallUser;
  /** The server; null in a DM and in the console. */
  guild: GuildContext | null;
}

export type Precondition = (input: PreconditionInput, ctx: BotContext) => Promise<void> | void;

/**
 * A user waits `seconds` between two uses of the command (shared with the clicks that declare it too, so "Another"
 * and /random count as one). Through ctx.cooldowns: in memory, and in the shared ledger when there is one.
 */
export function cooldown(seconds: number): Precondition {
  return (input, ctx) => ctx.cooldowns.take(input.commandName, input.user.id, seconds);
}

/** Only in a server; `message` says why elsewhere. */
export function guildOnly(message: string): Precondition {
  return (input) => {
    if (!input.guild) throw new UserError(message);
  };
}

/**
 * Only for members with Manage Server (or administrators). The command's default permission already hides it from
 * others; this refuses anyone a server's overrides let through.
 */
export function requiresManageServer(message: string): Precondition {
  return (input) => {
    if (input.guild && !input.guild.canManage) throw new UserError(message);
  };
}

/** Runs `preconditions` in order; the first refusal is thrown. */
export async function checkPreconditions(
  preconditions: readonly Precondition[] | undefined,
  input: PreconditionInput,
  ctx: BotContext,
): Promise<void> {
  for (const precondition of preconditions ?? []) await precondition(input, ctx);
}
