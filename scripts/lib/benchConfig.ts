import path from 'node:path';
import { DEFAULT_BLOG_URL, type BotConfig } from '../../src/config';

/** The bot's configuration for a benchmark run: no Discord, quiet logs, everything under `dataDir`. */
export function benchConfig(archiveDir: string, dataDir: string): BotConfig {
  return {
    token: null,
    applicationId: null,
    guildId: null,
    archiveDir,
    dataDir,
    databaseUrl: `sqlite://${path.join(dataDir, 'bot.sqlite')}`,
    apiUrl: null,
    blogUrl: DEFAULT_BLOG_URL,
    logLevel: 'error',
  };
}
