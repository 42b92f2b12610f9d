import Keyv from 'keyv';
import { createLogger, silentLogger } from '../../src/log';
import {
  DigestDisableError,
  runDueDigests,
  postDigestForDay,
  retryDelayMs,
  type DigestSend,
  type DigestSendRequest,
} from '../../src/digest/run';
import type { Archive } from '../../src/corpus/types';
import { createDigestScheduler } from '../../src/digest/scheduler';
import { selectDigestItem } from '../../src/digest/select';
import { DigestStore } from '../../src/digest/store';
import { localDateOf } from '../../src/digest/dates';
import { DAY, HOUR, MINUTE, MovedClock, localTime, recordingSend, settings } from './helpers';
import { sampleArchive } from './fixtures';

const GUILD = '100000000000000001';

async function setup(start: string, overrides = {}) {
  const keyv = new Keyv();
  const store = new DigestStore(keyv);
  await store.saveSettings(GUILD, settings(overrides));
  const clock = new MovedClock(new Date(start));
  const rec = recordingSend(clock.now);
  return { keyv, store, clock, ...rec, archive: sampleArchive() };
}

/** Polls every `step` from the clock's current time for `span`, as the scheduler would. */
async function pollFor(
  ctx: { store: DigestStore; clock: MovedClock; send: DigestSend; archive: Archive },
  span: number,
  step = 30 * MINUTE,
  owner = 'p1',
) {
  const end = ctx.clock.current.getTime() + span;
  while (ctx.clock.current.getTime() <= end) {
    await runDueDigests({ now: ctx.clock.now(), store: ctx.store, archive: ctx.archive, send: ctx.send, logger: silentLogger, owner });
    ctx.clock.advance(step);
  }
}

describe('runDueDigests', () => {
  test('posts once a day at 09:00 local time across the spring daylight-saving change', async () => {
    const ctx = await setup('2025-03-27T00:00:00Z');
    await pollFor(ctx, 5 * DAY, 30 * MINUTE);
    expect(ctx.sent.map((s) => s.date)).toEqual(['2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30', '2025-03-31']);
    for (const s of ctx.sent) expect(localTime(s.at, 'Europe/London')).toBe('09:00');
    expect(ctx.sent.map((s) => s.at.toISOString().slice(11, 16))).toEqual(['09:00', '09:00', '09:00', '08:00', '08:00']);
  });

  test('posts at the set local time in another zone across its autumn change', async () => {
    const ctx = await setup('2025-11-01T00:00:00Z', {
      time: '07:45',
      timezone: 'America/New_York',
      activeSince: '2025-11-01T00:00:00.000Z',
    });
    await pollFor(ctx, 4 * DAY, 15 * MINUTE);
    expect(ctx.sent.map((s) => localTime(s.at, 'America/New_York'))).toEqual(['07:45', '07:45', '07:45', '07:45']);
    expect(ctx.sent.map((s) => s.date)).toEqual(['2025-11-01', '2025-11-02', '2025-11-03', '2025-11-04']);
  });

  test('exactly once a day across a simulated restart (a new store and process over the same data)', async () => {
    const ctx = await setup('2025-01-10T08:00:00Z');
    await pollFor(ctx, 2 * HOUR, 30 * MINUTE, 'first-process');
    expect(ctx.sent).toHaveLength(1);
    // "Restart": everything in memory is gone except the store's data; a new owner id, new DigestStore.
    const restarted = { ...ctx, store: new DigestStore(ctx.keyv) };
    await pollFor(restarted, 6 * HOUR, 30 * MINUTE, 'second-process');
    expect(ctx.sent).toHaveLength(1);
    await pollFor(restarted, DAY, 30 * MINUTE, 'second-process');
    expect(ctx.sent.map((s) => s.date)).toEqual(['2025-01-10', '2025-01-11']);
  });

  test('after days of downtime: one catch-up post at start-up, never the backlog', async () => {
    const ctx = await setup('2025-01-10T08:00:00Z');
    await pollFor(ctx, 2 * HOUR);
    expect(ctx.sent).toHaveLength(1);
    // Down for three and a half days; back at 14:00 on the 14th.
    ctx.clock.set('2025-01-14T14:00:00Z');
    await pollFor(ctx, 6 * HOUR, 5 * MINUTE);
    expect(ctx.sent.map((s) => s.date)).toEqual(['2025-01-10', '2025-01-14']);
    expect(ctx.sent[1].at.toISOString()).toBe('2025-01-14T14:00:00.000Z');
  });

  test("saving settings after today's time waits for tomorrow", async () => {
    const ctx = await setup('2025-01-10T15:00:00Z', { activeSince: '2025-01-10T15:00:00.000Z' });
    await pollFor(ctx, 17 * HOUR);
    expect(ctx.sent).toHaveLength(0);
    await pollFor(ctx, 2 * HOUR);
    expect(ctx.sent.map((s) => s.date)).toEqual(['2025-01-11']);
  });

  test('a deleted channel or lost permission disables the digest with a reason, and it stops trying', async () => {
    const ctx = await setup('2025-01-10T08:55:00Z');
    ctx.failNext.push(new DigestDisableError('The channel was deleted. Choose another with /digest set.', 10003));
    await pollFor(ctx, 3 * DAY);
    expect(ctx.sent).toHaveLength(0);
    const saved = await ctx.store.getSettings(GUILD);
    expect(saved).toMatchObject({
      enabled: false,
      disabledReason: 'The channel was deleted. Choose another with /digest set.',
      channelId: settings().channelId,
    });
    expect(await ctx.store.claims.isClaimed(GUILD, '2025-01-10')).toBe(false);
  });

  test('a failed send releases the claim and retries with backoff, then posts once', async () => {
    const ctx = await setup('2025-01-10T09:00:00Z');
    ctx.failNext.push(new Error('503 Service Unavailable'), new Error('socket hang up'));
    const attempts: string[] = [];
    const send = ctx.send;
    ctx.send = async (r: DigestSendRequest) => {
      attempts.push(ctx.clock.now().toISOString().slice(11, 16));
      return send(r);
    };
    await pollFor(ctx, 2 * HOUR, 30 * 1000);
    // First try at 09:00, retry after 1 minute, then after 2 more: three attempts, one post.
    expect(attempts).toEqual(['09:00', '09:01', '09:03']);
    expect(ctx.sent).toHaveLength(1);
    expect(await ctx.store.getRetry(GUILD)).toBeNull();
    expect(retryDelayMs(1)).toBe(MINUTE);
    expect(retryDelayMs(20)).toBe(30 * MINUTE);
  });

  test('a server switched off gets nothing, and keeps its history', async () => {
    const ctx = await setup('2025-01-10T08:00:00Z');
    await pollFor(ctx, 2 * HOUR);
    await ctx.store.saveSettings(GUILD, settings({ enabled: false }));
    await pollFor(ctx, 2 * DAY);
    expect(ctx.sent).toHaveLength(1);
    expect((await ctx.store.getHistory(GUILD)).entries).toHaveLength(1);
  });

  test('the preview is exactly what gets posted', async () => {
    const ctx = await setup('2025-01-10T08:00:00Z');
    await pollFor(ctx, 3 * DAY);
    const date = '2025-01-14';
    const preview = selectDigestItem({ archive: ctx.archive, date, serverId: GUILD, history: await ctx.store.getHistory(GUILD) });
    ctx.clock.set('2025-01-14T09:00:00Z');
    await pollFor(ctx, 0);
    expect(ctx.sent[ctx.sent.length - 1]).toMatchObject({ date, item: preview });
  });

  test("/digest now counts as today's post: the scheduled time then posts nothing more", async () => {
    const ctx = await setup('2025-01-10T07:00:00Z');
    const now = ctx.clock.now();
    const outcome = await postDigestForDay({
      serverId: GUILD,
      settings: settings(),
      date: localDateOf(now, 'Europe/London'),
      now,
      store: ctx.store,
      archive: ctx.archive,
      send: ctx.send,
      logger: silentLogger,
      owner: 'cmd',
    });
    expect(outcome.status).toBe('posted');
    await pollFor(ctx, 6 * HOUR);
    expect(ctx.sent).toHaveLength(1);
    const again = await postDigestForDay({
      serverId: GUILD,
      settings: settings(),
      date: '2025-01-10',
      now: ctx.clock.now(),
      store: ctx.store,
      archive: ctx.archive,
      send: ctx.send,
      logger: silentLogger,
      owner: 'cmd',
    });
    expect(again.status).toBe('already-posted');
  });
});

