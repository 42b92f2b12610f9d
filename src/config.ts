/**
 * The bot's configuration, read once from the environment (dotenv fills it from `.env` in `src/main.ts`).
 * Every variable is checked here so a typo stops start-up with a message naming the variable, instead of surfacing
 * later as a confusing Discord or SQLite error. `.env.example` documents the same variables.
 */
import path from 'node:path';
import { redact, type LogLevel } from './log';

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
  /** DATABASE_URL: a Keyv connection string (`sqlite://path`). */
  databaseUrl: string;
  /** DISCORD_API_URL: REST base URL (e.g. a @discordjs/proxy, or the fake Discord in tests); discord.js appends `/v10`. */
  apiUrl: string | null;
  /** BLOG_URL: the original blog, for links to posts. */
  blogUrl: string;
  logLevel: LogLevel;
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
/** The Keyv adapters this bot installs; any other scheme would fail at first use, so refuse it at start. */
const SUPPORTED_DATABASE_SCHEMES = ['sqlite:'];

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
  return looksLikeToken ? 'the value (not shown: it looks like a bot token, which belongs in DISCORD_TOKEN)' : `the value (not shown: ${value.length} characters)`;
}

function snowflake(env: Env, name: string): string | null {
  const value = read(env, name);
  if (value !== null && !SNOWFLAKE.test(value)) {
    throw new ConfigError(name, `${shown(value)} is not a Discord id (a number of 17 to 20 digits; copy it from the Developer Portal or with Developer Mode's "Copy ID").`);
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
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(value)?.[1]?.toLowerCase();
  if (!scheme || !SUPPORTED_DATABASE_SCHEMES.includes(scheme)) {
    throw new ConfigError('DATABASE_URL', `"${redact(value)}" is not supported: use sqlite://<path to a file>, e.g. sqlite://data/archive-bot.sqlite.`);
  }
  const file = value.startsWith('sqlite://') ? value.slice('sqlite://'.length).trim() : '';
  if (file === '') throw new ConfigError('DATABASE_URL', `"${redact(value)}" names no file: use sqlite://<path to a file>.`);
  // Resolved now so the store is the same file whichever folder the bot is started from.
  return file === ':memory:' ? value : `sqlite://${path.resolve(cwd, file)}`;
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
  };
}
