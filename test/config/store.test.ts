import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/log';
import { openStore, StoreError } from '../../src/store/openStore';

describe('GIVEN a SQLite store URL', () => {
  test('THEN a missing folder is created and values survive reopening', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'store-')), 'nested', 'bot.sqlite');
    const first = await openStore(`sqlite://${file}`, { namespace: 'bot', logger: silentLogger });
    await first.set('k', { v: 1 });
    await first.disconnect();
    expect(existsSync(file)).toBe(true);
    const again = await openStore(`sqlite://${file}`, { namespace: 'bot', logger: silentLogger });
    expect(await again.get('k')).toEqual({ v: 1 });
    await again.disconnect();
  });

  test('THEN a corrupt file is a StoreError naming the file, at start', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'store-')), 'bot.sqlite');
    writeFileSync(file, 'this is not a database '.repeat(100));
    const err = await openStore(`sqlite://${file}`, { namespace: 'bot', logger: silentLogger }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/not a valid SQLite database/);
  });
});
