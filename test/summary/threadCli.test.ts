import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { SEEDS_DIR } from './fixtures';

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['thread', ...args, '--archive', SEEDS_DIR], { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('cli thread', () => {
  test('--json prints the post and its summary', async () => {
    const { code, out } = await run('probation voice', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.post).toMatchObject({
      title: 'Probation Voice Must Continue to be Heard',
      date: '2022-09-02',
      source: '001_10a277a3509ddae1.txt',
      declaredCommentCount: 40,
    });
    expect(doc.summary.stats).toMatchObject({ comments: 40, topLevel: 11, replies: 29 });
    expect(doc.summary.quotes.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(doc.summary.quotes[0]).sort()).toEqual(['author', 'commentId', 'path', 'text']);
    expect(doc.summary.gist.length).toBeGreaterThanOrEqual(2);
    // Each gist sentence says whose it is: null for the blogger, else the quoted source (Justin Russell's letter).
    for (const g of doc.summary.gist) expect(Object.keys(g).sort()).toEqual(['quoted', 'speaker', 'text']);
    expect(doc.summary.gist[0]).toMatchObject({ speaker: null, quoted: null });
    for (const g of doc.summary.gist) if (/we inspected|our latest round/.test(g.text)) expect(g.speaker).toBe('Justin Russell');
    expect(doc.summary.terms).toEqual(expect.arrayContaining(['Justin Russell', 'pay offer']));
    expect(doc.summary.subthreads[1]).toMatchObject({ position: '2', replies: 7, opening: 'This pay offer is mustard.' });
  });

  test('prints a readable summary without --json, naming the speaker of quoted post text', async () => {
    const { code, out } = await run('2022-09-02');
    expect(code).toBe(0);
    expect(out).toMatch(/Justin Russell, quoted in the post:\n\s+“/);
    expect(out).toContain('Probation Voice Must Continue to be Heard');
    expect(out).toContain('40 comments: 11 top-level, 29 replies');
    expect(out).toContain('#2 (7 replies) Anonymous: This pay offer is mustard.');
  });

  test('several matches are listed on stderr with exit 2', async () => {
    const { code, out, err } = await run('2022');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('2 threads are dated 2022');
    expect(err).toContain('Changes at the Top');
  });

  test('no match exits 1 with suggestions on stderr', async () => {
    const { code, err } = await run('relatoinship');
    expect(code).toBe(1);
    expect(err).toContain('No thread matches "relatoinship"');
    expect(err).toContain('Relationship Theme Continued');
  });

  test('a missing query is a usage error, and a missing archive a clear message', async () => {
    expect((await run()).code).toBe(2);
    const missing = await runCli(['thread', 'x', '--archive', path.join(SEEDS_DIR, 'nope')], {
      out: () => undefined,
      err: () => undefined,
    });
    expect(missing).toBe(1);
  });
});
