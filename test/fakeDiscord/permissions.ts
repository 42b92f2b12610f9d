/**
 * Discord's permission arithmetic for one member in one channel (guild base permissions, then the channel's
 * @everyone, role and member overwrites in that order), so the fake refuses exactly what Discord would refuse.
 */
import { PermissionFlagsBits } from 'discord.js';

export const P = PermissionFlagsBits;

/** Every permission bit Discord defines: what an administrator or the owner has. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** What a fresh server's @everyone role grants (the subset that matters to a bot). */
export const DEFAULT_EVERYONE_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseApplicationCommands |
  P.CreatePublicThreads |
  P.Connect |
  P.Speak;

export interface RoleState {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
}

export interface OverwriteState {
  /** A role id (type 0) or a member id (type 1). */
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface PermissionSubject {
  userId: string;
  roleIds: string[];
}

export interface PermissionGuild {
  id: string;
  ownerId: string;
  roles: Map<string, RoleState>;
}

/** Guild-wide permissions: @everyone plus the member's roles; owners and administrators get everything. */
export function basePermissions(guild: PermissionGuild, subject: PermissionSubject): bigint {
  if (subject.userId === guild.ownerId) return ALL_PERMISSIONS;
  let permissions = guild.roles.get(guild.id)?.permissions ?? 0n;
  for (const roleId of subject.roleIds) permissions |= guild.roles.get(roleId)?.permissions ?? 0n;
  return permissions & P.Administrator ? ALL_PERMISSIONS : permissions;
}

/** Channel permissions after overwrites; without View Channel a member has nothing in the channel. */
export function channelPermissions(guild: PermissionGuild, subject: PermissionSubject, overwrites: OverwriteState[]): bigint {
  const base = basePermissions(guild, subject);
  if (base & P.Administrator) return ALL_PERMISSIONS;
  let permissions = base;
  const everyone = overwrites.find((o) => o.type === 0 && o.id === guild.id);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== guild.id && subject.roleIds.includes(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  permissions = (permissions & ~deny) | allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === subject.userId);
  if (member) permissions = (permissions & ~member.deny) | member.allow;
  return permissions & P.ViewChannel ? permissions : 0n;
}

/** The names of the flags in `required` that `granted` lacks, in discord.js's spelling (e.g. `EmbedLinks`). */
export function missingPermissions(granted: bigint, required: bigint): string[] {
  return Object.entries(PermissionFlagsBits)
    .filter(([, bit]) => (required & bit) !== 0n && (granted & bit) === 0n)
    .map(([name]) => name);
}
