/**
 * The interaction router, independent of how the answer travels: it finds the command module (or, for a click, the
 * command's handler for the custom_id, decoded by its codec), applies the declared preconditions (cooldown, guild
 * only, permissions) and privacy, runs it, and turns every failure into the ONE error reply (known user errors →
 * their message; anything else → "Something went wrong (ref: <interaction id>)" plus a structured log line with the
 * same id). The Discord edge
 * (`handleInteraction.ts`) and the console mode both deliver what it returns.
 */
import path from 'node:path';
import { ApplicationCommandOptionType } from 'discord.js';
import type { Logger } from '../log';
import type {
  AnyComponentHandler,
  AutocompleteCall,
  Choice,
  CommandCall,
  CommandModule,
  ComponentCall,
  ComponentResult,
  OptionReader,
} from './commandTypes';
import type { BotContext } from './context';
import { isStorageFailure, unexpectedErrorMessage, userMessageOf } from './errors';
import { InvalidCustomIdError, parseCustomId, splitAction } from './customId';
import { checkPreconditions } from './preconditions';
import { LIMITS } from './limits';
import { finishReply, type ReplySpec } from './messageBuilder';
import { truncateText } from '../text';
import { autoload } from '../util/autoload';

export type CommandRegistry = Map<string, CommandModule>;

/** The repository's `commands/` folder. */
export const COMMANDS_DIR = path.resolve(__dirname, '..', '..', 'commands');

function isCommandModule(mod: unknown): mod is CommandModule {
  const m = mod as Partial<CommandModule> | null;
  return typeof m === 'object' && m !== null && typeof m.data?.name === 'string' && typeof m.execute === 'function';
}

/** Autoloads `commands/` (a `name.ts` or a `name/` folder): each module exporting `data` and `execute` is a command. */
export function loadCommands(dir: string = COMMANDS_DIR, logger?: Logger): CommandRegistry {
  const registry: CommandRegistry = new Map();
  const skip = (file: string) => logger?.warn('skipping command module without data and execute', { file });
  for (const { module } of autoload(dir, isCommandModule, skip)) registry.set(module.data.name, module);
  return registry;
}

/** The ephemeral reply for any error, logging it with the interaction id. */
export function errorReply(err: unknown, interactionId: string, logger: Logger, fields: Record<string, unknown> = {}): ReplySpec {
  const known = userMessageOf(err);
  if (known !== null) {
    // A failing store is told to the user plainly, but it is the operator's problem: logged as an error, with the cause.
    if (isStorageFailure(err))
      logger.error('interaction failed: store unavailable', { interactionId, err, cause: (err as Error).cause, ...fields });
    else logger.info('interaction refused', { interactionId, reason: known, ...fields });
    return { content: known, ephemeral: true };
  }
  logger.error('interaction failed', { interactionId, err, ...fields });
  return { content: unexpectedErrorMessage(interactionId), ephemeral: true };
}

export interface RoutedReply {
  reply: ReplySpec;
  /** True when `reply` is the error reply (the edge must make it ephemeral even after a public deferral). */
  failed: boolean;
  /** When failed: true for a user error with its own message (cooldown, bad input), false for our own failure. */
  refused?: boolean;
}

/** Whether a command's answer is private: its `ephemeral` switch when it declares one, else its default. */
export function privacyOf(command: CommandModule | undefined, options: OptionReader): boolean {
  const fallback = command?.defaultEphemeral ?? false;
  if (!command || !declaresEphemeralOption(command)) return fallback;
  return options.getBoolean('ephemeral') ?? fallback;
}

/** Read from the command's own definition, not guessed from whatever option arrives. */
function declaresEphemeralOption(command: CommandModule): boolean {
  const json = command.data.toJSON() as { options?: { name: string; type: number }[] };
  return (json.options ?? []).some((o) => o.name === 'ephemeral' && o.type === Number(ApplicationCommandOptionType.Boolean));
}

export async function runCommand(registry: CommandRegistry, call: CommandCall, ctx: BotContext): Promise<RoutedReply> {
  const log = { command: call.commandName, userId: call.user.id };
  try {
    const command = registry.get(call.commandName);
    if (!command) throw new Error(`no command module named ${call.commandName}`);
    await checkPreconditions(command.preconditions, { commandName: call.commandName, user: call.user, guild: call.guild ?? null }, ctx);
    const reply = finishReply(await command.execute({ ...call, ephemeral: privacyOf(command, call.options) }, ctx));
    return { reply, failed: false };
  } catch (err) {
    return { reply: errorReply(err, call.id, ctx.logger, log), failed: true, refused: userMessageOf(err) !== null };
  }
}

export interface RoutedComponent {
  result: ComponentResult;
  failed: boolean;
  /** As in RoutedReply. */
  refused?: boolean;
}

/** The handler for a custom_id: its command's, for its action; null when no command makes such ids. */
export function componentHandlerOf(registry: CommandRegistry, customId: string): AnyComponentHandler | null {
  const { command, action } = parseCustomId(customId);
  const name = splitAction(action).action;
  return registry.get(command)?.components?.find((h) => h.codec.action === name) ?? null;
}

export async function runComponent(registry: CommandRegistry, call: ComponentCall, ctx: BotContext): Promise<RoutedComponent> {
  const { command: name, action } = parseCustomId(call.customId);
  const log = { command: name, action, customId: call.customId, userId: call.user.id };
  try {
    const handler = componentHandlerOf(registry, call.customId);
    if (!handler) throw new InvalidCustomIdError(call.customId);
    const value = handler.codec.decode(call.customId);
    await checkPreconditions(handler.preconditions, { commandName: name, user: call.user, guild: call.guild ?? null }, ctx);
    const result = await handler.handle(call, value, ctx);
    return { result: 'update' in result ? { update: finishReply(result.update) } : { reply: finishReply(result.reply) }, failed: false };
  } catch (err) {
    return { result: { reply: errorReply(err, call.id, ctx.logger, log) }, failed: true, refused: userMessageOf(err) !== null };
  }
}

/** Autocomplete never fails visibly (Discord shows "Loading options failed"): errors are logged and give no choices. */
export async function runAutocomplete(registry: CommandRegistry, call: AutocompleteCall, ctx: BotContext): Promise<Choice[]> {
  try {
    const command = registry.get(call.commandName);
    if (!command?.autocomplete) return [];
    const choices = await command.autocomplete(call, ctx);
    return choices
      .filter((c) => c.value.length > 0 && c.value.length <= LIMITS.choiceValue)
      .slice(0, LIMITS.autocompleteChoices)
      .map((c) => ({ name: truncateText(c.name.trim() || c.value, LIMITS.choiceName), value: c.value }));
  } catch (err) {
    ctx.logger.error('autocomplete failed', { interactionId: call.id, command: call.commandName, option: call.focused.name, err });
    return [];
  }
}
