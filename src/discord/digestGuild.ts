/**
 * What `/digest` needs to know about the server it runs in: which server, whether the member may manage it, the
 * channel chosen, and what the bot may do in that channel. The router's CommandCall is deliberately narrow (it also
 * serves the terminal console) and carries none of this, so the digest reaches the discord.js interaction itself:
 * `watchDigestInteractions` (attached by startDigestScheduler) remembers `/digest` interactions by id for the moment
 * their command runs, and `digestGuildOf(call)` looks the call's id up.
 *
 * Timing: discord.js emits InteractionCreate to its listeners one after another, synchronously. The router's
 * listener starts first and runs the command until its first `await`; the command therefore awaits once before the
 * lookup, by which time this listener has recorded the interaction.
 */
import { ChannelType, Events, PermissionFlagsBits, type ChatInputCommandInteraction, type Client, type Interaction } from 'discord.js';
import type { DigestSend } from '../digest/run';
import type { CommandCall } from './commandTypes';
import { channelSender } from './digestSend';

export interface DigestChannel {
  id: string;
  name: string | null;
  /** Text or announcement channel: where a bot can post an embed. */
  postable: boolean;
}

export interface DigestGuild {
  guildId: string;
  /** `set`, `show`, `preview`, `now` or `off`. */
  subcommand: string | null;
  /** Posts a digest item to a channel of this server (for `/digest now`). */
  send: DigestSend;
  /** Whether the member who ran the command has Manage Server (or is an administrator). */
  canManage: boolean;
  /** The `channel` option, or null when not given. */
  channelOption(name: string): DigestChannel | null;
  /** Names (as Discord shows them) of the permissions the bot lacks in the channel; empty when it has them all. */
  missingBotPermissions(channelId: string): Promise<string[]>;
}

/** What the bot needs in the digest channel, with the names Discord's settings use. */
export const REQUIRED_CHANNEL_PERMISSIONS: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

const pending = new Map<string, ChatInputCommandInteraction>();
/** An interaction is only needed while its command runs; Discord invalidates its token after 15 minutes anyway. */
const KEEP_MS = 15 * 60_000;

/** Remembers `/digest` interactions so the command can read the server, member and channel (see module comment). */
export function watchDigestInteractions(client: Client): () => void {
  const listener = (interaction: Interaction) => {
    if (!interaction.isChatInputCommand() || interaction.commandName !== 'digest') return;
    pending.set(interaction.id, interaction);
    setTimeout(() => pending.delete(interaction.id), KEEP_MS).unref?.();
  };
  client.on(Events.InteractionCreate, listener);
  return () => client.off(Events.InteractionCreate, listener);
}

const POSTABLE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

function guildOfInteraction(interaction: ChatInputCommandInteraction): DigestGuild | null {
  if (!interaction.inGuild() || !interaction.guildId) return null;
  const guildId = interaction.guildId;
  const perms = interaction.memberPermissions;
  return {
    guildId,
    subcommand: interaction.options.getSubcommand(false),
    send: channelSender(interaction.client),
    canManage: perms ? perms.has(PermissionFlagsBits.ManageGuild) : false,
    channelOption(name) {
      const channel = interaction.options.getChannel(name);
      if (!channel) return null;
      return { id: channel.id, name: 'name' in channel ? (channel.name ?? null) : null, postable: POSTABLE.has(channel.type as ChannelType) };
    },
    async missingBotPermissions(channelId) {
      const guild = interaction.guild ?? (await interaction.client.guilds.fetch(guildId).catch(() => null));
      if (!guild) return REQUIRED_CHANNEL_PERMISSIONS.map(([, label]) => label);
      const channel = guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null));
      const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => null));
      if (!channel || !me) return REQUIRED_CHANNEL_PERMISSIONS.map(([, label]) => label);
      const granted = channel.permissionsFor(me);
      return REQUIRED_CHANNEL_PERMISSIONS.filter(([bit]) => !granted?.has(bit)).map(([, label]) => label);
    },
  };
}

/**
 * The server context of a `/digest` call: from the call itself if the router provides it (a `guild` field of this
 * shape), else from the remembered interaction. Null outside a server (a DM, the console).
 */
export async function digestGuildOf(call: CommandCall): Promise<DigestGuild | null> {
  const provided = (call as CommandCall & { guild?: DigestGuild | null }).guild;
  if (provided !== undefined) return provided;
  // Let the InteractionCreate listeners after the router's run first (see module comment).
  await new Promise<void>((resolve) => setImmediate(resolve));
  const interaction = pending.get(call.id);
  if (!interaction) return null;
  pending.delete(call.id);
  return guildOfInteraction(interaction);
}
