import {
  archiveSpan,
  authorProfile,
  authorQuery,
  countTrend,
  parseGranularity,
  parseTrendQuery,
  periodLabel,
  periodRange,
  periodsOf,
  splitTerms,
  topThreads,
} from '../../src/insights';
import { buildSearchIndex, QueryError } from '../../src/search';
import { archive, post } from '../search/fixtures';

describe('periods', () => {
  it('lists every year or month of the span, gaps included, across year ends', () => {
    expect(periodsOf({ first: '2019-11-30', last: '2021-02-01' }, 'year')).toEqual(['2019', '2020', '2021']);
    expect(periodsOf({ first: '2019-11-30', last: '2020-02-01' }, 'month')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(periodsOf(null, 'year')).toEqual([]);
  });

  it('turns a period back into the search range that selects it', () => {
    expect(periodRange('2016')).toEqual({ after: '2016-01-01', before: '2017-01-01' });
    expect(periodRange('2016-12')).toEqual({ after: '2016-12-01', before: '2017-01-01' });
    expect(periodRange('2016-03')).toEqual({ after: '2016-03-01', before: '2016-04-01' });
  });

  it('labels months for people and reads year/month as typed', () => {
    expect(periodLabel('2016-03')).toBe('Mar 2016');
    expect(periodLabel('2016')).toBe('2016');
    expect(parseGranularity(' Month ')).toBe('month');
    expect(parseGranularity('week')).toBeNull();
  });

  it('spans the dated posts only', () => {
    expect(archiveSpan([{ date: null }, { date: '2020-05-01' }, { date: '2018-01-09' }])).toEqual({
      first: '2018-01-09',
      last: '2020-05-01',
    });
    expect(archiveSpan([{ date: null }])).toBeNull();
  });
});

describe('trend queries', () => {
  it('splits terms at commas outside quotes', () => {
    expect(splitTerms('pay offer, strike')).toEqual(['pay offer', 'strike']);
    expect(splitTerms('"pay, offer", strike,, ')).toEqual(['"pay, offer"', 'strike']);
    expect(splitTerms('author:"Probation Officer, London" union')).toEqual(['author:"Probation Officer, London" union']);
  });

  it('refuses more than three terms, an empty query, and says which term is wrong', () => {
    expect(() => parseTrendQuery('a1, b2, c3, d4')).toThrow(/at most 3 searches; you gave 4/);
    expect(() => parseTrendQuery(' , ')).toThrow(QueryError);
    expect(() => parseTrendQuery('pay, "strike')).toThrow(/^In “"strike”: Unbalanced quote/);
    expect(() => parseTrendQuery('"strike')).toThrow(/^Unbalanced quote/);
  });

  it('lists the busiest periods, each with the thread that said it most', () => {
    const a = archive(
      post('p1', 'Quiet', '2020-01-01', 'Nothing here.', [
        ['1', 'strike talk'],
        ['2', 'more strike'],
      ]),
      post('p2', 'Loud', '2021-03-01', 'The strike begins.', [
        ['1', 'strike!'],
        ['2', 'strike again'],
        ['3', 'strike three'],
      ]),
      post('p3', 'Also 2021', '2021-06-01', 'Unrelated.', [['1', 'strike once']]),
      post('p4', 'Undated', null, 'strike', [['1', 'strike']]),
    );
    const report = countTrend(buildSearchIndex(a), archiveSpan(a.posts), parseTrendQuery('strike'), 'year');
    const [s] = report.series;
    expect(s.buckets).toEqual([
      { period: '2020', count: 2 },
      { period: '2021', count: 5 },
    ]);
    expect(s.undated).toBe(2);
    expect(s.total).toBe(9);
    expect(s.peaks).toEqual([
      { period: '2021', periodCount: 5, postId: 'p2', postTitle: 'Loud', postDate: '2021-03-01', count: 4 },
      { period: '2020', periodCount: 2, postId: 'p1', postTitle: 'Quiet', postDate: '2020-01-01', count: 2 },
    ]);
  });
});

describe('author profiles', () => {
  const a = archive(
    post('p1', 'One', '2019-05-01', 'Body one.', [
      ['1', 'first words', { author: 'Jim' }],
      ['2', 'other', { author: 'Jim Brown' }],
      ['3', 'mine', { author: "'Getafix" }],
    ]),
    post('p2', 'Two', '2021-05-01', 'Body two.', [
      ['1', 'again', { author: 'Getafix' }],
      ['2', 'and again', { author: "'Getafix" }],
      ['3', 'anon'],
    ]),
  );
  const index = buildSearchIndex(a);
  const span = archiveSpan(a.posts);

  it('shows the usual spelling when every signature counted is one name', () => {
    const p = authorProfile(index, span, 'getafix');
    expect(p.author).toBe("'Getafix");
    expect(p.comments).toBe(3);
    expect(p.signatures).toEqual([
      { name: "'Getafix", count: 2 },
      { name: 'Getafix', count: 1 },
    ]);
    expect(p.firstDate).toBe('2019-05-01');
    expect(p.lastDate).toBe('2021-05-01');
    expect(p.buckets).toEqual([
      { period: '2019', count: 1 },
      { period: '2020', count: 0 },
      { period: '2021', count: 2 },
    ]);
    expect(p.threads.map((t) => [t.postId, t.count])).toEqual([
      ['p2', 2],
      ['p1', 1],
    ]);
  });

  it('keeps the name as asked when it counts several people, and lists whom', () => {
    const p = authorProfile(index, span, 'jim');
    expect(p.author).toBe('jim');
    expect(p.signatures.map((s) => s.name).sort()).toEqual(['Jim', 'Jim Brown']);
  });

  it('makes any name safe to search and refuses one with nothing to match', () => {
    expect(authorQuery('Probation "Officer", London')).toBe('author:"Probation Officer , London"');
    expect(() => authorQuery('"" ...')).toThrow(QueryError);
    expect(authorProfile(index, span, 'Nobody').comments).toBe(0);
  });

  it('breaks ties between threads by the longer discussion, then the earlier post', () => {
    const byPost = new Map([
      [{ id: 'b', title: 'B', date: '2020-01-01', comments: [1, 2] as never[] }, 3],
      [{ id: 'a', title: 'A', date: '2021-01-01', comments: [1, 2, 3] as never[] }, 3],
      [{ id: 'c', title: 'C', date: '2019-01-01', comments: [1, 2] as never[] }, 3],
    ]);
    expect(topThreads(byPost, 3).map((t) => t.postId)).toEqual(['a', 'c', 'b']);
  });
});
