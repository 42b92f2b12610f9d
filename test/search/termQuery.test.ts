import path from 'node:path';
import fc from 'fast-check';
import type MiniSearch from 'minisearch';
import { loadArchive } from '../../src/corpus/loadArchive';
import { createMiniSearch } from '../../src/search/miniSearchAdapter';
import { RANKING_WEIGHTS } from '../../src/search/ranking/ranker';
import { FIELDS } from '../../src/search/miniSearchOptions';
import { containsMatch, phraseMatcher, phraseTest } from '../../src/search/phrases';
import { buildIndexData } from '../../src/search/buildIndex';
import { Segments } from '../../src/search/segments';
import { expandTerm, TermEvaluator } from '../../src/search/termQuery';
import { buildUnits, type SearchUnit } from '../../src/search/units';

const { title: TITLE_BOOST, author: AUTHOR_BOOST } = RANKING_WEIGHTS.fields;

/** The seeds indexed twice: by MiniSearch as it is (the reference), and frozen (what serves queries). */
let miniSearch: MiniSearch<SearchUnit>;
let segments: Segments;

beforeAll(async () => {
  const archive = await loadArchive(path.join(__dirname, '..', '..', 'seeds'));
  const units = buildUnits(archive);
  miniSearch = createMiniSearch();
  miniSearch.addAll(units);
  const data = buildIndexData(archive);
  expect(Array.from({ length: data.table.size }, (_, n) => data.table.id(n))).toEqual(units.map((u) => u.id));
  segments = new Segments(data.segments);
});

const identity = (t: string) => t;

/**
 * MiniSearch's own answer for required words (stage 1), words with completions and near misses (stage 2), or (`any`)
 * any one of the words, loosely (the any-word stage when every word together finds too little).
 */
function miniSearchScores(terms: string[], loose: boolean, combineWith: 'AND' | 'OR' = 'AND'): Map<number, number> {
  const results = miniSearch.search(
    { combineWith, queries: terms },
    {
      fields: [...FIELDS],
      boost: { title: TITLE_BOOST, author: AUTHOR_BOOST },
      tokenize: (t) => [t],
      processTerm: identity,
      fuzzy: loose ? (term) => (term.length >= 5 ? 0.2 : false) : false,
      maxFuzzy: 2,
      prefix: loose ? (term) => term.length >= 4 : false,
    },
  );
  return new Map(results.map((r) => [r.id as number, r.score]));
}

describe('the query evaluator scores exactly as MiniSearch would', () => {
  it.each([
    [['pay', 'offer'], false],
    [['probat'], false],
    [['grayl', 'privatis'], false],
    [['omnishambl'], true],
    [['arbitrat'], true],
    [['mickey', 'mous', 'train'], true],
  ] as const)('%j (loose: %s)', (terms, loose) => {
    const evaluator = new TermEvaluator(segments, [1, TITLE_BOOST, AUTHOR_BOOST]);
    const expanded = terms.map((term) => expandTerm(segments, { term, fuzzy: term.length >= 5, prefix: term.length >= 4 }, loose));
    const matches = evaluator.run(expanded, [], () => true);
    const expected = miniSearchScores([...terms], loose);
    expect(matches.count).toBe(expected.size);
    expect(matches.count).toBeGreaterThan(0);
    for (let i = 0; i < matches.count; i++) expect(matches.scores[i]).toBeCloseTo(expected.get(matches.units[i])!, 9);
  });

  it.each([[['pay', 'mustard']], [['mickey', 'mous', 'train']], [['omnishambl', 'grayl', 'privatis']]] as const)(
    'the any-word stage %j: every unit with at least one word, scored as MiniSearch scores OR',
    (terms) => {
      const evaluator = new TermEvaluator(segments, [1, TITLE_BOOST, AUTHOR_BOOST]);
      const expanded = terms.map((term) => expandTerm(segments, { term, fuzzy: term.length >= 5, prefix: term.length >= 4 }, true));
      const matches = evaluator.run([], expanded, () => true);
      const expected = miniSearchScores([...terms], true, 'OR');
      const every = miniSearchScores([...terms], true, 'AND');
      // The stage exists to find more than every word together does; these queries show it.
      expect(matches.count).toBeGreaterThan(every.size);
      expect(matches.count).toBe(expected.size);
      for (let i = 0; i < matches.count; i++) {
        expect(expected.has(matches.units[i])).toBe(true);
        expect(matches.scores[i]).toBeCloseTo(expected.get(matches.units[i])!, 9);
      }
    },
  );

  it('keeps only what the filter accepts, and with optional words needs at least one of them', () => {
    const evaluator = new TermEvaluator(segments, [1, TITLE_BOOST, AUTHOR_BOOST]);
    const pay = expandTerm(segments, { term: 'pay', fuzzy: false, prefix: false }, false);
    const mustard = expandTerm(segments, { term: 'mustard', fuzzy: false, prefix: false }, false);
    const any = evaluator.run([], [pay, mustard], () => true);
    const both = evaluator.run([pay, mustard], [], () => true);
    expect(any.count).toBeGreaterThan(both.count);
    const even = evaluator.run([], [pay, mustard], (n) => n % 2 === 0);
    expect(Array.from(even.units.slice(0, even.count)).every((n) => n % 2 === 0)).toBe(true);
  });
});

describe('phraseTest', () => {
  const alphabet = ['a', 'b', 'B', ' ', '-', "'", '’', 'é', '1', '\n', '𝐀', 'ab', 'a b'];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((parts) => parts.join(''));

  it('answers exactly as the phrase regex does', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('a b', 'ab', "b'a", 'B-a', 'a', '1 a'), (t, phrase) => {
        const matcher = phraseMatcher(phrase)!;
        expect(phraseTest(matcher)(t)).toBe(containsMatch(t, matcher));
      }),
      { numRuns: 2000 },
    );
  });

  it('needs the phrase to stand as whole words', () => {
    const test = phraseTest(phraseMatcher('pay offer')!);
    expect(test('The Pay  Offer is mustard')).toBe(true);
    expect(test('repay offer')).toBe(false);
    expect(test('repay offer, then a pay offer')).toBe(true);
    expect(test('pay offers')).toBe(false);
    expect(test('𝐀pay offer')).toBe(false);
  });
});
