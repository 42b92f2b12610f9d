import type { Archive, Post } from '../../src/corpus/types';
import { buildCorpusStats, GIST_MAX_CHARS, summarizeThread } from '../../src/summary';
import type { CorpusStats, ThreadSummary } from '../../src/summary';
import { makePost, seedSummaries, syntheticComments } from './fixtures';

let archive: Archive;
let stats: CorpusStats;
let summaries: Map<string, ThreadSummary>;

beforeAll(async () => {
  ({ archive, stats, summaries } = await seedSummaries());
});

const seed = (prefix: string): Post => {
  const post = archive.posts.find((p) => p.source.startsWith(prefix));
  if (!post) throw new Error(`seed ${prefix} not loaded`);
  return post;
};

/** Every check that holds for any summary of any post. */
function expectFaithful(post: Post, s: ThreadSummary) {
  for (const sentence of s.gist) expect(post.body).toContain(sentence.text);
  expect(s.gist.map((g) => g.text).join('\n\n').length).toBeLessThanOrEqual(GIST_MAX_CHARS);
  const byId = new Map(post.comments.map((c) => [c.id, c]));
  for (const q of s.quotes) {
    const comment = byId.get(q.commentId);
    expect(comment).toBeDefined();
    expect(comment!.removed).toBe(false);
    expect(comment!.text).toContain(q.text);
    expect(q.path).toBe(`#${comment!.position}`);
    expect(q.author).toBe(comment!.author);
  }
  expect(new Set(s.quotes.map((q) => q.commentId)).size).toBe(s.quotes.length);
  const orders = s.quotes.map((q) => byId.get(q.commentId)!.order);
  expect(orders).toEqual([...orders].sort((a, b) => a - b));
}

describe('summaries of the seed threads', () => {
  test('every gist sentence and quote is verbatim from its source, from distinct comments, in thread order', () => {
    expect(archive.posts.length).toBeGreaterThanOrEqual(5);
    for (const post of archive.posts) expectFaithful(post, summaries.get(post.id)!);
  });

  test('each post has a two-or-three-sentence gist and each discussed thread three to five quotes', () => {
    for (const post of archive.posts) {
      const s = summaries.get(post.id)!;
      expect(s.gist.length).toBeGreaterThanOrEqual(2);
      expect(s.gist.length).toBeLessThanOrEqual(3);
      if (post.comments.filter((c) => !c.removed).length >= 5) {
        expect(s.quotes.length).toBeGreaterThanOrEqual(3);
        expect(s.quotes.length).toBeLessThanOrEqual(5);
      }
    }
  });

  test('terms are words and phrases as written in the thread, four to eight of them, never stop words', () => {
    for (const post of archive.posts) {
      const s = summaries.get(post.id)!;
      expect(s.terms.length).toBeGreaterThanOrEqual(4);
      expect(s.terms.length).toBeLessThanOrEqual(8);
      const text = [post.title, post.body, ...post.comments.map((c) => c.text)].join('\n');
      for (const term of s.terms) {
        expect(text).toMatch(new RegExp(`(^|[^\\p{L}])${term}`, 'u'));
        expect(['the', 'and', 'probation', 'that']).not.toContain(term.toLowerCase());
      }
    }
  });

  test('seed 001 has the right numbers and the "pay offer is mustard" sub-thread among the liveliest', () => {
    const post = seed('001');
    const s = summaries.get(post.id)!;
    expect(s.stats).toMatchObject({ comments: 40, topLevel: 11, replies: 29, removed: 0, declared: 40, declaredMismatch: false });
    expect(s.stats.busiest).toEqual({ commentId: `${post.id}-1`, position: '1', replies: 8 });
    const mustard = s.subthreads.find((t) => t.opening.includes('This pay offer is mustard'));
    expect(mustard).toMatchObject({ position: '2', replies: 7 });
    expect(s.subthreads.map((t) => t.replies)).toEqual([8, 7, 5, 4, 3]);
    expect(s.empty).toBe(false);
    expect(s.note).toBeNull();
  });

  test('a declared count that differs from the comments found is reported', () => {
    const mismatched = archive.posts.filter((p) => p.declaredCommentCount !== null && p.declaredCommentCount !== p.comments.length);
    for (const post of mismatched) {
      expect(summaries.get(post.id)!.stats).toMatchObject({
        declared: post.declaredCommentCount,
        declaredMismatch: true,
        comments: post.comments.length,
      });
    }
  });

  test('the same post and stats always give the same summary', () => {
    const post = seed('001');
    expect(summarizeThread(post, stats)).toEqual(summaries.get(post.id));
  });
});

