/**
 * /thread and the CLI `thread` read dates as people write them: the seed "Changes at the Top" is the post of
 * 25 October 2022, and every way of writing that day (or its month) finds it; a day with no post says so and offers the
 * nearest dated posts; a day that does not exist is explained. A date never falls into matching by text.
 */
import { loadArchive } from '../../src/corpus/loadArchive';
import type { Archive, Post } from '../../src/corpus/types';
import { runCli } from '../../src/cli/main';
import { ThreadFinder } from '../../src/summary';
import { makePost, SEEDS_DIR } from './fixtures';

let archive: Archive;
let finder: ThreadFinder;
beforeAll(async () => {
  archive = await loadArchive(SEEDS_DIR, { blogUrl: null });
  finder = new ThreadFinder(archive.posts);
});
const seed = (prefix: string): Post => archive.posts.find((p) => p.source.startsWith(prefix))!;
const CHANGES_AT_THE_TOP = '000';
const PROBATION_VOICE = '001';

describe('ThreadFinder.find reads the date forms people write', () => {
  test.each([
    ['25 October 2022', CHANGES_AT_THE_TOP],
    ['25th Oct 2022', CHANGES_AT_THE_TOP],
    ['25th of October, 2022', CHANGES_AT_THE_TOP],
    ['Tuesday 25 October 2022', CHANGES_AT_THE_TOP],
    ['25/10/2022', CHANGES_AT_THE_TOP],
    ['25/10/22', CHANGES_AT_THE_TOP],
    ['October 2022', CHANGES_AT_THE_TOP],
    ['Oct 2022', CHANGES_AT_THE_TOP],
    ['2022-10', CHANGES_AT_THE_TOP],
    ['2022-10-25', CHANGES_AT_THE_TOP],
    ['25 October', CHANGES_AT_THE_TOP],
    ['2 September 2022', PROBATION_VOICE],
    ['02/09/2022', PROBATION_VOICE],
    ['Sept 2022', PROBATION_VOICE],
  ])('%s', (typed, prefix) => {
    expect(finder.find(typed)).toEqual({ kind: 'match', post: seed(prefix) });
  });

  test('a day with no post says so and offers the nearest dated posts, nearest first, never a post by its text', () => {
    const result = finder.find('25 October 2021');
    expect(result).toMatchObject({ kind: 'none', date: '25 October 2021' });
    if (result.kind !== 'none') return;
    expect(result.suggestions.map((p) => p.date)).toEqual(['2021-10-02', '2022-09-02', '2022-10-25', '2023-11-22']);
    expect(finder.find('March 2022')).toMatchObject({ kind: 'none', date: 'March 2022' });
  });

  test('an impossible date is explained, not searched for', () => {
    expect(finder.find('31/02/2022')).toEqual({ kind: 'badDate', message: 'There is no 31 February 2022: February 2022 has 28 days.' });
    expect(finder.find('10/25/2022')).toMatchObject({ kind: 'badDate', message: expect.stringContaining('did you mean 25 October 2022') });
  });

  test('a month name alone is still a title word', () => {
    const posts = [makePost('m1', { title: 'May Day', date: '2020-05-01' }), makePost('m2', { title: 'Other', date: '2021-05-03' })];
    expect(new ThreadFinder(posts).find('may')).toEqual({ kind: 'match', post: posts[0] });
  });

  test('several posts on the day, in the month or on that day of any year are a choice, named by the date', () => {
    const posts = [
      makePost('a', { title: 'Morning', date: '2022-09-02' }),
      makePost('b', { title: 'Evening', date: '2022-09-02' }),
      makePost('c', { title: 'Later', date: '2022-09-20' }),
      makePost('d', { title: 'A year on', date: '2023-09-02' }),
    ];
    const many = new ThreadFinder(posts);
    expect(many.find('2nd September 2022')).toMatchObject({ kind: 'choices', total: 2, date: '2 September 2022' });
    expect(many.find('Sep 2022')).toMatchObject({ kind: 'choices', total: 3, date: 'September 2022' });
    expect(many.find('2 Sept')).toMatchObject({ kind: 'choices', total: 3, date: '2 September (any year)' });
    const none = many.find('25 December');
    expect(none).toMatchObject({ kind: 'none', date: '25 December (any year)' });
    // Around the year: 25 December is nearer 20 September than 2 September.
    if (none.kind === 'none') expect(none.suggestions[0].id).toBe('c');
  });
});

describe('ThreadFinder.autocomplete understands the same forms', () => {
  test.each(['25 October 2022', '25th Oct 2022', '25/10/2022', 'Oct 2022', '2022-10', '25 Oct'])(
    '%s lists the post of that day first',
    (typed) => {
      expect(finder.autocomplete(typed)[0]).toEqual({ name: '2022-10-25 · Changes at the Top', value: seed(CHANGES_AT_THE_TOP).id });
    },
  );

  test('a date with no post lists the nearest dated posts rather than nothing', () => {
    expect(finder.autocomplete('1 Nov 2022')[0].value).toBe(seed(CHANGES_AT_THE_TOP).id);
  });

  test('a month name alone lists titles first, then the posts of that month in any year', () => {
    const posts = [
      makePost('t', { title: 'October Surprise', date: '2019-01-01' }),
      makePost('o', { title: 'Autumn', date: '2020-10-10' }),
    ];
    expect(new ThreadFinder(posts).autocomplete('oct').map((c) => c.value)).toEqual(['t', 'o']);
  });
});

describe('npm run cli -- thread with dates', () => {
  async function run(...args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(['thread', ...args, '--archive', SEEDS_DIR], {
      out: (t) => (out += t + '\n'),
      err: (t) => (err += t + '\n'),
    });
    return { code, out, err };
  }

  test.each(['25 October 2022', '25th Oct 2022', '25/10/2022', 'October 2022', 'Oct 2022', '2022-10', '2022-10-25'])(
    '%s --json is "Changes at the Top"',
    async (typed) => {
      const { code, out } = await run(typed, '--json');
      expect(code).toBe(0);
      expect(JSON.parse(out).post).toMatchObject({ title: 'Changes at the Top', date: '2022-10-25' });
    },
  );

  test('a day with no post exits 1 naming the nearest dated threads', async () => {
    const { code, out, err } = await run('25 October 2021', '--json');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^No thread is dated 25 October 2021\.\nThe nearest dated threads:\n .*2021-10-02 · Things Could Be Better/);
  });

  test('an impossible date is a usage error that says why', async () => {
    const { code, err } = await run('31/02/2022');
    expect(code).toBe(2);
    expect(err).toContain('There is no 31 February 2022: February 2022 has 28 days.');
  });
});
