import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'search-cli-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--cache-dir', cacheDir], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('search CLI', () => {
  it('prints JSON hits with the fields the issue lists', async () => {
    const r = await cli('search', '"pay offer is mustard"', '--json');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.total).toBe(1);
    expect(body.hits[0]).toMatchObject({
      id: 'b9f170a77a-2',
      kind: 'comment',
      postId: 'b9f170a77a',
      postTitle: 'Probation Voice Must Continue to be Heard',
      postDate: '2022-09-02',
      author: null,
      snippet: expect.stringContaining('pay offer is mustard'),
    });
    expect(typeof body.hits[0].score).toBe('number');
    expect(body.hits[0].text).toContain('Thanks to the brass');
  });

  it('keeps to comments with is:comment and to the posts with is:post, in the same JSON shape', async () => {
    const comments = JSON.parse((await cli('search', 'probation is:comment', '--limit', '100', '--json')).out);
    expect(comments.query).toBe('probation is:comment');
    expect(comments.hits.length).toBeGreaterThan(20);
    expect(comments.hits.every((h: { kind: string }) => h.kind === 'comment')).toBe(true);
    const posts = JSON.parse((await cli('search', 'probation is:post', '--limit', '100', '--json')).out);
    expect(posts.hits.length).toBeGreaterThan(5);
    expect(posts.hits.every((h: { kind: string }) => h.kind === 'post')).toBe(true);
    const all = JSON.parse((await cli('search', 'probation', '--limit', '1', '--json')).out);
    expect(comments.total + posts.total).toBe(all.total);
  });

  it('pages with --limit and --offset', async () => {
    const all = JSON.parse((await cli('search', 'probation', '--json', '--limit', '6')).out);
    const page = JSON.parse((await cli('search', 'probation', '--json', '--limit', '3', '--offset', '3')).out);
    expect(page.total).toBe(all.total);
    expect(page.hits.map((h: { id: string }) => h.id)).toEqual(all.hits.slice(3).map((h: { id: string }) => h.id));
  });

  it('shows readable quotes with the matched words in bold', async () => {
    const r = await cli('search', 'Guilfoile');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^3 results for Guilfoile/);
    expect(r.out).toContain('“Mike **Guilfoyle** was a gentleman.');
  });

  it('reports a query error on stderr with exit status 2', async () => {
    const r = await cli('search', 'pay before:2022-13-01');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`"2022-13-01" isn't a valid date: use YYYY-MM-DD, YYYY-MM or YYYY`);
    expect(r.out).toBe('');
    expect((await cli('search', 'pay', '--limit', 'lots')).err).toMatch(/--limit must be a whole number/);
  });

  it('lists similar comments, and rejects an unknown id', async () => {
    const r = await cli('similar', '662ca65b13-4', '--json', '--limit', '3');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.hits.length).toBe(3);
    expect(body.hits.map((h: { id: string }) => h.id)).not.toContain('662ca65b13-4');
    const bad = await cli('similar', 'no-such-comment');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('No comment "no-such-comment"');
  });
});
