import { Client, GatewayIntentBits } from 'discord.js';
import { createClientWithoutShardEnvironment, ownsGuild, shardingOptions } from '../../src/discord/sharding';
import { shardOfGuild, snowflakeOnShard } from '../fakeDiscord';

describe('GIVEN SHARD_COUNT in the environment', () => {
  const saved = process.env.SHARD_COUNT;
  afterEach(() => {
    if (saved === undefined) delete process.env.SHARD_COUNT;
    else process.env.SHARD_COUNT = saved;
  });

  test('THEN SHARD_COUNT=auto, which discord.js itself would read as NaN, still makes a client', async () => {
    process.env.SHARD_COUNT = 'auto';
    expect(() => new Client({ intents: [GatewayIntentBits.Guilds] })).toThrow(/shardCount/);
    const client = createClientWithoutShardEnvironment({
      intents: [GatewayIntentBits.Guilds],
      ...shardingOptions({ shardCount: 'auto', shardIds: null }),
    });
    expect(client.options.shards).toBe('auto');
    expect(process.env.SHARD_COUNT).toBe('auto');
    await client.destroy();
  });

  test('THEN a count with SHARD_IDS runs only those shards of the total', () => {
    expect(shardingOptions({ shardCount: 4, shardIds: [1, 3] })).toMatchObject({ shards: [1, 3], shardCount: 4 });
    expect(shardingOptions({ shardCount: 2, shardIds: null })).toMatchObject({ shards: [0, 1], shardCount: 2 });
    expect(shardingOptions({ shardCount: null, shardIds: null })).toEqual({});
  });
});

describe('GIVEN the shards a process runs', () => {
  test('THEN it owns exactly the guilds whose events Discord sends to those shards', () => {
    const client = { options: { shards: [1, 3], shardCount: 4 } } as unknown as Client;
    const owns = ownsGuild(client);
    for (let shard = 0; shard < 4; shard++) {
      const guild = snowflakeOnShard(shard, 4);
      expect(shardOfGuild(guild, 4)).toBe(shard);
      expect(owns(guild)).toBe(shard === 1 || shard === 3);
    }
    expect(ownsGuild({ options: { shards: [0], shardCount: 1 } } as unknown as Client)(snowflakeOnShard(0, 3))).toBe(true);
  });
});
