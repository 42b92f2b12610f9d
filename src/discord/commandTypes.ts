/**
 * What a command module sees of an interaction. It is a narrow view of discord.js's interactions rather than the
 * real classes so that the same modules answer both Discord (`handleInteraction.ts`) and the terminal console mode
 * (`src/cli/commands/console.ts`): a command returns a ReplySpec and the edge decides how to deliver it.
 */
import type { BotContext } from './context';
import type { GuildContext } from './guildContext';
import type { ReplySpec } from './messageBuilder';
import type { CustomIdCodec } from './customId';
import type { Precondition } from './preconditions';

export interface CallUser {
  id: string;
  /** Display name, for "only X can page these results". */
  name: string;
}

/** A channel option as a command sees it. */
export interface ChannelOption {
  id: string;
  name: string | null;
  /** Text or announcement channel: where a bot can post an embed. */
  postable: boolean;
}

export interface OptionReader {
  getString(name: string): string | null;
  getBoolean(name: string): boolean | null;
  /** The subcommand chosen (`set` of `/digest set`); absent or null for a command without subcommands. */
  getSubcommand?(): string | null;
  /** A channel option; absent where there are no channels (the console). */
  getChannel?(name: string): ChannelOption | null;
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
  /**
   * Whether the answer is private: the command's `ephemeral` switch when it declares one, else its `defaultEphemeral`.
   * Resolved by the router (`privacyOf`) before `execute` runs; commands read it rather than the option.
   */
  ephemeral?: boolean;
}

/** A CommandCall as `execute` receives it from the router: its privacy resolved. */
export type RoutedCommandCall = CommandCall & { ephemeral: boolean };

export interface ComponentCall {
  id: string;
  /** The custom_id of the button or select clicked (see `customId.ts`). */
  customId: string;
  /** Selected values of a select menu; empty for a button. */
  values: string[];
  user: CallUser;
  /** Acknowledges the click, keeping the message as it is until the answer arrives. Idempotent. */
  deferUpdate(): Promise<void>;
  /** The server the message is in (for preconditions); null or absent in a DM and in the console. */
  guild?: GuildContext | null;
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

/**
 * One kind of button or select of a command: the codec of its custom_id and what a click does. The router finds the
 * handler by the id's command and action, decodes the id (an old or forged one is refused with a clear message),
 * runs the handler's preconditions, then `handle` with the decoded value.
 */
export interface ComponentHandler<T> {
  codec: CustomIdCodec<T>;
  /** Checked by the router before `handle` (e.g. the command's cooldown for "Another"). */
  preconditions?: readonly Precondition[];
  handle(call: ComponentCall, value: T, ctx: BotContext): Promise<ComponentResult> | ComponentResult;
}

/**
 * Any handler: its value type is its own business, the router only hands the codec's output back to it (methods are
 * compared bivariantly, so a ComponentHandler<Page> is one).
 */
export type AnyComponentHandler = ComponentHandler<unknown>;

/** Makes a handler, inferring the value type from the codec. */
export function onComponent<T>(
  codec: CustomIdCodec<T>,
  handle: ComponentHandler<T>['handle'],
  preconditions?: readonly Precondition[],
): ComponentHandler<T> {
  return { codec, handle, ...(preconditions ? { preconditions } : {}) };
}

/**
 * The shape of a `commands/<name>` module (a file, or a folder whose index exports these). The router skips a module
 * missing `data` or `execute`.
 */
export interface CommandModule {
  /** The SlashCommandBuilder (registered by deploy-commands). */
  data: { name: string; toJSON(): unknown };
  execute(call: RoutedCommandCall, ctx: BotContext): Promise<ReplySpec>;
  /** Answered from memory: Discord allows no deferral for autocomplete, and gives it 3 s. */
  autocomplete?(call: AutocompleteCall, ctx: BotContext): Promise<Choice[]> | Choice[];
  /** Its buttons and selects, one handler per custom_id codec. */
  components?: readonly AnyComponentHandler[];
  /** Checked by the router before `execute`, in order (cooldown, guild only, permissions: see preconditions.ts). */
  preconditions?: readonly Precondition[];
  /** Whether answers are private when the user does not say (through an `ephemeral` option); default false. */
  defaultEphemeral?: boolean;
  /** Its line in /help (markdown); absent: `/name` and the command's description. */
  helpLine?: string;
}
