/**
 * Starting and stopping the bot. `startBot` is the entry used by `npm start` (src/main.ts) and by the end-to-end
 * tests, which point `config.apiUrl` at a fake Discord on 127.0.0.1: keep its signature stable.
 *
 *   const bot = await startBot({ config, logger });   // resolves once the gateway is ready
 *   ...
 *   await bot.stop();                                 // drains interactions, closes the gateway and the store; idempotent
 *
 * Sequence: open the store → load the archive and the cached search index → create the discord.js Client
 * (`rest: { api: config.apiUrl }` when set; discord.js appends /v10) → log in and wait for `clientReady` → start the
 * daily-post scheduler (digestRunner.ts). Each stage is logged as it begins (startupProgress.ts).
 *
 * Stopping (interactionGate.ts): new interactions are answered "restarting", those in flight get up to
 * `drainMs` to finish (then get the same notice), and only then does the gateway close.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type Keyv from 'keyv';
import { ConfigError, type BotConfig } from '../config';
import { createLogger, secretsInEnvironment, type Logger } from '../log';
import type { HealthServer } from '../ops/healthServer';
import { startOperations } from '../ops/operations';
import { displayDatabaseUrl } from '../store/databaseUrl';
import { openStore } from '../store/openStore';
import { createBotContext, type BotContext } from './context';
import { startDigestScheduler } from './digestRunner';
import { handleInteraction } from './handleInteraction';
import { InteractionGate, type DrainResult } from './interactionGate';
import { attachRateLimitBudgets, RateLimitBudgets } from './rateLimitBudget';
import { loadCommands, COMMANDS_DIR, type CommandRegistry } from './router';
import { createClientWithoutShardEnvironment, ownsGuild, shardingOptions } from './sharding';
import { startupProgress, type StartupProgress } from './startupProgress';
import { startLiveArchive, type RunningLiveArchive } from '../live';
import { warmUpSummaries } from '../summary/warmUp';

/** How long interactions in flight get to finish when the bot stops: a summary takes well under a second. */
export const DEFAULT_DRAIN_MS = 5_000;

export interface StartBotOptions {
  config: BotConfig;
  /** Defaults to a JSON logger on stderr at `config.logLevel` that scrubs the token. */
  logger?: Logger;
  now?: () => Date;
  random?: () => number;
  /** Where command modules are autoloaded from (default: the repository's `commands/`). */
  commandsDir?: string;
  /** Answer-or-defer deadline for interactions (default 1,500 ms); tests lower it to exercise deferral. */
  deferAfterMs?: number;
  /** How long `stop` waits for interactions in flight (default DEFAULT_DRAIN_MS). */
  drainMs?: number;
}

