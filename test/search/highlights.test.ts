/** What a hit marks in bold: only the words that made it match (src/search/highlights.ts). */
import { buildSearchIndex, type SearchHit } from '../../src/search';
import { archive, post } from './fixtures';

const index = buildSearchIndex(
  archive(
    post('aaaa1111', 'Morale Matters', '2022-09-02', 'Morale is low across the service this autumn.', [
      ['1', 'Staff morale has collapsed this year and nobody in charge seems to notice it.'],
      ['2', 'Now that all comments are moderated it raises several moral dilemmas.'],
      [
        '3',
        'All these jobs advertised under the banner of "One HMPPS" and no-one saw it coming? How far up one\'s own back passage does one\'s head have to be? So how many posts has One HMPPS generated?',
      ],
      ['4', 'The battle for pay is a just and worthy one, but the scrapping of One HMPPS is the fifth column.'],
      ['5', 'I don’t believe any officer sets off fire-alarms!'],
      ['6', 'The union is silent again, and UNISON has said nothing either.'],
      ['7', 'Unison members voted with their feet.'],
    ]),
  ),
);

const marked = (hit: SearchHit) => hit.snippet.highlights.map((h) => hit.snippet.text.slice(h.start, h.end));
const hit = (query: string, id: string) => {
  const found = index.search(query, { limit: 20 }).hits.find((h) => h.id === id);
  if (!found) throw new Error(`${query} did not find ${id}`);
  return found;
};

describe('highlights mark only the words that matched', () => {
  it('never marks a different word the stemmer conflates with the one typed, and such a unit is not a hit (`morale`)', () => {
    const results = index.search('morale', { limit: 20 });
    expect(results.hits.map((h) => h.id).sort()).toEqual(['aaaa1111#p1', 'aaaa1111-1']);
    expect(results.total).toBe(2);
    // /trend and /author count what /search finds: the same units, the conflated one left out there too.
    expect(
      index
        .matchingUnits('morale')
        .map((u) => u.id)
        .sort(),
    ).toEqual(['aaaa1111#p1', 'aaaa1111-1']);
    for (const h of results.hits) expect(marked(h).map((w) => w.toLowerCase())).toEqual(['morale']);
  });

  it('marks the words of a name where they stand together, not "no-one", "one\'s" or a stray "one" (`One HMPPS`)', () => {
    expect(marked(hit('One HMPPS', 'aaaa1111-3'))).toEqual(['One', 'HMPPS', 'One', 'HMPPS']);
    expect(marked(hit('One HMPPS', 'aaaa1111-4'))).toEqual(['One', 'HMPPS']);
  });

  it('marks a word on its own but not as part of a hyphenated word, when the unit has it on its own (`one`)', () => {
    expect(marked(hit('one', 'aaaa1111-3'))).toEqual(['One', "one's", "one's", 'One']);
  });

  it('marks a hyphenated word whole when all its parts were asked for (`fire alarms`)', () => {
    expect(marked(hit('fire alarms', 'aaaa1111-5'))).toEqual(['fire-alarms']);
  });

  it('marks a near miss of the loose stage only where the word itself is absent (`union`)', () => {
    expect(index.search('union').total).toBeLessThan(5); // so the loose stage, with near misses, runs
    expect(marked(hit('union', 'aaaa1111-6'))).toEqual(['union']);
    expect(marked(hit('union', 'aaaa1111-7'))).toEqual(['Unison']);
  });
});

describe('is:comment and is:post', () => {
  it('keep only comments, or only the posts themselves', () => {
    const comments = index.search('morale is:comment', { limit: 20 });
    expect(comments.hits.map((h) => h.kind)).toEqual(['comment']);
    const posts = index.search('morale is:post', { limit: 20 });
    expect(posts.hits.map((h) => h.id)).toEqual(['aaaa1111#p1']);
    expect(index.search('is:comment', { limit: 100 }).hits.every((h) => h.kind === 'comment')).toBe(true);
    expect(index.search('morale', { limit: 20, filters: { kind: 'post' } }).hits.map((h) => h.kind)).toEqual(['post']);
  });
});
