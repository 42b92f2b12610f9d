/**
 * The bot's configuration, read once from the environment (dotenv fills it from `.env` in `src/main.ts`).
 * Every variable is checked here so a typo stops start-up with a message naming the variable, instead of surfacing
 * later as a confusing Discord or SQLite error. `.env.example` documents the same variables.
 */
import path from 'node:path';
import { redact, type LogLevel } from './log';
import { DatabaseUrlError, normaliseDatabaseUrl } from './store/databaseUrl';

export interface BotConfig {
  /** DISCORD_TOKEN: null when unset; `startBot` refuses to run without it, the console mode does not need it. */
  token: string | null;
  /** DISCORD_APPLICATION_ID: needed to register commands. */
  applicationId: string | null;
  /** DISCORD_GUILD_ID: register commands to this one server (instant) instead of globally. */
  guildId: string | null;
  /** ARCHIVE_DIR, absolute. */
  archiveDir: string;
  /** DATA_DIR, absolute: the search-index cache and the default SQLite store live here. */
  dataDir: string;
  /** DATABASE_URL: a Keyv connection string: `sqlite://path` (absolute), `postgres://…` or `redis://…` (src/store/databaseUrl.ts). */
  databaseUrl: string;
  /** DISCORD_API_URL: REST base URL (e.g. a @discordjs/proxy, or the fake Discord in tests); discord.js appends `/v10`. */
  apiUrl: string | null;
  /** BLOG_URL: the original blog, for links to posts. */
  blogUrl: string;
  logLevel: LogLevel;
  // The operations settings below are optional in the type (absent = unset) so configurations built by hand
  // (benchmarks, tests) need not spell them out; loadConfig always fills them.
  /** HEALTH_PORT: serve GET /healthz and /metrics on this port (null: no health server). */
  healthPort?: number | null;
  /** HEALTH_HOST: the address the health server binds (default 127.0.0.1: only this machine can reach it). */
  healthHost?: string;
  /** SHARD_COUNT: gateway shards in all (`auto`: Discord's recommendation); null: one shard, no sharding. */
  shardCount?: number | 'auto' | null;
  /** SHARD_IDS: the shards this process runs, when the shards are split across processes or hosts (null: all). */
  shardIds?: number[] | null;
  /** ARCHIVE_FEED_URL: a blog whose public feeds the running bot polls for new posts and comments (null: no polling). */
  feedUrl?: string | null;
  /** ARCHIVE_FEED_POLL_MINUTES: minutes between polls (default 30; fractions allowed, e.g. 0.5). */
  feedPollMinutes?: number;
}

/** A bad configuration value: the message names the variable and says what is expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

export const DEFAULT_BLOG_URL = 'https://probationmatters.blogspot.com';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
/** Discord ids are 64-bit integers written in decimal: 17 to 20 digits for anything created since 2015. */
const SNOWFLAKE = /^\d{17,20}$/;

type Env = Record<string, string | undefined>;

/** An unset or blank variable is "not configured": `.env.example` copies leave `KEY=` lines behind. */
function read(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/**
 * A wrong value, as safe to print: a short one is shown (it is a typo worth seeing), a long one only described, as
 * what gets pasted into the wrong variable is usually the token or another secret.
 */
function shown(value: string): string {
  if (/^[^\s]{1,20}$/.test(value)) return `"${redact(value)}"`;
  const looksLikeToken = /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/.test(value);
  return looksLikeToken
    ? 'the value (not shown: it looks like a bot token, which belongs in DISCORD_TOKEN)'
    : `the value (not shown: ${value.length} characters)`;
}

function snowflake(env: Env, name: string): string | null {
  const value = read(env, name);
  if (value !== null && !SNOWFLAKE.test(value)) {
    throw new ConfigError(
      name,
      `${shown(value)} is not a Discord id (a number of 17 to 20 digits; copy it from the Developer Portal or with Developer Mode's "Copy ID").`,
    );
  }
  return value;
}

function httpUrl(env: Env, name: string): string | null {
  const value = read(env, name);
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `"${redact(value)}" is not a URL (expected something like https://example.com).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `"${redact(value)}" must be an http:// or https:// URL.`);
  }
  return value.replace(/\/+$/, '');
}

function databaseUrl(env: Env, dataDir: string, cwd: string): string {
  const value = read(env, 'DATABASE_URL');
  if (value === null) return `sqlite://${path.join(dataDir, 'archive-bot.sqlite')}`;
  try {
    return normaliseDatabaseUrl(value, cwd);
  } catch (err) {
    // The message shows the URL with its password hidden (displayDatabaseUrl).
    if (err instanceof DatabaseUrlError) throw new ConfigError('DATABASE_URL', err.message);
    throw err;
  }
}

