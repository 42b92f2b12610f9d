import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { silentLogger } from '../../src/log';
import { SqliteClaimStore, claimStoreFor } from '../../src/digest/claims';
import { runDueDigests } from '../../src/digest/run';
import { DigestStore } from '../../src/digest/store';
import { HOUR, MovedClock, recordingSend, settings } from './helpers';
import { sampleArchive } from './fixtures';

const run = promisify(execFile);
const GUILD = '100000000000000001';

describe('digest claims on a shared SQLite file', () => {
  let dir: string;
  const opened: KeyvSqlite[] = [];
  const open = (file: string) => {
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 });
    opened.push(adapter);
    return new Keyv({ store: adapter, namespace: 'bot' });
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'digest-claims-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((a) => a.disconnect().catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  test('the SQLite store gets the SQL claim, decided by the database', () => {
    const store = new DigestStore(open(path.join(dir, 'bot.sqlite')));
    expect(store.claims).toBeInstanceOf(SqliteClaimStore);
    expect(store.claims.crossProcess).toBe(true);
    expect(claimStoreFor(new Keyv()).crossProcess).toBe(false);
  });

  test('two bot instances with their own connections to one file post exactly once a day', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const a = new DigestStore(open(file));
    const b = new DigestStore(open(file));
    await a.saveSettings(GUILD, settings());
    const clock = new MovedClock(new Date('2025-02-01T08:30:00Z'));
    const rec = recordingSend(clock.now);
    // Sends that take a while, so both instances are mid-flight together.
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

  test('a restart after posting (new connection, new owner) does not post again that day', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const first = new DigestStore(open(file));
    await first.saveSettings(GUILD, settings());
    const clock = new MovedClock(new Date('2025-02-01T09:00:00Z'));
    const rec = recordingSend(clock.now);
    await runDueDigests({ now: clock.now(), store: first, archive: sampleArchive(), send: rec.send, logger: silentLogger, owner: 'before' });
    await opened[0].disconnect();
    const second = new DigestStore(open(file));
    clock.advance(2 * HOUR);
    await runDueDigests({ now: clock.now(), store: second, archive: sampleArchive(), send: rec.send, logger: silentLogger, owner: 'after' });
    expect(rec.sent).toHaveLength(1);
  });

  test('two OS processes racing for the same days: each day is won exactly once', async () => {
    const file = path.join(dir, 'race.sqlite');
    // Create the table first so both children race on the insert, not on CREATE TABLE.
    const setup = new DigestStore(open(file));
    await setup.claims.isClaimed('guild', '2000-01-01');
    const child = path.join(__dirname, 'claimRace.child.ts');
    const env = { ...process.env, RACE_START: String(Date.now() + 3000) };
    const [one, two] = await Promise.all(
      ['one', 'two'].map((owner) => run(process.execPath, ['--import', 'tsx', child, file, owner, '20'], { cwd: path.join(__dirname, '..', '..'), env })),
    );
    const wonByOne: string[] = JSON.parse(one.stdout);
    const wonByTwo: string[] = JSON.parse(two.stdout);
    expect(wonByOne.length + wonByTwo.length).toBe(20);
    expect(new Set([...wonByOne, ...wonByTwo]).size).toBe(20);
  });
});
