/** The CLI's `trend` and `author`: the JSON contract, totals equal to `search`'s, and a PNG written with --png. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { decodePng } from '../charts/pngInspect';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'insights-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--cache-dir', path.join(dir, 'cache')], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('trend CLI', () => {
  it.each(['probation', 'pay offer', 'author:getafix', '"probation officer"', 'year:2022 union'])(
    'prints the JSON contract for %s, its total equal to search',
    async (query) => {
      const r = await cli('trend', query, '--json');
      expect(r.code).toBe(0);
      const body = JSON.parse(r.out);
      expect(Object.keys(body)).toEqual(expect.arrayContaining(['query', 'by', 'total', 'buckets', 'peaks']));
      expect(body.query).toBe(query);
      expect(body.by).toBe('year');
      const search = JSON.parse((await cli('search', query, '--json')).out);
      expect(body.total).toBe(search.total);
      expect(body.buckets.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(body.total);
      for (const b of body.buckets) expect(b.period).toMatch(/^(\d{4}|undated)$/);
      for (const p of body.peaks) expect(Object.keys(p)).toEqual(expect.arrayContaining(['period', 'postId', 'postTitle', 'count']));
    },
  );

  it('counts per month, lists undated last, and writes the chart as a PNG', async () => {
    const file = path.join(dir, 'out', 'trend.png');
    const r = await cli('trend', 'probation', '--by', 'month', '--png', file, '--json');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.by).toBe('month');
    expect(body.buckets[0].period).toBe('2021-10');
    expect(body.buckets[body.buckets.length - 1].period).toBe('undated');
    expect(r.err).toContain(`Chart written to ${file}`);
    const image = decodePng(await readFile(file));
    expect([image.width, image.height]).toEqual([800, 420]);
  });

  it('compares searches under series, and prints a text chart without --json', async () => {
    const body = JSON.parse((await cli('trend', 'pay, union', '--json')).out);
    expect(body.series.map((s: { query: string }) => s.query)).toEqual(['pay', 'union']);
    expect(body).not.toHaveProperty('total');
    const text = await cli('trend', 'pay offer');
    expect(text.out).toMatch(/^pay offer: \d+ match(es)? per year\n2021 │/);
    expect(text.out).toContain('Peaks:');
  });

  it('explains a bad --by or query with a usage error', async () => {
    const by = await cli('trend', 'pay', '--by', 'week');
    expect(by.code).toBe(2);
    expect(by.err).toContain('--by must be year or month, not "week"');
    const quote = await cli('trend', '"pay');
    expect(quote.code).toBe(2);
    expect(quote.err).toMatch(/Unbalanced quote/);
    expect((await cli('trend')).code).toBe(2);
  });
});

describe('author CLI', () => {
  it('prints the JSON contract, its count equal to search author:', async () => {
    const r = await cli('author', 'Getafix', '--json');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body).toMatchObject({ author: "'Getafix", comments: 3, firstDate: '2023-11-22', lastDate: '2023-11-22' });
    expect(body.buckets).toEqual([
      { period: '2021', count: 0 },
      { period: '2022', count: 0 },
      { period: '2023', count: 2 },
      { period: 'undated', count: 1 },
    ]);
    expect(body.threads[0]).toEqual({ postId: '662ca65b13', postTitle: 'Relationship Theme Continued', count: 2, postDate: '2023-11-22' });
    const search = JSON.parse((await cli('search', 'author:Getafix', '--json')).out);
    expect(body.comments).toBe(search.total);
  });

  it('writes a PNG and prints a text chart; a name nobody signs is zero, not an error', async () => {
    const file = path.join(dir, 'author.png');
    const r = await cli('author', 'getafix', '--png', file);
    expect(r.out).toContain("'Getafix: 3 comments");
    expect(decodePng(await readFile(file)).height).toBe(420);
    const none = JSON.parse((await cli('author', 'Nobody Here', '--json')).out);
    expect(none).toMatchObject({ comments: 0, firstDate: null, threads: [] });
    expect((await cli('author')).code).toBe(2);
  });
});
