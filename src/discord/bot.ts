/**
 * Starting and stopping the bot. `startBot` is the entry used by `npm start` (src/main.ts) and by the end-to-end
 * tests, which point `config.apiUrl` at a fake Discord on 127.0.0.1: keep its signature stable.
 *
 *   const bot = await startBot({ config, logger });   // resolves once the gateway is ready
 *   ...
 *   await bot.stop();                                 // closes the gateway and the store; idempotent
 *
 * Sequence: open the store → load the archive and the cached search index → create the discord.js Client
 * (`rest: { api: config.apiUrl }` when set; discord.js appends /v10) → log in and wait for `clientReady` → start the
 * daily-post scheduler (digestRunner.ts).
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type Keyv from 'keyv';
import { ConfigError, type BotConfig } from '../config';
import { createLogger, type Logger } from '../log';
import type { HealthServer } from '../ops/healthServer';
import { databaseUrlSecrets } from '../store/databaseUrl';
import { startOperations } from '../ops/operations';
import { openStore } from '../store/openStore';
import { createBotContext, type BotContext } from './context';
import { startDigestScheduler } from './digestRunner';
import { handleInteraction } from './handleInteraction';
import { loadCommands, COMMANDS_DIR, type CommandRegistry } from './router';

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
}

export interface RunningBot {
  client: Client;
  context: BotContext;
  commands: CommandRegistry;
  /** The health server, when HEALTH_PORT is set (its `port` is the one bound, for HEALTH_PORT=0). */
  health: HealthServer | null;
  /** Logs out, closes the store. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const started = Date.now();
  const { config } = options;
  if (!config.token) throw new ConfigError('DISCORD_TOKEN', 'is not set: the bot cannot log in to Discord without its token.');
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: [config.token, ...databaseUrlSecrets(config.databaseUrl)] });

  // First, so /healthz answers "starting" (503) while everything else loads.
  const ops = await startOperations(config, logger);
  let store: Keyv;
  try {
    store = await openStore(config.databaseUrl, { namespace: 'bot', logger });
  } catch (err) {
    await ops.close();
    throw err;
  }
  ops.watchStore(store);
  let context: BotContext;
  let commands: CommandRegistry;
  let client: Client;
  try {
    const loaded = await createBotContext({ config, store, logger, now: options.now, random: options.random });
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

    client = new Client({
      // Slash commands and components need no privileged intents; Guilds gives the guild and channel caches.
      intents: [GatewayIntentBits.Guilds],
      ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    });
  } catch (err) {
    await store.disconnect().catch(() => undefined);
    await ops.close();
    throw err;
  }
  ops.watchClient(client);

  const deferAfterMs = options.deferAfterMs;
  const observer = ops.metrics;
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, commands, context, { deferAfterMs, observer }));
  client.on(Events.Error, (err) => logger.error('discord client error', { err }));
  client.on(Events.Warn, (message) => logger.warn('discord client warning', { message }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn('gateway disconnected', { shardId, code: event.code }));
  client.on(Events.ShardReconnecting, (shardId) => logger.warn('gateway reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info('gateway resumed', { shardId, replayed }));
  client.on(Events.ShardError, (err, shardId) => logger.error('gateway error', { shardId, err }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    await client.destroy().catch(() => undefined);
    await store.disconnect().catch(() => undefined);
    await ops.close();
    throw err;
  }
  ops.setPhase('ready');
  logger.info('bot ready', { user: client.user?.tag, guilds: client.guilds.cache.size, startupMs: Date.now() - started });
  // The daily "from the archive" posts; it skips its polls while the gateway is not ready.
  const digest = startDigestScheduler(client, context, { onOutcomes: (outcomes) => ops.metrics?.observeDigest(outcomes) });

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('bot stopping');
      ops.setPhase('stopping');
      digest.stop();
      await client.destroy();
      await store.disconnect().catch((err: unknown) => logger.warn('store did not close cleanly', { err }));
      await ops.close();
      logger.info('bot stopped');
    })());
  return { client, context, commands, health: ops.health, stop };
}