export interface RunningBot {
  client: Client;
  context: BotContext;
  commands: CommandRegistry;
  /** The health server, when HEALTH_PORT is set (its `port` is the one bound, for HEALTH_PORT=0). */
  health: HealthServer | null;
  /** The live archive's poller, when ARCHIVE_FEED_URL is set (src/live). */
  live: RunningLiveArchive | null;
  /** Drains interactions (see the module comment), logs out, closes the store. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config } = options;
  if (!config.token) throw new ConfigError('DISCORD_TOKEN', 'is not set: the bot cannot log in to Discord without its token.');
  const logger =
    options.logger ??
    createLogger({
      level: config.logLevel,
      secrets: secretsInEnvironment({ DISCORD_TOKEN: config.token, DATABASE_URL: config.databaseUrl }),
    });
  const progress = startupProgress(logger);
  try {
    return await start(options, config.token, logger, progress.stage);
  } finally {
    progress.done();
  }
}

async function start(options: StartBotOptions, token: string, logger: Logger, stage: StartupProgress['stage']): Promise<RunningBot> {
  const started = Date.now();
  const { config } = options;
  // First, so /healthz answers "starting" (503) while everything else loads.
  const ops = await startOperations(config, logger);
  stage('opening the store', { store: displayDatabaseUrl(config.databaseUrl) });
  let store: Keyv;
  try {
    store = await openStore(config.databaseUrl, { namespace: 'bot', logger });
  } catch (err) {
    await ops.close();
    throw err;
  }
  ops.watchStore(store);
  let context: BotContext;
  let loaded: Awaited<ReturnType<typeof createBotContext>>;
  let commands: CommandRegistry;
  let client: Client;
  try {
    stage('loading the archive', { archiveDir: config.archiveDir, cacheDir: `${config.dataDir}/index` });
    loaded = await createBotContext({ config, store, logger, now: options.now, random: options.random });
    context = loaded.context;
    commands = loadCommands(options.commandsDir ?? COMMANDS_DIR, logger);
    logger.info('archive loaded', {
      archiveDir: config.archiveDir,
      posts: loaded.info.posts,
      comments: loaded.info.comments,
      problems: loaded.info.problems,
      archiveMs: loaded.info.archiveMs,
      index: loaded.info.indexBuilt ? 'built' : 'loaded from cache',
      indexMs: loaded.info.indexMs,
      commands: [...commands.keys()],
    });
    ops.watchArchive({ posts: loaded.info.posts, comments: loaded.info.comments });

    const rateLimits = new RateLimitBudgets();
    client = createClientWithoutShardEnvironment({
      // Slash commands and components need no privileged intents; Guilds gives the guild and channel caches.
      intents: [GatewayIntentBits.Guilds],
      // SHARD_COUNT / SHARD_IDS: all shards in this process, gateways in a worker thread (sharding.ts).
      ...shardingOptions(config),
      rest: {
        ...(config.apiUrl ? { api: config.apiUrl } : {}),
        // One retry of a 5xx or network failure, not three: an interaction answer has 3 seconds, and a post that
        // keeps failing is retried later by its own backoff (the daily post), not hammered now.
        retries: 1,
        rejectOnRateLimit: rateLimits.shouldReject,
      },
    });
    attachRateLimitBudgets(client, rateLimits);
  } catch (err) {
    await store.disconnect().catch(() => undefined);
    await ops.close();
    throw err;
  }
  ops.watchClient(client);

  const deferAfterMs = options.deferAfterMs;
  const gate = new InteractionGate(logger);
  const observer = ops.metrics;
  client.on(Events.InteractionCreate, (interaction) =>
    gate.admit(interaction, () => handleInteraction(interaction, commands, context, { deferAfterMs, observer })),
  );
  client.on(Events.Error, (err) => logger.error('discord client error', { err }));
  client.on(Events.Warn, (message) => logger.warn('discord client warning', { message }));
  // Closing the client on purpose makes discord.js report its shards disconnecting and "reconnecting": not a warning then.
  let closing = false;
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (!closing) logger.warn('gateway disconnected', { shardId, code: event.code });
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!closing) logger.warn('gateway reconnecting', { shardId });
  });
  client.on(Events.ShardResume, (shardId, replayed) => logger.info('gateway resumed', { shardId, replayed }));
  client.on(Events.ShardError, (err, shardId) => logger.error('gateway error', { shardId, err }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  stage('connecting to Discord', { api: config.apiUrl ?? 'https://discord.com/api' });
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    await client.destroy().catch(() => undefined);
    await store.disconnect().catch(() => undefined);
    await ops.close();
    throw err;
  }
  ops.setPhase('ready');
  logger.info('bot ready', {
    user: client.user?.tag,
    guilds: client.guilds.cache.size,
    shards: client.options.shards,
    shardCount: client.options.shardCount,
    startupMs: Date.now() - started,
  });
  // The daily "from the archive" posts; it skips its polls while the gateway is not ready.
  const startDigest = () =>
    startDigestScheduler(client, context, {
      onOutcomes: (outcomes) => ops.metrics?.observeDigest(outcomes),
      ownsServer: ownsGuild(client),
    });
  let digest = startDigest();
  // ARCHIVE_FEED_URL: new posts and comments served as they appear on the blog. The daily post's scheduler holds the
  // archive it started with, so it is restarted on the grown one (its claims keep each day to one post regardless).
  let comments = loaded.info.comments;
  const live = startLiveArchive(context, {
    config,
    logger,
    observer: ops.metrics,
    onChange: (report) => {
      comments += report.added.comments;
      ops.watchArchive({ posts: context.archive.posts.length, comments });
      if (stopping) return;
      digest.stop();
      digest = startDigest();
    },
  });

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('bot stopping', { inFlight: gate.size });
      ops.setPhase('stopping');
      await live?.stop();
      digest.stop();
      const drained: DrainResult = await gate.drain(options.drainMs ?? DEFAULT_DRAIN_MS);
      closing = true;
      await client.destroy();
      await store.disconnect().catch((err: unknown) => logger.warn('store did not close cleanly', { err }));
      await ops.close();
      logger.info('bot stopped', { ...drained });
    })());
  // A restart's first /thread answers would pay for compiling the summary code and meeting the archive's words:
  // pay it now, a small thread at a time between interactions, instead of in the first answers users wait for.
  void warmUpSummaries(context.summaries, context.archive, {
    pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
    shouldStop: () => stopping !== null,
  }).then(
    (threads) => logger.debug('summaries warmed up', { threads }),
    (err: unknown) => logger.warn('summary warm-up failed', { err }),
  );
  return { client, context, commands, health: ops.health, live, stop };
}
