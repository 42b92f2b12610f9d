/**
 * Posts and comments added to a built or loaded index (what a live feed will do): found at once, counted in totals,
 * quoted in snippets and offered by "more like this", scoring as a full rebuild would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadArchiveCached } from '../../src/corpus/archiveCache';
import type { Comment, Post } from '../../src/corpus/types';
import { buildSearchIndex, loadOrBuildSearchIndex, type SearchIndex } from '../../src/search';
import { comment, post } from './fixtures';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');
const QUERIES = [
  'probation',
  'pay offer',
  '"probation officer"',
  'napo union',
  'author:Getafix',
  'grayling -privatisation',
  'omnishambles',
  'trainee',
];

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'search-add-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function results(index: SearchIndex, query: string) {
  const r = index.search(query, { limit: 50 });
  return { total: r.total, hits: r.hits.map((h) => [h.id, h.score]) };
}

describe('adding to a loaded index', () => {
  it('finds added posts as a full build of the whole archive does', async () => {
    const { archive } = await loadArchiveCached(SEEDS, { cacheDir: path.join(work, 'archive') });
    const full = buildSearchIndex(archive);
    const firstPosts = { ...archive, posts: archive.posts.slice(0, 3), fingerprint: undefined };
    const { index } = await loadOrBuildSearchIndex(firstPosts, { cacheDir: path.join(work, 'index') });
    const loaded = (await loadOrBuildSearchIndex(firstPosts, { cacheDir: path.join(work, 'index') })).index;
    for (const partial of [index, loaded]) {
      partial.addPosts(archive.posts.slice(3));
      expect(partial.size).toBe(full.size);
      for (const q of QUERIES) expect({ q, ...results(partial, q) }).toEqual({ q, ...results(full, q) });
      const someComment = archive.posts[4].comments.find((c) => !c.removed && c.text.length > 200)!;
      expect(partial.similar(someComment.id).map((h) => h.id)).toEqual(full.similar(someComment.id).map((h) => h.id));
    }
  });

  it('finds a comment added to a post it already holds, in totals, snippets, "more like this" and by id', () => {
    const thread = post('aaaa1111', 'Pay', '2022-09-02', 'The pay offer arrived today.', [
      ['1', 'This pay offer is mustard, says the union.', { author: "'Getafix" }],
      ['2', 'Gardening tips instead.'],
    ]);
    const index = buildSearchIndex({ posts: [thread] });
    expect(index.search('zeppelin').total).toBe(0);
    const before = index.search('pay offer').total;
    const added: Comment = comment('aaaa1111', '3', 'A zeppelin of a pay offer: the union says mustard again.', { author: 'Netnipper' });
    thread.comments.push(added);
    index.addComments(thread, [added]);
    const hit = index.search('zeppelin').hits[0];
    expect(hit).toMatchObject({ id: 'aaaa1111-3', postId: 'aaaa1111', author: 'Netnipper', position: '3' });
    expect(hit.snippet.text.slice(hit.snippet.highlights[0].start, hit.snippet.highlights[0].end)).toBe('zeppelin');
    expect(index.search('pay offer').total).toBe(before + 1);
    expect(index.search('author:netnipper').hits.map((h) => h.id)).toEqual(['aaaa1111-3']);
    expect(index.authors().map((a) => a.name)).toContain('Netnipper');
    expect(index.unit('aaaa1111-3')?.text).toBe(added.text);
    expect(index.similar('aaaa1111-1').map((h) => h.id)).toContain('aaaa1111-3');
    expect(index.similar('aaaa1111-3').map((h) => h.id)).toContain('aaaa1111-1');
  });

  it('keeps scoring as a rebuild would after many additions (segments merged along the way)', () => {
    const posts: Post[] = Array.from({ length: 12 }, (_, i) =>
      post(
        `p${String(i).padStart(7, '0')}`,
        `Post ${i}`,
        `2020-01-${String(i + 1).padStart(2, '0')}`,
        `Body ${i} about caseloads and pay.`,
        [
          ['1', `Comment ${i}: caseloads are ${i % 2 ? 'rising' : 'falling'} and pay is flat.`],
          ['2', `Another view ${i}: OASys takes all day.`],
        ],
      ),
    );
    const index = buildSearchIndex({ posts: posts.slice(0, 2) });
    for (let i = 2; i < posts.length; i++) index.addPosts([posts[i]]);
    const full = buildSearchIndex({ posts });
    for (const q of ['caseloads rising', 'oasys', '"pay is flat"', 'post', 'rising -falling']) {
      const a = results(index, q);
      const b = results(full, q);
      expect(a.total).toBe(b.total);
      expect(a.hits.map((h) => h[0])).toEqual(b.hits.map((h) => h[0]));
      a.hits.forEach((h, i) => expect(h[1]).toBeCloseTo(b.hits[i][1] as number, 2));
    }
  });

  it('refuses comments of a post it does not hold, or not in the post', () => {
    const thread = post('aaaa1111', 'Pay', '2022-09-02', 'Body.', [['1', 'One.']]);
    const index = buildSearchIndex({ posts: [thread] });
    const stranger = post('bbbb2222', 'Other', null, 'Body.', [['1', 'Two.']]);
    expect(() => index.addComments(stranger, stranger.comments)).toThrow(/not in the index/);
    expect(() => index.addComments(thread, [comment('aaaa1111', '2', 'Loose.')])).toThrow(/must be in post/);
  });
});
