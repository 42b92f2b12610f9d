/**
 * What a command (or a click) in a server can know about that server: which server, whether the member may manage
 * it, and what the bot may do in a channel; options, the channel one included, are read through `call.options`.
 * Built by the Discord edge (handleInteraction) from the discord.js interaction and handed over as `call.guild`, so
 * commands stay free of discord.js classes (the console mode has no server and passes none).
 */
import { ChannelType, PermissionFlagsBits, type ChatInputCommandInteraction, type MessageComponentInteraction } from 'discord.js';
import type { DigestSend } from '../digest/run';
import type { ChannelOption } from './commandTypes';
import { channelSender } from './digestSend';

export interface GuildContext {
  guildId: string;
  /** Posts a message to a channel of this server (the daily post's `/digest now`). */
  send: DigestSend;
  /** Whether the member who ran the command has Manage Server (or is an administrator). */
  canManage: boolean;
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

/** A channel option of a slash command, or null when not given. */
export function channelOptionOf(interaction: ChatInputCommandInteraction, name: string): ChannelOption | null {
  const channel = interaction.options.getChannel(name);
  if (!channel) return null;
  return { id: channel.id, name: 'name' in channel ? (channel.name ?? null) : null, postable: POSTABLE.has(channel.type) };
}

/** The server context of a slash command or a click, or null outside a server (a DM). */
export function guildContextOf(interaction: ChatInputCommandInteraction | MessageComponentInteraction): GuildContext | null {
  if (!interaction.inGuild() || !interaction.guildId) return null;
  const guildId = interaction.guildId;
  const perms = interaction.memberPermissions;
  return {
    guildId,
    send: channelSender(interaction.client),
    canManage: perms ? perms.has(PermissionFlagsBits.ManageGuild) : false,
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
