/**
 * The relevance suite: queries a person would type against the seed archive, with the unit they would expect in the
 * top 5 (or first). Boosts and the query strategy in src/search/searchIndex.ts were tuned with it.
 */
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import { buildSearchIndex, type SearchIndex } from '../../src/search';

let index: SearchIndex;

beforeAll(async () => {
  index = buildSearchIndex(await loadArchive(path.join(__dirname, '..', '..', 'seeds')));
});

const ids = (query: string, limit = 5) => index.search(query, { limit }).hits.map((h) => h.id);
/** The id of the one unit containing a fragment: expectations name the text, so a parser change in numbering cannot break them. */
const unitWith = (fragment: string): string => {
  const found = index.units.filter((u) => u.text.includes(fragment));
  if (found.length !== 1) throw new Error(`${found.length} units contain ${JSON.stringify(fragment)}`);
  return found[0].id;
};

describe('relevance on the seeds: the expected unit is in the top 5', () => {
  it.each([
    // Typos on longer words.
    ['Guilfoile', 'Mike Guilfoyle was a gentleman'],
    ['Heckrodt', 'Isn’t Ms Heckroodt, London Probation’s top brass?'],
    ['omnishambls', "result of Grayling's TR omnishambles"],
    // Stems.
    ['privatise', 'to privatise is the Tory way'],
    ['privatisation Grayling', "result of Grayling's TR omnishambles"],
    ['moderating comments', 'Why else would he/she moderate comments'],
    ['sickness observations', 'my sickness observation appears to have touched'],
    // Phrases, including one with a stop word inside and one written with a hyphen in the text.
    ['"pay offer is mustard"', 'This pay offer is mustard.'],
    ['"case management"', 'want to go back to case management from other teams'],
    ['fire alarms', 'sets off fire-alarms'],
    ['"Happy Valley"', 'This is where Happy Valley gets'],
    // Filters.
    ['author:Getafix curiosity', 'professional curiosity has gone out of the door'],
    ['chuffed year:2022', 'This pay offer is mustard.'],
    ['in:"Changes at the Top" training', 'Mickey Mouse run nu the university of Donald Duck'],
    ['unions before:2022-10-01 after:2022', 'Where is the voice of the probation unions?'],
    // A word still being typed completes as a prefix.
    ['arbitrat', 'the probation officer as the arbitrator between'],
    ['Probation Alumni Netw', 'Probation Alumni Network will be launched'],
    // Plain multi-word questions.
    ['advise assist befriend', 'Me too. I remember the days of Advise Assist Befriend.'],
    ['Mickey Mouse training', 'Mickey Mouse run nu the university of Donald Duck'],
    ['secondary picketing', 'it is secondary picketing and against the law'],
    ['Working Links', "I'm guessing you mean Working Links?"],
    ['trolls mischief makers', 'Clearly the trolls and mischief-makers are back!'],
    ['Amy Rees humanity', 'I can’t see that humanity.'],
    ['caseload 60 RoSH', 'With a caseload of 60+ which is made up of 2/3rds Med RoSH'],
  ])('%s → “%s”', (query, fragment) => {
    expect(ids(query)).toContain(unitWith(fragment));
  });
});

describe('ranking', () => {
  it('puts the post whose title matches first: the passage with the words together, then the one carrying the title', () => {
    expect(ids('relationship theme').slice(0, 2)).toEqual([
      unitWith('I notice the relationship theme was enthusiastically expanded upon'),
      unitWith('The subject of the relationship between probation officer and client'),
    ]);
  });

  it('ranks the exact form typed above other forms of the same stem', () => {
    // Both say privatis*, only the reply says "privatise" (the comment it answers is shorter, so BM25 alone prefers it).
    const order = ids('privatise', 10);
    expect(order.indexOf(unitWith('to privatise is the Tory way'))).toBeLessThan(
      order.indexOf(unitWith('I’d personally go 100% privatisation')),
    );
  });

  it('puts units with every word before units with some of them', () => {
    const hits = index.search('Mike gentleman scholar', { limit: 3 }).hits;
    expect(hits[0].id).toBe(unitWith('Mike Guilfoyle was a gentleman'));
  });

  it('finds nothing outside the date range', () => {
    expect(index.search('chuffed after:2023').total).toBe(0);
  });

  it('keeps excluded words out of every hit', () => {
    const result = index.search('Sonia Flynn -Amy', { limit: 50 });
    expect(result.total).toBeGreaterThan(3);
    for (const hit of result.hits) expect(hit.text).not.toMatch(/\bAmy\b/);
    const phrase = index.search('Sonia Flynn -"Chief Probation Officer"', { limit: 50 });
    for (const hit of phrase.hits) expect(hit.text).not.toMatch(/Chief Probation Officer/i);
  });

  it('requires a phrase in order, not just its words', () => {
    const bothWords = index.search('offer pay', { limit: 50 }).hits;
    const inOrder = index.search('"pay offer"', { limit: 50 }).hits;
    // The seeds say "pay offer" in several comments and the two words apart in another: the phrase keeps only the former.
    expect(inOrder.length).toBeGreaterThan(0);
    expect(inOrder.length).toBeLessThan(bothWords.length);
    for (const hit of inOrder) expect(hit.text).toMatch(/pay\W+offer/i);
    expect(bothWords.map((h) => h.id)).toEqual(expect.arrayContaining(inOrder.map((h) => h.id)));
    // The same words the other way round are said nowhere, so the reversed phrase finds nothing at all.
    expect(index.units.some((u) => /offer\W+pay/i.test(u.text))).toBe(false);
    expect(index.search('"offer pay"', { limit: 50 }).total).toBe(0);
  });
});
