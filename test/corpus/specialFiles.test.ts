/**
 * Only regular files are archive posts. A link to /dev/zero was read forever (memory growing by the second), a link
 * to a named pipe blocked start-up for good, and nothing capped a file's size. Each is now one problem naming the
 * file, and the rest of the folder loads.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadArchive, MAX_ARCHIVE_FILE_BYTES } from '../../src/corpus/loadArchive';
import { createLogger } from '../../src/log';
import { exportText } from './exportText';

let dir: string;
let outside: string;
const fifos: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'archive-special-'));
  outside = await mkdtemp(path.join(os.tmpdir(), 'archive-outside-'));
});
afterEach(async () => {
  // Should a reader ever block on a pipe again, give it a writer that closes at once so the test process can exit.
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waiting: nothing to release
    }
  }
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const good = (title: string) => exportText({ heading: 'Tuesday 25 October 2022', title, comments: [{ lines: ['A comment.'] }] });

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
  fifos.push(file);
}

test('a link to a named pipe is skipped with a problem naming it; it never blocks loading', async () => {
  await writeFile(path.join(dir, 'a_good.txt'), good('Good'));
  mkfifo(path.join(outside, 'pipe'));
  await symlink(path.join(outside, 'pipe'), path.join(dir, 'p.txt'));
  mkfifo(path.join(dir, 'q_pipe_itself.txt'));
  const archive = await loadArchive(dir);
  expect(archive.posts.map((p) => p.source)).toEqual(['a_good.txt']);
  expect(archive.problems).toEqual([
    { file: 'p.txt', line: null, message: 'is not a regular file (it is a named pipe); skipped' },
    { file: 'q_pipe_itself.txt', line: null, message: 'is not a regular file (it is a named pipe); skipped' },
  ]);
});

test('a link to /dev/zero is skipped at once, without reading it', async () => {
  await writeFile(path.join(dir, 'a_good.txt'), good('Good'));
  await symlink('/dev/zero', path.join(dir, 'zero.txt'));
  const before = process.memoryUsage().rss;
  const archive = await loadArchive(dir);
  expect(archive.posts.map((p) => p.source)).toEqual(['a_good.txt']);
  expect(archive.problems).toEqual([
    { file: 'zero.txt', line: null, message: 'is not a regular file (it is a character device); skipped' },
  ]);
  expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
});

test('a file over the size cap is skipped with a problem giving its size and the cap; a linked regular file loads', async () => {
  await writeFile(path.join(dir, 'a_good.txt'), good('Good'));
  // Sparse: no disk or memory is used unless something reads it.
  await writeFile(path.join(dir, 'huge.txt'), '');
  await truncate(path.join(dir, 'huge.txt'), MAX_ARCHIVE_FILE_BYTES + 1);
  await writeFile(path.join(outside, 'linked.txt'), good('Linked'));
  await symlink(path.join(outside, 'linked.txt'), path.join(dir, 'linked.txt'));
  const lines: string[] = [];
  const archive = await loadArchive(dir, { logger: createLogger({ write: (l) => lines.push(l) }) });
  expect(archive.posts.map((p) => p.source).sort()).toEqual(['a_good.txt', 'linked.txt']);
  expect(archive.problems).toEqual([
    {
      file: 'huge.txt',
      line: null,
      message: `is 64.0 MiB, over the ${MAX_ARCHIVE_FILE_BYTES / 1024 / 1024} MiB limit for one post file; skipped`,
    },
  ]);
  // The operator sees which file was skipped and why, in the log of the start that skipped it.
  expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
    expect.objectContaining({ level: 'warn', msg: 'archive file skipped', file: 'huge.txt', reason: expect.stringContaining('over the') }),
  );
});
