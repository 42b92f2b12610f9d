import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { silentLogger } from '../../src/log';
import { SqliteClaimStore, claimStoreFor } from '../../src/digest/claims';
import { runDueDigests } from '../../src/digest/run';
import { DigestStore } from '../../src/digest/store';
import { HOUR, MovedClock, recordingSend, settings } from './helpers';
import { sampleArchive } from './fixtures';

const GUILD = '100000000000000001';

// Real OS processes racing on every backend, SQLite included: claimRace.test.ts.
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

  test('a restart after posting (new connection, new owner) does not post again that day', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const first = new DigestStore(open(file));
    await first.saveSettings(GUILD, settings());
    const clock = new MovedClock(new Date('2025-02-01T09:00:00Z'));
    const rec = recordingSend(clock.now);
    await runDueDigests({
      now: clock.now(),
      store: first,
      archive: sampleArchive(),
      send: rec.send,
      logger: silentLogger,
      owner: 'before',
    });
    await opened[0].disconnect();
    const second = new DigestStore(open(file));
    clock.advance(2 * HOUR);
    await runDueDigests({
      now: clock.now(),
      store: second,
      archive: sampleArchive(),
      send: rec.send,
      logger: silentLogger,
      owner: 'after',
    });
    expect(rec.sent).toHaveLength(1);
  });
});
