/**
 * The summariser's warm-up after start: small threads spread over the archive, one per turn of the event loop (so
 * interactions are served in between), ending at once when the bot stops; the largest threads, the ones users open,
 * are never among them.
 */
import { buildCorpusStats, createSummarizer } from '../../src/summary';
import { warmUpSummaries, warmUpThreads } from '../../src/summary/warmUp';
import { makePost, syntheticComments } from './fixtures';

const archive = {
  posts: Array.from({ length: 60 }, (_, i) =>
    makePost(`p${i}`, { title: `Thread ${i}`, comments: syntheticComments(i % 3 === 0 ? 200 : 5 + i, i + 1) }),
  ),
};

describe('warmUpThreads', () => {
  test('picks small threads (10–40 comments) spread over the archive, never the large ones', () => {
    const ids = warmUpThreads(archive, 8);
    expect(ids).toHaveLength(8);
    for (const id of ids) {
      const n = archive.posts.find((p) => p.id === id)!.comments.length;
      expect(n).toBeGreaterThanOrEqual(10);
      expect(n).toBeLessThanOrEqual(40);
    }
    const positions = ids.map((id) => archive.posts.findIndex((p) => p.id === id));
    expect(positions[positions.length - 1] - positions[0]).toBeGreaterThan(15);
  });
});

describe('warmUpSummaries', () => {
  const stats = buildCorpusStats(archive);

  test('summarises each chosen thread once, after a pause each, and leaves them cached', async () => {
    const summarizer = createSummarizer(archive, { stats });
    let pauses = 0;
    const done = await warmUpSummaries(summarizer, archive, { count: 6, pause: async () => void pauses++ });
    expect(done).toBe(6);
    expect(pauses).toBe(6);
    expect(summarizer.cached).toBe(6);
  });

  test('stops at once when the bot is stopping', async () => {
    const summarizer = createSummarizer(archive, { stats });
    let stopping = false;
    let pauses = 0;
    const done = await warmUpSummaries(summarizer, archive, {
      count: 6,
      pause: async () => {
        if (++pauses === 3) stopping = true;
      },
      shouldStop: () => stopping,
    });
    expect(done).toBe(2);
    expect(summarizer.cached).toBe(2);
  });
});
