/**
 * The three stores the bot runs on, for suites that must behave the same on each: SQLite (a temp file), and real
 * PostgreSQL and Redis servers started for the suite (test/servers). `forEachBackend` declares one describe block per
 * backend; inside, `url()` is that backend's DATABASE_URL. Tests keep apart by using their own Keyv namespace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeWithServers } from '../servers/binaries';
import { startPostgres } from '../servers/postgres';
import { startRedis } from '../servers/redis';
import type { StoreKind } from '../../src/store/databaseUrl';

export interface RunningBackend {
  kind: StoreKind;
  url: string;
  stop(): Promise<void>;
}

export async function startBackend(kind: StoreKind): Promise<RunningBackend> {
  if (kind === 'postgres') {
    const server = await startPostgres();
    return { kind, url: server.url, stop: server.stop };
  }
  if (kind === 'redis') {
    // With a password, so the URL's credentials are exercised as an operator's would be.
    const server = await startRedis({ password: `redis-pw-${Math.random().toString(36).slice(2, 10)}` });
    return { kind, url: server.url, stop: server.stop };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'archive-bot-sqlite-'));
  return { kind, url: `sqlite://${path.join(dir, 'bot.sqlite')}`, stop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export const BACKENDS: StoreKind[] = ['sqlite', 'postgres', 'redis'];

let counter = 0;
/** A namespace no other test in this run uses. */
export function freshNamespace(prefix = 'test'): string {
  return `${prefix}${process.pid}x${++counter}`;
}

export function forEachBackend(name: string, body: (backend: () => RunningBackend) => void, kinds: StoreKind[] = BACKENDS): void {
  for (const kind of kinds) {
    const suite = () => {
      let running: RunningBackend | undefined;
      beforeAll(async () => {
        running = await startBackend(kind);
      }, 60_000);
      afterAll(async () => {
        await running?.stop();
      }, 60_000);
      body(() => {
        if (!running) throw new Error(`the ${kind} backend did not start`);
        return running;
      });
    };
    if (kind === 'sqlite') describe(`${name} on sqlite`, suite);
    else describeWithServers([kind], `${name} on ${kind}`, suite);
  }
}
