import fc from 'fast-check';
import { buildSearchIndex } from '../../src/search';
import { kthLargest } from '../../src/search/paging';
import { archive, post } from './fixtures';

// Enough matches that pages run past the best 200 (the window that gets the exact-form boost).
const comments: Array<[string, string]> = Array.from({ length: 260 }, (_, i) => [
  String(i + 1),
  i % 3 === 0 ? `The offers ${'word '.repeat(i % 17)}were poor.` : `The offer ${'filler '.repeat(i % 13)}was poor, offer ${i}.`,
]);
const index = buildSearchIndex(archive(post('eeee5555', 'Pay', '2022-01-01', 'Nothing here.', comments)));

describe('paging deep into a large result list', () => {
  const all = index.search('offer', { limit: 1000 });

  it('counts every match and returns them all once', () => {
    expect(all.total).toBe(260);
    expect(new Set(all.hits.map((h) => h.id)).size).toBe(260);
  });

  it('gives every page the same order as one long page, across the end of the reranked window', () => {
    const paged = [];
    for (let offset = 0; offset < 260; offset += 7) paged.push(...index.search('offer', { limit: 7, offset }).hits.map((h) => h.id));
    expect(paged).toEqual(all.hits.map((h) => h.id));
    for (let i = 1; i < all.hits.length; i++) expect(all.hits[i - 1].score).toBeGreaterThanOrEqual(all.hits[i].score);
  });

  it('ranks units with the word exactly as typed above other forms of it', () => {
    expect(all.hits.slice(0, 20).every((h) => /\boffer\b/.test(h.text))).toBe(true);
  });
});

describe('kthLargest', () => {
  it('finds the k-th largest score as sorting would, with ties and repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }), fc.nat(), (ints, pick) => {
        const values = Float64Array.from(ints, (i) => i / 4);
        const k = 1 + (pick % values.length);
        const sorted = [...values].sort((a, b) => b - a);
        expect(kthLargest(values.slice(), k)).toBe(sorted[k - 1]);
      }),
      { numRuns: 500 },
    );
  });
});
