import { idVector, lexRank, similarityMatrix } from '../../src/summary/centrality';
import { selectByMmr } from '../../src/summary/mmr';
import { looksLikeHeading } from '../../src/summary/sentenceShape';

const uniformIdf = () => 1;

describe('lexRank', () => {
  const sentences = [
    ['pay', 'offer', 'ballot'],
    ['pay', 'offer', 'insult'],
    ['pay', 'offer', 'union', 'ballot'],
    ['garden', 'roses', 'weather'],
  ];
  // Term ids numbered in order first met, as ThreadVocabulary numbers them.
  const vocabulary = [...new Set(sentences.flat())];
  const vectors = sentences.map((s) =>
    idVector(
      s.map((t) => vocabulary.indexOf(t)),
      uniformIdf,
    ),
  );
  const sim = similarityMatrix(vectors, vocabulary.length);

  test('similarity is a cosine: 1 with itself in direction, 0 with nothing in common', () => {
    expect(sim[0 * 4 + 3]).toBe(0);
    expect(sim[0 * 4 + 2]).toBeCloseTo(3 / Math.sqrt(3 * 4));
    expect(sim[1 * 4 + 0]).toBe(sim[0 * 4 + 1]);
  });

  test('a sentence like the others outranks an outlier; scores sum to one', () => {
    const rank = lexRank(sim, 4, [1, 1, 1, 1]);
    expect(rank.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(Math.min(rank[0], rank[1], rank[2])).toBeGreaterThan(rank[3]);
  });

  test('the prior moves the ranking', () => {
    const flat = lexRank(sim, 4, [1, 1, 1, 1]);
    const favoured = lexRank(sim, 4, [1, 1, 1, 20]);
    expect(favoured[3]).toBeGreaterThan(flat[3]);
  });
});

describe('selectByMmr', () => {
  // Items 0 and 1 say the same thing; 2 says something else, slightly less relevant.
  const relevance = [1, 0.95, 0.8];
  const similarity = (a: number, b: number) => ((a === 0 && b === 1) || (a === 1 && b === 0) ? 0.95 : 0);

  test('prefers a different view over a near-duplicate', () => {
    expect(selectByMmr([0, 1, 2], (i) => relevance[i], similarity, { count: 2, lambda: 0.7 })).toEqual([0, 2]);
  });

  test('relevance alone (λ = 1) takes the duplicate', () => {
    expect(selectByMmr([0, 1, 2], (i) => relevance[i], similarity, { count: 2, lambda: 1 })).toEqual([0, 1]);
  });

  test('never takes two items of one group', () => {
    const picked = selectByMmr(
      [0, 1, 2],
      (i) => relevance[i],
      () => 0,
      { count: 3, groupOf: (i) => (i < 2 ? 'same' : 'other') },
    );
    expect(picked).toEqual([0, 2]);
  });
});

test('headings and job titles are not sentences worth quoting', () => {
  expect(looksLikeHeading('Project Lead, One HMPPS Programme')).toBe(true);
  expect(looksLikeHeading('The ‘voice of the Probation Service’ must continue to be heard')).toBe(true);
  expect(looksLikeHeading('This pay offer is mustard.')).toBe(false);
  expect(looksLikeHeading('here we see what the Chief Inspector thinks, published today:-')).toBe(false);
});
