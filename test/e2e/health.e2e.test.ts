/**
 * HEALTH_PORT end to end: the real bot against the fake Discord, read over HTTP as an orchestrator and Prometheus
 * would. /healthz is 503 while the bot starts, 200 once the gateway is ready, 503 again while the gateway is down and
 * 200 after it comes back; /metrics counts real interactions and daily posts in the Prometheus text format.
 */
import { digestSchedulerOf, digestStoreFor } from '../../src/discord/digestRunner';
import { upcomingRun } from '../../src/digest/schedule';
import type { FakeDiscord } from '../fakeDiscord';
import { freePort } from '../servers/ports';
import { startBotAgainstFake, type BotAgainstFake } from './harness';

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

async function get(url: string): Promise<Answer> {
  const res = await fetch(url);
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

async function poll(url: string, until: (a: Answer) => boolean, timeoutMs = 15_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  let last: Answer | string = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const answer = await get(url);
      if (until(answer)) return answer;
      last = answer;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out polling ${url}; last: ${JSON.stringify(last)}`);
}

/** The value of one sample line `name{labels} value` in a Prometheus exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GIVEN HEALTH_PORT', () => {
  let h: BotAgainstFake;
  let base: string;
  let firstAnswer: Answer;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    let release: (() => void) | undefined;
    let fake: FakeDiscord | undefined;
    const starting = startBotAgainstFake({
      env: { HEALTH_PORT: String(port) },
      onFake: (f) => {
        fake = f;
        release = f.holdIdentify();
      },
    });
    // While the gateway holds READY back, the bot is up but not ready.
    firstAnswer = await poll(`${base}/healthz`, () => true).catch(async (err) => {
      release?.();
      await starting.then((b) => b.stop()).catch(() => undefined);
      throw err;
    });
    expect(fake).toBeDefined();
    release!();
    h = await starting;
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  test('THEN /healthz is 503 "starting" before the bot is ready', () => {
    expect(firstAnswer.status).toBe(503);
    expect(JSON.parse(firstAnswer.text)).toMatchObject({ status: 'starting', phase: 'starting', gateway: { ready: false } });
  });

  test('THEN once ready /healthz is 200 with the gateway, the archive size and the store', async () => {
    const answer = await get(`${base}/healthz`);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(answer.text);
    const posts = h.bot.context.archive.posts.length;
    expect(body).toMatchObject({
      status: 'ok',
      phase: 'ready',
      gateway: { ready: true, shards: [{ id: 0, status: 'ready', up: true }] },
      archive: { posts, comments: h.bot.context.archive.posts.reduce((n, p) => n + p.comments.length, 0) },
      store: { backend: 'sqlite', reachable: true },
    });
    expect(posts).toBeGreaterThan(0);
    expect(h.bot.health).toMatchObject({ host: '127.0.0.1' });
  });

  test('THEN /metrics counts interactions by command and outcome, with their latency', async () => {
    const { alice, bob } = h.fake.users;
    await h.fake.dispatchSlashCommand('search', { query: 'probation' }, { user: alice }).waitForReply();
    // The same user again at once: refused by the cooldown.
    const refused = await h.fake.dispatchSlashCommand('search', { query: 'probation' }, { user: alice }).waitForReply();
    expect(refused.content).toMatch(/going a bit fast/);
    await h.fake.dispatchSlashCommand('help', {}, { user: bob }).waitForReply();

    const answer = await get(`${base}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = answer.text;
    expect(sample(text, 'archive_bot_interactions_total{type="command",command="search",outcome="ok"}')).toBe(1);
    expect(sample(text, 'archive_bot_interactions_total{type="command",command="search",outcome="refused"}')).toBe(1);
    expect(sample(text, 'archive_bot_interactions_total{type="command",command="help",outcome="ok"}')).toBe(1);
    expect(sample(text, 'archive_bot_interaction_duration_seconds_count{type="command",command="search"}')).toBe(2);
    expect(sample(text, 'archive_bot_interaction_duration_seconds_bucket{le="3",type="command",command="search"}')).toBe(2);
    expect(sample(text, 'archive_bot_archive_posts')).toBe(h.bot.context.archive.posts.length);
    expect(sample(text, 'archive_bot_gateway_shard_up{shard="0"}')).toBe(1);
    expect(sample(text, 'archive_bot_store_up')).toBe(1);
    expect(sample(text, 'archive_bot_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE archive_bot_interaction_duration_seconds histogram');
  });

  test('THEN a daily post and a post that cannot be delivered are counted', async () => {
    const channelId = h.fake.defineChannel({ name: 'from-the-archive' }).id;
    await new Promise((r) => setTimeout(r, 100));
    await h.fake
      .dispatchSlashCommand('digest set', { channel: channelId, time: '09:00', timezone: 'Europe/London' }, { user: h.fake.users.owner })
      .waitForReply();
    const store = digestStoreFor(h.bot.context);
    const scheduler = digestSchedulerOf(h.bot.context)!;
    const nextRun = async (postedToday: boolean) => {
      const next = upcomingRun((await store.getSettings(h.fake.guildId))!, h.clock.now(), postedToday);
      h.clock.advance(next.at.getTime() - h.clock.now().getTime() + 60_000);
      return scheduler.tick();
    };
    await nextRun(false);
    await h.fake.waitForPostedMessage(channelId);
    // The next day the channel is gone: the digest is switched off for the server, and that is a failure to count.
    h.fake.deleteChannel(channelId);
    await new Promise((r) => setTimeout(r, 100));
    expect((await nextRun(true)).map((o) => o.status)).toEqual(['disabled']);

    const text = (await get(`${base}/metrics`)).text;
    expect(sample(text, 'archive_bot_digest_posts_total')).toBe(1);
    expect(sample(text, 'archive_bot_digest_failures_total{reason="disabled"}')).toBe(1);
    expect(sample(text, 'archive_bot_digest_failures_total{reason="retry"}')).toBe(0);
  });

  test('THEN /healthz is 503 while the gateway is down and 200 again once it is back', async () => {
    h.fake.refuseGateway(true);
    h.fake.disconnectGateway(4000);
    const down = await poll(`${base}/healthz`, (a) => a.status === 503);
    expect(JSON.parse(down.text)).toMatchObject({ status: 'gateway-down', phase: 'ready', gateway: { ready: false } });
    expect(sample((await get(`${base}/metrics`)).text, 'archive_bot_gateway_shard_up{shard="0"}')).toBe(0);
    h.fake.refuseGateway(false);
    const back = await poll(`${base}/healthz`, (a) => a.status === 200, 30_000);
    expect(JSON.parse(back.text)).toMatchObject({ status: 'ok', gateway: { ready: true } });
  }, 45_000);

  test('THEN other paths and methods are refused', async () => {
    expect((await get(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('GIVEN no HEALTH_PORT', () => {
  test('THEN no health server runs', async () => {
    const h = await startBotAgainstFake({ deploy: false });
    try {
      expect(h.bot.health).toBeNull();
    } finally {
      await h.stop();
    }
  });
});
