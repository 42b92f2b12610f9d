/**
 * The Discord edge of the router: turns a discord.js interaction into a call, runs it, and delivers the answer with
 * the right method for the interaction's state (reply / editReply after a deferral / update / followUp).
 *
 * Deferral: commands defer themselves before known-slow work; in addition, anything not answered within
 * `deferAfterMs` (default 1.5 s) is deferred here, so a slow store or a busy event loop never produces
 * "The application did not respond".
 *
 * Errors: always ephemeral. After a public deferral, the "thinking…" message is deleted and the error sent as an
 * ephemeral follow-up (DELETE then POST on the interaction webhook); if deletion fails the deferral is edited instead.
 */
import {
  DiscordAPIError,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { CallUser, CommandCall, ComponentCall, OptionReader } from './commandTypes';
import type { BotContext } from './context';
import { performance } from 'node:perf_hooks';
import type { InteractionObserver, InteractionOutcome, InteractionType } from '../ops/metrics';
import { parseCustomId } from './customId';
import { channelOptionOf, guildContextOf } from './guildContext';
import { errorReply, privacyOf, runAutocomplete, runCommand, runComponent, type CommandRegistry } from './router';
import { toDiscordPayload, toDiscordReplyPayload } from './respond';

export interface HandleOptions {
  deferAfterMs?: number;
  /** Told the type, command, outcome and duration of every interaction (the metrics). */
  observer?: InteractionObserver | null;
}

export const DEFAULT_DEFER_AFTER_MS = 1500;

/**
 * Whether a failed answer is worth a fallback message: only when Discord refused it (4xx: a limit we missed, a bad
 * embed), which a plainer message fixes. After a 5xx or a network failure (already retried once by the REST
 * client), another message would fail the same way, or Discord took the first one after all.
 */
function refusedByDiscord(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.status >= 400 && err.status < 500;
}

function userOf(interaction: Interaction): CallUser {
  const member = interaction.member as { displayName?: string; nick?: string | null } | null;
  return { id: interaction.user.id, name: member?.displayName ?? member?.nick ?? interaction.user.globalName ?? interaction.user.username };
}

function optionsOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): OptionReader {
  return {
    getString: (name) => interaction.options.getString(name),
    getBoolean: (name) => interaction.options.getBoolean(name),
    getSubcommand: () => interaction.options.getSubcommand(false),
    getChannel: (name) => (interaction.isChatInputCommand() ? channelOptionOf(interaction, name) : null),
  };
}

export async function handleInteraction(
  interaction: Interaction,
  registry: CommandRegistry,
  ctx: BotContext,
  options: HandleOptions = {},
): Promise<void> {
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const log = ctx.logger.child({ interactionId: interaction.id });
  const started = performance.now();
  let type: InteractionType | null = null;
  let command = '';
  let outcome: InteractionOutcome = 'ok';
  try {
    if (interaction.isChatInputCommand()) {
      [type, command] = ['command', interaction.commandName];
      outcome = await handleCommand(interaction, registry, ctx, deferAfterMs);
    } else if (interaction.isAutocomplete()) {
      [type, command] = ['autocomplete', interaction.commandName];
      await interaction.respond(await runAutocomplete(registry, autocompleteCall(interaction), ctx));
    } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
      [type, command] = ['component', parseCustomId(interaction.customId).command];
      outcome = await handleComponent(interaction, registry, ctx, deferAfterMs);
    }
  } catch (err) {
    // Delivery failed (token expired, 10062 Unknown interaction, network): nothing more can be sent on this token.
    outcome = 'undelivered';
    log.warn('could not answer interaction', { err, type: interaction.type });
  } finally {
    // Only registered names become label values: a metric's series must stay few whatever arrives.
    if (type)
      options.observer?.observeInteraction(
        type,
        registry.has(command) ? command : 'unknown',
        outcome,
        (performance.now() - started) / 1000,
      );
  }
}

function outcomeOf(routed: { failed: boolean; refused?: boolean }): InteractionOutcome {
  return !routed.failed ? 'ok' : routed.refused ? 'refused' : 'error';
}

function autocompleteCall(interaction: AutocompleteInteraction) {
  const focused = interaction.options.getFocused(true);
  return {
    id: interaction.id,
    commandName: interaction.commandName,
    user: userOf(interaction),
    focused: { name: focused.name, value: String(focused.value) },
    options: optionsOf(interaction),
  };
}

