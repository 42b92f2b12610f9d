/**
 * End-to-end harness: the real bot (`startBot`, the real command modules, a real discord.js Client) against the fake
 * Discord on 127.0.0.1. Nothing is mocked: the commands are registered with deploy-commands first, exactly as a
 * person would, so the fake types each dispatched option from the registered definitions.
 *
 *   const h = await startBotAgainstFake();
 *   const ix = h.fake.dispatchSlashCommand('search', { query: 'pay offer' });
 *   const reply = await ix.waitForReply();
 *   ...
 *   await h.stop();
 *
 * Start it once per test file (beforeAll) and reuse it: start-up loads the archive and builds the index.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type BotConfig } from '../../src/config';
import { startBot, type RunningBot } from '../../src/discord/bot';
import { deployCommands } from '../../src/discord/deployCommands';
import { createLogger, type LogLevel } from '../../src/log';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type SentMessage } from '../fakeDiscord';

export const SEEDS_DIR = path.resolve(__dirname, '..', '..', 'seeds');

export interface HarnessOptions {
  fake?: FakeDiscordOptions;
  /** Archive folder; default the shipped seeds. See `copySeedsWith` for an archive with planted comments. */
  archiveDir?: string;
  /** Passed to `startBot`: the answer-or-defer deadline. */
  deferAfterMs?: number;
  /** Passed to `startBot`; default Math.random. */
  random?: () => number;
  /** Extra environment variables for `loadConfig` (e.g. BLOG_URL). */
  env?: Record<string, string>;
  /** Register commands with deploy-commands before starting (default true). */
  deploy?: boolean;
  /** Only log lines at or above this level are kept in `logs` (default debug). */
  logLevel?: LogLevel;
  /** Called with the fake as soon as it listens, before the bot starts (e.g. to hold its READY). */
  onFake?: (fake: FakeDiscord) => void;
}

/** A button or select of a message as the fake recorded it. */
export type Component = {
  type: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  url?: string;
  options?: Array<{ value: string; label: string }>;
};

/** Every button and select of a message, flattened out of its action rows. */
export function componentsOf(message: SentMessage): Component[] {
  return message.components.flatMap((row) => (row as { components?: Component[] }).components ?? []);
}

export function findComponent(message: SentMessage, predicate: (c: Component) => boolean): Component {
  const found = componentsOf(message).find(predicate);
  if (!found) throw new Error(`no such component in ${JSON.stringify(componentsOf(message).map((c) => c.label ?? c.custom_id))}`);
  return found;
}

export const byLabel = (label: string | RegExp) => (c: Component) =>
  typeof label === 'string' ? c.label === label : label.test(c.label ?? '');

/** The bot's clock, moved by tests (cooldowns, schedules) while real time runs on for the fake's 3-second rule. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export interface BotAgainstFake {
  fake: FakeDiscord;
  bot: RunningBot;
  config: BotConfig;
  clock: TestClock;
  /** Every structured log line the bot wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The temporary DATA_DIR (index cache, SQLite store); removed by `stop`. */
  dataDir: string;
  /** Milliseconds from calling `startBot` to ready. */
  startupMs: number;
  /** Stops the bot and starts a new one with the same config, DATA_DIR and fake (a process restart); `bot` is replaced. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function createTestClock(start = Date.now()): TestClock {
  let offset = start - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

/**
 * Copies the seed archive into `dir` and lets `edit` change any file's text: the way a test plants a comment
 * (a quoted `@everyone`, an over-long comment) without inventing its own export format.
 */
export function copySeedsWith(dir: string, edit: (fileName: string, content: string) => string): string {
  cpSync(SEEDS_DIR, dir, { recursive: true });
  for (const file of readdirSync(dir)) {
    const full = path.join(dir, file);
    const before = readFileSync(full, 'utf8');
    const after = edit(file, before);
    if (after !== before) writeFileSync(full, after);
  }
  return dir;
}

export async function startBotAgainstFake(options: HarnessOptions = {}): Promise<BotAgainstFake> {
  const fake = await startFakeDiscord(options.fake);
  options.onFake?.(fake);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'archive-bot-e2e-'));
  const logs: Array<Record<string, unknown>> = [];
  const clock = createTestClock();
  let bot: RunningBot | undefined;
  try {
    const config = loadConfig(
      {
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_GUILD_ID: fake.guildId,
        DISCORD_API_URL: fake.apiUrl,
        ARCHIVE_DIR: options.archiveDir ?? SEEDS_DIR,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'debug',
        ...options.env,
      },
      dataDir,
    );
    const logger = createLogger({
      level: options.logLevel ?? 'debug',
      secrets: [fake.token],
      write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
    });
    if (options.deploy !== false) {
      await deployCommands({ token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl, logger });
    }
    const start = async () => {
      const started = Date.now();
      const running = await startBot({ config, logger, now: clock.now, random: options.random, deferAfterMs: options.deferAfterMs });
      return { running, ms: Date.now() - started };
    };
    const first = await start();
    bot = first.running;
    let stopped: Promise<void> | undefined;
    const harness: BotAgainstFake = {
      fake,
      bot,
      config,
      clock,
      logs,
      dataDir,
      startupMs: first.ms,
      restart: async () => {
        await harness.bot.stop();
        const next = await start();
        harness.bot = next.running;
        harness.startupMs = next.ms;
      },
      stop: () =>
        (stopped ??= (async () => {
          // The client first: a live client would try to reconnect to a closed fake.
          await harness.bot.stop();
          await fake.close();
          rmSync(dataDir, { recursive: true, force: true });
        })()),
    };
    return harness;
  } catch (error) {
    await bot?.stop().catch(() => undefined);
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
