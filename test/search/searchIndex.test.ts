import { buildSearchIndex, QueryError } from '../../src/search';
import { archive, post } from './fixtures';

const longBody = Array.from({ length: 8 }, (_, i) =>
  `Paragraph ${i + 1} talks about subject${i + 1} at some length. `.repeat(4).trim(),
).join('\n\n');

const fixture = archive(
  post('aaaa1111', 'Pay and Conditions', '2022-09-02', 'The pay offer arrived today.', [
    ['1', 'This pay offer is mustard.', { author: "'Getafix" }],
    ['1.1', 'Mustard? The pay offer is an insult.', { author: 'Probation Officer, London' }],
    ['2', 'Removed comment about the pay offer.', { removed: true }],
    ['3', 'Nothing to do with it: gardening tips.', { author: 'Getafix' }],
  ]),
  post('bbbb2222', 'A Long Post', '2021-03-01', longBody, [['1', 'Pay offer talk from 2021.']]),
  post('cccc3333', 'Undated', null, 'An undated body about the pay offer.', [['1', 'Pay offer, undated comment.']]),
);

const index = buildSearchIndex(fixture);

describe('buildSearchIndex', () => {
  it('never indexes or finds removed comments', () => {
    expect(index.unit('aaaa1111-2')).toBeUndefined();
    const all = index.search('pay offer', { limit: 100 });
    expect(all.hits.map((h) => h.id)).not.toContain('aaaa1111-2');
  });

  it('splits a long post into passages findable by any of their parts', () => {
    const hit = index.search('subject7').hits[0];
    expect(hit.kind).toBe('post');
    expect(hit.id).toMatch(/^bbbb2222#p\d+$/);
    expect(hit.id).not.toBe('bbbb2222#p1');
    expect(hit.text).toContain('subject7');
    expect(hit.position).toBeNull();
  });

  it('returns everything a result needs to render', () => {
    const hit = index.search('mustard insult').hits[0];
    expect(hit).toMatchObject({
      id: 'aaaa1111-1.1',
      kind: 'comment',
      postId: 'aaaa1111',
      postTitle: 'Pay and Conditions',
      postDate: '2022-09-02',
      author: 'Probation Officer, London',
      position: '1.1',
      text: 'Mustard? The pay offer is an insult.',
      url: 'https://blog.example/aaaa1111',
    });
    expect(hit.snippet.text).toBe('Mustard? The pay offer is an insult.');
  });

  it('counts every match and pages by offset without overlap, in a stable order', () => {
    const first = index.search('pay offer', { limit: 2 });
    const second = index.search('pay offer', { limit: 2, offset: 2 });
    const all = index.search('pay offer', { limit: 100 });
    expect(first.total).toBe(all.hits.length);
    expect(second.total).toBe(first.total);
    expect([...first.hits, ...second.hits].map((h) => h.id)).toEqual(all.hits.slice(0, 4).map((h) => h.id));
    expect(index.search('pay offer', { limit: 2, offset: 100 }).hits).toEqual([]);
    // Score descending, then newer first among equal scores, undated last.
    for (let i = 1; i < all.hits.length; i++) expect(all.hits[i - 1].score).toBeGreaterThanOrEqual(all.hits[i].score);
  });

  it('orders filter-only results newest first, undated last', () => {
    const dates = index.search('pay offer after:2000', { limit: 100 }).hits.map((h) => h.postDate);
    expect(dates).not.toContain(null);
    const filterOnly = index.search('in:aaaa1111', { limit: 100 }).hits.map((h) => h.id);
    expect(filterOnly).toEqual(['aaaa1111#p1', 'aaaa1111-1', 'aaaa1111-1.1', 'aaaa1111-3']);
    // Archive order here is neither date order nor its reverse, so only a sort by date gives this answer.
    const shuffled = buildSearchIndex(
      archive(
        post('old00001', 'Oldest', '2019-05-01', 'Old body.', [['1', 'Old comment.']]),
        post('none0001', 'No date', null, 'Undated body.', [['1', 'Undated comment.']]),
        post('new00001', 'Newest', '2023-01-09', 'New body.', [['1', 'New comment.']]),
        post('mid00001', 'Middle', '2021-07-15', 'Middle body.', [['1', 'Middle comment.']]),
      ),
    );
    const byDate = shuffled.search('is:comment', { limit: 100 }).hits.map((h) => [h.postId, h.postDate]);
    expect(byDate).toEqual([
      ['new00001', '2023-01-09'],
      ['mid00001', '2021-07-15'],
      ['old00001', '2019-05-01'],
      ['none0001', null],
    ]);
  });

  it('matches author: ignoring case and punctuation, and whole words of the signature', () => {
    expect(index.search('author:getafix', { limit: 10 }).hits.map((h) => h.id)).toEqual(['aaaa1111-1', 'aaaa1111-3']);
    expect(index.search('author:"probation officer"').hits.map((h) => h.id)).toEqual(['aaaa1111-1.1']);
    expect(index.search('author:Geta').total).toBe(0);
  });

  it('merges separate filters with the query', () => {
    const r = index.search('pay offer', { limit: 10, filters: { author: 'Getafix' } });
    expect(r.hits.map((h) => h.id)).toEqual(['aaaa1111-1']);
    expect(r.query.author).toBe('Getafix');
    // Only the 2021 thread's comment: the 2022 and undated ones are left out (an empty answer would not do).
    expect(index.search('pay offer', { filters: { before: '2022' } }).hits.map((h) => [h.id, h.postDate])).toEqual([
      ['bbbb2222-1', '2021-03-01'],
    ]);
    expect(() => index.search('pay', { filters: { after: '2022-00' } })).toThrow(QueryError);
  });

  it('resolves in: by id prefix or title words, and says when nothing matches', () => {
    expect(index.search('offer in:bbbb').hits.map((h) => h.id)).toEqual(['bbbb2222-1']);
    expect(new Set(index.search('offer in:"pay conditions"').hits.map((h) => h.id))).toEqual(
      new Set(['aaaa1111#p1', 'aaaa1111-1', 'aaaa1111-1.1']),
    );
    expect(() => index.search('offer in:"gardening weekly"')).toThrow(/No post title matches in:gardening weekly/);
  });

  it('explains a search of only common words instead of returning nothing', () => {
    expect(() => index.search('the and of')).toThrow(/too common/);
  });

  it('finds a phrase made only of common words by reading the texts', () => {
    const r = index.search('"to do with it"');
    expect(r.hits.map((h) => h.id)).toEqual(['aaaa1111-3']);
    expect(r.hits[0].snippet.highlights.length).toBe(1);
  });

  it('falls back to any word when every word together finds too little', () => {
    const r = index.search('gardening mustard', { limit: 10 });
    expect(r.total).toBeGreaterThanOrEqual(2);
    expect(r.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['aaaa1111-3', 'aaaa1111-1']));
  });

  it('lists authors by frequency, grouping spellings, and completes them', () => {
    expect(index.authors()).toEqual([
      { name: "'Getafix", count: 2 },
      { name: 'Probation Officer, London', count: 1 },
    ]);
    expect(index.autocompleteAuthors('lon').map((a) => a.name)).toEqual(['Probation Officer, London']);
    expect(index.autocompleteAuthors('').length).toBe(2);
    expect(index.autocompleteAuthors('zzz')).toEqual([]);
  });

  it('knows its size and looks units up by id', () => {
    expect(index.size).toBeGreaterThan(8);
    expect(index.unit('aaaa1111#p1')?.kind).toBe('post');
  });
});

