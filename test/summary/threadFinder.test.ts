import { loadArchive } from '../../src/corpus/loadArchive';
import type { Archive, Post } from '../../src/corpus/types';
import { CHOICE_NAME_MAX, editDistance, MAX_CHOICES, normalizeTitle, ThreadFinder } from '../../src/summary';
import { makePost, SEEDS_DIR } from './fixtures';

let archive: Archive;
let finder: ThreadFinder;
beforeAll(async () => {
  archive = await loadArchive(SEEDS_DIR, { blogUrl: null });
  finder = new ThreadFinder(archive.posts);
});
const seed = (prefix: string): Post => archive.posts.find((p) => p.source.startsWith(prefix))!;

describe('ThreadFinder.find on the seeds', () => {
  test('by id and by source file name', () => {
    const post = seed('001');
    expect(finder.find(post.id)).toEqual({ kind: 'match', post });
    expect(finder.find(` ${post.id.toUpperCase()} `)).toEqual({ kind: 'match', post });
    expect(finder.find('001_10a277a3509ddae1.txt')).toEqual({ kind: 'match', post });
  });

  test('by exact title, ignoring case, punctuation and curly quotes', () => {
    const post = seed('001');
    expect(finder.find('probation voice must continue to be heard!')).toEqual({ kind: 'match', post });
    expect(finder.find('PROBATION: voice — must continue, to be heard')).toEqual({ kind: 'match', post });
  });

  test('by a title fragment', () => {
    expect(finder.find('relationship theme')).toEqual({ kind: 'match', post: seed('003') });
    expect(finder.find('changes at')).toEqual({ kind: 'match', post: seed('000') });
    expect(finder.find('could be bett')).toEqual({ kind: 'match', post: seed('004') });
  });

  test('by date', () => {
    expect(finder.find('2022-09-02')).toEqual({ kind: 'match', post: seed('001') });
  });

  test('several matches give the choices, newest first', () => {
    const result = finder.find('2022');
    expect(result.kind).toBe('choices');
    if (result.kind !== 'choices') return;
    expect(result.posts.map((p) => p.date)).toEqual(['2022-10-25', '2022-09-02']);
    expect(result.total).toBe(2);
  });

  test('a typo gets suggestions, not silence', () => {
    const result = finder.find('relatoinship thme');
    expect(result.kind).toBe('none');
    if (result.kind !== 'none') return;
    expect(result.suggestions[0]).toBe(seed('003'));
  });

  test('a date with no post suggests the nearest ones', () => {
    const result = finder.find('2022-09-05');
    expect(result).toMatchObject({ kind: 'none' });
    if (result.kind === 'none') expect(result.suggestions[0]).toBe(seed('001'));
  });
});

describe('ThreadFinder with many posts', () => {
  const posts: Post[] = [
    makePost('a1', { title: 'Pay Offer Rejected', date: '2022-09-02' }),
    makePost('a2', { title: 'The Pay Offer', date: '2022-09-02' }),
    makePost('a3', { title: 'Napo’s View on the “Pay Offer”', date: '2021-01-01' }),
    makePost('a4', { title: 'Repay the Offer', date: '2023-05-05' }),
    makePost('a5', { title: 'Pay Offer', date: '2020-03-03' }),
    ...Array.from({ length: 60 }, (_, i) =>
      makePost(`b${i}`, {
        title: `Weekly Roundup ${i} with a rather long title that goes on and on about probation matters far beyond a hundred characters`,
        date: `2019-01-${String((i % 28) + 1).padStart(2, '0')}`,
      }),
    ),
  ];
  const many = new ThreadFinder(posts);

  test('two posts on the same day are choices', () => {
    const result = many.find('2022-09-02');
    expect(result).toMatchObject({ kind: 'choices', total: 2 });
  });

  test('an exact title wins over titles that merely contain it', () => {
    expect(many.find('pay offer')).toEqual({ kind: 'match', post: posts[4] });
  });

  test('curly quotes and apostrophes are folded', () => {
    expect(many.find('napo\'s view on the "pay offer"')).toEqual({ kind: 'match', post: posts[2] });
    expect(normalizeTitle('Napo’s “View”')).toBe('napos view');
  });

  test('autocomplete ranks exact, then prefix, then word-prefix, then contains', () => {
    const values = many.autocomplete('pay off').map((c) => c.value);
    // "Pay Offer Rejected" and "Pay Offer" start with it (newest first); "The Pay Offer" and "Napo’s View on the
    // “Pay Offer”" have words starting so; "Repay the Offer" has no word starting with "pay".
    expect(values.slice(0, 2)).toEqual(['a1', 'a5']);
    expect(values).toEqual(expect.arrayContaining(['a2', 'a3']));
    expect(values).not.toContain('a4');
    expect(many.autocomplete('pay offer')[0].value).toBe('a5');
    expect(many.autocomplete('epay')[0].value).toBe('a4');
  });

  test('autocomplete gives at most 25 choices with names of at most 100 characters', () => {
    for (const text of ['', 'weekly', 'roundup 1', '2019', 'probation']) {
      const choices = many.autocomplete(text);
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(MAX_CHOICES);
      for (const c of choices) {
        expect(c.name.length).toBeLessThanOrEqual(CHOICE_NAME_MAX);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
    }
    expect(many.autocomplete('weekly', 3)).toHaveLength(3);
  });

  test('empty autocomplete lists the most recent posts; names carry the date', () => {
    const choices = many.autocomplete('');
    expect(choices[0]).toEqual({ name: '2023-05-05 · Repay the Offer', value: 'a4' });
    expect(choices[1].name.startsWith('2022-09-02 · ')).toBe(true);
  });

  test('autocomplete falls back to typo suggestions', () => {
    expect(many.autocomplete('rondup')[0].value).toMatch(/^b/);
  });

  test('a choice list is capped at 25 but reports the total', () => {
    const result = many.find('weekly roundup');
    expect(result).toMatchObject({ kind: 'choices', total: 60 });
    if (result.kind === 'choices') expect(result.posts).toHaveLength(25);
  });
});

test('editDistance counts transpositions as one edit and gives up past the bound', () => {
  expect(editDistance('probation', 'porbation', 2)).toBe(1);
  expect(editDistance('kitten', 'sitting', 5)).toBe(3);
  expect(editDistance('abc', 'xyzxyz', 2)).toBe(3);
});
