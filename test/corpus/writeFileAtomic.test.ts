/** writeFileAtomic, which the archive, search-index and statistics caches are written with. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  crc32,
  crc32Portable,
  DamagedFileError,
  readChecksummedFile,
  writeChecksummedFile,
  writeFileAtomic,
} from '../../src/util/writeFileAtomic';

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

describe('checksummed cache files', () => {
  test('read back exactly what was written, string and byte parts in order', async () => {
    const file = path.join(dir, 'c.bin');
    await writeChecksummedFile(file, ['head\n', Buffer.from([0, 1, 2, 255])]);
    expect(await readChecksummedFile(file)).toEqual(Buffer.concat([Buffer.from('head\n'), Buffer.from([0, 1, 2, 255])]));
  });

  test.each([
    ['one flipped bit in the content', (b: Buffer) => (b[3] ^= 0x01), /checksum mismatch/],
    ['the file cut short', (b: Buffer) => b.subarray(0, b.length - 5), /no checksum footer/],
    ['bytes lost from the middle', (b: Buffer) => Buffer.concat([b.subarray(0, 2), b.subarray(4)]), /length mismatch/],
    ['a file from before checksums', () => Buffer.from('{"format":"old"}'), /no checksum footer/],
  ])('refuse %s with DamagedFileError', async (_name, damage, message) => {
    const file = path.join(dir, 'c.bin');
    await writeChecksummedFile(file, ['0123456789abcdef']);
    const bytes = await readFile(file);
    const damaged = damage(bytes);
    await writeFile(file, Buffer.isBuffer(damaged) ? damaged : bytes);
    const error = await readChecksummedFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DamagedFileError);
    expect((error as Error).message).toMatch(message);
  });

  test('a missing file is the file system error, not damage (the caller reads it as "no cache")', async () => {
    await expect(readChecksummedFile(path.join(dir, 'none'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

test('the JavaScript CRC-32 (for Node before 20.15) agrees with the standard check value and with zlib, in pieces too', () => {
  expect(crc32Portable(Buffer.from('123456789'))).toBe(0xcbf43926);
  expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
  expect(crc32Portable(data.subarray(1234), crc32Portable(data.subarray(0, 1234)))).toBe(crc32(data));
});
