/**
 * The bot's operations side, started first by `startBot` so /healthz answers 503 "starting" while the archive loads
 * and the gateway connects: the health server (when HEALTH_PORT is set), the metrics, and what they read (the
 * client's shards, the store, the archive's size) as each comes to exist.
 */
import type { Client } from 'discord.js';
import { Status } from 'discord.js';
import type Keyv from 'keyv';
import type { BotConfig } from '../config';
import type { Logger } from '../log';
import { storeKindOfKeyv } from '../store/openStore';
import { cachedProbe, healthReport, type BotPhase, type HealthSources, type ShardHealth } from './health';
import { startHealthServer, type HealthServer } from './healthServer';
import { BotMetrics } from './metrics';

export interface BotOperations {
  /** Null when HEALTH_PORT is unset: nobody could read them. */
  metrics: BotMetrics | null;
  health: HealthServer | null;
  setPhase(phase: BotPhase): void;
  watchStore(store: Keyv): void;
  watchArchive(size: { posts: number; comments: number }): void;
  watchClient(client: Client): void;
  close(): Promise<void>;
}

function shardHealth(client: Client): ShardHealth[] {
  return [...client.ws.shards.values()].map((shard) => ({
    id: shard.id,
    status: (Status[shard.status] ?? String(shard.status)).toLowerCase(),
    up: shard.status === Status.Ready,
    pingMs: shard.ping >= 0 ? shard.ping : null,
  }));
}

export async function startOperations(config: BotConfig, logger: Logger): Promise<BotOperations> {
  let phase: BotPhase = 'starting';
  let client: Client | null = null;
  let archive: { posts: number; comments: number } | null = null;
  let store: { backend: ReturnType<typeof storeKindOfKeyv>; reachable: () => Promise<boolean> } | null = null;
  const sources: HealthSources = {
    phase: () => phase,
    shards: () => (client ? shardHealth(client) : null),
    archive: () => archive,
    store: () => store,
    startedAt: Date.now(),
  };
  const port = config.healthPort ?? null;
  const metrics = port === null ? null : new BotMetrics();
  metrics?.readFrom({
    shards: () => sources.shards() ?? [],
    storeUp: () => store?.reachable() ?? Promise.resolve(false),
  });
  const health =
    port === null || !metrics
      ? null
      : await startHealthServer({
          host: config.healthHost ?? '127.0.0.1',
          port,
          report: () => healthReport(sources),
          metrics: () => metrics.render(),
          logger,
        });
  return {
    metrics,
    health,
    setPhase: (next) => {
      phase = next;
    },
    watchStore: (keyv) => {
      store = { backend: storeKindOfKeyv(keyv), reachable: cachedProbe(() => keyv.get('__health')) };
    },
    watchArchive: (size) => {
      archive = size;
      metrics?.setArchiveSize(size.posts, size.comments);
    },
    watchClient: (c) => {
      client = c;
    },
    close: async () => {
      await health?.close();
    },
  };
}