describe('threads with nothing (or little) to read', () => {
  const empty = { documents: 1, documentFrequency: new Map<string, number>() };

  test('a post without comments still gets its gist and says so', () => {
    const s = summarizeThread(makePost('quiet', { comments: [] }), empty);
    expect(s).toMatchObject({ empty: true, note: 'No comments yet', quotes: [], subthreads: [] });
    expect(s.stats).toMatchObject({ comments: 0, topLevel: 0, replies: 0, busiest: null, deepest: null });
    expect(s.gist.length).toBeGreaterThan(0);
  });

  test('a post whose comments were all removed says how many, and quotes none', () => {
    const post = makePost('gone', {
      comments: [
        {
          text: 'Vote against the pay offer, it is an insult to staff.',
          removed: true,
          replies: [{ text: 'Agreed, vote against the offer now.', removed: true }],
        },
        { text: '', removed: true },
      ],
    });
    const s = summarizeThread(post, empty);
    expect(s).toMatchObject({ empty: true, note: 'All 3 comments were removed', quotes: [] });
    expect(s.stats).toMatchObject({ comments: 3, removed: 3, voices: 0, anonymous: 0 });
    expect(s.subthreads).toEqual([{ commentId: 'gone-1', position: '1', author: null, replies: 1, opening: '(comment removed)' }]);
  });

  test('removed comments are never quoted, even when their text is the most central', () => {
    const central = 'The pay offer is an insult and the unions must ballot members to reject the pay offer.';
    const post = makePost('mixed', {
      comments: [
        {
          text: central,
          removed: true,
          replies: [{ text: central, removed: true }, { text: 'Reject the pay offer in the ballot, says the union rep.' }],
        },
        { text: central, removed: true },
        { text: 'My caseload doubled this year and nobody in management noticed the sickness rates.', author: 'Getafix' },
        { text: 'The pay offer looks fine to me and I will accept it in the ballot.', author: 'getafix ' },
        { text: 'Court reports are now written by agency staff who never meet the person.' },
      ],
    });
    const s = summarizeThread(post, empty);
    expectFaithful(post, s);
    const removedIds = new Set(post.comments.filter((c) => c.removed).map((c) => c.id));
    expect(s.quotes.length).toBe(3);
    for (const q of s.quotes) expect(removedIds.has(q.commentId)).toBe(false);
    // Signatures that differ only in case and spacing are one voice.
    expect(s.stats).toMatchObject({ comments: 7, removed: 3, voices: 1, anonymous: 2 });
  });

  test('a short thread gets as many quotes as it has comments to quote', () => {
    const post = makePost('pair', {
      comments: [{ text: 'The pay offer is poor value for staff this year.' }, { text: 'The ballot closes next Friday so vote soon.' }],
    });
    const s = summarizeThread(post, empty);
    expect(s.quotes.map((q) => q.path)).toEqual(['#1', '#2']);
  });
});

describe('long threads', () => {
  test('a thread of several hundred comments is summarised within the sentence cap, still faithfully', () => {
    const post = makePost('big', { comments: syntheticComments(600) });
    const corpus = buildCorpusStats({ posts: [post, ...archive.posts] });
    const s = summarizeThread(post, corpus, { maxSentences: 200 });
    expectFaithful(post, s);
    expect(s.quotes).toHaveLength(5);
    expect(s.subthreads).toHaveLength(5);
    expect(s.subthreads.map((t) => t.replies)).toEqual([...s.subthreads.map((t) => t.replies)].sort((a, b) => b - a));
    expect(s.stats.deepest).not.toBeNull();
  });

  test('the longest sub-thread is the one with the most text, not the most replies', () => {
    const long = 'This is a long reply that goes into great detail about caseloads, sickness and the merger. '.repeat(10);
    const post = makePost('deep', {
      comments: [
        { text: 'Short start here.', replies: [{ text: 'Yes.' }, { text: 'No.' }, { text: 'Maybe.' }] },
        { text: 'Another start here.', replies: [{ text: long }] },
      ],
    });
    const s = summarizeThread(post, { documents: 1, documentFrequency: new Map() });
    expect(s.stats.busiest).toMatchObject({ position: '1', replies: 3 });
    expect(s.stats.deepest).toMatchObject({ position: '2', replies: 1 });
  });
});
