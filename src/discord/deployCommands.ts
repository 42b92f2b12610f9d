/**
 * `npm run deploy-commands`: registers the slash commands of `commands/` with Discord in one bulk PUT.
 * To one server when DISCORD_GUILD_ID is set (instant: use it while developing), otherwise globally.
 * A bulk PUT replaces the whole list, so running it again with the same modules changes nothing (idempotent),
 * and a command removed from `commands/` disappears from Discord too.
 *
 * Definitions are validated here first, so a too-long description is reported by name instead of as Discord's
 * nested 50035 error; and the script ends every mistake a person can fix in one clear sentence, not a stack trace.
 */
import { LIMITS } from './limits';
import { REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from '../config';
import { createLogger, silentLogger, type Logger } from '../log';
import { COMMANDS_DIR, loadCommands } from './router';

export interface DeployCommandsOptions {
  token: string;
  applicationId: string;
  /** Register to this server only (instant); omit for global registration. */
  guildId?: string | null;
  /** REST base URL (discord.js appends /v10): a proxy, or the fake Discord in tests. */
  apiUrl?: string | null;
  commandsDir?: string;
  logger?: Logger;
}

export interface DeployResult {
  scope: 'guild' | 'global';
  guildId: string | null;
  /** What Discord now has registered, in its answer's order. */
  commands: Array<{ id: string; name: string }>;
}

/** A command definition Discord would refuse; `problems` name the command and field. */
export class CommandDefinitionError extends Error {
  override name = 'CommandDefinitionError';
  constructor(readonly problems: string[]) {
    super(`Invalid command definitions:\n  - ${problems.join('\n  - ')}`);
  }
}

type Definition = Record<string, unknown>;

// Discord's rules for chat-input commands (https://discord.com/developers/docs/interactions/application-commands).
const NAME = new RegExp(`^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,${LIMITS.commandName}}$`, 'u');
const MAX_OPTIONS = LIMITS.commandOptions;
const MAX_CHOICES = LIMITS.commandChoices;
const MAX_DESCRIPTION = LIMITS.commandDescription;
const MAX_COMMAND_CHARS = LIMITS.commandTotalChars;
const MAX_COMMANDS = LIMITS.commandsPerScope;
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

function textLength(def: Definition): number {
  let total = (typeof def.name === 'string' ? def.name.length : 0) + (typeof def.description === 'string' ? def.description.length : 0);
  for (const choice of (def.choices as Definition[] | undefined) ?? []) total += String(choice.name).length + String(choice.value).length;
  for (const option of (def.options as Definition[] | undefined) ?? []) total += textLength(option);
  return total;
}

function checkNamed(def: Definition, where: string, problems: string[]): void {
  const name = def.name;
  if (typeof name !== 'string' || !NAME.test(name) || name !== name.toLowerCase()) {
    problems.push(`${where}: name "${String(name)}" must be 1-32 lowercase letters, digits, - or _`);
  }
  const description = def.description;
  if (typeof description !== 'string' || description.length < 1 || description.length > MAX_DESCRIPTION) {
    problems.push(
      `${where}: description must be 1-${MAX_DESCRIPTION} characters (has ${typeof description === 'string' ? description.length : 0})`,
    );
  }
}

function checkOptions(options: Definition[], where: string, problems: string[]): void {
  if (options.length > MAX_OPTIONS) problems.push(`${where}: ${options.length} options (at most ${MAX_OPTIONS})`);
  const seen = new Set<string>();
  let optionalSeen = false;
  for (const option of options) {
    const at = `${where} ${String(option.name)}`;
    checkNamed(option, at, problems);
    if (seen.has(String(option.name))) problems.push(`${at}: duplicate option name`);
    seen.add(String(option.name));
    if (option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP) {
      checkOptions((option.options as Definition[] | undefined) ?? [], at, problems);
      continue;
    }
    if (option.required === true && optionalSeen) problems.push(`${at}: a required option must come before optional ones`);
    if (option.required !== true) optionalSeen = true;
    const choices = (option.choices as Definition[] | undefined) ?? [];
    if (choices.length > MAX_CHOICES) problems.push(`${at}: ${choices.length} choices (at most ${MAX_CHOICES})`);
    if (choices.length > 0 && option.autocomplete === true) problems.push(`${at}: autocomplete cannot be combined with fixed choices`);
  }
}

/** Every rule Discord applies to a bulk registration, as readable problems ("/search query: description must be ..."). */
export function validateCommandDefinitions(definitions: Definition[]): string[] {
  const problems: string[] = [];
  if (definitions.length > MAX_COMMANDS) problems.push(`${definitions.length} commands (at most ${MAX_COMMANDS})`);
  const names = new Set<string>();
  for (const def of definitions) {
    const where = `/${String(def.name)}`;
    checkNamed(def, where, problems);
    if (names.has(String(def.name))) problems.push(`${where}: two commands share this name`);
    names.add(String(def.name));
    checkOptions((def.options as Definition[] | undefined) ?? [], where, problems);
    const chars = textLength(def);
    if (chars > MAX_COMMAND_CHARS)
      problems.push(`${where}: ${chars} characters of names, descriptions and choices (at most ${MAX_COMMAND_CHARS})`);
  }
  return problems;
}

/** The JSON of every command module in `dir` (modules lacking `data` or `execute` are skipped by the loader). */
export function commandDefinitions(dir: string = COMMANDS_DIR, logger: Logger = silentLogger): Definition[] {
  return [...loadCommands(dir, logger).values()].map((command) => command.data.toJSON() as Definition);
}

export async function deployCommands(options: DeployCommandsOptions): Promise<DeployResult> {
  const logger = options.logger ?? silentLogger;
  const definitions = commandDefinitions(options.commandsDir, logger);
  const problems = validateCommandDefinitions(definitions);
  if (problems.length > 0) throw new CommandDefinitionError(problems);

  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const guildId = options.guildId ?? null;
  const route = guildId
    ? Routes.applicationGuildCommands(options.applicationId, guildId)
    : Routes.applicationCommands(options.applicationId);
  const registered = (await rest.put(route, { body: definitions })) as Array<{ id: string; name: string }>;
  const result: DeployResult = {
    scope: guildId ? 'guild' : 'global',
    guildId,
    commands: registered.map(({ id, name }) => ({ id, name })),
  };
  logger.info('commands registered', {
    scope: result.scope,
    guildId,
    applicationId: options.applicationId,
    commands: result.commands.map((c) => c.name),
  });
  return result;
}

export interface DeployCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  logger?: Logger;
}

