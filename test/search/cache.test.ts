import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CACHE_FILE_NAME, loadOrBuildSearchIndex } from '../../src/search';
import { createLogger } from '../../src/log';
import { archive, post } from './fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'search-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l)) }) };
}

const base = () =>
  archive(
    post('aaaa1111', 'Pay', '2022-09-02', 'The pay offer arrived.', [
      ['1', 'This pay offer is mustard.'],
      ['2', 'Gardening tips instead.'],
    ]),
  );

describe('loadOrBuildSearchIndex', () => {
  it('builds and writes the cache the first time, then loads it and finds the same things', async () => {
    const first = await loadOrBuildSearchIndex(base(), { cacheDir: dir });
    expect(first.built).toBe(true);
    expect(first.reason).toBe('no cache');
    expect(first.ms).toBeGreaterThanOrEqual(0);
    const { lines, logger } = recordingLogger();
    const second = await loadOrBuildSearchIndex(base(), { cacheDir: dir, logger });
    expect(second.built).toBe(false);
    expect(lines.map((l) => l.msg)).toEqual(['search index loaded from cache']);
    expect(second.index.search('mustard').hits.map((h) => h.id)).toEqual(first.index.search('mustard').hits.map((h) => h.id));
    expect(second.index.search('mustard offer', { limit: 3 })).toEqual(first.index.search('mustard offer', { limit: 3 }));
    // Written atomically: no temp file left behind.
    expect(await readdir(dir)).toEqual([CACHE_FILE_NAME]);
  });

  it('rebuilds when a comment changes, and says why', async () => {
    await loadOrBuildSearchIndex(base(), { cacheDir: dir });
    const changed = base();
    changed.posts[0].comments[1].text = 'Allotment tips instead.';
    const { lines, logger } = recordingLogger();
    const result = await loadOrBuildSearchIndex(changed, { cacheDir: dir, logger });
    expect(result.built).toBe(true);
    expect(result.reason).toBe('archive changed');
    expect(lines[0]).toMatchObject({ msg: 'building search index', reason: 'archive changed' });
    expect(result.index.search('allotment').total).toBe(1);
    // And the new cache is used next time.
    expect((await loadOrBuildSearchIndex(changed, { cacheDir: dir })).built).toBe(false);
  });

  it('rebuilds when a comment is removed', async () => {
    await loadOrBuildSearchIndex(base(), { cacheDir: dir });
    const changed = base();
    changed.posts[0].comments[0].removed = true;
    const result = await loadOrBuildSearchIndex(changed, { cacheDir: dir });
    expect(result.built).toBe(true);
    expect(result.index.search('mustard').total).toBe(0);
  });

  it.each([
    ['garbage', 'not json at all\n{'],
    ['a truncated index', null],
    ['an empty file', ''],
  ])('rebuilds over %s, logging a warning', async (_name, content) => {
    await loadOrBuildSearchIndex(base(), { cacheDir: dir });
    const file = path.join(dir, CACHE_FILE_NAME);
    const original = await readFile(file, 'utf8');
    await writeFile(file, content ?? original.slice(0, Math.floor(original.length * 0.8)));
    const { lines, logger } = recordingLogger();
    const result = await loadOrBuildSearchIndex(base(), { cacheDir: dir, logger });
    expect(result.built).toBe(true);
    expect(result.reason).toMatch(/^cache corrupt/);
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'search index cache unusable, rebuilding' });
    expect(result.index.search('mustard').total).toBe(1);
    expect((await loadOrBuildSearchIndex(base(), { cacheDir: dir })).built).toBe(false);
  });

  it('detects bytes flipped inside the index by its checksum, rebuilds with a warning and mends the cache', async () => {
    await loadOrBuildSearchIndex(base(), { cacheDir: dir });
    const file = path.join(dir, CACHE_FILE_NAME);
    const bytes = await readFile(file);
    // A unit id inside the index snapshot, past the header line: the file still parses, only the index is wrong.
    // V8 writes a string with one byte or two per character, depending on how it was made: look for either.
    const encoding = bytes.includes(Buffer.from('mustard', 'latin1')) ? 'latin1' : 'utf16le';
    const at = bytes.indexOf(Buffer.from('mustard', encoding), bytes.indexOf(0x0a));
    expect(at).toBeGreaterThan(0);
    bytes.set(Buffer.from('muxtard', encoding), at);
    await writeFile(file, bytes);
    const { lines, logger } = recordingLogger();
    const result = await loadOrBuildSearchIndex(base(), { cacheDir: dir, logger });
    expect(result.built).toBe(true);
    expect(result.reason).toMatch(/^cache corrupt \(checksum mismatch/);
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'search index cache unusable, rebuilding' });
    expect(result.index.search('mustard').total).toBe(1);
    expect((await loadOrBuildSearchIndex(base(), { cacheDir: dir })).built).toBe(false);
  });

  it('still returns an index when the cache cannot be written', async () => {
    const blocker = path.join(dir, 'file');
    await writeFile(blocker, 'x');
    const { lines, logger } = recordingLogger();
    const result = await loadOrBuildSearchIndex(base(), { cacheDir: path.join(blocker, 'sub'), logger });
    expect(result.built).toBe(true);
    expect(result.index.search('mustard').total).toBe(1);
    expect(lines.some((l) => l.level === 'warn' && l.msg === 'search index built but the cache could not be written')).toBe(true);
  });
});

describe('loadOrBuildSearchIndex with a fingerprinted archive', () => {
  it('trusts the fingerprint instead of hashing the texts, and rebuilds when it changes', async () => {
    const fingerprinted = () => ({ ...base(), fingerprint: 'files-v1' });
    expect((await loadOrBuildSearchIndex(fingerprinted(), { cacheDir: dir })).built).toBe(true);
    expect((await loadOrBuildSearchIndex(fingerprinted(), { cacheDir: dir })).built).toBe(false);
    const changed = await loadOrBuildSearchIndex({ ...fingerprinted(), fingerprint: 'files-v2' }, { cacheDir: dir });
    expect(changed).toMatchObject({ built: true, reason: 'archive changed' });
  });
});
