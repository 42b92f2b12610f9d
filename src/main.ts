/**
 * `npm start`: reads `.env` (dotenv), checks the configuration and runs the bot until SIGINT/SIGTERM.
 * Every start-up failure a person can fix ends in a message saying what to do and exit status 1, never a stack trace.
 */
import dotenv from 'dotenv';
import { ConfigError, loadConfig, type BotConfig } from './config';
import { ArchiveUnusableError } from './corpus/loadArchive';
import { createLogger } from './log';
import { databaseUrlSecrets } from './store/databaseUrl';
import { StoreError } from './store/openStore';
import { startBot } from './discord/bot';

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

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: BotConfig;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(`Configuration error: ${err.message}\nFix it in .env or in the environment (.env.example describes every variable).`);
    throw err;
  }
  if (!config.token) fail(NO_TOKEN_MESSAGE);

  const logger = createLogger({ level: config.logLevel, secrets: [config.token, ...databaseUrlSecrets(config.databaseUrl)] });
  let bot;
  try {
    bot = await startBot({ config, logger });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StoreError || err instanceof ArchiveUnusableError) fail(`Cannot start: ${err.message}`);
    const e = err as { code?: string; message?: string };
    if (e.code === 'TokenInvalid') fail('Discord rejected DISCORD_TOKEN: it is wrong or was reset. Copy a fresh token from the Developer Portal into .env.');
    if (e.code === 'DisallowedIntents') fail('Discord refused the gateway intents: check the bot settings in the Developer Portal.');
    logger.error('start-up failed', { err });
    fail(`Cannot start: ${e.message ?? String(err)}`);
  }
  const running = bot;
  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => fail(`Cannot start: ${(err as Error).message ?? String(err)}`));
}
