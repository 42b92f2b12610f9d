/** Setting up the fake guild from a test: users, channels, permission overwrites, roles. A connected bot hears each change. */
import { channelPayload, makeUser, memberPayload, rolePayload, type ChannelState, type FakeUser } from './model';
import type { OverwriteState } from './permissions';
import { snowflake } from './snowflake';
import type { FakeState } from './state';
import type { ChannelInput, OverwriteInput } from './types';

export class GuildSetup {
  constructor(private readonly s: FakeState) {}

  addUser(username: string): FakeUser {
    const user = makeUser(username);
    this.s.guild.members.set(user.id, { user, roleIds: [], joinedAt: new Date().toISOString() });
    return user;
  }

  /** Creates or replaces a guild channel; a connected bot hears CHANNEL_CREATE / CHANNEL_UPDATE. */
  defineChannel(input: ChannelInput): ChannelState {
    const guild = this.s.guild;
    const existing = input.id ? guild.channels.get(input.id) : undefined;
    const channel: ChannelState = {
      id: input.id ?? snowflake(),
      name: input.name,
      type: input.type ?? 0,
      parentId: input.parentId ?? null,
      position: existing?.position ?? guild.channels.size,
      overwrites: (input.overwrites ?? []).map(toOverwrite),
    };
    guild.channels.set(channel.id, channel);
    this.s.dispatchEvent(existing ? 'CHANNEL_UPDATE' : 'CHANNEL_CREATE', channelPayload(guild, channel));
    return channel;
  }

  setChannelOverwrites(channelId: string, overwrites: OverwriteInput[]): void {
    const channel = this.s.requireChannel(channelId);
    channel.overwrites = overwrites.map(toOverwrite);
    this.s.dispatchEvent('CHANNEL_UPDATE', channelPayload(this.s.guild, channel));
  }

  /** Shorthand: a member overwrite on the bot denying `permissions` in the channel. */
  denyBot(channelId: string, permissions: bigint): void {
    const channel = this.s.requireChannel(channelId);
    const others = channel.overwrites.filter((o) => !(o.type === 1 && o.id === this.s.botUserId)).map(fromOverwrite);
    this.setChannelOverwrites(channelId, [...others, { id: this.s.botUserId, type: 'member', deny: permissions }]);
  }

  deleteChannel(channelId: string): void {
    const channel = this.s.requireChannel(channelId);
    this.s.guild.channels.delete(channelId);
    this.s.dispatchEvent('CHANNEL_DELETE', channelPayload(this.s.guild, channel));
  }

  /** Creates or updates a role; a connected bot hears GUILD_ROLE_CREATE / GUILD_ROLE_UPDATE. */
  defineRole(input: { id?: string; name: string; permissions: bigint }): string {
    const guild = this.s.guild;
    const id = input.id ?? snowflake();
    const existing = guild.roles.get(id);
    const role = { id, name: input.name, permissions: input.permissions, position: existing?.position ?? guild.roles.size };
    guild.roles.set(id, role);
    this.s.dispatchEvent(existing ? 'GUILD_ROLE_UPDATE' : 'GUILD_ROLE_CREATE', {
      guild_id: guild.id,
      role: rolePayload(guild, role, this.s.botUserId),
    });
    return id;
  }

  setMemberRoles(userId: string, roleIds: string[]): void {
    const member = this.s.guild.members.get(userId);
    if (!member) throw new Error(`No member ${userId} in the fake guild`);
    member.roleIds = [...roleIds];
    this.s.dispatchEvent('GUILD_MEMBER_UPDATE', { guild_id: this.s.guild.id, ...memberPayload(member) });
  }

  /** The bot is kicked: GUILD_DELETE, and guild and channel routes answer as they would to an outsider. */
  removeBotFromGuild(): void {
    this.s.guild.botPresent = false;
    this.s.dispatchEvent('GUILD_DELETE', { id: this.s.guild.id });
  }
}

function toOverwrite(input: OverwriteInput): OverwriteState {
  return { id: input.id, type: input.type === 'member' ? 1 : 0, allow: input.allow ?? 0n, deny: input.deny ?? 0n };
}

function fromOverwrite(o: OverwriteState): OverwriteInput {
  return { id: o.id, type: o.type === 1 ? 'member' : 'role', allow: o.allow, deny: o.deny };
}