async function handleCommand(
  interaction: ChatInputCommandInteraction,
  registry: CommandRegistry,
  ctx: BotContext,
  deferAfterMs: number,
): Promise<InteractionOutcome> {
  let deferring = null as Promise<unknown> | null; // set inside defer(): typed so TS does not narrow it to null
  let deferredEphemeral = false;
  const defer = (ephemeral: boolean) => {
    if (!deferring) {
      deferredEphemeral = ephemeral;
      deferring = interaction.deferReply(ephemeral ? { flags: 'Ephemeral' } : {});
    }
    return deferring.then(() => undefined);
  };
  const call: CommandCall = {
    id: interaction.id,
    commandName: interaction.commandName,
    user: userOf(interaction),
    options: optionsOf(interaction),
    defer: ({ ephemeral }) => defer(ephemeral),
    guild: guildContextOf(interaction),
  };
  // Deferred as the answer will be: private when the command's privacy (its switch, else its default) says so.
  const privately = privacyOf(registry.get(interaction.commandName), call.options);
  const timer = setTimeout(() => void defer(privately).catch(() => undefined), deferAfterMs);
  let routed;
  try {
    routed = await runCommand(registry, call, ctx);
  } finally {
    clearTimeout(timer);
  }
  if (deferring) await deferring;
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(toDiscordReplyPayload(routed.reply));
    return outcomeOf(routed);
  }
  if ((routed.failed || routed.reply.ephemeral) && !deferredEphemeral) {
    // Ephemerality is fixed by the first response: a private answer (an error, "no results") after a public
    // deferral replaces the public "thinking…" with a private follow-up rather than showing it to everyone.
    try {
      await interaction.deleteReply();
      await interaction.followUp(toDiscordReplyPayload(routed.reply));
    } catch {
      await interaction.editReply(toDiscordPayload(routed.reply));
    }
    return outcomeOf(routed);
  }
  try {
    await interaction.editReply(toDiscordPayload(routed.reply));
    return outcomeOf(routed);
  } catch (err) {
    // Discord refused the answer (a limit we missed, a bad embed): never leave the user looking at "thinking…".
    if (!refusedByDiscord(err)) throw err;
    const fallback = errorReply(err, interaction.id, ctx.logger, { command: interaction.commandName, stage: 'editReply' });
    await interaction.followUp(toDiscordReplyPayload(fallback));
    return 'error';
  }
}

async function handleComponent(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  registry: CommandRegistry,
  ctx: BotContext,
  deferAfterMs: number,
): Promise<InteractionOutcome> {
  let deferring = null as Promise<unknown> | null; // set inside deferUpdate(): typed so TS does not narrow it to null
  const deferUpdate = () => (deferring ??= interaction.deferUpdate()).then(() => undefined);
  const call: ComponentCall = {
    id: interaction.id,
    customId: interaction.customId,
    values: interaction.isStringSelectMenu() ? interaction.values : [],
    user: userOf(interaction),
    deferUpdate,
    guild: guildContextOf(interaction),
  };
  const timer = setTimeout(() => void deferUpdate().catch(() => undefined), deferAfterMs);
  let routed;
  try {
    routed = await runComponent(registry, call, ctx);
  } finally {
    clearTimeout(timer);
  }
  if (deferring) await deferring;
  try {
    const acknowledged = interaction.deferred || interaction.replied;
    if ('update' in routed.result) {
      const payload = toDiscordPayload(routed.result.update);
      if (acknowledged) await interaction.editReply(payload);
      else await interaction.update(payload);
    } else {
      const payload = toDiscordReplyPayload(routed.result.reply);
      if (acknowledged) await interaction.followUp(payload);
      else await interaction.reply(payload);
    }
    return outcomeOf(routed);
  } catch (err) {
    // Discord refused the answer: say so privately rather than leaving "This interaction failed".
    if (!refusedByDiscord(err)) throw err;
    const fallback = errorReply(err, interaction.id, ctx.logger, { customId: interaction.customId, stage: 'component answer' });
    const payload = toDiscordReplyPayload(fallback);
    if (interaction.deferred || interaction.replied) await interaction.followUp(payload);
    else await interaction.reply(payload);
    return 'error';
  }
}
