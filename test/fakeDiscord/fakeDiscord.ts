/**
 * A fake Discord on 127.0.0.1 for end-to-end tests: the REST API a bot calls and the gateway it connects to, on one
 * random port. A real discord.js Client logs in to it unchanged (`rest.api` pointed at `apiUrl`).
 *
 * Unlike a mock, it enforces Discord's rules (message and embed limits, components, 3-second acknowledgement,
 * single acknowledgement, channel permissions) and answers a breach with the same status and JSON error Discord
 * would, while also recording it in `violations`, so a test can both watch the bot cope and assert it never tried.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { EventEmitter } from 'node:events';
import { WebSocketServer, WebSocket } from 'ws';
import { applyUpload, attachmentPayload, checkUpload, resolveEmbedAttachments, type StoredAttachment } from './attachments';
import { checkChoices, checkCommands, checkMessageBody, invalidFormBody } from './limits';
import type { LimitError } from './limits';
import { resolvePings } from './mentions';
import type { MentionDefault } from './mentions';
import {
  channelPayload,
  createGuild,
  dmChannelPayload,
  guildCreatePayload,
  guildPayload,
  makeUser,
  memberPayload,
  permissionsIn,
  rolePayload,
} from './model';
import { scalarText, type ChannelState, type FakeUser, type GuildState, type Json } from './model';
import { P, missingPermissions } from './permissions';
import type { OverwriteState } from './permissions';
import { interactionToken, shardOfGuild, snowflake } from './snowflake';
import { CALLBACK, FakeInteraction, INTERACTION } from './interaction';
import { faultReply, Faults, type FaultHandle, type FaultRule } from './faults';
import type {
  ChannelInput,
  InvokeContext,
  OptionValue,
  OverwriteInput,
  RecordedRequest,
  SentMessage,
  UploadedFile,
  Violation,
  ViolationKind,
} from './types';

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (a random valid-looking one by default). */
  token?: string;
  applicationId?: string;
  guildId?: string;
  guildName?: string;
  /** How long a bot has for its first response (Discord: 3,000 ms). Lower it to test deferral quickly. */
  interactionResponseTimeoutMs?: number;
  /** How long follow-ups and edits stay possible (Discord: 15 minutes). */
  interactionTokenTtlMs?: number;
  /** HELLO's heartbeat interval. */
  heartbeatIntervalMs?: number;
  /** The shard count GET /gateway/bot recommends (default 1). The fake serves whatever count the bot identifies with. */
  shards?: number;
  /** session_start_limit.max_concurrency: how many shards may identify at once (Discord: 1 for most bots). */
  maxConcurrency?: number;
}

const API_PREFIX = '/api/v10';
const FLAG_EPHEMERAL = 64;
const FLAG_LOADING = 128;
const ALLOWED_REPLY_FLAGS = 4 | 64 | 4096 | 32768;
const DM_APP_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.AddReactions | P.UseExternalEmojis;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly kind: ViolationKind,
    readonly errors: LimitError[] = [],
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RequestContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  record: RecordedRequest;
}

interface Route {
  method: string;
  template: string;
  segments: string[];
  auth: boolean;
  handle: (ctx: RequestContext) => Reply | Promise<Reply>;
}

interface StoredMessage {
  raw: Json;
  /** The files attached, with their bytes (`raw.attachments` lists them as the API does). */
  attachments: StoredAttachment[];
  allowedMentions: unknown;
  mentionDefault: MentionDefault;
  interactionId?: string;
  deleted: boolean;
}

interface GatewaySession {
  id: string;
  /** [shard id, shard count] from IDENTIFY. */
  shard: [number, number];
  seq: number;
  buffer: Array<{ s: number; t: string; d: unknown }>;
  socket: WebSocket | undefined;
}

