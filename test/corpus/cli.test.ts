/** The `corpus` subcommand through the real CLI entry: the JSON contract, the human summary, the fatal case. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('corpus --json prints {posts, problems} with the contract fields', async () => {
  const { code, out, err } = await run(['corpus', '--json']);
  expect(code).toBe(0);
  expect(err).toBe('');
  const doc = JSON.parse(out);
  expect(Object.keys(doc).sort()).toEqual(['posts', 'problems']);
  expect(doc.posts).toHaveLength(5);
  for (const post of doc.posts) {
    expect(post).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        source: expect.stringMatching(/\.txt$/),
        title: expect.any(String),
        comments: expect.any(Array),
      }),
    );
    expect(post.date === null || /^\d{4}-\d{2}-\d{2}$/.test(post.date)).toBe(true);
    expect('declaredCommentCount' in post).toBe(true);
    for (const c of post.comments) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'parentId', 'author', 'text', 'removed']));
      expect(typeof c.removed).toBe('boolean');
    }
  }
  const p001 = doc.posts.find((p: { source: string }) => p.source.startsWith('001'));
  expect(p001.comments).toHaveLength(40);
  expect(p001.date).toBe('2022-09-02');
  expect(doc.problems).toContainEqual({ file: '004_1d29cf00f6b435f0.txt', line: 9, message: 'declares 22 comments but 21 were found' });
});

test('corpus without --json prints a summary per post and the problems as file:line: message', async () => {
  const { code, out } = await run(['corpus']);
  expect(code).toBe(0);
  expect(out).toContain('2022-09-02  Probation Voice Must Continue to be Heard');
  expect(out).toContain('40 comments (11 top level, 29 replies)');
  expect(out).toContain('21 comments (13 top level, 8 replies)  [declares 22]');
  expect(out).toContain('004_1d29cf00f6b435f0.txt:9: declares 22 comments but 21 were found');
  expect(out).toContain('5 posts, 109 comments');
});

describe('with a folder of its own', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cli-corpus-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  test('a folder with nothing usable exits 1 with the reason on stderr and nothing on stdout', async () => {
    await writeFile(path.join(dir, 'x.bin'), Buffer.from([0, 1, 2]));
    const { code, out, err } = await run(['corpus', '--archive', dir, '--json']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`No usable archive in ${dir}`);
    expect(err).toContain('x.bin: binary file');
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('a missing folder exits 1 and says so', async () => {
    const { code, err } = await run(['corpus', '--archive', path.join(dir, 'missing')]);
    expect(code).toBe(1);
    expect(err).toContain('archive folder does not exist');
  });

  test('one good file among bad ones: exit 0, the bad ones listed as problems', async () => {
    await writeFile(path.join(dir, 'good.txt'), 'Tuesday 25 October 2022\n\nT\n\nBody\n\n1 comment:\n\n  1. Hi\n\n    ReplyDelete\n');
    await writeFile(path.join(dir, 'empty.txt'), '');
    const { code, out } = await run(['corpus', '--archive', dir, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.posts.map((p: { source: string }) => p.source)).toEqual(['good.txt']);
    expect(doc.problems).toEqual([{ file: 'empty.txt', line: null, message: 'empty file' }]);
  });
});

test('output piped into a reader that stops early (| head) ends quietly: no EPIPE stack trace', async () => {
  const root = path.join(__dirname, '..', '..');
  // A real pipe (Node's own stdio pipes are socket pairs whose buffer holds the whole ~100 kB document).
  const script = '"$0" "$1" corpus --json | head -c 500 > /dev/null; exit ${PIPESTATUS[0]}';
  const child = spawn('bash', ['-c', script, path.join(root, 'node_modules', '.bin', 'tsx'), path.join(root, 'src', 'cli', 'main.ts')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect(stderr).not.toContain('EPIPE');
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(code).toBe(0);
}, 60000);
