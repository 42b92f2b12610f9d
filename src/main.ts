/**
 * `npm start` (the production start: `node --import tsx src/main.ts`, one process that receives signals itself):
 * reads `.env` (dotenv), checks the configuration and runs the bot until SIGTERM/SIGINT (src/shutdown.ts).
 * Every start-up failure a person can fix ends in a message saying what to do and exit status 1, never a stack trace.
 *
 * Exit status: 0 after a signal (stopped gracefully, or during start-up); 1 when start-up failed, or stopping
 * failed or outlasted its deadline.
 */
import dotenv from 'dotenv';
import { ConfigError, loadConfig, type BotConfig } from './config';
import { ArchiveUnusableError } from './corpus/loadArchive';
import { createLogger, redact, secretsInEnvironment } from './log';
import { StoreError } from './store/openStore';
import { startBot, type RunningBot } from './discord/bot';
import type { Logger } from './log';
import { handleShutdownSignals } from './shutdown';

export const NO_TOKEN_MESSAGE = [
  'DISCORD_TOKEN is not set, so the bot cannot log in to Discord.',
  '',
  'To run the bot:',
  '  1. Copy .env.example to .env:   cp .env.example .env',
  '  2. Fill in DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token)',
  '     and DISCORD_APPLICATION_ID (General Information → Application ID).',
  '  3. Register the slash commands once:   npm run deploy-commands',
  '  4. Start the bot:   npm start',
  '',
  'To try the bot locally without Discord (no token needed):   npm run console',
].join('\n');

/** Every line printed before or around the logger goes through the logger's own scrubber, with the same secrets. */
function fail(message: string): never {
  process.stderr.write(`${redact(message, secretsInEnvironment(process.env))}\n`);
  process.exit(1);
}

function readConfig(): BotConfig {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError)
      fail(`Configuration error: ${err.message}\nFix it in .env or in the environment (.env.example describes every variable).`);
    throw err;
  }
}

/** Starts the bot, or exits 1 with what to do about the reason it could not start. */
async function startOrFail(config: BotConfig, logger: Logger): Promise<RunningBot> {
  try {
    return await startBot({ config, logger });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StoreError || err instanceof ArchiveUnusableError)
      fail(`Cannot start: ${err.message}`);
    const e = err as { code?: string; message?: string };
    if (e.code === 'TokenInvalid')
      fail('Discord rejected DISCORD_TOKEN: it is wrong or was reset. Copy a fresh token from the Developer Portal into .env.');
    if (e.code === 'DisallowedIntents') fail('Discord refused the gateway intents: check the bot settings in the Developer Portal.');
    logger.error('start-up failed', { err });
    fail(`Cannot start: ${e.message ?? String(err)}`);
  }
}

export async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = readConfig();
  if (!config.token) fail(NO_TOKEN_MESSAGE);
  const logger = createLogger({ level: config.logLevel, secrets: secretsInEnvironment(process.env) });
  // Before anything slow: a signal while the archive loads or Discord is slow to answer is honoured at once.
  const shutdown = handleShutdownSignals({ logger });
  logger.info('starting', { pid: process.pid, node: process.version, archiveDir: config.archiveDir, dataDir: config.dataDir });
  const bot = await startOrFail(config, logger);
  shutdown.running(() => bot.stop());
}

if (require.main === module) {
  main().catch((err: unknown) => fail(`Cannot start: ${(err as Error).message ?? String(err)}`));
}
