/** writeFileAtomic, which the archive, search-index and statistics caches are written with. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../src/util/writeFileAtomic';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'write-atomic-'));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

test('two writes of one file in the same millisecond both succeed and leave one whole version, no temp files', async () => {
  jest.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
  const file = path.join(dir, 'sub', 'cache.bin');
  const a = 'a'.repeat(300_000);
  const b = 'b'.repeat(200_000);
  await Promise.all([writeFileAtomic(file, [a]), writeFileAtomic(file, [b])]);
  expect([a, b]).toContain(await readFile(file, 'utf8'));
  expect(await readdir(path.dirname(file))).toEqual(['cache.bin']);
});

test('writes string and byte parts in order', async () => {
  const file = path.join(dir, 'x');
  await writeFileAtomic(file, ['head\n', Buffer.from('body')]);
  expect(await readFile(file, 'utf8')).toBe('head\nbody');
});
