/**
 * Sharding end to end: the real bot with SHARD_COUNT against the fake Discord, which routes a guild's events to the
 * shard that owns it (`(guild_id >> 22) % shard_count`) and direct messages to shard 0, as Discord does. The guild is
 * made to live on shard 1, so a command in the guild is served through shard 1 and one in a DM through shard 0.
 */
import { digestSchedulerOf, digestStoreFor } from '../../src/discord/digestRunner';
import { upcomingRun } from '../../src/digest/schedule';
import { settings } from '../digest/helpers';
import { snowflakeOnShard } from '../fakeDiscord';
import { startBotAgainstFake, type BotAgainstFake } from './harness';

const embedText = (m: { content: string; embeds: unknown[] }) => m.content + JSON.stringify(m.embeds);

describe('GIVEN SHARD_COUNT=auto and a Discord that recommends 2 shards', () => {
  let h: BotAgainstFake;

  beforeAll(async () => {
    h = await startBotAgainstFake({
      fake: { guildId: snowflakeOnShard(1, 2), shards: 2, maxConcurrency: 2 },
      env: { SHARD_COUNT: 'auto', HEALTH_PORT: '0' },
    });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  test('THEN the bot identifies once per shard, each with its own [id, count]', () => {
    expect(h.fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(h.bot.client.options.shardCount).toBe(2);
    expect(h.bot.client.ws.shards.size).toBe(2);
  });

  test('THEN a command in the guild is served through shard 1 and one in a DM through shard 0', async () => {
    const inGuild = h.fake.dispatchSlashCommand('search', { query: 'probation' }, { user: h.fake.users.alice });
    const guildReply = await inGuild.waitForReply();
    expect(inGuild.deliveredToShards).toEqual([1]);
    expect(embedText(guildReply)).toMatch(/probation/i);

    const inDm = h.fake.dispatchSlashCommand('help', {}, { user: h.fake.users.bob, dm: true });
    const dmReply = await inDm.waitForReply();
    expect(inDm.deliveredToShards).toEqual([0]);
    expect(embedText(dmReply)).toMatch(/search/i);
  });

  test('THEN /healthz reports both shards up', async () => {
    const body = (await (await fetch(`http://127.0.0.1:${h.bot.health!.port}/healthz`)).json()) as {
      status: string;
      gateway: { shards: Array<{ id: number; up: boolean }> };
    };
    expect(body.status).toBe('ok');
    expect(body.gateway.shards.map((s) => [s.id, s.up])).toEqual([
      [0, true],
      [1, true],
    ]);
  });

  test('THEN the daily post reaches a guild on the second shard', async () => {
    const channelId = h.fake.defineChannel({ name: 'from-the-archive' }).id;
    await new Promise((r) => setTimeout(r, 100));
    await h.fake
      .dispatchSlashCommand('digest set', { channel: channelId, time: '09:00', timezone: 'Europe/London' }, { user: h.fake.users.owner })
      .waitForReply();
    const next = upcomingRun((await digestStoreFor(h.bot.context).getSettings(h.fake.guildId))!, h.clock.now(), false);
    h.clock.advance(next.at.getTime() - h.clock.now().getTime() + 60_000);
    expect((await digestSchedulerOf(h.bot.context)!.tick()).map((o) => o.status)).toEqual(['posted']);
    await h.fake.waitForPostedMessage(channelId);
  });
});

describe('GIVEN SHARD_COUNT=2 and SHARD_IDS=0 (the other shard runs elsewhere)', () => {
  test('THEN only shard 0 identifies, and the guild on shard 1 is left to its own process, daily post included', async () => {
    const h = await startBotAgainstFake({
      fake: { guildId: snowflakeOnShard(1, 2), shards: 2 },
      env: { SHARD_COUNT: '2', SHARD_IDS: '0' },
    });
    try {
      expect(h.fake.identifies.map((i) => i.shard)).toEqual([[0, 2]]);
      expect(h.bot.client.guilds.cache.has(h.fake.guildId)).toBe(false);
      // The settings exist in the shared store (set through the process that runs shard 1); this one must not post.
      await digestStoreFor(h.bot.context).saveSettings(h.fake.guildId, settings({ channelId: h.fake.defaultChannelId }));
      const next = upcomingRun((await digestStoreFor(h.bot.context).getSettings(h.fake.guildId))!, h.clock.now(), false);
      h.clock.advance(next.at.getTime() - h.clock.now().getTime() + 60_000);
      expect(await digestSchedulerOf(h.bot.context)!.tick()).toEqual([]);
      expect(await digestStoreFor(h.bot.context).claims.isClaimed(h.fake.guildId, next.date)).toBe(false);
      // A DM still reaches this process: shard 0 carries direct messages.
      const dm = h.fake.dispatchSlashCommand('help', {}, { user: h.fake.users.bob, dm: true });
      await dm.waitForReply();
      expect(dm.deliveredToShards).toEqual([0]);
    } finally {
      await h.stop();
    }
  }, 60_000);
});
