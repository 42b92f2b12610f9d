/**
 * What a command run in a server can know about that server: which server, whether the member may manage it, a
 * channel option, and what the bot may do in a channel. Built by the Discord edge (handleInteraction) from the
 * discord.js interaction and handed to the command as `call.guild`, so commands stay free of discord.js classes
 * (the console mode has no server and passes none).
 */
import { ChannelType, PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import type { DigestSend } from '../digest/run';
import { channelSender } from './digestSend';

export interface DigestChannel {
  id: string;
  name: string | null;
  /** Text or announcement channel: where a bot can post an embed. */
  postable: boolean;
}

export interface GuildContext {
  guildId: string;
  /** The subcommand chosen (e.g. `set` of `/digest set`), or null. */
  subcommand: string | null;
  /** Posts a message to a channel of this server (the daily post's `/digest now`). */
  send: DigestSend;
  /** Whether the member who ran the command has Manage Server (or is an administrator). */
  canManage: boolean;
  /** The `channel` option, or null when not given. */
  channelOption(name: string): DigestChannel | null;
  /** Names (as Discord shows them) of the permissions the bot lacks in the channel; empty when it has them all. */
  missingBotPermissions(channelId: string): Promise<string[]>;
}

/** What the bot needs to post an embed in a channel, with the names Discord's settings use. */
export const REQUIRED_CHANNEL_PERMISSIONS: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

const POSTABLE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/** The server context of a slash command, or null outside a server (a DM). */
export function guildContextOf(interaction: ChatInputCommandInteraction): GuildContext | null {
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
      return { id: channel.id, name: 'name' in channel ? (channel.name ?? null) : null, postable: POSTABLE.has(channel.type) };
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