function port(env: Env, name: string): number | null {
  const value = read(env, name);
  if (value === null) return null;
  const n = Number(value);
  // 0 asks the system for a free port (the one chosen is logged): for tests and throwaway runs.
  if (!/^\d+$/.test(value) || n > 65535)
    throw new ConfigError(name, `"${value}" is not a port number (1 to 65535, or 0 for any free port).`);
  return n;
}

/** Discord accepts any shard count; far more than a bot's guilds need is a typo, not a plan. */
const MAX_SHARDS = 4096;

function shardCount(env: Env): number | 'auto' | null {
  const value = read(env, 'SHARD_COUNT');
  if (value === null) return null;
  if (value.toLowerCase() === 'auto') return 'auto';
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_SHARDS) {
    throw new ConfigError(
      'SHARD_COUNT',
      `"${value}" is not a shard count: use auto (Discord's recommendation) or a number from 1 to ${MAX_SHARDS}.`,
    );
  }
  return n;
}

function shardIds(env: Env, count: number | 'auto' | null): number[] | null {
  const value = read(env, 'SHARD_IDS');
  if (value === null) return null;
  if (typeof count !== 'number') {
    throw new ConfigError(
      'SHARD_IDS',
      'needs SHARD_COUNT set to a number: which shards this process runs only means something out of a known total.',
    );
  }
  const parts = value.split(',').map((p) => p.trim());
  const ids = parts.map(Number);
  if (parts.some((p) => !/^\d+$/.test(p)) || ids.some((id) => id >= count)) {
    throw new ConfigError('SHARD_IDS', `"${value}" must be shard numbers from 0 to ${count - 1} separated by commas (e.g. 0,1).`);
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}

export const DEFAULT_FEED_POLL_MINUTES = 30;
/** A week: a longer wait is a typo (seconds for minutes?), not a plan. */
const MAX_FEED_POLL_MINUTES = 7 * 24 * 60;
/** 0.01 minutes (0.6 s): fractions exist for tests and for a blog one runs oneself, not to hammer Blogger. */
const MIN_FEED_POLL_MINUTES = 0.01;

function feedPollMinutes(env: Env): number {
  const value = read(env, 'ARCHIVE_FEED_POLL_MINUTES');
  if (value === null) return DEFAULT_FEED_POLL_MINUTES;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(value) || n < MIN_FEED_POLL_MINUTES || n > MAX_FEED_POLL_MINUTES) {
    throw new ConfigError(
      'ARCHIVE_FEED_POLL_MINUTES',
      `"${value}" is not a number of minutes between feed polls: use a number from ${MIN_FEED_POLL_MINUTES} to ${MAX_FEED_POLL_MINUTES} (default ${DEFAULT_FEED_POLL_MINUTES}).`,
    );
  }
  return n;
}

function logLevel(env: Env): LogLevel {
  const value = read(env, 'LOG_LEVEL');
  if (value === null) return 'info';
  const level = value.toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) throw new ConfigError('LOG_LEVEL', `"${value}" is not one of ${LOG_LEVELS.join(', ')}.`);
  return level;
}

/** Reads and checks the configuration. Relative paths are resolved against `cwd` (the project folder under `npm start`). */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): BotConfig {
  const token = read(env, 'DISCORD_TOKEN');
  if (token !== null && /\s/.test(token)) throw new ConfigError('DISCORD_TOKEN', 'contains spaces: paste only the token, without "Bot ".');
  const dataDir = path.resolve(cwd, read(env, 'DATA_DIR') ?? 'data');
  const count = shardCount(env);
  return {
    token,
    applicationId: snowflake(env, 'DISCORD_APPLICATION_ID'),
    guildId: snowflake(env, 'DISCORD_GUILD_ID'),
    archiveDir: path.resolve(cwd, read(env, 'ARCHIVE_DIR') ?? 'seeds'),
    dataDir,
    databaseUrl: databaseUrl(env, dataDir, cwd),
    apiUrl: httpUrl(env, 'DISCORD_API_URL'),
    blogUrl: httpUrl(env, 'BLOG_URL') ?? DEFAULT_BLOG_URL,
    logLevel: logLevel(env),
    healthPort: port(env, 'HEALTH_PORT'),
    healthHost: read(env, 'HEALTH_HOST') ?? '127.0.0.1',
    shardCount: count,
    shardIds: shardIds(env, count),
    feedUrl: httpUrl(env, 'ARCHIVE_FEED_URL'),
    feedPollMinutes: feedPollMinutes(env),
  };
}