const SETUP_HINT = 'Copy .env.example to .env and fill it in (cp .env.example .env), or set the variable in the environment.';

/** The script's whole behaviour for a given environment; returns the exit status (0 registered, 1 otherwise). */
export async function runDeployCommands(env: Record<string, string | undefined>, io: DeployCliIo): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`Configuration error: ${err.message}\n${SETUP_HINT}`);
      return 1;
    }
    throw err;
  }
  for (const [name, value, what] of [
    ['DISCORD_TOKEN', config.token, 'the bot token (Developer Portal → your application → Bot → Reset Token)'],
    ['DISCORD_APPLICATION_ID', config.applicationId, 'the application id (Developer Portal → General Information → Application ID)'],
  ] as const) {
    if (!value) {
      io.err(`${name} is not set: deploy-commands needs ${what}.\n${SETUP_HINT}`);
      return 1;
    }
  }
  const logger = io.logger ?? createLogger({ level: config.logLevel, secrets: [config.token!] });
  try {
    const result = await deployCommands({
      token: config.token!,
      applicationId: config.applicationId!,
      guildId: config.guildId,
      apiUrl: config.apiUrl,
      logger,
    });
    const names = result.commands.map((c) => `/${c.name}`).join(', ') || '(none)';
    io.out(
      result.scope === 'guild'
        ? `Registered ${result.commands.length} commands to server ${result.guildId} (available now): ${names}`
        : `Registered ${result.commands.length} commands globally (may take a while to appear everywhere): ${names}`,
    );
    return 0;
  } catch (err) {
    if (err instanceof CommandDefinitionError) {
      io.err(err.message);
      return 1;
    }
    const e = err as { status?: number; message?: string };
    if (e.status === 401) {
      io.err('Discord rejected DISCORD_TOKEN (401 Unauthorized): it is wrong or was reset. Copy a fresh token from the Developer Portal.');
    } else if (e.status === 403 || e.status === 404) {
      io.err(
        `Discord refused the registration (${e.status}: ${e.message ?? ''}): check DISCORD_APPLICATION_ID${config.guildId ? ' and DISCORD_GUILD_ID (is the bot in that server?)' : ''}.`,
      );
    } else {
      // Unexpected (network down, Discord 5xx, a bug): the log line keeps the details for whoever debugs it.
      logger.error('deploy-commands failed', { err });
      io.err(`Could not register the commands: ${e.message ?? String(err)}`);
    }
    return 1;
  }
}

if (require.main === module) {
  dotenv.config({ quiet: true });
  runDeployCommands(process.env, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  }).then(
    (status) => process.exit(status),
    (err: unknown) => {
      process.stderr.write(`deploy-commands failed: ${(err as Error).message ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
