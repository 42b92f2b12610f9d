/**
 * A fake Discord on 127.0.0.1 for end-to-end tests: the REST API a bot calls and the gateway it connects to, on one
 * random port. A real discord.js Client logs in to it unchanged (`rest.api` pointed at `apiUrl`).
 *
 * Unlike a mock, it enforces Discord's rules (message and embed limits, components, 3-second acknowledgement,
 * single acknowledgement, channel permissions) and answers a breach with the same status and JSON error Discord
 * would, while also recording it in `violations`, so a test can both watch the bot cope and assert it never tried.
 *
 * This class is the facade tests use. The work is done by role objects sharing one FakeState (state.ts): GuildSetup
 * (guildSetup.ts), MessageStore (messageStore.ts), InteractionDispatcher (interactions.ts), Gateway (gateway.ts) and
 * the Router (router.ts) with the REST handlers in restRoutes/.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway } from './gateway';
import { GuildSetup } from './guildSetup';
import type { FakeInteraction } from './interaction';
import { InteractionDispatcher } from './interactions';
import { MessageStore } from './messageStore';
import type { ChannelState, FakeUser, Json } from './model';
import type { FaultHandle, FaultRule } from './faults';
import { registerCommandRoutes } from './restRoutes/commands';
import { registerCoreRoutes } from './restRoutes/core';
import { registerGuildRoutes } from './restRoutes/guild';
import { registerInteractionRoutes } from './restRoutes/interactions';
import { Router } from './router';
import { FakeState, type CommandScope, type FakeDiscordOptions } from './state';
import type { ChannelInput, InvokeContext, OptionValue, OverwriteInput, RecordedRequest, SentMessage, Violation } from './types';

export type { FakeDiscordOptions } from './state';

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
  readonly requests: RecordedRequest[];
  /** Every IDENTIFY the gateway accepted, in order, with the shard it named. */
  readonly identifies: Array<{ shard: [number, number]; sessionId: string }>;
  readonly violations: Violation[];

  private readonly state: FakeState;
  private readonly guildSetup: GuildSetup;
  private readonly store: MessageStore;
  private readonly dispatcher: InteractionDispatcher;
  private readonly gateway: Gateway;
  private readonly router: Router;
  private readonly server: http.Server;

  constructor(options: FakeDiscordOptions = {}) {
    const s = (this.state = new FakeState(options));
    this.token = s.token;
    this.applicationId = s.applicationId;
    this.guildId = s.guild.id;
    this.botUserId = s.botUserId;
    this.botUser = s.botUser;
    this.users = s.users;
    this.requests = s.requests;
    this.identifies = s.identifies;
    this.violations = s.violations;
    this.guildSetup = new GuildSetup(s);
    this.store = new MessageStore(s);
    this.dispatcher = new InteractionDispatcher(s, this.store, this);
    this.defaultChannelId = s.defaultChannelId = this.defineChannel({ name: 'general' }).id;
    this.router = new Router(s);
    registerCoreRoutes(this.router, s);
    registerCommandRoutes(this.router, s);
    registerInteractionRoutes(this.router, s, this.store);
    registerGuildRoutes(this.router, s, this.store);
    this.server = http.createServer((req, res) => void this.router.handle(req, res));
    this.gateway = new Gateway(s);
    this.server.on('upgrade', (req, socket, head) => this.gateway.upgrade(req, socket, head));
  }

  get apiUrl(): string {
    return this.state.apiUrl;
  }
  set apiUrl(url: string) {
    this.state.apiUrl = url;
  }

  get gatewayUrl(): string {
    return this.state.gatewayUrl;
  }
  set gatewayUrl(url: string) {
    this.state.gatewayUrl = url;
  }

  /** How long a bot has for its first response; tests may change it while running. */
  get interactionResponseTimeoutMs(): number {
    return this.state.interactionResponseTimeoutMs;
  }
  set interactionResponseTimeoutMs(ms: number) {
    this.state.interactionResponseTimeoutMs = ms;
  }

  get interactionTokenTtlMs(): number {
    return this.state.interactionTokenTtlMs;
  }
  set interactionTokenTtlMs(ms: number) {
    this.state.interactionTokenTtlMs = ms;
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
    await this.gateway.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- world set-up (guildSetup.ts)

  get everyoneRoleId(): string {
    return this.state.guild.id;
  }

  get botRoleId(): string {
    return this.state.guild.botRoleId;
  }

  addUser(username: string): FakeUser {
    return this.guildSetup.addUser(username);
  }

  /** Creates or replaces a guild channel; a connected bot hears CHANNEL_CREATE / CHANNEL_UPDATE. */
  defineChannel(input: ChannelInput): ChannelState {
    return this.guildSetup.defineChannel(input);
  }

  setChannelOverwrites(channelId: string, overwrites: OverwriteInput[]): void {
    this.guildSetup.setChannelOverwrites(channelId, overwrites);
  }

  /** Shorthand: a member overwrite on the bot denying `permissions` in the channel. */
  denyBot(channelId: string, permissions: bigint): void {
    this.guildSetup.denyBot(channelId, permissions);
  }

  deleteChannel(channelId: string): void {
    this.guildSetup.deleteChannel(channelId);
  }

  /** Creates or updates a role; a connected bot hears GUILD_ROLE_CREATE / GUILD_ROLE_UPDATE. */
  defineRole(input: { id?: string; name: string; permissions: bigint }): string {
    return this.guildSetup.defineRole(input);
  }

  setMemberRoles(userId: string, roleIds: string[]): void {
    this.guildSetup.setMemberRoles(userId, roleIds);
  }

  /** The bot is kicked: GUILD_DELETE, and guild and channel routes answer as they would to an outsider. */
  removeBotFromGuild(): void {
    this.guildSetup.removeBotFromGuild();
  }

  permissionsOf(userId: string, channelId: string): bigint {
    return this.state.permissionsOf(userId, channelId);
  }

  // ---------------------------------------------------------------- what tests read

  message(id: string): SentMessage | undefined {
    return this.store.message(id);
  }

  /** Messages in a channel (including interaction replies there), oldest first. */
  channelMessages(channelId: string): SentMessage[] {
    return this.store.channelMessages(channelId);
  }

  /** Messages the bot posted itself with `POST /channels/{id}/messages` (not interaction replies). */
  postedMessages(channelId?: string): SentMessage[] {
    return this.store.postedMessages(channelId);
  }

  interaction(id: string): FakeInteraction | undefined {
    return this.state.interactions.get(id);
  }

  registeredCommands(scope: CommandScope): Json[] {
    return this.state.registeredCommands(scope);
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
    return this.state.waitUntil(check, timeoutMs, describe);
  }

  /** Makes matching requests fail (5xx, 429 with its headers) or answer late; see faults.ts. */
  addFault(rule: FaultRule): FaultHandle {
    return this.state.faults.add(rule);
  }

  // ---------------------------------------------------------------- gateway (gateway.ts)

  /** True while a bot holds an identified gateway connection. */
  get connected(): boolean {
    return this.state.connected;
  }

  /** Until the returned function is called, a bot that identifies gets no READY: it stays "connecting". */
  holdIdentify(): () => void {
    return this.gateway.holdIdentify();
  }

  /** A gateway outage: while `refusing`, new gateway connections fail at the handshake (combine with disconnectGateway). */
  refuseGateway(refusing: boolean): void {
    this.gateway.refuseGateway(refusing);
  }

  /** Drops every gateway connection with `code` (4000 lets discord.js RESUME) to exercise reconnects. */
  disconnectGateway(code = 4000): void {
    this.gateway.disconnectGateway(code);
  }

  // ---------------------------------------------------------------- interactions (interactions.ts)

  dispatchSlashCommand(name: string, options: Record<string, OptionValue> | Json[] = {}, context: InvokeContext = {}): FakeInteraction {
    return this.dispatcher.dispatchSlashCommand(name, options, context);
  }

  /** The user is typing `focused`'s value; the other options carry what they already chose. */
  dispatchAutocomplete(name: string, options: Record<string, OptionValue>, focused: string, context: InvokeContext = {}): FakeInteraction {
    return this.dispatcher.dispatchAutocomplete(name, options, focused, context);
  }

  dispatchButton(message: SentMessage | string, customId: string, context: InvokeContext = {}): FakeInteraction {
    return this.dispatcher.dispatchButton(message, customId, context);
  }

  dispatchSelect(message: SentMessage | string, customId: string, values: string[], context: InvokeContext = {}): FakeInteraction {
    return this.dispatcher.dispatchSelect(message, customId, values, context);
  }
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(options);
  await fake.listen();
  return fake;
}