describe('digest scheduler loop', () => {
  function manualTimers() {
    const pending: { fn: () => void; ms: number }[] = [];
    return {
      pending,
      timers: { setTimeout: (fn: () => void, ms: number) => pending.push({ fn, ms }), clearTimeout: () => pending.splice(0) },
    };
  }
  const flush = () => new Promise((r) => setImmediate(r));

  test('a damaged store is reported once, clearly, and polling slows down instead of crashing', async () => {
    const keyv = new Keyv();
    await keyv.set('digest:servers', 'not a list');
    const lines: string[] = [];
    const logger = createLogger({ write: (l) => lines.push(l) });
    const { pending, timers } = manualTimers();
    const clock = new MovedClock(new Date('2025-01-10T09:00:00Z'));
    const rec = recordingSend(clock.now);
    const scheduler = createDigestScheduler({
      store: new DigestStore(keyv),
      archive: sampleArchive(),
      send: rec.send,
      logger,
      now: clock.now,
      timers,
    });
    scheduler.start();
    await flush();
    for (let i = 0; i < 3; i++) {
      const next = pending.shift()!;
      expect(next.ms).toBe(5 * 60_000);
      next.fn();
      await flush();
    }
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].err).toMatch(/list of configured servers is unreadable/);
    // Repaired: the next poll works, posts, and the interval returns to normal.
    await keyv.set('digest:servers', []);
    const store = new DigestStore(keyv);
    await store.saveSettings(GUILD, settings());
    pending.shift()!.fn();
    await flush();
    await flush();
    expect(rec.sent).toHaveLength(1);
    expect(pending[0].ms).toBe(30_000);
    scheduler.stop();
    expect(pending).toHaveLength(0);
  });

  test('polls are skipped while the client is not ready', async () => {
    const keyv = new Keyv();
    const store = new DigestStore(keyv);
    await store.saveSettings(GUILD, settings());
    const clock = new MovedClock(new Date('2025-01-10T09:00:00Z'));
    const rec = recordingSend(clock.now);
    let ready = false;
    const scheduler = createDigestScheduler({
      store,
      archive: sampleArchive(),
      send: rec.send,
      logger: silentLogger,
      now: clock.now,
      timers: manualTimers().timers,
      isReady: () => ready,
    });
    await scheduler.tick();
    expect(rec.sent).toHaveLength(0);
    ready = true;
    await scheduler.tick();
    expect(rec.sent).toHaveLength(1);
  });
});
