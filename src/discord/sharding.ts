/**
 * SHARD_COUNT and SHARD_IDS as discord.js client options.
 *
 * The model (docs/performance.md, "Sharding"): one bot process runs all its shards, each gateway connection in a
 * worker thread of @discordjs/ws's WorkerShardingStrategy (re-exported by discord.js), and serves every shard's interactions from ONE archive and
 * search index in the main thread. discord.js's ShardingManager would start one process per shard, each loading its
 * own copy of the archive and index (about 700 MB each at archive scale) for no gain: the bot's work is the index,
 * not the gateway. The gateway threads keep heartbeats going while a long summary occupies the main thread.
 *
 * Beyond one machine, several processes split the shards with SHARD_IDS over one PostgreSQL or Redis store; each
 * schedules the daily post only for the servers on its own shards (`ownsGuild`), and the store's claim keeps a day to
 * one post whatever happens.
 *
 * Unset SHARD_COUNT keeps the single-shard client exactly as before (no worker thread).
 */
import { Client, ShardClientUtil, WorkerShardingStrategy, type ClientOptions } from 'discord.js';
import type { BotConfig } from '../config';

export type ShardingClientOptions = Pick<ClientOptions, 'shards' | 'shardCount' | 'ws'>;

export function shardingOptions(config: Pick<BotConfig, 'shardCount' | 'shardIds'>): ShardingClientOptions {
  const count = config.shardCount ?? null;
  if (count === null) return {};
  // One worker thread per shard. With several shards in one worker (`'all'`), @discordjs/ws 1.2.3 terminates that
  // worker as soon as the FIRST shard acknowledges its destroy, so the others' acknowledgements never come and
  // client.destroy() hangs (3 of 6 stops with 2 shards here; 0 of 8 with one shard per worker).
  const ws = {
    buildStrategy: (manager: ConstructorParameters<typeof WorkerShardingStrategy>[0]) =>
      new WorkerShardingStrategy(manager, { shardsPerWorker: 1 }),
  };
  if (count === 'auto') return { shards: 'auto', ws };
  return { shards: config.shardIds ?? Array.from({ length: count }, (_, i) => i), shardCount: count, ws };
}

/**
 * discord.js reads SHARD_COUNT and SHARDS from the environment itself (they are how its ShardingManager talks to its
 * child processes) whenever the options leave them at their defaults. Our SHARD_COUNT means the same total, but
 * `auto` would read as NaN and the client refuse to start; the options built above already say everything, so the
 * environment is hidden from the constructor.
 */
export function createClientWithoutShardEnvironment(options: ClientOptions): Client {
  const saved = { SHARD_COUNT: process.env.SHARD_COUNT, SHARDS: process.env.SHARDS };
  delete process.env.SHARD_COUNT;
  delete process.env.SHARDS;
  try {
    return new Client(options);
  } finally {
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
  }
}

/** Whether a guild's events come to this process: its shard (`(id >> 22) % count`) is one the client runs. */
export function ownsGuild(client: Client): (guildId: string) => boolean {
  return (guildId) => {
    const shards = client.options.shards;
    const count = client.options.shardCount ?? 1;
    if (!Array.isArray(shards) || count <= 1) return true;
    return shards.includes(ShardClientUtil.shardIdForGuildId(guildId, count));
  };
}
