/**
 * Interactions a test dispatches to the bot: slash commands (options built as Discord would from the registered
 * definition), autocomplete, button presses and select choices, each sent as INTERACTION_CREATE on the right shard.
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { channelPayload, dmChannelPayload, memberPayload, permissionsIn, rolePayload, scalarText, type Json } from './model';
import { interactionToken, snowflake } from './snowflake';
import { FakeInteraction, INTERACTION, type InteractionHost } from './interaction';
import type { MessageStore } from './messageStore';
import { DM_APP_PERMISSIONS, type FakeState, type StoredMessage } from './state';
import type { InvokeContext, OptionValue, SentMessage } from './types';

export class InteractionDispatcher {
  constructor(
    private readonly s: FakeState,
    private readonly store: MessageStore,
    /** What each FakeInteraction looks things up in (the FakeDiscord). */
    private readonly host: InteractionHost,
  ) {}

  dispatchSlashCommand(name: string, options: Record<string, OptionValue> | Json[] = {}, context: InvokeContext = {}): FakeInteraction {
    const [top, ...path] = name.trim().split(/\s+/);
    const command = this.findCommand(top);
    const built = this.buildOptions(command, path, options, undefined);
    const data: Json = { id: command?.id ?? snowflake(), name: top, type: 1, options: built.options };
    if (command?.guild_id) data.guild_id = command.guild_id;
    if (built.resolved) data.resolved = built.resolved;
    return this.dispatchInteraction(INTERACTION.Command, data, context);
  }

  /** The user is typing `focused`'s value; the other options carry what they already chose. */
  dispatchAutocomplete(name: string, options: Record<string, OptionValue>, focused: string, context: InvokeContext = {}): FakeInteraction {
    const [top, ...path] = name.trim().split(/\s+/);
    if (!(focused in options)) throw new Error(`The focused option "${focused}" needs a value (what the user has typed so far)`);
    const command = this.findCommand(top);
    const built = this.buildOptions(command, path, options, focused);
    const data: Json = { id: command?.id ?? snowflake(), name: top, type: 1, options: built.options };
    if (command?.guild_id) data.guild_id = command.guild_id;
    return this.dispatchInteraction(INTERACTION.Autocomplete, data, context);
  }

  dispatchButton(message: SentMessage | string, customId: string, context: InvokeContext = {}): FakeInteraction {
    const stored = this.store.requireMessage(message);
    const component = findComponent(stored.raw, customId);
    if (component.type !== 2) throw new Error(`Component "${customId}" is not a button (type ${String(component.type)})`);
    return this.dispatchComponent(stored, { custom_id: customId, component_type: 2 }, context);
  }

  dispatchSelect(message: SentMessage | string, customId: string, values: string[], context: InvokeContext = {}): FakeInteraction {
    const stored = this.store.requireMessage(message);
    const component = findComponent(stored.raw, customId);
    if (component.type !== 3) throw new Error(`Component "${customId}" is not a string select (type ${String(component.type)})`);
    const offered = new Set((Array.isArray(component.options) ? component.options : []).map((o) => (o as Json).value));
    for (const value of values) if (!offered.has(value)) throw new Error(`Select "${customId}" offers no value "${value}"`);
    const min = typeof component.min_values === 'number' ? component.min_values : 1;
    const max = typeof component.max_values === 'number' ? component.max_values : 1;
    if (values.length < min || values.length > max)
      throw new Error(`Select "${customId}" takes ${min}–${max} values, not ${values.length}`);
    return this.dispatchComponent(stored, { custom_id: customId, component_type: 3, values }, context);
  }

  private dispatchComponent(stored: StoredMessage, data: Json, context: InvokeContext): FakeInteraction {
    const inDm = this.s.isDmChannel(stored.raw.channel_id as string);
    const ctx: InvokeContext = { ...context, dm: context.dm ?? inDm, channelId: inDm ? undefined : (stored.raw.channel_id as string) };
    return this.dispatchInteraction(INTERACTION.Component, data, ctx, stored);
  }

  private dispatchInteraction(type: number, data: Json, context: InvokeContext, source?: StoredMessage): FakeInteraction {
    const s = this.s;
    if (!s.connected) throw new Error('No bot is connected to the fake gateway: wait for the client to be ready first');
    const user = context.user ?? s.users.alice;
    const id = snowflake();
    const token = interactionToken();
    const payload: Json = {
      id,
      application_id: s.applicationId,
      type,
      token,
      version: 1,
      data,
      locale: context.locale ?? 'en-GB',
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (context.dm) {
      const channelId = s.dmChannelFor(user);
      Object.assign(payload, {
        user,
        channel_id: channelId,
        channel: dmChannelPayload(channelId, user),
        app_permissions: DM_APP_PERMISSIONS.toString(),
        authorizing_integration_owners: {},
        context: 1,
      });
    } else {
      if (!s.guild.botPresent) throw new Error('The bot was removed from the guild; Discord would not send it guild interactions');
      const channel = s.requireChannel(context.channelId ?? s.defaultChannelId);
      if (!s.guild.members.has(user.id)) s.guild.members.set(user.id, { user, roleIds: [], joinedAt: new Date().toISOString() });
      const member = s.guild.members.get(user.id)!;
      const memberPermissions = context.memberPermissions ?? permissionsIn(s.guild, user.id, channel);
      Object.assign(payload, {
        guild_id: s.guild.id,
        guild: { id: s.guild.id, locale: 'en-GB', features: [] },
        guild_locale: 'en-GB',
        channel_id: channel.id,
        channel: { ...channelPayload(s.guild, channel), permissions: memberPermissions.toString() },
        member: { ...memberPayload(member), permissions: memberPermissions.toString() },
        app_permissions: permissionsIn(s.guild, s.botUserId, channel).toString(),
        authorizing_integration_owners: { '0': s.guild.id },
        context: 0,
      });
    }
    if (source) payload.message = source.raw;
    const scope = context.dm ? 'dm' : 'guild';
    if (![...s.sessions.values()].some((session) => session.socket?.readyState === WebSocket.OPEN && s.sessionReceives(session, scope))) {
      throw new Error(
        `No connected gateway shard receives ${scope === 'dm' ? 'direct messages (shard 0)' : "this guild's events"}: wait for the client to be ready first`,
      );
    }
    const interaction = new FakeInteraction(
      this.host,
      id,
      token,
      type,
      user,
      payload,
      performance.now(),
      source?.raw.id as string | undefined,
    );
    s.interactions.set(id, interaction);
    interaction.deliveredToShards = s.dispatchEvent('INTERACTION_CREATE', payload, scope);
    return interaction;
  }

  private findCommand(name: string): Json | undefined {
    const { guild, global } = this.s.commands;
    const found = [...guild.values(), ...global.values()].find((c) => c.name === name && (c.type ?? 1) === 1);
    const anyRegistered = guild.size + global.size > 0;
    if (!found && anyRegistered) {
      const known = [...guild.values(), ...global.values()].map((c) => c.name).join(', ');
      throw new Error(`No command "/${name}" is registered with the fake (registered: ${known})`);
    }
    return found;
  }

  /**
   * Interaction options as Discord sends them: typed from the registered definition when there is one (subcommands
   * nest, a channel option brings `resolved.channels`), otherwise inferred from the JavaScript values.
   */
  private buildOptions(
    command: Json | undefined,
    path: string[],
    values: Record<string, OptionValue> | Json[],
    focused: string | undefined,
  ): { options: Json[]; resolved?: Json } {
    if (Array.isArray(values)) {
      const resolved: Json = {};
      const walk = (options: Json[]) => {
        for (const option of options) {
          if (Array.isArray(option.options)) walk(option.options as Json[]);
          else if (option.value !== undefined && option.focused !== true)
            this.resolveOption(option.type as number, scalarText(option.value), resolved);
        }
      };
      walk(values);
      return { options: values, resolved: Object.keys(resolved).length ? resolved : undefined };
    }
    let definitions = Array.isArray(command?.options) ? (command.options as Json[]) : undefined;
    const wrappers: Json[] = [];
    for (const sub of path) {
      const def = definitions?.find((o) => o.name === sub && (o.type === 1 || o.type === 2));
      if (command && !def) throw new Error(`/${String(command.name)} has no subcommand "${sub}"`);
      wrappers.push({ name: sub, type: def?.type ?? (sub === path[path.length - 1] ? 1 : 2), options: [] });
      definitions = Array.isArray(def?.options) ? (def.options as Json[]) : command ? [] : undefined;
    }
    const resolved: Json = {};
    const leaf: Json[] = Object.entries(values).map(([name, value]) => {
      const def = definitions?.find((o) => o.name === name);
      if (command && !def) throw new Error(`/${[command.name, ...path].join(' ')} has no option "${name}"`);
      const type = (def?.type as number | undefined) ?? inferOptionType(value);
      const option: Json = { name, type, value: name === focused ? String(value) : coerceOption(type, value) };
      if (name === focused) option.focused = true;
      else this.resolveOption(type, String(value), resolved);
      return option;
    });
    if (definitions && focused === undefined) {
      for (const def of definitions) {
        if (def.required === true && !(String(def.name) in values)) throw new Error(`Required option "${String(def.name)}" is missing`);
      }
    }
    let options = leaf;
    for (const wrapper of wrappers.reverse()) {
      wrapper.options = options;
      options = [wrapper];
    }
    return { options, resolved: Object.keys(resolved).length ? resolved : undefined };
  }

  private resolveOption(type: number, value: string, resolved: Json): void {
    const guild = this.s.guild;
    if (type === 7) {
      const channel = guild.channels.get(value);
      if (!channel) throw new Error(`Channel option: no channel ${value} in the fake guild`);
      const channels = (resolved.channels as Json | undefined) ?? {};
      const { id, name, type: channelType, parent_id } = channelPayload(guild, channel);
      channels[value] = {
        id,
        name,
        type: channelType,
        parent_id,
        permissions: this.s.permissionsOf(this.s.botUserId, value).toString(),
        flags: 0,
      };
      resolved.channels = channels;
    } else if (type === 6) {
      const member = guild.members.get(value);
      if (!member) throw new Error(`User option: no member ${value} in the fake guild`);
      resolved.users = { ...(resolved.users ?? {}), [value]: member.user };
      const { user: _user, ...rest } = memberPayload(member);
      resolved.members = { ...(resolved.members ?? {}), [value]: { ...rest, permissions: '0' } };
    } else if (type === 8) {
      const role = guild.roles.get(value);
      if (!role) throw new Error(`Role option: no role ${value} in the fake guild`);
      resolved.roles = { ...(resolved.roles ?? {}), [value]: rolePayload(guild, role, this.s.botUserId) };
    }
  }
}

function findComponent(message: Json, customId: string): Json {
  const rows = Array.isArray(message.components) ? (message.components as Json[]) : [];
  const all = rows.flatMap((row) => (Array.isArray(row.components) ? (row.components as Json[]) : []));
  const found = all.find((c) => c.custom_id === customId);
  if (!found)
    throw new Error(
      `Message ${String(message.id)} has no component "${customId}" (it has: ${all.map((c) => String(c.custom_id ?? c.url)).join(', ') || 'none'})`,
    );
  if (found.disabled === true) throw new Error(`Component "${customId}" is disabled: Discord would not let anyone press it`);
  return found;
}

function inferOptionType(value: OptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

function coerceOption(type: number, value: OptionValue): OptionValue {
  if (type === 4 || type === 10) return Number(value);
  if (type === 5) return value === true || value === 'true';
  return String(value);
}
