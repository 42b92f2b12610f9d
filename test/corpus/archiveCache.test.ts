import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ARCHIVE_CACHE_FILE_NAME, loadArchiveCached } from '../../src/corpus/archiveCache';
import { ArchiveUnusableError, loadArchive } from '../../src/corpus/loadArchive';
import { createLogger } from '../../src/log';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');
let work: string;
let archiveDir: string;
let cacheDir: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'archive-cache-'));
  archiveDir = path.join(work, 'archive');
  cacheDir = path.join(work, 'cache');
  await cp(SEEDS, archiveDir, { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l)) }) };
}

describe('loadArchiveCached', () => {
  it('parses the first time, then serves the same posts and problems from the cache', async () => {
    const first = await loadArchiveCached(archiveDir, { cacheDir });
    expect(first).toMatchObject({ fromCache: false, reason: 'no cache' });
    const second = await loadArchiveCached(archiveDir, { cacheDir });
    expect(second.fromCache).toBe(true);
    expect(second.archive.posts).toEqual((await loadArchive(archiveDir)).posts);
    // The declared-count mismatch of seed 004 is still reported on a cached start.
    expect(second.archive.problems.some((p) => /declares 22 comments but 21/.test(p.message))).toBe(true);
    expect(await readdir(cacheDir)).toEqual([ARCHIVE_CACHE_FILE_NAME]);
  });

  it('parses again when a file changes, is added, or the link base changes', async () => {
    await loadArchiveCached(archiveDir, { cacheDir });
    await appendFile(path.join(archiveDir, '000_5d0eacbc3c68efdd.txt'), '\n');
    expect(await loadArchiveCached(archiveDir, { cacheDir })).toMatchObject({
      fromCache: false,
      reason: 'archive files or parser changed',
    });
    await writeFile(path.join(archiveDir, 'zzz_new.txt'), 'Monday 1 January 2024\n\nNew Year\n\nHappy new year.\n\nNo comments:\n');
    const withNew = await loadArchiveCached(archiveDir, { cacheDir });
    expect(withNew.fromCache).toBe(false);
    expect(withNew.archive.posts.some((p) => p.title === 'New Year')).toBe(true);
    const otherBlog = await loadArchiveCached(archiveDir, { cacheDir, blogUrl: 'https://example.org' });
    expect(otherBlog.fromCache).toBe(false);
    expect(otherBlog.archive.posts.find((p) => p.date)!.url).toMatch(/^https:\/\/example\.org\//);
  });

  it('parses over a corrupt cache, with a warning, and mends it', async () => {
    await loadArchiveCached(archiveDir, { cacheDir });
    await writeFile(path.join(cacheDir, ARCHIVE_CACHE_FILE_NAME), 'not a snapshot at all');
    const { lines, logger } = recordingLogger();
    const result = await loadArchiveCached(archiveDir, { cacheDir, logger });
    expect(result.fromCache).toBe(false);
    expect(result.archive.posts).toHaveLength(5);
    expect(lines.some((l) => l.level === 'warn' && l.msg === 'archive cache unusable, parsing the archive')).toBe(true);
    expect((await loadArchiveCached(archiveDir, { cacheDir })).fromCache).toBe(true);
  });

  it('reports a missing folder exactly as loadArchive does', async () => {
    await expect(loadArchiveCached(path.join(work, 'nowhere'), { cacheDir })).rejects.toBeInstanceOf(ArchiveUnusableError);
  });
});

describe('loadArchiveCached and edits that keep size and modification time', () => {
  it('sees a same-length edit whose modification time was put back (touch -r), and serves the new text', async () => {
    const file = path.join(archiveDir, '000_5d0eacbc3c68efdd.txt');
    await loadArchiveCached(archiveDir, { cacheDir });
    const reference = path.join(work, 'reference');
    execFileSync('touch', ['-r', file, reference]);
    const before = await stat(file);
    const text = await readFile(file, 'latin1');
    const at = text.indexOf('probation');
    expect(at).toBeGreaterThan(0);
    await writeFile(file, text.slice(0, at) + 'PROBATION' + text.slice(at + 'probation'.length), 'latin1');
    execFileSync('touch', ['-r', reference, file]);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const result = await loadArchiveCached(archiveDir, { cacheDir });
    expect(result).toMatchObject({ fromCache: false, reason: 'archive files or parser changed' });
    expect(JSON.stringify(result.archive.posts)).toContain('PROBATION');
  });
});

describe('loadArchiveCached over a damaged snapshot', () => {
  it('detects bytes flipped inside archive.bin by its checksum, logs it, parses again and mends the cache', async () => {
    await loadArchiveCached(archiveDir, { cacheDir });
    const snapshot = path.join(cacheDir, ARCHIVE_CACHE_FILE_NAME);
    const bytes = await readFile(snapshot);
    // Inside a comment's text: the snapshot still deserialises, only the words are wrong. Nothing else would notice.
    // V8 writes a string with one byte or two per character, depending on how it was made: look for either.
    const encoding = bytes.includes(Buffer.from('probation', 'latin1')) ? 'latin1' : 'utf16le';
    const at = bytes.indexOf(Buffer.from('probation', encoding));
    expect(at).toBeGreaterThan(0);
    bytes.set(Buffer.from('prob@tion', encoding), at);
    await writeFile(snapshot, bytes);
    const { lines, logger } = recordingLogger();
    const result = await loadArchiveCached(archiveDir, { cacheDir, logger });
    expect(result.fromCache).toBe(false);
    expect(result.reason).toMatch(/^cache corrupt \(checksum mismatch/);
    expect(JSON.stringify(result.archive.posts)).not.toContain('prob@tion');
    expect(result.archive.posts).toEqual((await loadArchive(archiveDir)).posts);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'archive cache unusable, parsing the archive', reason: result.reason }),
    );
    expect((await loadArchiveCached(archiveDir, { cacheDir })).fromCache).toBe(true);
  });
});
