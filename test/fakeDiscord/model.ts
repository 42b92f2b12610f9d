/**
 * The fake's world: one guild with roles, channels and members, plus the users who click things. Each `to*Payload`
 * function renders a piece of it exactly as the Discord API does, because discord.js builds its caches from these
 * payloads and fails in odd places when a field it expects is missing.
 */
import { DEFAULT_EVERYONE_PERMISSIONS, channelPermissions } from './permissions';
import type { OverwriteState, RoleState } from './permissions';
import { snowflake } from './snowflake';

export type Json = Record<string, unknown>;

/** A value from a request body as text: scalars as themselves, objects as their JSON (never "[object Object]"). */
export const scalarText = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
}

export interface ChannelState {
  id: string;
  name: string;
  /** 0 text, 2 voice, 4 category, 5 announcement, 15 forum. */
  type: number;
  parentId: string | null;
  position: number;
  overwrites: OverwriteState[];
}

export interface MemberState {
  user: FakeUser;
  roleIds: string[];
  joinedAt: string;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  roles: Map<string, RoleState>;
  channels: Map<string, ChannelState>;
  members: Map<string, MemberState>;
  /** The role Discord made for the bot when it joined (managed, tagged with the bot id). */
  botRoleId: string;
  /** False once the bot has been removed from the server. */
  botPresent: boolean;
}

export function makeUser(username: string, extra: Partial<FakeUser> = {}): FakeUser {
  return {
    id: snowflake(),
    username,
    global_name: username[0].toUpperCase() + username.slice(1),
    discriminator: '0',
    avatar: null,
    ...extra,
  };
}

export function createGuild(options: { guildId: string; botUser: FakeUser; owner: FakeUser; name: string }): GuildState {
  const { guildId, botUser, owner } = options;
  const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
  const botRoleId = snowflake();
  const roles = new Map<string, RoleState>([
    [guildId, { id: guildId, name: '@everyone', permissions: DEFAULT_EVERYONE_PERMISSIONS, position: 0 }],
    // The role Discord creates for a bot when it joins; it adds nothing beyond @everyone unless a test grants more.
    [botRoleId, { id: botRoleId, name: botUser.username, permissions: 0n, position: 1 }],
  ]);
  const members = new Map<string, MemberState>([
    [botUser.id, { user: botUser, roleIds: [botRoleId], joinedAt }],
    [owner.id, { user: owner, roleIds: [], joinedAt }],
  ]);
  return { id: guildId, name: options.name, ownerId: owner.id, roles, channels: new Map(), members, botRoleId, botPresent: true };
}

export function rolePayload(guild: GuildState, role: RoleState, botUserId: string): Json {
  const managed = role.id === guild.botRoleId;
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed,
    mentionable: false,
    flags: 0,
    ...(managed ? { tags: { bot_id: botUserId } } : {}),
  };
}

export function channelPayload(guild: GuildState, channel: ChannelState): Json {
  return {
    id: channel.id,
    type: channel.type,
    guild_id: guild.id,
    name: channel.name,
    position: channel.position,
    parent_id: channel.parentId,
    permission_overwrites: channel.overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() })),
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function memberPayload(member: MemberState): Json {
  return {
    user: member.user,
    nick: null,
    avatar: null,
    banner: null,
    roles: member.roleIds,
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

export function guildPayload(guild: GuildState, botUser: FakeUser): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...guild.roles.values()].map((r) => rolePayload(guild, r, botUser.id)),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-GB',
    nsfw_level: 0,
    widget_enabled: false,
    widget_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    incidents_data: null,
  };
}

/** GUILD_CREATE: the guild plus everything a client caches from it (lists must be arrays, even empty ones). */
export function guildCreatePayload(guild: GuildState, botUser: FakeUser): Json {
  const me = guild.members.get(botUser.id);
  return {
    ...guildPayload(guild, botUser),
    unavailable: false,
    large: false,
    lazy: true,
    joined_at: me?.joinedAt ?? new Date().toISOString(),
    member_count: guild.members.size,
    channels: [...guild.channels.values()].map((c) => channelPayload(guild, c)),
    threads: [],
    members: [...guild.members.values()].map(memberPayload),
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
  };
}

/** The permissions `member` has in `channel` (what Discord puts in `channel.permissions` and `app_permissions`). */
export function permissionsIn(guild: GuildState, userId: string, channel: ChannelState | undefined): bigint {
  const member = guild.members.get(userId);
  const subject = { userId, roleIds: member?.roleIds ?? [] };
  return channelPermissions(guild, subject, channel?.overwrites ?? []);
}

export function dmChannelPayload(channelId: string, recipient: FakeUser): Json {
  return { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [recipient] };
}