describe('similar', () => {
  const threads = archive(
    post('dddd4444', 'Caseloads', '2023-01-01', 'Caseloads are rising.', [
      ['1', 'My caseload is over eighty and the OASys assessments never end.'],
      ['2', 'Eighty cases and endless OASys assessments: my caseload is impossible.'],
      ['3', 'The weather in Leeds was lovely on Sunday.'],
      ['4', 'Sunday weather in Leeds: lovely again.'],
      ['5', 'My caseload is over eighty and the OASys assessments never end.'],
    ]),
  );
  const idx = buildSearchIndex(threads);

  it('finds the comment on the same subject, never the comment itself or a copy of it', () => {
    const hits = idx.similar('dddd4444-1');
    expect(hits[0].id).toBe('dddd4444-2');
    expect(hits.map((h) => h.id)).not.toContain('dddd4444-1');
    expect(hits.map((h) => h.id)).not.toContain('dddd4444-5');
    expect(hits.every((h) => h.kind === 'comment')).toBe(true);
    expect(hits[0].snippet.highlights.length).toBeGreaterThan(0);
  });

  it('respects the limit and rejects unknown ids', () => {
    expect(idx.similar('dddd4444-3', 1).map((h) => h.id)).toEqual(['dddd4444-4']);
    expect(() => idx.similar('nope-1')).toThrow(QueryError);
    expect(() => idx.similar('dddd4444#p1')).toThrow(/No comment "dddd4444#p1"/);
  });
});
