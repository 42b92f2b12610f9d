/**
 * Child process for the benchmark's `readyMs`: starts like `npm start` does (same modules, same store, same
 * `createBotContext`, same command autoload) but stops where `startBot` would log in to Discord, and reports on stdout
 * the moment it is ready to answer, with its memory then. The parent times spawn → report, so node's own start-up,
 * module loading, the archive parse and the index load from cache all count, as they do for a real restart.
 *
 * Usage (by scripts/bench.ts): node --import tsx scripts/lib/readyProbe.ts <archiveDir> <dataDir>
 */
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { benchConfig } from './benchConfig';
// The bot module is imported (not called) so discord.js and everything `npm start` loads is loaded here too.
import '../../src/discord/bot';
import { createBotContext } from '../../src/discord/context';
import { loadCommands } from '../../src/discord/router';
import { silentLogger } from '../../src/log';
import { openStore } from '../../src/store/openStore';

export interface ReadyReport {
  /** ms since this process started (performance.timeOrigin) when it was ready. */
  readyAtMs: number;
  indexBuilt: boolean;
  archiveMs: number;
  indexMs: number;
  posts: number;
  comments: number;
  /** ms from process start until this module's imports (tsx, discord.js, the bot's modules) were loaded. */
  modulesMs: number;
  /** ms spent in createBotContext (parse + index load + thread finder + corpus statistics). */
  contextMs: number;
  /** Memory at the moment of ready, garbage included: what the OS sees. */
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  /** Memory after a full GC once ready: the live set the bot keeps while it runs. */
  rssAfterGcMB: number;
  heapUsedAfterGcMB: number;
}

const modulesMs = performance.now();

async function main(archiveDir: string, dataDir: string): Promise<void> {
  const config = benchConfig(archiveDir, dataDir);
  const store = await openStore(config.databaseUrl, { namespace: 'bot', logger: silentLogger });
  const contextStarted = performance.now();
  const { info } = await createBotContext({ config, store, logger: silentLogger });
  const contextMs = performance.now() - contextStarted;
  loadCommands(undefined, silentLogger);
  const readyAtMs = performance.now();
  const mem = process.memoryUsage();
  const mb = (n: number) => Math.round((n / 1024 ** 2) * 10) / 10;
  // After the ready timestamp, so it costs the measurement nothing.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const afterGc = process.memoryUsage();
  const report: ReadyReport = {
    readyAtMs,
    indexBuilt: info.indexBuilt,
    archiveMs: info.archiveMs,
    indexMs: info.indexMs,
    modulesMs,
    contextMs,
    posts: info.posts,
    comments: info.comments,
    rssMB: mb(mem.rss),
    heapUsedMB: mb(mem.heapUsed),
    heapTotalMB: mb(mem.heapTotal),
    externalMB: mb(mem.external),
    rssAfterGcMB: mb(afterGc.rss),
    heapUsedAfterGcMB: mb(afterGc.heapUsed),
  };
  process.stdout.write(`READY ${JSON.stringify(report)}\n`);
  await store.disconnect().catch(() => undefined);
}

const [archiveDir, dataDir] = process.argv.slice(2);
if (!archiveDir || !dataDir) {
  process.stderr.write('usage: readyProbe <archiveDir> <dataDir>\n');
  process.exitCode = 2;
} else {
  main(path.resolve(archiveDir), path.resolve(dataDir)).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`readyProbe failed: ${(err as Error).message ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