type CommandScope = 'global' | 'guild';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function randomToken(botUserId: string): string {
  const id = Buffer.from(botUserId).toString('base64url');
  return `${id}.${interactionToken().slice(0, 6)}.${interactionToken().slice(16, 54)}`;
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly botUserId: string;
  readonly botUser: FakeUser;
  /** People who act in tests: `owner` owns the guild (all permissions); `alice` and `bob` are ordinary members. */
  readonly users: { owner: FakeUser; alice: FakeUser; bob: FakeUser };
  /** A text channel everyone (including the bot) can use. */
  readonly defaultChannelId: string;
  readonly requests: RecordedRequest[] = [];
  /** Every IDENTIFY the gateway accepted, in order, with the shard it named. */
  readonly identifies: Array<{ shard: [number, number]; sessionId: string }> = [];
  readonly violations: Violation[] = [];
  apiUrl = '';
  gatewayUrl = '';
  interactionResponseTimeoutMs: number;
  interactionTokenTtlMs: number;

  private readonly guild: GuildState;
  private readonly messages = new Map<string, StoredMessage>();
  private readonly interactions = new Map<string, FakeInteraction>();
  private readonly commands: Record<CommandScope, Map<string, Json>> = { global: new Map(), guild: new Map() };
  private readonly commandIds = new Map<string, string>();
  private readonly dmChannels = new Map<string, string>();
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly events = new EventEmitter();
  private readonly routes: Route[] = [];
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly heartbeatIntervalMs: number;
  private readonly recommendedShards: number;
  private readonly maxConcurrency: number;
  private readonly faults = new Faults();
  /** While set, IDENTIFY waits on it before READY (holdIdentify). */
  private identifyGate: Promise<void> | null = null;
  /** While true, new gateway connections are dropped at the handshake (refuseGateway). */
  private refusingGateway = false;

  constructor(options: FakeDiscordOptions = {}) {
    this.events.setMaxListeners(0);
    this.botUser = makeUser('archive-bot', { bot: true, global_name: null });
    this.botUserId = this.botUser.id;
    this.applicationId = options.applicationId ?? this.botUserId;
    this.guildId = options.guildId ?? snowflake();
    this.token = options.token ?? randomToken(this.botUserId);
    this.interactionResponseTimeoutMs = options.interactionResponseTimeoutMs ?? 3000;
    this.interactionTokenTtlMs = options.interactionTokenTtlMs ?? 15 * 60 * 1000;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.recommendedShards = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    const owner = makeUser('owner');
    this.users = { owner, alice: makeUser('alice'), bob: makeUser('bob') };
    this.guild = createGuild({ guildId: this.guildId, botUser: this.botUser, owner, name: options.guildName ?? 'Probation Archive Test' });
    for (const user of [this.users.alice, this.users.bob])
      this.guild.members.set(user.id, { user, roleIds: [], joinedAt: new Date().toISOString() });
    this.defaultChannelId = this.defineChannel({ name: 'general' }).id;
    this.registerRoutes();
    this.server = http.createServer((req, res) => void this.handleHttp(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (this.refusingGateway) return void socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.handleGatewayConnection(ws, req));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
  }

  /** Stops everything. Destroy the discord.js Client first, or it will try to reconnect. */
  async close(): Promise<void> {
    for (const session of this.sessions.values()) session.socket?.terminate();
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- world set-up

  get everyoneRoleId(): string {
    return this.guild.id;
  }

  get botRoleId(): string {
    return this.guild.botRoleId;
  }

  addUser(username: string): FakeUser {
    const user = makeUser(username);
    this.guild.members.set(user.id, { user, roleIds: [], joinedAt: new Date().toISOString() });
    return user;
  }

  /** Creates or replaces a guild channel; a connected bot hears CHANNEL_CREATE / CHANNEL_UPDATE. */
  defineChannel(input: ChannelInput): ChannelState {
    const existing = input.id ? this.guild.channels.get(input.id) : undefined;
    const channel: ChannelState = {
      id: input.id ?? snowflake(),
      name: input.name,
      type: input.type ?? 0,
      parentId: input.parentId ?? null,
      position: existing?.position ?? this.guild.channels.size,
      overwrites: (input.overwrites ?? []).map(toOverwrite),
    };
    this.guild.channels.set(channel.id, channel);
    this.dispatchEvent(existing ? 'CHANNEL_UPDATE' : 'CHANNEL_CREATE', channelPayload(this.guild, channel));
    return channel;
  }

  setChannelOverwrites(channelId: string, overwrites: OverwriteInput[]): void {
    const channel = this.requireChannel(channelId);
    channel.overwrites = overwrites.map(toOverwrite);
    this.dispatchEvent('CHANNEL_UPDATE', channelPayload(this.guild, channel));
  }

  /** Shorthand: a member overwrite on the bot denying `permissions` in the channel. */
  denyBot(channelId: string, permissions: bigint): void {
    const channel = this.requireChannel(channelId);
    const others = channel.overwrites.filter((o) => !(o.type === 1 && o.id === this.botUserId)).map(fromOverwrite);
    this.setChannelOverwrites(channelId, [...others, { id: this.botUserId, type: 'member', deny: permissions }]);
  }

  deleteChannel(channelId: string): void {
    const channel = this.requireChannel(channelId);
    this.guild.channels.delete(channelId);
    this.dispatchEvent('CHANNEL_DELETE', channelPayload(this.guild, channel));
  }

  /** Creates or updates a role; a connected bot hears GUILD_ROLE_CREATE / GUILD_ROLE_UPDATE. */
  defineRole(input: { id?: string; name: string; permissions: bigint }): string {
    const id = input.id ?? snowflake();
    const existing = this.guild.roles.get(id);
    const role = { id, name: input.name, permissions: input.permissions, position: existing?.position ?? this.guild.roles.size };
    this.guild.roles.set(id, role);
    this.dispatchEvent(existing ? 'GUILD_ROLE_UPDATE' : 'GUILD_ROLE_CREATE', {
      guild_id: this.guild.id,
      role: rolePayload(this.guild, role, this.botUserId),
    });
    return id;
  }

  setMemberRoles(userId: string, roleIds: string[]): void {
    const member = this.guild.members.get(userId);
    if (!member) throw new Error(`No member ${userId} in the fake guild`);
    member.roleIds = [...roleIds];
    this.dispatchEvent('GUILD_MEMBER_UPDATE', { guild_id: this.guild.id, ...memberPayload(member) });
  }

  /** The bot is kicked: GUILD_DELETE, and guild and channel routes answer as they would to an outsider. */
  removeBotFromGuild(): void {
    this.guild.botPresent = false;
    this.dispatchEvent('GUILD_DELETE', { id: this.guild.id });
  }

  permissionsOf(userId: string, channelId: string): bigint {
    return permissionsIn(this.guild, userId, this.guild.channels.get(channelId));
  }

  // ---------------------------------------------------------------- what tests read

  message(id: string): SentMessage | undefined {
    const stored = this.messages.get(id);
    return stored ? this.snapshot(stored) : undefined;
  }

  /** Messages in a channel (including interaction replies there), oldest first. */
  channelMessages(channelId: string): SentMessage[] {
    return [...this.messages.values()].filter((m) => m.raw.channel_id === channelId && !m.deleted).map((m) => this.snapshot(m));
  }

  /** Messages the bot posted itself with `POST /channels/{id}/messages` (not interaction replies). */
  postedMessages(channelId?: string): SentMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.interactionId === undefined && (!channelId || m.raw.channel_id === channelId))
      .map((m) => this.snapshot(m));
  }

  interaction(id: string): FakeInteraction | undefined {
    return this.interactions.get(id);
  }

  registeredCommands(scope: CommandScope): Json[] {
    return [...this.commands[scope].values()];
  }

  /** Resolves with the first request (already recorded or future) matching `predicate`. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitUntil(
      () => this.requests.find(predicate),
      timeoutMs,
      () => 'no matching request arrived at the fake',
    );
  }

  waitForPostedMessage(channelId: string, timeoutMs = 5000, after = 0): Promise<SentMessage> {
    return this.waitUntil(
      () => this.postedMessages(channelId)[after],
      timeoutMs,
      () => `no message posted in channel ${channelId}`,
    );
  }

  /** Re-evaluates `check` after every request (and every 20 ms) until it yields a value, or rejects after `timeoutMs`. */
  waitUntil<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const first = check();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const onChange = () => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`));
      }, timeoutMs);
      // Also poll, so a test can wait on its own state (set by the bot after the fake answered).
      const poll = setInterval(onChange, 20);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.events.off('change', onChange);
      };
      this.events.on('change', onChange);
    });
  }

  /** Makes matching requests fail (5xx, 429 with its headers) or answer late; see faults.ts. */
  addFault(rule: FaultRule): FaultHandle {
    return this.faults.add(rule);
  }

  /** True while a bot holds an identified gateway connection. */
  get connected(): boolean {
    return [...this.sessions.values()].some((s) => s.socket?.readyState === WebSocket.OPEN);
  }

  /** Until the returned function is called, a bot that identifies gets no READY: it stays "connecting". */
  holdIdentify(): () => void {
    let release!: () => void;
    this.identifyGate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.identifyGate = null;
      release();
    };
  }

  /** A gateway outage: while `refusing`, new gateway connections fail at the handshake (combine with disconnectGateway). */
  refuseGateway(refusing: boolean): void {
    this.refusingGateway = refusing;
  }

  /** Drops every gateway connection with `code` (4000 lets discord.js RESUME) to exercise reconnects. */
  disconnectGateway(code = 4000): void {
    for (const session of this.sessions.values()) {
      session.socket?.close(code, 'fake: disconnect');
      session.socket = undefined;
    }
  }

  // ---------------------------------------------------------------- interactions

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
    const stored = this.requireMessage(message);
    const component = this.findComponent(stored.raw, customId);
    if (component.type !== 2) throw new Error(`Component "${customId}" is not a button (type ${String(component.type)})`);
    return this.dispatchComponent(stored, { custom_id: customId, component_type: 2 }, context);
  }

  dispatchSelect(message: SentMessage | string, customId: string, values: string[], context: InvokeContext = {}): FakeInteraction {
    const stored = this.requireMessage(message);
    const component = this.findComponent(stored.raw, customId);
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
    const inDm = this.isDmChannel(stored.raw.channel_id as string);
    const ctx: InvokeContext = { ...context, dm: context.dm ?? inDm, channelId: inDm ? undefined : (stored.raw.channel_id as string) };
    return this.dispatchInteraction(INTERACTION.Component, data, ctx, stored);
  }

  private dispatchInteraction(type: number, data: Json, context: InvokeContext, source?: StoredMessage): FakeInteraction {
    if (!this.connected) throw new Error('No bot is connected to the fake gateway: wait for the client to be ready first');
    const user = context.user ?? this.users.alice;
    const id = snowflake();
    const token = interactionToken();
    const payload: Json = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      data,
      locale: context.locale ?? 'en-GB',
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (context.dm) {
      const channelId = this.dmChannelFor(user);
      Object.assign(payload, {
        user,
        channel_id: channelId,
        channel: dmChannelPayload(channelId, user),
        app_permissions: DM_APP_PERMISSIONS.toString(),
        authorizing_integration_owners: {},
        context: 1,
      });
    } else {
      if (!this.guild.botPresent) throw new Error('The bot was removed from the guild; Discord would not send it guild interactions');
      const channel = this.requireChannel(context.channelId ?? this.defaultChannelId);
      if (!this.guild.members.has(user.id)) this.guild.members.set(user.id, { user, roleIds: [], joinedAt: new Date().toISOString() });
      const member = this.guild.members.get(user.id)!;
      const memberPermissions = context.memberPermissions ?? permissionsIn(this.guild, user.id, channel);
      Object.assign(payload, {
        guild_id: this.guild.id,
        guild: { id: this.guild.id, locale: 'en-GB', features: [] },
        guild_locale: 'en-GB',
        channel_id: channel.id,
        channel: { ...channelPayload(this.guild, channel), permissions: memberPermissions.toString() },
        member: { ...memberPayload(member), permissions: memberPermissions.toString() },
        app_permissions: permissionsIn(this.guild, this.botUserId, channel).toString(),
        authorizing_integration_owners: { '0': this.guild.id },
        context: 0,
      });
    }
    if (source) payload.message = source.raw;
    const scope = context.dm ? 'dm' : 'guild';
    if (![...this.sessions.values()].some((s) => s.socket?.readyState === WebSocket.OPEN && this.sessionReceives(s, scope))) {
      throw new Error(
        `No connected gateway shard receives ${scope === 'dm' ? 'direct messages (shard 0)' : "this guild's events"}: wait for the client to be ready first`,
      );
    }
    const interaction = new FakeInteraction(this, id, token, type, user, payload, performance.now(), source?.raw.id as string | undefined);
    this.interactions.set(id, interaction);
    interaction.deliveredToShards = this.dispatchEvent('INTERACTION_CREATE', payload, scope);
    return interaction;
  }

  private findCommand(name: string): Json | undefined {
    const found = [...this.commands.guild.values(), ...this.commands.global.values()].find((c) => c.name === name && (c.type ?? 1) === 1);
    const anyRegistered = this.commands.guild.size + this.commands.global.size > 0;
    if (!found && anyRegistered) {
      const known = [...this.commands.guild.values(), ...this.commands.global.values()].map((c) => c.name).join(', ');
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
    if (type === 7) {
      const channel = this.guild.channels.get(value);
      if (!channel) throw new Error(`Channel option: no channel ${value} in the fake guild`);
      const channels = (resolved.channels as Json | undefined) ?? {};
      const { id, name, type: channelType, parent_id } = channelPayload(this.guild, channel);
      channels[value] = {
        id,
        name,
        type: channelType,
        parent_id,
        permissions: this.permissionsOf(this.botUserId, value).toString(),
        flags: 0,
      };
      resolved.channels = channels;
    } else if (type === 6) {
      const member = this.guild.members.get(value);
      if (!member) throw new Error(`User option: no member ${value} in the fake guild`);
      resolved.users = { ...(resolved.users ?? {}), [value]: member.user };
      const { user: _user, ...rest } = memberPayload(member);
      resolved.members = { ...(resolved.members ?? {}), [value]: { ...rest, permissions: '0' } };
    } else if (type === 8) {
      const role = this.guild.roles.get(value);
      if (!role) throw new Error(`Role option: no role ${value} in the fake guild`);
      resolved.roles = { ...(resolved.roles ?? {}), [value]: rolePayload(this.guild, role, this.botUserId) };
    }
  }

  private findComponent(message: Json, customId: string): Json {
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

  // ---------------------------------------------------------------- gateway

  /**
   * Sends an event where Discord would: a guild's events to the session of the shard that owns the guild
   * (`(guild_id >> 22) % shard_count`), direct-message events to shard 0. Returns the shards it went to.
   */
  private dispatchEvent(t: string, d: unknown, scope: 'guild' | 'dm' = 'guild'): number[] {
    const to: number[] = [];
    for (const session of this.sessions.values()) {
      if (!this.sessionReceives(session, scope)) continue;
      this.sendDispatch(session, t, d);
      to.push(session.shard[0]);
    }
    return to;
  }

  private sessionReceives(session: GatewaySession, scope: 'guild' | 'dm'): boolean {
    const [id, count] = session.shard;
    return scope === 'dm' ? id === 0 : shardOfGuild(this.guild.id, count) === id;
  }

  private sendDispatch(session: GatewaySession, t: string, d: unknown): void {
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.buffer.push(event);
    if (session.buffer.length > 500) session.buffer.shift();
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify({ op: 0, ...event }));
  }

  private handleGatewayConnection(ws: WebSocket, req: http.IncomingMessage): void {
    const query = new URL(req.url ?? '/', 'http://fake').searchParams;
    if (query.get('encoding') !== 'json' || query.has('compress')) {
      ws.close(4002, 'fake gateway speaks uncompressed JSON only');
      return;
    }
    let session: GatewaySession | undefined;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null }));
    ws.on('message', (raw) => {
      let payload: { op?: number; d?: Json };
      try {
        payload = JSON.parse(
          (Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw)).toString('utf8'),
        ) as { op?: number; d?: Json };
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      const d = payload.d ?? {};
      switch (payload.op) {
        case 1:
          ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
          break;
        case 2: {
          if (session) return ws.close(4005, 'Already authenticated.');
          if (d.token !== this.token) return ws.close(4004, 'Authentication failed.');
          if (this.identifyGate) {
            const gate = this.identifyGate;
            void gate.then(() => ws.emit('message', raw));
            return;
          }
          const shard = Array.isArray(d.shard) ? (d.shard as number[]) : [0, 1];
          const [shardId, shardCount] = shard;
          if (
            shard.length !== 2 ||
            !Number.isInteger(shardId) ||
            !Number.isInteger(shardCount) ||
            shardCount < 1 ||
            shardId < 0 ||
            shardId >= shardCount
          ) {
            return ws.close(4010, 'Invalid shard.');
          }
          session = { id: interactionToken().slice(0, 32), shard: [shardId, shardCount], seq: 0, buffer: [], socket: ws };
          this.sessions.set(session.id, session);
          this.identifies.push({ shard: [shardId, shardCount], sessionId: session.id });
          this.events.emit('change');
          // Each shard hears of the guilds it owns only.
          const present = this.guild.botPresent && this.sessionReceives(session, 'guild');
          this.sendDispatch(session, 'READY', {
            v: 10,
            user: { ...this.botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
            user_settings: {},
            guilds: present ? [{ id: this.guild.id, unavailable: true }] : [],
            session_id: session.id,
            session_type: 'normal',
            resume_gateway_url: this.gatewayUrl,
            shard: session.shard,
            application: { id: this.applicationId, flags: 0 },
            private_channels: [],
            relationships: [],
            presences: [],
            guild_join_requests: [],
            geo_ordered_rtc_regions: [],
          });
          if (present) this.sendDispatch(session, 'GUILD_CREATE', guildCreatePayload(this.guild, this.botUser));
          break;
        }
        case 6: {
          const resumed = this.sessions.get(String(d.session_id));
          if (!resumed || d.token !== this.token) {
            ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
            return;
          }
          session = resumed;
          session.socket = ws;
          const since = Number(d.seq ?? 0);
          for (const event of session.buffer) if (event.s > since) ws.send(JSON.stringify({ op: 0, ...event }));
          this.sendDispatch(session, 'RESUMED', {});
          break;
        }
        case 8:
          if (session) {
            this.sendDispatch(session, 'GUILD_MEMBERS_CHUNK', {
              guild_id: this.guild.id,
              members: [...this.guild.members.values()].map(memberPayload),
              chunk_index: 0,
              chunk_count: 1,
              not_found: [],
              nonce: d.nonce,
            });
          }
          break;
        default:
          break;
      }
    });
    ws.on('close', () => {
      if (session?.socket === ws) session.socket = undefined;
    });
    ws.on('error', () => undefined);
  }

  // ---------------------------------------------------------------- HTTP

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const rawPath = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const segments = rawPath
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const record: RecordedRequest = {
      index: this.requests.length,
      method,
      path: '/' + segments.join('/'),
      route: '',
      params: {},
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
      at: Date.now(),
    };
    let reply: Reply;
    try {
      if (!url.pathname.startsWith(API_PREFIX)) throw new ApiError(404, 0, `404: Not Found (the fake serves ${API_PREFIX} only)`, 'route');
      const parsed = await parseBody(raw, req.headers['content-type']);
      record.body = parsed.body;
      record.files = parsed.files;
      const match = this.matchRoute(method, segments);
      if (!match) throw new ApiError(404, 0, '404: Not Found', 'route');
      record.route = match.route.template;
      record.params = match.params;
      if (match.route.auth && req.headers.authorization !== `Bot ${this.token}`) throw new ApiError(401, 0, '401: Unauthorized', 'auth');
      const fault = this.faults.take(method, match.route.template, match.params);
      if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault?.status !== undefined) {
        record.interactionId = this.interactionIdOf(match.params);
        reply = faultReply({ ...fault, status: fault.status });
      } else
        reply = await match.route.handle({ params: match.params, query: url.searchParams, body: parsed.body, files: parsed.files, record });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const body = error.code === 50035 ? invalidFormBody(error.errors) : { message: error.message, code: error.code };
      reply = { status: error.status, body };
      this.violations.push({
        kind: error.kind,
        status: error.status,
        code: error.code,
        message: error.message,
        method,
        path: record.path,
        route: record.route,
        interactionId: record.interactionId,
        errors: error.errors,
      });
    }
    record.status = reply.status;
    record.response = reply.body;
    this.requests.push(record);
    if (reply.body === undefined) {
      res.writeHead(reply.status, reply.headers ?? {});
      res.end();
    } else {
      res.writeHead(reply.status, { ...reply.headers, 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    }
    this.events.emit('change');
  }

  private matchRoute(method: string, segments: string[]): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((part, i) => {
        if (part.startsWith(':')) {
          params[part.slice(1)] = segments[i];
          return true;
        }
        return part === segments[i];
      });
      if (ok) return { route, params };
    }
    return undefined;
  }

  private route(method: string, template: string, handle: Route['handle'], auth = true): void {
    this.routes.push({ method, template, segments: template.split('/').filter(Boolean), auth, handle });
  }

  private registerRoutes(): void {
    const ok = (body?: unknown): Reply => ({ status: body === undefined ? 204 : 200, body });

    this.route('GET', '/gateway', () => ok({ url: this.gatewayUrl }), false);
    this.route('GET', '/gateway/bot', () =>
      ok({
        url: this.gatewayUrl,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.maxConcurrency },
      }),
    );
    this.route('GET', '/users/@me', () => ok(this.botUser));
    this.route('POST', '/users/@me/channels', ({ body }) => {
      const recipient = this.findUser(String(isObject(body) ? body.recipient_id : ''));
      if (!recipient) throw new ApiError(400, 50033, 'Invalid Recipient(s)', 'request');
      return ok(dmChannelPayload(this.dmChannelFor(recipient), recipient));
    });
    this.route('GET', '/users/:userId', ({ params }) => {
      const user = this.findUser(params.userId);
      if (!user) throw new ApiError(404, 10013, 'Unknown User', 'not-found');
      return ok(user);
    });
    const application = () =>
      ok({
        id: this.applicationId,
        name: this.botUser.username,
        description: '',
        bot_public: true,
        bot_require_code_grant: false,
        flags: 0,
        bot: this.botUser,
        owner: this.users.owner,
        verify_key: '',
        team: null,
      });
    this.route('GET', '/applications/@me', application);
    this.route('GET', '/oauth2/applications/@me', application);

    for (const scope of ['global', 'guild'] as const) {
      const base = scope === 'global' ? '/applications/:applicationId/commands' : '/applications/:applicationId/guilds/:guildId/commands';
      this.route('GET', base, (ctx) => ok(this.commandList(scope, ctx)));
      this.route('PUT', base, (ctx) => ok(this.overwriteCommands(scope, ctx)));
      this.route('POST', base, (ctx) => ok(this.upsertCommand(scope, ctx)));
      this.route('GET', `${base}/:commandId`, (ctx) => ok(this.requireCommand(scope, ctx)));
      this.route('DELETE', `${base}/:commandId`, (ctx) => {
        const command = this.requireCommand(scope, ctx);
        this.commands[scope].delete(commandKey(command));
        return ok();
      });
    }

    this.route('POST', '/interactions/:interactionId/:token/callback', (ctx) => this.interactionCallback(ctx), false);
    this.route('POST', '/webhooks/:applicationId/:token', (ctx) => this.followUp(ctx), false);
    this.route('GET', '/webhooks/:applicationId/:token/messages/:messageId', (ctx) => ok(this.webhookMessage(ctx).raw), false);
    this.route('PATCH', '/webhooks/:applicationId/:token/messages/:messageId', (ctx) => ok(this.editWebhookMessage(ctx)), false);
    this.route(
      'DELETE',
      '/webhooks/:applicationId/:token/messages/:messageId',
      (ctx) => {
        this.webhookMessage(ctx).deleted = true;
        this.events.emit('change');
        return ok();
      },
      false,
    );

    this.route('GET', '/channels/:channelId', ({ params }) =>
      ok(this.channelPayloadFor(params.channelId, this.visibleChannel(params.channelId))),
    );
    this.route('POST', '/channels/:channelId/messages', (ctx) => ok(this.createChannelMessage(ctx)));
    this.route('GET', '/channels/:channelId/messages', ({ params, query }) => {
      this.visibleChannel(params.channelId);
      const limit = Math.min(Number(query.get('limit') ?? 50), 100);
      return ok(
        this.channelMessages(params.channelId)
          .reverse()
          .slice(0, limit)
          .map((m) => m.raw),
      );
    });
    this.route('GET', '/channels/:channelId/messages/:messageId', ({ params }) => {
      this.visibleChannel(params.channelId);
      return ok(this.channelMessage(params.channelId, params.messageId).raw);
    });
    this.route('PATCH', '/channels/:channelId/messages/:messageId', (ctx) => {
      this.visibleChannel(ctx.params.channelId);
      const stored = this.channelMessage(ctx.params.channelId, ctx.params.messageId);
      return ok(this.applyEdit(stored, ctx.body, ctx.files));
    });
    this.route('DELETE', '/channels/:channelId/messages/:messageId', ({ params }) => {
      this.visibleChannel(params.channelId);
      this.channelMessage(params.channelId, params.messageId).deleted = true;
      this.events.emit('change');
      return ok();
    });
    this.route('POST', '/channels/:channelId/typing', ({ params }) => {
      this.visibleChannel(params.channelId);
      return ok();
    });

    this.route('GET', '/guilds/:guildId', ({ params }) =>
      ok({ ...guildPayload(this.requireGuild(params.guildId), this.botUser), approximate_member_count: this.guild.members.size }),
    );
    this.route('GET', '/guilds/:guildId/channels', ({ params }) => {
      const guild = this.requireGuild(params.guildId);
      return ok([...guild.channels.values()].map((c) => channelPayload(guild, c)));
    });
    this.route('GET', '/guilds/:guildId/roles', ({ params }) => {
      const guild = this.requireGuild(params.guildId);
      return ok([...guild.roles.values()].map((r) => rolePayload(guild, r, this.botUserId)));
    });
    this.route('GET', '/guilds/:guildId/members', ({ params }) =>
      ok([...this.requireGuild(params.guildId).members.values()].map(memberPayload)),
    );
    this.route('GET', '/guilds/:guildId/members/:userId', ({ params }) => {
      const member = this.requireGuild(params.guildId).members.get(params.userId);
      if (!member) throw new ApiError(404, 10007, 'Unknown Member', 'not-found');
      return ok(memberPayload(member));
    });
  }

  // ---------------------------------------------------------------- commands

  private checkApplication(ctx: RequestContext, scope: CommandScope): void {
    if (ctx.params.applicationId !== this.applicationId) throw new ApiError(403, 50001, 'Missing Access', 'permission');
    if (scope === 'guild') this.requireGuild(ctx.params.guildId);
  }

  private commandList(scope: CommandScope, ctx: RequestContext): Json[] {
    this.checkApplication(ctx, scope);
    return this.registeredCommands(scope);
  }

  private requireCommand(scope: CommandScope, ctx: RequestContext): Json {
    this.checkApplication(ctx, scope);
    const command = [...this.commands[scope].values()].find((c) => c.id === ctx.params.commandId);
    if (!command) throw new ApiError(404, 10063, 'Unknown application command', 'not-found');
    return command;
  }

  /** Bulk overwrite: the list replaces everything; a command keeps its id while its name and type stay the same. */
  private overwriteCommands(scope: CommandScope, ctx: RequestContext): Json[] {
    this.checkApplication(ctx, scope);
    const errors = checkCommands(ctx.body);
    if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
    const next = new Map<string, Json>();
    for (const definition of ctx.body as Json[]) {
      const command = this.storeCommand(scope, definition);
      next.set(commandKey(command), command);
    }
    this.commands[scope].clear();
    for (const [key, command] of next) this.commands[scope].set(key, command);
    return this.registeredCommands(scope);
  }

  private upsertCommand(scope: CommandScope, ctx: RequestContext): Json {
    this.checkApplication(ctx, scope);
    const errors = checkCommands([ctx.body]);
    if (errors.length)
      throw new ApiError(
        400,
        50035,
        'Invalid Form Body',
        'limits',
        errors.map((e) => ({ ...e, path: e.path.replace(/^0\.?/, '') })),
      );
    const command = this.storeCommand(scope, ctx.body as Json);
    this.commands[scope].set(commandKey(command), command);
    return command;
  }

  private storeCommand(scope: CommandScope, definition: Json): Json {
    const type = (definition.type as number | undefined) ?? 1;
    const key = `${scope}:${type}:${String(definition.name)}`;
    const id = this.commandIds.get(key) ?? snowflake();
    this.commandIds.set(key, id);
    const previous = this.commands[scope].get(`${type}:${String(definition.name)}`);
    const command: Json = {
      id,
      application_id: this.applicationId,
      type,
      name: definition.name,
      name_localizations: definition.name_localizations ?? null,
      description: definition.description ?? '',
      description_localizations: definition.description_localizations ?? null,
      options: definition.options ?? [],
      default_member_permissions: definition.default_member_permissions ?? null,
      dm_permission: definition.dm_permission ?? true,
      contexts: definition.contexts ?? null,
      integration_types: definition.integration_types ?? [0],
      nsfw: definition.nsfw ?? false,
      ...(scope === 'guild' ? { guild_id: this.guild.id } : {}),
    };
    // Discord bumps `version` only when the definition changes, which is how an idempotent deploy shows.
    const unchanged =
      previous && JSON.stringify({ ...previous, version: undefined }) === JSON.stringify({ ...command, version: undefined });
    command.version = unchanged ? previous.version : snowflake();
    return command;
  }

  // ---------------------------------------------------------------- interaction responses

  /** The interaction a callback or webhook route's parameters name, for requests answered by a fault. */
  private interactionIdOf(params: Record<string, string>): string | undefined {
    if (params.interactionId) return params.interactionId;
    return params.token ? [...this.interactions.values()].find((i) => i.token === params.token)?.id : undefined;
  }

  private interactionFor(ctx: RequestContext, byToken: boolean): FakeInteraction {
    const interaction = byToken
      ? [...this.interactions.values()].find((i) => i.token === ctx.params.token)
      : this.interactions.get(ctx.params.interactionId);
    if (interaction && (byToken || interaction.token === ctx.params.token)) {
      ctx.record.interactionId = interaction.id;
      return interaction;
    }
    if (byToken) throw new ApiError(404, 10015, 'Unknown Webhook', 'not-found');
    throw new ApiError(404, 10062, 'Unknown interaction', 'interaction');
  }

  private interactionCallback(ctx: RequestContext): Reply {
    const interaction = this.interactionFor(ctx, false);
    const elapsed = performance.now() - interaction.dispatchedAt;
    if (interaction.acknowledged) throw new ApiError(400, 40060, 'Interaction has already been acknowledged.', 'interaction');
    if (elapsed > this.interactionResponseTimeoutMs) {
      throw new ApiError(
        404,
        10062,
        `Unknown interaction (first response after ${Math.round(elapsed)} ms; the limit is ${this.interactionResponseTimeoutMs} ms)`,
        'interaction',
      );
    }
    const body = isObject(ctx.body) ? ctx.body : {};
    const type = body.type as number;
    const data = isObject(body.data) ? body.data : {};
    const allowed: Record<number, number[]> = {
      [INTERACTION.Command]: [CALLBACK.Reply, CALLBACK.DeferReply, CALLBACK.Modal],
      [INTERACTION.Component]: [CALLBACK.Reply, CALLBACK.DeferReply, CALLBACK.DeferUpdate, CALLBACK.Update, CALLBACK.Modal],
      [INTERACTION.Autocomplete]: [CALLBACK.Autocomplete],
      [INTERACTION.ModalSubmit]: [CALLBACK.Reply, CALLBACK.DeferReply, CALLBACK.DeferUpdate, CALLBACK.Update],
    };
    if (!allowed[interaction.type]?.includes(type)) {
      throw new ApiError(400, 50035, 'Invalid Form Body', 'interaction', [
        {
          path: 'type',
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: `Response type ${String(type)} is not valid for interaction type ${interaction.type}`,
        },
      ]);
    }
    let message: StoredMessage | undefined;
    if (type === CALLBACK.Reply || type === CALLBACK.Update) {
      const flags = typeof data.flags === 'number' ? data.flags : 0;
      const errors = checkMessageBody(data, { creating: type === CALLBACK.Reply, fileCount: ctx.files.length });
      if (flags & ~ALLOWED_REPLY_FLAGS)
        errors.push({ path: 'flags', code: 'MESSAGE_FLAGS_INVALID', message: `Flags ${flags} cannot be set on a reply` });
      if (errors.length)
        throw new ApiError(
          400,
          50035,
          'Invalid Form Body',
          'limits',
          errors.map((e) => ({ ...e, path: e.path ? `data.${e.path}` : 'data' })),
        );
    }
    if (type === CALLBACK.Autocomplete) {
      const errors = checkChoices(data);
      if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
      interaction.choices = data.choices as Json[];
    }
    if (type === CALLBACK.Reply || type === CALLBACK.DeferReply) {
      const flags = typeof data.flags === 'number' ? data.flags : 0;
      const content = type === CALLBACK.Reply ? data : { content: '', flags: (flags & FLAG_EPHEMERAL) | FLAG_LOADING };
      message = this.storeMessage(interaction.payload.channel_id as string, content, 'interaction', interaction, ctx.files);
      interaction.originalMessageId = message.raw.id as string;
    }
    if (type === CALLBACK.Update || type === CALLBACK.DeferUpdate) {
      const source = this.messages.get(interaction.sourceMessageId ?? '');
      if (!source) throw new ApiError(404, 10008, 'Unknown Message', 'not-found');
      if (type === CALLBACK.Update) this.applyEdit(source, data, ctx.files);
      interaction.originalMessageId = source.raw.id as string;
      message = source;
    }
    interaction.ackType = type;
    interaction.ackAfterMs = elapsed;
    if (ctx.query.get('with_response') !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: interaction.id,
          type: interaction.type,
          activity_instance_id: null,
          response_message_id: message?.raw.id ?? null,
          response_message_loading: type === CALLBACK.DeferReply,
          response_message_ephemeral: message ? ((message.raw.flags as number) & FLAG_EPHEMERAL) !== 0 : false,
        },
        resource: message ? { type, message: message.raw } : { type },
      },
    };
  }

  private checkWebhook(ctx: RequestContext): FakeInteraction {
    if (ctx.params.applicationId !== this.applicationId) throw new ApiError(404, 10015, 'Unknown Webhook', 'not-found');
    const interaction = this.interactionFor(ctx, true);
    if (performance.now() - interaction.dispatchedAt > this.interactionTokenTtlMs)
      throw new ApiError(401, 50027, 'Invalid Webhook Token', 'interaction');
    if (!interaction.acknowledged)
      throw new ApiError(404, 10015, 'Unknown Webhook (the interaction was never acknowledged)', 'interaction');
    return interaction;
  }

  private followUp(ctx: RequestContext): Reply {
    const interaction = this.checkWebhook(ctx);
    if (interaction.type === INTERACTION.Autocomplete)
      throw new ApiError(400, 50035, 'Invalid Form Body', 'interaction', [
        { path: '', code: 'INTERACTION_FOLLOWUP_INVALID', message: 'Autocomplete interactions have no follow-ups' },
      ]);
    const errors = checkMessageBody(ctx.body, { creating: true, fileCount: ctx.files.length });
    if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
    const message = this.storeMessage(interaction.payload.channel_id as string, ctx.body as Json, 'interaction', interaction, ctx.files);
    interaction.followUpIds.push(message.raw.id as string);
    return ctx.query.get('wait') === 'true' ? { status: 200, body: message.raw } : { status: 204 };
  }

  private webhookMessage(ctx: RequestContext): StoredMessage {
    const interaction = this.checkWebhook(ctx);
    const id = ctx.params.messageId === '@original' ? interaction.originalMessageId : ctx.params.messageId;
    const stored = id ? this.messages.get(id) : undefined;
    const ours = stored && (stored.interactionId === interaction.id || stored.raw.id === interaction.originalMessageId);
    if (!stored || !ours || stored.deleted) throw new ApiError(404, 10008, 'Unknown Message', 'not-found');
    return stored;
  }

  private editWebhookMessage(ctx: RequestContext): Json {
    const stored = this.webhookMessage(ctx);
    const interaction = this.interaction(ctx.record.interactionId!)!;
    const raw = this.applyEdit(stored, ctx.body, ctx.files);
    if (stored.raw.id === interaction.originalMessageId) interaction.originalEdited = true;
    this.events.emit('change');
    return raw;
  }

  // ---------------------------------------------------------------- channel messages

  private createChannelMessage(ctx: RequestContext): Json {
    const channel = this.visibleChannel(ctx.params.channelId);
    const body = isObject(ctx.body) ? ctx.body : {};
    let required = P.SendMessages;
    if (Array.isArray(body.embeds) && body.embeds.length > 0) required |= P.EmbedLinks;
    if (ctx.files.length > 0) required |= P.AttachFiles;
    if (channel) {
      const missing = missingPermissions(this.permissionsOf(this.botUserId, channel.id), required);
      if (missing.length) throw new ApiError(403, 50013, `Missing Permissions (${missing.join(', ')})`, 'permission');
    }
    const errors = checkMessageBody(body, { creating: true, fileCount: ctx.files.length });
    if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
    return this.storeMessage(ctx.params.channelId, body, 'channel', undefined, ctx.files).raw;
  }

  private channelMessage(channelId: string, messageId: string): StoredMessage {
    const stored = this.messages.get(messageId);
    if (!stored || stored.deleted || stored.raw.channel_id !== channelId) throw new ApiError(404, 10008, 'Unknown Message', 'not-found');
    return stored;
  }

  /** Guild channels need View Channel (else 403 Missing Access); DM channels are the bot's own. Returns undefined for a DM. */
  private visibleChannel(channelId: string): ChannelState | undefined {
    if (this.isDmChannel(channelId)) return undefined;
    const channel = this.guild.channels.get(channelId);
    if (!channel || !this.guild.botPresent) throw new ApiError(404, 10003, 'Unknown Channel', 'not-found');
    if ((this.permissionsOf(this.botUserId, channelId) & P.ViewChannel) === 0n)
      throw new ApiError(403, 50001, 'Missing Access', 'permission');
    return channel;
  }

  private channelPayloadFor(channelId: string, channel: ChannelState | undefined): Json {
    if (channel) return channelPayload(this.guild, channel);
    const recipientId = [...this.dmChannels.entries()].find(([, id]) => id === channelId)?.[0];
    const recipient = recipientId ? this.findUser(recipientId) : undefined;
    if (recipient) return dmChannelPayload(channelId, recipient);
    throw new ApiError(404, 10003, 'Unknown Channel', 'not-found');
  }

  // ---------------------------------------------------------------- message store

  /** Checks a create's or an edit's files against Discord's attachment rules; returns the message's attachments after it. */
  private acceptUpload(body: unknown, files: UploadedFile[], existing: StoredAttachment[]): StoredAttachment[] {
    const check = checkUpload(body, files, existing);
    if (check.tooLarge) throw new ApiError(413, 40005, 'Request entity too large', 'limits');
    if (check.errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', check.errors);
    return applyUpload(body, files, existing, snowflake);
  }

  private storeMessage(
    channelId: string,
    body: Json,
    where: MentionDefault,
    interaction: FakeInteraction | undefined,
    files: UploadedFile[],
  ): StoredMessage {
    const attachments = this.acceptUpload(body, files, []);
    const id = snowflake();
    const fromInteraction = interaction !== undefined;
    const raw: Json = {
      id,
      type: fromInteraction ? (interaction.type === INTERACTION.Command ? 20 : 0) : 0,
      channel_id: channelId,
      ...(this.isDmChannel(channelId) ? {} : { guild_id: this.guild.id }),
      author: this.botUser,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: resolveEmbedAttachments(normaliseEmbeds(body.embeds), attachments),
      components: Array.isArray(body.components) ? body.components : [],
      attachments: attachments.map(attachmentPayload),
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      sticker_items: [],
    };
    if (interaction) {
      raw.webhook_id = this.applicationId;
      raw.application_id = this.applicationId;
      const commandName = isObject(interaction.payload.data) ? interaction.payload.data.name : undefined;
      raw.interaction_metadata = {
        id: interaction.id,
        type: interaction.type,
        user: interaction.user,
        authorizing_integration_owners: interaction.payload.authorizing_integration_owners,
        ...(interaction.sourceMessageId ? { interacted_message_id: interaction.sourceMessageId } : {}),
        ...(commandName ? { name: commandName } : {}),
      };
      if (commandName) raw.interaction = { id: interaction.id, type: interaction.type, name: commandName, user: interaction.user };
    }
    const stored: StoredMessage = {
      raw,
      attachments,
      allowedMentions: body.allowed_mentions,
      mentionDefault: where,
      interactionId: interaction?.id,
      deleted: false,
    };
    this.messages.set(id, stored);
    this.events.emit('change');
    return stored;
  }

  /** An edit replaces the fields it names; the result must still be a valid, non-empty message. */
  private applyEdit(stored: StoredMessage, body: unknown, files: UploadedFile[]): Json {
    const edit = isObject(body) ? body : {};
    const errors = checkMessageBody(edit, { creating: false, fileCount: files.length });
    if (errors.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', errors);
    const attachments = this.acceptUpload(edit, files, stored.attachments);
    const next: Json = { ...stored.raw, attachments: attachments.map(attachmentPayload) };
    if ('content' in edit) next.content = typeof edit.content === 'string' ? edit.content : '';
    if ('embeds' in edit) next.embeds = resolveEmbedAttachments(normaliseEmbeds(edit.embeds), attachments);
    if ('components' in edit) next.components = Array.isArray(edit.components) ? edit.components : [];
    if (typeof edit.flags === 'number') next.flags = ((next.flags as number) & (FLAG_EPHEMERAL | FLAG_LOADING)) | edit.flags;
    next.flags = (next.flags as number) & ~FLAG_LOADING;
    const merged = checkMessageBody(next, { creating: true, fileCount: attachments.length });
    if (merged.length) throw new ApiError(400, 50035, 'Invalid Form Body', 'limits', merged);
    next.edited_timestamp = new Date().toISOString();
    stored.raw = next;
    stored.attachments = attachments;
    if ('allowed_mentions' in edit) stored.allowedMentions = edit.allowed_mentions;
    this.events.emit('change');
    return next;
  }

  private snapshot(stored: StoredMessage): SentMessage {
    const raw = stored.raw;
    const flags = (raw.flags as number) ?? 0;
    return {
      id: raw.id as string,
      channelId: raw.channel_id as string,
      content: raw.content as string,
      embeds: raw.embeds as Json[],
      components: raw.components as Json[],
      attachments: stored.attachments,
      flags,
      ephemeral: (flags & FLAG_EPHEMERAL) !== 0,
      allowedMentions: stored.allowedMentions,
      pings: resolvePings(raw.content, stored.allowedMentions, stored.mentionDefault),
      interactionId: stored.interactionId,
      deleted: stored.deleted,
      raw,
    };
  }

  private requireMessage(message: SentMessage | string): StoredMessage {
    const id = typeof message === 'string' ? message : message.id;
    const stored = this.messages.get(id);
    if (!stored || stored.deleted) throw new Error(`The fake has no message ${id}`);
    return stored;
  }

  private requireChannel(channelId: string): ChannelState {
    const channel = this.guild.channels.get(channelId);
    if (!channel) throw new Error(`The fake guild has no channel ${channelId}`);
    return channel;
  }

  private requireGuild(guildId: string): GuildState {
    if (guildId !== this.guild.id || !this.guild.botPresent) throw new ApiError(404, 10004, 'Unknown Guild', 'not-found');
    return this.guild;
  }

  private findUser(userId: string): FakeUser | undefined {
    if (userId === this.botUserId) return this.botUser;
    return this.guild.members.get(userId)?.user ?? Object.values(this.users).find((u) => u.id === userId);
  }

  private dmChannelFor(user: FakeUser): string {
    let id = this.dmChannels.get(user.id);
    if (!id) {
      id = snowflake();
      this.dmChannels.set(user.id, id);
    }
    return id;
  }

  private isDmChannel(channelId: string): boolean {
    return [...this.dmChannels.values()].includes(channelId);
  }
}

function commandKey(command: Json): string {
  return `${scalarText(command.type ?? 1)}:${scalarText(command.name)}`;
}

function toOverwrite(input: OverwriteInput): OverwriteState {
  return { id: input.id, type: input.type === 'member' ? 1 : 0, allow: input.allow ?? 0n, deny: input.deny ?? 0n };
}

function fromOverwrite(o: OverwriteState): OverwriteInput {
  return { id: o.id, type: o.type === 1 ? 'member' : 'role', allow: o.allow, deny: o.deny };
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

function normaliseEmbeds(embeds: unknown): Json[] {
  return Array.isArray(embeds) ? embeds.filter(isObject).map((e) => ({ type: 'rich', ...e })) : [];
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON bodies, and multipart bodies whose `payload_json` part is the JSON (files kept with their bytes). */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    let body: unknown;
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = parseJson(value);
      } else {
        files.push({ field, name: value.name, contentType: value.type, size: value.size, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 50109, 'The request body contains invalid JSON.', 'request');
  }
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(options);
  await fake.listen();
  return fake;
}
