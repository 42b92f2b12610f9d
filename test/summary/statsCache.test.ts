import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { buildCorpusStats, loadOrBuildCorpusStats } from '../../src/summary';
import { readChecksummedFile } from '../../src/util/writeFileAtomic';
import { makePost } from './fixtures';

const posts = [makePost('s1', { body: 'The pay offer is an insult.' }), makePost('s2', { body: 'Caseloads keep rising.' })];
let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'stats-cache-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadOrBuildCorpusStats', () => {
  test('counts on the first run, reads the file on the next, with the same result', async () => {
    const file = path.join(dir, 'nested', 'corpus-stats.json');
    const first = await loadOrBuildCorpusStats({ posts }, file);
    expect(first).toMatchObject({ built: true, reason: 'no cache' });
    const second = await loadOrBuildCorpusStats({ posts }, file);
    expect(second).toMatchObject({ built: false, reason: null });
    expect([...second.stats.documentFrequency]).toEqual([...buildCorpusStats({ posts }).documentFrequency]);
    expect(second.stats.documents).toBe(2);
  });

  test('a changed archive or a damaged file is counted again', async () => {
    const file = path.join(dir, 'corpus-stats.json');
    await loadOrBuildCorpusStats({ posts }, file);
    const changed = [posts[0], makePost('s2', { body: 'Caseloads keep rising fast.' })];
    const again = await loadOrBuildCorpusStats({ posts: changed }, file);
    expect(again).toMatchObject({ built: true, reason: 'archive changed' });
    expect(again.stats.documentFrequency.get('fast')).toBe(1);
    writeFileSync(file, '{"format": tru');
    expect(await loadOrBuildCorpusStats({ posts: changed }, file)).toMatchObject({
      built: true,
      reason: expect.stringMatching(/^cache corrupt/),
    });
    expect(JSON.parse((await readChecksummedFile(file)).toString('utf8')).documents).toBe(2);
  });

  test('bytes flipped inside the file are caught by its checksum: counted again, with a warning', async () => {
    const file = path.join(dir, 'corpus-stats.json');
    await loadOrBuildCorpusStats({ posts }, file);
    const bytes = readFileSync(file);
    // Still valid JSON, only a term is wrong: nothing but a checksum would notice.
    const at = bytes.indexOf('"pay"');
    expect(at).toBeGreaterThan(0);
    bytes.write('"pax"', at, 'latin1');
    writeFileSync(file, bytes);
    const lines: Array<Record<string, unknown>> = [];
    const again = await loadOrBuildCorpusStats({ posts }, file, createLogger({ write: (l) => lines.push(JSON.parse(l)) }));
    expect(again).toMatchObject({ built: true, reason: expect.stringMatching(/^cache corrupt \(checksum mismatch/) });
    expect(again.stats.documentFrequency.has('pax')).toBe(false);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'corpus stats cache unusable, counting again', reason: again.reason }),
    );
    expect((await loadOrBuildCorpusStats({ posts }, file)).built).toBe(false);
  });

  test('a file that cannot be written costs a warning, not the stats', async () => {
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, 'x');
    const lines: string[] = [];
    const result = await loadOrBuildCorpusStats(
      { posts },
      path.join(blocker, 'corpus-stats.json'),
      createLogger({ write: (l) => lines.push(l) }),
    );
    expect(result.built).toBe(true);
    expect(result.stats.documentFrequency.get('pay')).toBe(1);
    expect(lines.join('\n')).toContain('could not write the corpus stats cache');
  });
});
