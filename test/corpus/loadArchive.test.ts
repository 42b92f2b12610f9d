/** Loading a folder: bad files are problems naming the file, the rest loads; only an empty result is fatal. */
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ArchiveUnusableError, loadArchive } from '../../src/corpus/loadArchive';
import { postLink } from '../../src/corpus/postLink';
import { createLogger } from '../../src/log';
import { exportText } from './exportText';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'archive-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const good = (heading: string, title: string) => exportText({ heading, title, comments: [{ lines: ['A comment.'] }] });

test('bad files are reported by name and the good ones still load', async () => {
  await writeFile(path.join(dir, 'a_good.txt'), good('Friday, 2 September 2022', 'Good'));
  await writeFile(path.join(dir, 'b_empty.txt'), '');
  await writeFile(path.join(dir, 'c_binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
  await writeFile(path.join(dir, 'd_notes.txt'), 'shopping list\nmilk\n');
  await symlink(path.join(dir, 'gone.txt'), path.join(dir, 'e_dangling.txt'));
  await writeFile(path.join(dir, '.hidden.txt'), 'ignored');
  await mkdir(path.join(dir, 'subfolder'));
  await symlink(path.join(dir, 'subfolder'), path.join(dir, 'f_link_to_folder'));
  const archive = await loadArchive(dir);
  expect(archive.dir).toBe(dir);
  expect(archive.posts.map((p) => p.source)).toEqual(['a_good.txt']);
  expect(archive.problems).toEqual([
    { file: 'b_empty.txt', line: null, message: 'empty file' },
    { file: 'c_binary.txt', line: null, message: expect.stringContaining('binary file') },
    { file: 'd_notes.txt', line: 1, message: expect.stringContaining('no recognisable structure') },
    { file: 'e_dangling.txt', line: null, message: 'could not be read: does not exist' },
  ]);
});

test('posts are sorted by date, undated last, then by file name', async () => {
  await writeFile(path.join(dir, 'z.txt'), good('Tuesday 25 October 2022', 'Later'));
  await writeFile(path.join(dir, 'y.txt'), good('Friday, 2 September 2022', 'Earlier'));
  await writeFile(path.join(dir, 'a.txt'), 'No date here\n****\nA comment\n');
  await writeFile(path.join(dir, 'x.txt'), good('Friday, 2 September 2022', 'Same day'));
  const archive = await loadArchive(dir);
  expect(archive.posts.map((p) => p.source)).toEqual(['x.txt', 'y.txt', 'z.txt', 'a.txt']);
});

test('post links go to the month page of the configured blog, or nowhere', async () => {
  await writeFile(path.join(dir, 'p.txt'), good('Tuesday 25 October 2022', 'T'));
  expect((await loadArchive(dir)).posts[0].url).toBe('https://probationmatters.blogspot.com/2022/10/');
  expect((await loadArchive(dir, { blogUrl: 'https://example.org/' })).posts[0].url).toBe('https://example.org/2022/10/');
  expect((await loadArchive(dir, { blogUrl: null })).posts[0].url).toBeNull();
  expect(postLink({ date: null })).toBeNull();
});

test('a folder with no usable post is fatal, saying what was looked for, where, and what was wrong', async () => {
  await writeFile(path.join(dir, 'empty.txt'), '');
  const error = await loadArchive(dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ArchiveUnusableError);
  const message = (error as Error).message;
  expect(message).toContain(`No usable archive in ${dir}`);
  expect(message).toContain('looked for blog export text files');
  expect(message).toContain('empty.txt: empty file');
});

test('a folder that does not exist, or is a file, is fatal with a clear message', async () => {
  const missing = path.join(dir, 'nope');
  await expect(loadArchive(missing)).rejects.toThrow(`No usable archive in ${missing}`);
  await expect(loadArchive(missing)).rejects.toThrow('archive folder does not exist');
  await writeFile(path.join(dir, 'file.txt'), good('Tuesday 25 October 2022', 'T'));
  await expect(loadArchive(path.join(dir, 'file.txt'))).rejects.toThrow('archive folder is not a folder');
});

test('an empty folder is fatal', async () => {
  await expect(loadArchive(dir)).rejects.toBeInstanceOf(ArchiveUnusableError);
});

test('logs one line with the counts', async () => {
  await writeFile(path.join(dir, 'p.txt'), good('Tuesday 25 October 2022', 'T'));
  const lines: string[] = [];
  await loadArchive(dir, { logger: createLogger({ write: (l) => lines.push(l) }) });
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0])).toMatchObject({ msg: 'archive loaded', posts: 1, comments: 1, problems: 0 });
});
