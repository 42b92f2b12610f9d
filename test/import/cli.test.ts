/** The `import` subcommand's contract, and `corpus --json` over what it wrote. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { makeBlogContent, startFakeBlog } from './fakeBloggerFeed';

const FIXTURES = path.join(__dirname, 'fixtures');
let dir: string;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cli-import-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

test('import --json prints {posts, comments, problems}; corpus --json then shows permalinks, parents, names, times', async () => {
  const out = path.join(dir, 'archive');
  const imported = await run(['import', '--from', path.join(FIXTURES, 'backup.xml'), '--out', out, '--json']);
  expect(imported.code).toBe(0);
  expect(imported.err).toBe('');
  expect(JSON.parse(imported.out)).toMatchObject({ posts: 2, comments: 6, problems: [] });

  const corpus = await run(['corpus', '--archive', out, '--json']);
  expect(corpus.code).toBe(0);
  const doc = JSON.parse(corpus.out);
  expect(doc.posts.map((p: { url: string }) => p.url)).toEqual([
    'https://probationmatters.blogspot.com/2022/10/probation-voice-must-continue-to-be.html',
    'https://probationmatters.blogspot.com/2022/11/pay-grading.html',
  ]);
  const reply = doc.posts[0].comments[1];
  expect(reply).toMatchObject({
    parentId: doc.posts[0].comments[0].id,
    author: "'Getafix",
    published: '2022-10-25T09:05:00.000+01:00',
    url: `https://probationmatters.blogspot.com/2022/10/probation-voice-must-continue-to-be.html?showComment=${Date.parse('2022-10-25T09:05:00.000+01:00')}#c9001000000000000002`,
    removed: false,
  });
  expect(doc.posts[0].comments[0].author).toBeNull();
  expect(doc.posts[0].comments[2]).toMatchObject({ removed: true, author: null });
});

test('the human report says what was imported and skipped', async () => {
  const { code, out } = await run(['import', '--from', path.join(FIXTURES, 'backup.xml'), '--out', path.join(dir, 'a')]);
  expect(code).toBe(0);
  expect(out).toContain('2 posts, 6 comments');
  expect(out).toContain('Skipped: 1 settings, 1 template, 1 draft, 1 page, 1 comment on a skipped post.');
});

test('exit 1 with the problem when nothing could be imported; nothing is written', async () => {
  const bad = path.join(dir, 'notes.txt');
  await writeFile(bad, 'just some notes\n');
  const result = await run(['import', '--from', bad, '--out', path.join(dir, 'archive'), '--json']);
  expect(result.code).toBe(1);
  expect(JSON.parse(result.out)).toMatchObject({
    posts: 0,
    comments: 0,
    problems: [{ file: 'notes.txt', line: 1, message: expect.stringMatching(/^not XML/) }],
  });
  expect(result.err).toMatch(/import failed, nothing was written: notes.txt:1: not XML/);
  expect(await readdir(dir)).toEqual(['notes.txt']);
});

test('a blog URL over HTTP, with a timeout option; a usage error without --from', async () => {
  const blog = await startFakeBlog(makeBlogContent(2, 3));
  try {
    const out = path.join(dir, 'feed');
    const first = await run(['import', '--from', blog.url, '--out', out, '--json', '--timeout', '5']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ posts: 2, comments: 6, incremental: false });
    const second = await run(['import', '--from', blog.url, '--out', out, '--json']);
    expect(JSON.parse(second.out)).toMatchObject({ posts: 2, comments: 6, incremental: true, added: { posts: 0, comments: 0 } });
    blog.mode = 'error500';
    const failed = await run(['import', '--from', blog.url, '--out', path.join(dir, 'other'), '--timeout', '1']);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(
      /import failed, nothing was written: GET http:\/\/127\.0\.0\.1:\d+\/feeds\/posts\/default\?.* failed after 3 tries: HTTP 500/,
    );
  } finally {
    await blog.close();
  }
  const usage = await run(['import', '--out', dir]);
  expect(usage.code).toBe(2);
  expect(usage.err).toMatch(/--from is required/);
}, 20_000);
