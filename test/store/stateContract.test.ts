/**
 * The bot's state behaves the same whichever store DATABASE_URL names: button state (with its expiry), digest
 * settings, history and retry state, the once-a-day claim, and a clear start-up error when the store is unusable.
 * Each block runs against a real SQLite file, a real PostgreSQL server and a real Redis server.
 */
import Keyv from 'keyv';
import { silentLogger } from '../../src/log';
import { openStore, StoreError, storeKindOfKeyv } from '../../src/store/openStore';
import { packState, unpackState, ExpiredStateError } from '../../src/discord/customId';
import { DigestStore } from '../../src/digest/store';
import { PostgresClaimStore, RedisClaimStore, SqliteClaimStore } from '../../src/digest/claims';
import { runDueDigests } from '../../src/digest/run';
import { settings, MovedClock, recordingSend, HOUR } from '../digest/helpers';
import { sampleArchive } from '../digest/fixtures';
import { forEachBackend, freshNamespace } from './backends';
import { freePort } from '../servers/ports';

const GUILD = '100000000000000001';
const OTHER = '100000000000000002';

forEachBackend('bot state', (backend) => {
  const opened: Keyv[] = [];
  const open = async (namespace: string) => {
    const store = await openStore(backend().url, { namespace, logger: silentLogger });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.disconnect().catch(() => undefined)));
  });

  test('the store opens on the backend DATABASE_URL names, and values survive reconnecting', async () => {
    const ns = freshNamespace();
    const first = await open(ns);
    expect(storeKindOfKeyv(first)).toBe(backend().kind);
    await first.set('k', { v: 1, text: 'naïve “quotes”' });
    await first.disconnect();
    const again = await open(ns);
    expect(await again.get('k')).toEqual({ v: 1, text: 'naïve “quotes”' });
  });

  test('namespaces keep two bots on one store apart', async () => {
    const a = await open(freshNamespace('a'));
    const b = await open(freshNamespace('b'));
    await a.set('same-key', 'from a');
    expect(await b.get('same-key')).toBeUndefined();
    await b.set('same-key', 'from b');
    expect(await a.get('same-key')).toBe('from a');
  });

  test('button state too long for a custom_id is kept, read by another connection, and expires', async () => {
    const ns = freshNamespace();
    const writer = await open(ns);
    const reader = await open(ns);
    const fields = ['123456789012345678', 'a very long query about the probation service pay offer and the union ballot in 2022', null];
    const kept = await packState(writer, fields, 20);
    expect(kept.rawArgs[0]).toMatch(/^~/);
    expect(await unpackState(reader, kept.rawArgs, '/search')).toEqual(fields);

    const brief = await packState(writer, fields, 20, 300);
    await new Promise((r) => setTimeout(r, 700));
    await expect(unpackState(reader, brief.rawArgs, '/search')).rejects.toBeInstanceOf(ExpiredStateError);
  });

  test('digest settings, history and retry state round-trip through another connection', async () => {
    const ns = freshNamespace();
    const a = new DigestStore(await open(ns));
    const b = new DigestStore(await open(ns));
    await a.saveSettings(GUILD, settings({ time: '07:30', timezone: 'America/New_York' }));
    await a.saveSettings(OTHER, settings());
    await a.saveSettings(GUILD, settings({ time: '08:00', timezone: 'America/New_York' }));
    expect(await b.servers()).toEqual([GUILD, OTHER]);
    expect(await b.getSettings(GUILD)).toMatchObject({ time: '08:00', timezone: 'America/New_York', enabled: true });

    const entry = {
      date: '2025-01-10',
      key: 'post:p1',
      consumes: ['post:p1'],
      postId: 'p1',
      postTitle: 'A post',
      commentId: null,
      cycle: 0,
      postedAt: '2025-01-10T09:00:00.000Z',
      channelId: '2',
      messageId: 'm1',
    };
    await a.recordPost(GUILD, entry);
    await a.recordPost(GUILD, { ...entry, date: '2025-01-11', key: 'post:p2', consumes: ['post:p2'], postId: 'p2', cycle: 1 });
    // A finished cycle is dropped except the newest entry.
    expect((await b.getHistory(GUILD)).entries.map((e) => e.date)).toEqual(['2025-01-11']);
    expect((await b.lastPost(GUILD))?.postId).toBe('p2');

    await a.setRetry(GUILD, { date: '2025-01-12', failures: 2, retryAt: '2025-01-12T09:02:00.000Z', lastError: 'HTTP 503' });
    expect(await b.getRetry(GUILD)).toMatchObject({ failures: 2, lastError: 'HTTP 503' });
    await a.setRetry(GUILD, null);
    expect(await b.getRetry(GUILD)).toBeNull();

    await a.disable(OTHER, 'Missing access to the channel', new Date('2025-01-12T10:00:00Z'));
    expect(await b.getSettings(OTHER)).toMatchObject({ enabled: false, disabledReason: 'Missing access to the channel' });
    expect(await b.check()).toEqual({ servers: 2, enabled: 1 });
  });

  test('the claim is decided by the server: one winner among concurrent claimants; only the holder releases it', async () => {
    const ns = freshNamespace();
    const stores = await Promise.all([1, 2, 3, 4].map(async () => new DigestStore(await open(ns))));
    const expected = { sqlite: SqliteClaimStore, postgres: PostgresClaimStore, redis: RedisClaimStore }[backend().kind];
    for (const s of stores) expect(s.claims).toBeInstanceOf(expected);
    expect(stores[0].claims.crossProcess).toBe(true);

    const owners = ['a', 'b', 'c', 'd'];
    const results = await Promise.all(stores.map((s, i) => s.claims.tryClaim(GUILD, '2025-01-01', owners[i])));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = owners[results.indexOf(true)];
    const loser = owners.find((o) => o !== winner)!;

    expect(await stores[1].claims.tryClaim(GUILD, '2025-01-02', 'a')).toBe(true);
    expect(await stores[2].claims.tryClaim(OTHER, '2025-01-01', 'a')).toBe(true);
    await stores[3].claims.release(GUILD, '2025-01-01', loser);
    expect(await stores[0].claims.isClaimed(GUILD, '2025-01-01')).toBe(true);
    await stores[3].claims.release(GUILD, '2025-01-01', winner);
    expect(await stores[0].claims.isClaimed(GUILD, '2025-01-01')).toBe(false);
    expect(await stores[1].claims.tryClaim(GUILD, '2025-01-01', 'e')).toBe(true);
  });

  test('claims of bots under different namespaces do not collide', async () => {
    const one = new DigestStore(await open(freshNamespace('one')));
    const two = new DigestStore(await open(freshNamespace('two')));
    expect(await one.claims.tryClaim(GUILD, '2025-02-01', 'x')).toBe(true);
    expect(await two.claims.tryClaim(GUILD, '2025-02-01', 'y')).toBe(true);
  });

  test('two bot instances over one store post exactly once a day', async () => {
    const ns = freshNamespace();
    const a = new DigestStore(await open(ns));
    const b = new DigestStore(await open(ns));
    await a.saveSettings(GUILD, settings());
    const clock = new MovedClock(new Date('2025-02-01T08:30:00Z'));
    const rec = recordingSend(clock.now);
    const slowSend: typeof rec.send = async (r) => {
      await new Promise((res) => setTimeout(res, 5));
      return rec.send(r);
    };
    const archive = sampleArchive();
    for (let step = 0; step < 2 * 24; step++) {
      await Promise.all([
        runDueDigests({ now: clock.now(), store: a, archive, send: slowSend, logger: silentLogger, owner: 'process-a' }),
        runDueDigests({ now: clock.now(), store: b, archive, send: slowSend, logger: silentLogger, owner: 'process-b' }),
      ]);
      clock.advance(HOUR);
    }
    expect(rec.sent.map((s) => s.date)).toEqual(['2025-02-01', '2025-02-02']);
    expect((await b.getHistory(GUILD)).entries.map((e) => e.date)).toEqual(['2025-02-01', '2025-02-02']);
  });
});

forEachBackend(
  'an unusable server store',
  (backend) => {
    test('a wrong password stops start-up with a StoreError that says so and hides the password', async () => {
      const url = new URL(backend().url);
      url.password = 'wrong-Secret-123';
      const err = await openStore(url.toString(), { namespace: 'bot', logger: silentLogger }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toMatch(/rejected the user name or password/);
      expect((err as Error).message).not.toContain('wrong-Secret-123');
      expect((err as Error).message).toContain(':[redacted]@127.0.0.1');
    });

    test('nothing listening on the port stops start-up with a StoreError naming the refused connection', async () => {
      const url = new URL(backend().url);
      url.port = String(await freePort());
      const err = await openStore(url.toString(), { namespace: 'bot', logger: silentLogger }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toMatch(/refused the connection/);
      if (url.password) expect((err as Error).message).not.toContain(url.password);
    });
  },
  ['postgres', 'redis'],
);
