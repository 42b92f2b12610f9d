/** The ranking's parts (src/search/ranking): word families, boilerplate lines, priors and proximity. */
import { buildSearchIndex } from '../../src/search';
import { boilerplateSpans } from '../../src/search/ranking/boilerplate';
import { QueryWords } from '../../src/search/ranking/occurrences';
import { proximityShare } from '../../src/search/ranking/proximity';
import { sameWordFamily } from '../../src/search/ranking/wordFamily';
import { processTerm } from '../../src/text';
import { archive, post } from './fixtures';

describe('sameWordFamily: forms of the typed word, beyond sharing a stem', () => {
  it.each([
    ['morale', 'morale’s'],
    ['privatise', 'privatisation'],
    ['privatisation', 'privatised'],
    ['offer', 'offering'],
    ['moderating', 'moderate'],
    ['sickness', 'sick'],
    ['union', 'unionism'],
    ['caseload', 'caseloads'],
    ['policy', 'policies'],
    ['Getafix', "Getafix's"],
  ])('%s ~ %s', (typed, word) => {
    expect(processTerm(typed)).toBe(processTerm(word));
    expect(sameWordFamily(typed, word)).toBe(true);
  });

  it.each([
    ['morale', 'moral'],
    ['officer', 'office'],
    ['probation', 'probate'],
    ['humane', 'human'],
    ['final', 'finale'],
  ])('%s is not %s, though Porter2 gives both the same stem', (typed, word) => {
    expect(processTerm(typed)).toBe(processTerm(word));
    expect(sameWordFamily(typed, word)).toBe(false);
  });
});

describe('boilerplateSpans', () => {
  const lines = (text: string) => boilerplateSpans(text).map((s) => text.slice(s.start, s.end));

  it('finds link lists, signature blocks and pasted advert lines', () => {
    expect(lines('Read this, it says it all.\n\nhttps://www.theguardian.com/politics/2021/oct/03/x\n\nhttps://example.co.uk/y')).toEqual([
      'https://www.theguardian.com/politics/2021/oct/03/x\n\nhttps://example.co.uk/y',
    ]);
    expect(lines('I know that strong concerns have been raised.\n\nJustin Russell\nHM Chief Inspector of Probation')).toEqual([
      'Justin Russell\nHM Chief Inspector of Probation',
    ]);
    expect(
      lines(
        'Project Lead, One HMPPS Programme\nhttps://justicejobs.tal.net › download_file_opp\nPDF\nThe national salary range is £54,599 -. £65,518.',
      ),
    ).toEqual([
      'Project Lead, One HMPPS Programme\nhttps://justicejobs.tal.net › download_file_opp\nPDF\nThe national salary range is £54,599 -. £65,518.',
    ]);
    expect(lines('Closing Date: 19/04/2022, 23:55 hours.\n\n"To do this thinking..." ?!?')).toEqual([
      'Closing Date: 19/04/2022, 23:55 hours.',
    ]);
  });

  it('leaves prose alone, short lines and headings in it included', () => {
    expect(
      lines('Probation staff are leaving in droves.\n\nBullying is a regular occurrence.\n\nProbation is the worst it has ever been.'),
    ).toEqual([]);
    expect(lines('*They* are NOT Probation.\n*They* are managerialism.')).toEqual([]);
    expect(lines('Seen on Twitter:-\n\n"Handed in my notice 2 weeks ago."')).toEqual([]);
    expect(lines('The grade boundaries for Band 4 are a mess, and the pay band is worse.')).toEqual([]);
  });
});

describe('priors', () => {
  const idx = buildSearchIndex(
    archive(
      post('aaaa1111', 'A Post', '2022-01-01', 'Nothing here about it.', [
        ['1', 'The ballot closes on Friday and turnout matters for everyone!'],
        ['2', 'The ballot closes on Friday and turnout matters for everyone.'],
        ['2.1', 'Reply one.'],
        ['2.2', 'Reply two.'],
        ['2.3', 'Reply three.'],
        ['3', 'Ballot.'],
      ]),
    ),
  );

  it('favour a comment that drew replies over the same words that drew none, and a substantive comment over a one-word one', () => {
    const order = idx.search('ballot', { limit: 5 }).hits.map((h) => h.id);
    expect(order).toEqual(['aaaa1111-2', 'aaaa1111-1', 'aaaa1111-3']);
  });
});

describe('proximityShare', () => {
  const words = (...typed: string[]) =>
    new QueryWords(
      typed
        .filter((t) => processTerm(t) !== null)
        .map((t) => ({ term: processTerm(t)!, typed: t, prefix: false, variants: new Set<string>(), name: false })),
      typed,
    );

  it('counts the words typed, common ones included, that stand together', () => {
    const q = words('where', 'are', 'the', 'unions');
    const share = (text: string) => proximityShare(q.scan(text), q.keys.size);
    expect(share('Where is the voice of the probation unions?')).toBeCloseTo(2 / 3);
    expect(share('The unions are silent (again)')).toBeCloseTo(2 / 3);
    expect(share('I wonder what trade unions think.')).toBe(0);
    expect(share('Where are the unions?')).toBe(1);
  });

  it('needs a matched word in the stretch: common words alone stand for nothing', () => {
    const q = words('where', 'are', 'the', 'unions');
    expect(proximityShare(q.scan('Where are the others? Much later, far away, someone mentions unions.'), q.keys.size)).toBe(0);
  });
});
