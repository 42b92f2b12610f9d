import { formatQuery, parseDatePeriod, parseQuery, QueryError, withFilters } from '../../src/search';

function errorOf(input: string): string {
  try {
    parseQuery(input);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return (e as Error).message;
  }
  throw new Error(`expected "${input}" to be rejected`);
}

describe('parseQuery', () => {
  it('reads words, phrases and exclusions', () => {
    const q = parseQuery('pay offer "is mustard" -ballot -"civil service"');
    expect(q.words).toEqual(['pay', 'offer']);
    expect(q.phrases).toEqual(['is mustard']);
    expect(q.excludeWords).toEqual(['ballot']);
    expect(q.excludePhrases).toEqual(['civil service']);
  });

  it('accepts curly quotes as typed on phones', () => {
    expect(parseQuery('“pay offer” napo').phrases).toEqual(['pay offer']);
  });

  it('reads author with a bare or quoted name, case-insensitively, and with a space after the colon', () => {
    expect(parseQuery('author:Getafix').author).toBe('Getafix');
    expect(parseQuery('Author:"Probation Officer" london').author).toBe('Probation Officer');
    expect(parseQuery('author:"Probation Officer" london').words).toEqual(['london']);
    expect(parseQuery('author: Getafix relationship').author).toBe('Getafix');
    expect(parseQuery('author: Getafix relationship').words).toEqual(['relationship']);
  });

  it('turns dates into a half-open range [after, before)', () => {
    expect(parseQuery('x after:2021').after).toBe('2021-01-01');
    expect(parseQuery('x after:2022-10').after).toBe('2022-10-01');
    expect(parseQuery('x after:2022-10-05').after).toBe('2022-10-05');
    expect(parseQuery('x before:2022-10-01').before).toBe('2022-10-01');
    expect(parseQuery('x before:2022').before).toBe('2022-01-01');
  });

  it('narrows the range by year:', () => {
    const q = parseQuery('pay year:2022');
    expect([q.after, q.before, q.year]).toEqual(['2022-01-01', '2023-01-01', 2022]);
    const narrowed = parseQuery('pay year:2022 after:2022-09');
    expect([narrowed.after, narrowed.before]).toEqual(['2022-09-01', '2023-01-01']);
  });

  it('reads in: with a post id or quoted title words', () => {
    expect(parseQuery('offer in:b9f170a77a').in).toBe('b9f170a77a');
    expect(parseQuery('in:"Changes at the Top"').in).toBe('Changes at the Top');
  });

  it('reads is:comment and is:post, singular or plural, in any case', () => {
    expect(parseQuery('pay offer is:comment').kind).toBe('comment');
    expect(parseQuery('pay offer is:Comments').kind).toBe('comment');
    expect(parseQuery('is:POST napo').kind).toBe('post');
    expect(parseQuery('is:post napo').words).toEqual(['napo']);
    expect(parseQuery('pay offer').kind).toBeNull();
    expect(formatQuery(parseQuery('pay is:comments'))).toBe('pay is:comment');
    expect(parseQuery('is:comment').words).toEqual([]);
  });

  it('allows a query of filters only', () => {
    expect(parseQuery('author:Getafix').words).toEqual([]);
  });

  it('keeps URLs and trailing colons as words rather than filters', () => {
    expect(parseQuery('https://example.com').words).toEqual(['https://example.com']);
    expect(parseQuery('note: probation').words).toEqual(['note', 'probation']);
  });

  it('marks the last word as still being typed only without a trailing space', () => {
    expect(parseQuery('relationsh').lastWordOpen).toBe(true);
    expect(parseQuery('relationsh ').lastWordOpen).toBe(false);
    expect(parseQuery('"pay offer"').lastWordOpen).toBe(false);
  });

  it('writes the query back in canonical form', () => {
    expect(formatQuery(parseQuery('pay  "offer is" -x author:"Probation Officer" year:2022'))).toBe(
      'pay "offer is" -x author:"Probation Officer" after:2022-01-01 before:2023-01-01',
    );
  });

  describe('errors name the problem', () => {
    it.each([
      ['', /empty/],
      ['   ', /empty/],
      ['-napo -"pay offer"', /only exclusions/],
      ['"pay offer', /^Unbalanced quote: the phrase starting “pay offer” has no closing quote/],
      ['napo "', /^Unbalanced quote: a quote mark at the end has no closing quote/],
      ['napo author:"Probation', /Unbalanced quote/],
      ['auther:Getafix', /^Unknown filter "auther:" — use author:, before:, after:, year:, in: or is:$/],
      ['pay is:reply', /^is:reply isn't something to search: use is:comment \(comments only\) or is:post/],
      ['pay is:', /is: needs comment or post/],
      ['pay is:comment is:post', /Only one is: filter/],
      ['pay before:2022-13-01', /^"2022-13-01" isn't a valid date: use YYYY-MM-DD, YYYY-MM or YYYY$/],
      ['pay after:2022-02-30', /"2022-02-30" isn't a valid date/],
      ['pay after:yesterday', /"yesterday" isn't a valid date/],
      ['pay year:22', /"22" isn't a valid year: use four digits/],
      ['pay author:', /author: needs a name/],
      ['pay before:', /before: needs a date/],
      ['pay in:', /in: needs a post id/],
      ['pay author:a author:b', /Only one author: filter/],
      ['pay -author:Getafix', /can't be excluded/],
      ['pay after:2023 before:2022', /No date can be on or after 2023-01-01 and before 2022-01-01/],
      ['pay ""', /empty phrase/],
    ])('%j', (input, message) => {
      expect(errorOf(input)).toMatch(message);
    });
  });
});

describe('parseDatePeriod', () => {
  it('knows month lengths and leap years', () => {
    expect(parseDatePeriod('2024-02-29')).toEqual({ start: '2024-02-29', end: '2024-03-01' });
    expect(parseDatePeriod('2022-12')).toEqual({ start: '2022-12-01', end: '2023-01-01' });
    expect(() => parseDatePeriod('2023-02-29')).toThrow(QueryError);
  });
});

describe('withFilters', () => {
  it('merges separate options with the query: dates narrow, author fills in', () => {
    const q = withFilters(parseQuery('pay after:2021'), { author: 'Getafix', after: '2022-03', before: '2023' });
    expect([q.author, q.after, q.before]).toEqual(['Getafix', '2022-03-01', '2023-01-01']);
  });

  it('takes the kind from the options, and refuses one that contradicts the query', () => {
    expect(withFilters(parseQuery('pay'), { kind: 'comment' }).kind).toBe('comment');
    expect(withFilters(parseQuery('pay is:comment'), { kind: 'comment' }).kind).toBe('comment');
    expect(() => withFilters(parseQuery('pay is:post'), { kind: 'comment' })).toThrow(/is:post but the option asks for comments only/);
  });

  it('rejects bad dates and conflicting authors in the options too', () => {
    expect(() => withFilters(parseQuery('pay'), { after: '2022-13' })).toThrow(/"2022-13" isn't a valid date/);
    expect(() => withFilters(parseQuery('pay author:Getafix'), { author: 'Someone Else' })).toThrow(/use one of them/);
    expect(withFilters(parseQuery('pay author:Getafix'), { author: "'getafix" }).author).toBe('Getafix');
  });
});
