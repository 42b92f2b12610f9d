/**
 * The contract, through the real `npm start` against the fake Discord and real servers:
 *   DATABASE_URL=postgres://user:pass@127.0.0.1:PORT/db and redis://127.0.0.1:PORT work;
 *   HEALTH_PORT=N serves /healthz and /metrics;
 *   SHARD_COUNT=2 makes two gateway identifies, with shard [0,2] and [1,2], and both shards serve commands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployCommands } from '../../src/discord/deployCommands';
import { snowflakeOnShard, startFakeDiscord, type FakeDiscord } from '../fakeDiscord';
import { describeWithServers } from '../servers/binaries';
import { freePort } from '../servers/ports';
import { startPostgres, type PostgresServer } from '../servers/postgres';
import { startRedis, type RedisServer } from '../servers/redis';
import { SEEDS_DIR } from './harness';
import { npmStart, type NpmStart } from './npmStart';

jest.setTimeout(120_000);

const LONG_QUERY = 'probation officers caseload workload management sickness recruitment retention training pay';
type Button = { custom_id?: string; label?: string };
const buttonsOf = (m: { components: unknown[] }) => m.components.flatMap((row) => (row as { components?: Button[] }).components ?? []);

describeWithServers(['postgres', 'redis'], 'GIVEN npm start on a server store', () => {
  let pg: PostgresServer;
  let redis: RedisServer;
  let fake: FakeDiscord | undefined;
  let bot: NpmStart | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([pg?.stop(), redis?.stop()]);
  });
  afterEach(async () => {
    bot?.kill();
    bot = undefined;
    await fake?.close();
    fake = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>): Promise<{ fake: FakeDiscord; bot: NpmStart; base: string }> {
    // The guild lives on shard 1 of 2, so with two shards a guild command can only arrive through shard 1.
    fake = await startFakeDiscord({ guildId: snowflakeOnShard(1, 2), shards: 2, maxConcurrency: 2 });
    await deployCommands({ token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'scale-out-'));
    const port = await freePort();
    bot = npmStart({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_API_URL: fake.apiUrl,
      ARCHIVE_DIR: SEEDS_DIR,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      HEALTH_PORT: String(port),
      ...env,
    });
    await bot.waitForLog((l) => l.msg === 'bot ready', 90_000);
    return { fake, bot, base: `http://127.0.0.1:${port}` };
  }

  test('WHEN DATABASE_URL is postgres://user:pass@… and SHARD_COUNT=2 THEN two shards identify, both serve commands, state lives in PostgreSQL, and the password is never printed', async () => {
    const { fake, bot, base } = await start({ DATABASE_URL: pg.url, SHARD_COUNT: '2' });
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const search = fake.dispatchSlashCommand('search', { query: LONG_QUERY }, { user: fake.users.alice });
    const page1 = await search.waitForReply();
    expect(search.deliveredToShards).toEqual([1]);
    // The query is too long for a custom_id: the Next button's state is a key in PostgreSQL.
    const next = buttonsOf(page1).find((b) => b.label === 'Next')!;
    expect(next.custom_id).toMatch(/~[\w-]+$/);
    expect(Number(await pg.psql(`SELECT count(*) FROM keyv WHERE key LIKE 'bot:state:%'`))).toBeGreaterThan(0);
    const press = fake.dispatchButton(page1, next.custom_id!, { user: fake.users.alice });
    const page2 = await press.waitForAnswer(5000);
    expect((page2.embeds[0] as { footer: { text: string } }).footer.text).toMatch(/^Page 2 of/);

    const help = fake.dispatchSlashCommand('help', {}, { user: fake.users.bob, dm: true });
    await help.waitForReply();
    expect(help.deliveredToShards).toEqual([0]);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      gateway: {
        ready: true,
        shards: [
          { id: 0, up: true },
          { id: 1, up: true },
        ],
      },
      store: { backend: 'postgres', reachable: true },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('archive_bot_interactions_total{type="command",command="search",outcome="ok"} 1');
    expect(metrics).toContain('archive_bot_interactions_total{type="component",command="search",outcome="ok"} 1');
    expect(metrics).toContain('archive_bot_gateway_shard_up{shard="1"} 1');

    process.kill(-bot.pid, 'SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(JSON.stringify(bot.logs)).not.toContain(pg.password);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'opening the store', store: expect.stringContaining(':[redacted]@127.0.0.1') }),
    );
  });

  test('WHEN DATABASE_URL is redis://127.0.0.1:PORT THEN the bot starts, serves and keeps its state in Redis', async () => {
    const { fake, bot, base } = await start({ DATABASE_URL: redis.url });
    expect(fake.identifies.map((i) => i.shard)).toEqual([[0, 1]]);
    const reply = await fake.dispatchSlashCommand('search', { query: LONG_QUERY }, { user: fake.users.alice }).waitForReply();
    const next = buttonsOf(reply).find((b) => b.label === 'Next')!;
    expect(next.custom_id).toMatch(/~[\w-]+$/);
    const page2 = await fake.dispatchButton(reply, next.custom_id!, { user: fake.users.alice }).waitForAnswer(5000);
    expect((page2.embeds[0] as { footer: { text: string } }).footer.text).toMatch(/^Page 2 of/);
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: 'ok', store: { backend: 'redis', reachable: true } });
    process.kill(-bot.pid, 'SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  });

  test('WHEN the PostgreSQL password is wrong THEN npm start exits 1 saying so, without printing it', async () => {
    const url = new URL(pg.url);
    url.password = 'not-the-Password-42';
    fake = await startFakeDiscord();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'scale-out-'));
    bot = npmStart({
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      ARCHIVE_DIR: SEEDS_DIR,
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
    });
    expect((await bot.exited).code).toBe(1);
    const output = JSON.stringify(bot.logs);
    expect(output).toContain('PostgreSQL rejected the user name or password in DATABASE_URL');
    expect(output).not.toContain('not-the-Password-42');
  });
});
