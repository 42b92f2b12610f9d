/**
 * The fake Discord's shared state: the guild, its users, messages, interactions, commands, gateway sessions and what
 * was recorded. FakeDiscord and its role objects (guild set-up, message store, interaction dispatch, gateway, REST
 * routes) all read and write this one object. Also the types and errors those roles share.
 */
import { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';
import type { StoredAttachment } from './attachments';
import type { LimitError } from './limits';
import type { MentionDefault } from './mentions';
import { createGuild, makeUser, permissionsIn, type ChannelState, type FakeUser, type GuildState, type Json } from './model';
import { P } from './permissions';
import { interactionToken, shardOfGuild, snowflake } from './snowflake';
import type { FakeInteraction } from './interaction';
import { Faults } from './faults';
import type { RecordedRequest, UploadedFile, Violation, ViolationKind } from './types';

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

export const FLAG_EPHEMERAL = 64;
export const FLAG_LOADING = 128;
export const ALLOWED_REPLY_FLAGS = 4 | 64 | 4096 | 32768;
export const DM_APP_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.AddReactions | P.UseExternalEmojis;

/** A request the fake refuses: answered with `status` and Discord's JSON error, and recorded as a violation. */
export class ApiError extends Error {
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

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  record: RecordedRequest;
}

export interface StoredMessage {
  raw: Json;
  /** The files attached, with their bytes (`raw.attachments` lists them as the API does). */
  attachments: StoredAttachment[];
  allowedMentions: unknown;
  mentionDefault: MentionDefault;
  interactionId?: string;
  deleted: boolean;
}

export interface GatewaySession {
  id: string;
  /** [shard id, shard count] from IDENTIFY. */
  shard: [number, number];
  seq: number;
  buffer: Array<{ s: number; t: string; d: unknown }>;
  socket: WebSocket | undefined;
}

export type CommandScope = 'global' | 'guild';

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function randomToken(botUserId: string): string {
  const id = Buffer.from(botUserId).toString('base64url');
  return `${id}.${interactionToken().slice(0, 6)}.${interactionToken().slice(16, 54)}`;
}

export class FakeState {
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUser: FakeUser;
  readonly users: { owner: FakeUser; alice: FakeUser; bob: FakeUser };
  readonly guild: GuildState;
  /** Set once by FakeDiscord's constructor (the "general" channel). */
  defaultChannelId = '';
  readonly requests: RecordedRequest[] = [];
  readonly identifies: Array<{ shard: [number, number]; sessionId: string }> = [];
  readonly violations: Violation[] = [];
  apiUrl = '';
  gatewayUrl = '';
  interactionResponseTimeoutMs: number;
  interactionTokenTtlMs: number;
  readonly heartbeatIntervalMs: number;
  readonly recommendedShards: number;
  readonly maxConcurrency: number;

  readonly messages = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, FakeInteraction>();
  readonly commands: Record<CommandScope, Map<string, Json>> = { global: new Map(), guild: new Map() };
  readonly commandIds = new Map<string, string>();
  readonly dmChannels = new Map<string, string>();
  readonly sessions = new Map<string, GatewaySession>();
  /** Emits 'change' whenever something a test may wait on changed. */
  readonly events = new EventEmitter();
  readonly faults = new Faults();

  constructor(options: FakeDiscordOptions) {
    this.events.setMaxListeners(0);
    this.botUser = makeUser('archive-bot', { bot: true, global_name: null });
    this.botUserId = this.botUser.id;
    this.applicationId = options.applicationId ?? this.botUserId;
    const guildId = options.guildId ?? snowflake();
    this.token = options.token ?? randomToken(this.botUserId);
    this.interactionResponseTimeoutMs = options.interactionResponseTimeoutMs ?? 3000;
    this.interactionTokenTtlMs = options.interactionTokenTtlMs ?? 15 * 60 * 1000;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.recommendedShards = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    const owner = makeUser('owner');
    this.users = { owner, alice: makeUser('alice'), bob: makeUser('bob') };
    this.guild = createGuild({ guildId, botUser: this.botUser, owner, name: options.guildName ?? 'Probation Archive Test' });
    for (const user of [this.users.alice, this.users.bob])
      this.guild.members.set(user.id, { user, roleIds: [], joinedAt: new Date().toISOString() });
  }

  /** True while a bot holds an identified gateway connection. */
  get connected(): boolean {
    return [...this.sessions.values()].some((s) => s.socket?.readyState === WebSocket.OPEN);
  }

  registeredCommands(scope: CommandScope): Json[] {
    return [...this.commands[scope].values()];
  }

  permissionsOf(userId: string, channelId: string): bigint {
    return permissionsIn(this.guild, userId, this.guild.channels.get(channelId));
  }

  /**
   * Sends an event where Discord would: a guild's events to the session of the shard that owns the guild
   * (`(guild_id >> 22) % shard_count`), direct-message events to shard 0. Returns the shards it went to.
   */
  dispatchEvent(t: string, d: unknown, scope: 'guild' | 'dm' = 'guild'): number[] {
    const to: number[] = [];
    for (const session of this.sessions.values()) {
      if (!this.sessionReceives(session, scope)) continue;
      this.sendDispatch(session, t, d);
      to.push(session.shard[0]);
    }
    return to;
  }

  sessionReceives(session: GatewaySession, scope: 'guild' | 'dm'): boolean {
    const [id, count] = session.shard;
    return scope === 'dm' ? id === 0 : shardOfGuild(this.guild.id, count) === id;
  }

  sendDispatch(session: GatewaySession, t: string, d: unknown): void {
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.buffer.push(event);
    if (session.buffer.length > 500) session.buffer.shift();
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify({ op: 0, ...event }));
  }

  /** Re-evaluates `check` after every change (and every 20 ms) until it yields a value, or rejects after `timeoutMs`. */
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

  requireChannel(channelId: string): ChannelState {
    const channel = this.guild.channels.get(channelId);
    if (!channel) throw new Error(`The fake guild has no channel ${channelId}`);
    return channel;
  }

  requireGuild(guildId: string): GuildState {
    if (guildId !== this.guild.id || !this.guild.botPresent) throw new ApiError(404, 10004, 'Unknown Guild', 'not-found');
    return this.guild;
  }

  findUser(userId: string): FakeUser | undefined {
    if (userId === this.botUserId) return this.botUser;
    return this.guild.members.get(userId)?.user ?? Object.values(this.users).find((u) => u.id === userId);
  }

  dmChannelFor(user: FakeUser): string {
    let id = this.dmChannels.get(user.id);
    if (!id) {
      id = snowflake();
      this.dmChannels.set(user.id, id);
    }
    return id;
  }

  isDmChannel(channelId: string): boolean {
    return [...this.dmChannels.values()].includes(channelId);
  }
}
