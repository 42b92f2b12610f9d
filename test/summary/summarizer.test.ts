import { buildCorpusStats, buildCorpusStatsAsync, createSummarizer } from '../../src/summary';
import { processTerm } from '../../src/text';
import { makePost } from './fixtures';

const posts = [
  makePost('p1', { comments: [{ text: 'The pay offer is an insult to every member of staff.' }] }),
  makePost('p2', { body: 'Caseloads are rising again across the region.', comments: [] }),
  makePost('p3', { body: 'The merger of prisons and probation is going ahead.', comments: [] }),
];

describe('createSummarizer', () => {
  test('gives the summary of a post by id, and null for an unknown id', () => {
    const s = createSummarizer({ posts });
    expect(s.summarize('p1')).toMatchObject({ postId: 'p1', stats: { comments: 1 } });
    expect(s.summarize('nope')).toBeNull();
  });

  test('remembers summaries, keeping only the most recently used', () => {
    const s = createSummarizer({ posts }, { maxEntries: 2 });
    const first = s.summarize('p1');
    expect(s.summarize('p1')).toBe(first);
    s.summarize('p2');
    s.summarize('p1'); // p1 is now the most recent, so p2 goes when p3 comes in
    s.summarize('p3');
    expect(s.cached).toBe(2);
    expect(s.summarize('p1')).toBe(first);
  });

  test('can share stats built elsewhere', () => {
    const stats = buildCorpusStats({ posts });
    expect(stats.documents).toBe(3);
    expect(createSummarizer({ posts }, { stats }).stats).toBe(stats);
  });
});

describe('buildCorpusStats', () => {
  test('counts each term once per thread, over title, body and readable comments only', () => {
    const stats = buildCorpusStats({
      posts: [
        makePost('x', { title: 'Offer', body: 'offer offer offer', comments: [{ text: 'secret words', removed: true }] }),
        makePost('y', { title: 'Other', body: 'The offers were made.', comments: [] }),
      ],
    });
    expect(stats.documentFrequency.get('offer')).toBe(2);
    expect(stats.documentFrequency.has('secret')).toBe(false);
    expect(stats.documentFrequency.has('the')).toBe(false);
  });

  test('counts the terms the index and the summaries make, even where lower-casing a text changes its length', () => {
    const stats = buildCorpusStats({ posts: [makePost('i', { title: 'İstanbul', body: 'A visit to İzmir and Istanbul.', comments: [] })] });
    expect(stats.documentFrequency.get(processTerm('İstanbul')!)).toBe(1);
    expect(stats.documentFrequency.get(processTerm('İzmir')!)).toBe(1);
    expect(stats.documentFrequency.has('stanbul')).toBe(false);
  });
});

test('buildCorpusStatsAsync counts the same as buildCorpusStats', async () => {
  const many = Array.from({ length: 7 }, (_, i) => makePost(`m${i}`, { body: i % 2 ? 'Offers of pay.' : 'Caseloads rising.' }));
  const sync = buildCorpusStats({ posts: many });
  const async = await buildCorpusStatsAsync({ posts: many }, 2);
  expect(async.documents).toBe(7);
  expect([...async.documentFrequency.entries()].sort()).toEqual([...sync.documentFrequency.entries()].sort());
  expect(async.documentFrequency.get('offer')).toBe(3);
});
