/**
 * What a command module sees of an interaction. It is a narrow view of discord.js's interactions rather than the
 * real classes so that the same modules answer both Discord (`handleInteraction.ts`) and the terminal console mode
 * (`src/cli/commands/console.ts`): a command returns a ReplySpec and the edge decides how to deliver it.
 */
import type { BotContext } from './context';
import type { GuildContext } from './guildContext';
import type { ReplySpec } from './messageBuilder';

export interface CallUser {
  id: string;
  /** Display name, for "only X can page these results". */
  name: string;
}

export interface OptionReader {
  getString(name: string): string | null;
  getBoolean(name: string): boolean | null;
}

export interface CommandCall {
  /** Interaction id: the reference quoted in error messages and logs. */
  id: string;
  commandName: string;
  user: CallUser;
  options: OptionReader;
  /**
   * Acknowledges now so the answer may take up to 15 minutes (Discord shows "thinking…"). Call it after validating
   * input (so mistakes still get an ephemeral answer) and before work that could take more than ~2 s. Idempotent.
   */
  defer(options: { ephemeral: boolean }): Promise<void>;
  /** The server the command runs in; null in a DM and in the console. */
  guild?: GuildContext | null;
}

export interface ComponentCall {
  id: string;
  /** The custom_id of the button or select clicked (see `customId.ts`). */
  customId: string;
  /** Selected values of a select menu; empty for a button. */
  values: string[];
  user: CallUser;
  /** Acknowledges the click, keeping the message as it is until the answer arrives. Idempotent. */
  deferUpdate(): Promise<void>;
}

export interface AutocompleteCall {
  id: string;
  commandName: string;
  user: CallUser;
  /** The option being typed and what has been typed so far. */
  focused: { name: string; value: string };
  options: OptionReader;
}

export interface Choice {
  name: string;
  value: string;
}

/** How a click is answered: replace the message it sits on, or send a new message (e.g. an ephemeral hint). */
export type ComponentResult = { update: ReplySpec } | { reply: ReplySpec };

/** The shape of a `commands/<name>.ts` module. The router skips a module missing `data` or `execute`. */
export interface CommandModule {
  /** The SlashCommandBuilder (registered by deploy-commands). */
  data: { name: string; toJSON(): unknown };
  execute(call: CommandCall, ctx: BotContext): Promise<ReplySpec>;
  /** Answered from memory: Discord allows no deferral for autocomplete, and gives it 3 s. */
  autocomplete?(call: AutocompleteCall, ctx: BotContext): Promise<Choice[]> | Choice[];
  handleComponent?(call: ComponentCall, ctx: BotContext): Promise<ComponentResult>;
  /** Seconds a user waits between two uses of the command (0 or absent: none). */
  cooldownSeconds?: number;
  /** Its line in /help (markdown); absent: `/name` and the command's description. */
  helpLine?: string;
}
