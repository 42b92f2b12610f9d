/** An import folder as the bot sees it: inside the archive next to text exports, through the cache, and with bad lines. */
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadArchiveCached } from '../../src/corpus/archiveCache';
import { loadArchive } from '../../src/corpus/loadArchive';
import { parseImportedPostFile } from '../../src/corpus/importedPost';
import { runImport } from '../../src/import/runImport';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');
const BACKUP = path.join(__dirname, 'fixtures', 'backup.xml');
let work: string;
let archiveDir: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'imported-archive-'));
  archiveDir = path.join(work, 'archive');
  await cp(SEEDS, archiveDir, { recursive: true });
});
afterEach(async () => rm(work, { recursive: true, force: true }));

test('an import folder inside the archive folder loads alongside the text exports', async () => {
  await runImport({ from: BACKUP, out: path.join(archiveDir, 'blogger') });
  const archive = await loadArchive(archiveDir);
  expect(archive.posts).toHaveLength(7);
  const imported = archive.posts.filter((p) => p.id.startsWith('b7'));
  expect(imported.map((p) => p.source)).toEqual(['blogger/post-7001234567890123451.jsonl', 'blogger/post-7001234567890123452.jsonl']);
  // Imported posts keep their permalinks; text exports keep their month links.
  expect(imported[0].url).toBe('https://probationmatters.blogspot.com/2022/10/probation-voice-must-continue-to-be.html');
  expect(archive.posts.find((p) => p.source.startsWith('001'))!.url).toBe('https://probationmatters.blogspot.com/2022/09/');
  // Date order across both kinds of source.
  const dates = archive.posts.map((p) => p.date).filter((d): d is string => d !== null);
  expect([...dates].sort()).toEqual(dates);
  // A folder that is not an import folder is still ignored.
  await cp(path.join(archiveDir, 'blogger'), path.join(archiveDir, 'not-an-import'), { recursive: true });
  await rm(path.join(archiveDir, 'not-an-import', 'blogger-import.json'));
  expect((await loadArchive(archiveDir)).posts).toHaveLength(7);
});

test('a text export of a post that was also imported is left out, with a problem naming both', async () => {
  const backup = (await readFile(BACKUP, 'utf8')).replace(
    '<published>2022-10-25T07:30:00.001+01:00</published>',
    '<published>2022-09-02T07:30:00.001+01:00</published>',
  );
  const file = path.join(work, 'backup.xml');
  await writeFile(file, backup);
  await runImport({ from: file, out: path.join(archiveDir, 'blogger') });
  const archive = await loadArchive(archiveDir);
  expect(archive.posts).toHaveLength(6);
  const voice = archive.posts.filter((p) => p.title === 'Probation Voice Must Continue to be Heard');
  expect(voice.map((p) => p.source)).toEqual(['blogger/post-7001234567890123451.jsonl']);
  expect(archive.problems).toContainEqual({
    file: '001_10a277a3509ddae1.txt',
    line: null,
    message: 'the same post as the imported blogger/post-7001234567890123451.jsonl (same date and title): the imported copy is used',
  });
});

test('the archive cache notices a re-import into the folder', async () => {
  const cacheDir = path.join(work, 'cache');
  const out = path.join(archiveDir, 'blogger');
  await runImport({ from: BACKUP, out });
  expect((await loadArchiveCached(archiveDir, { cacheDir })).fromCache).toBe(false);
  expect((await loadArchiveCached(archiveDir, { cacheDir })).fromCache).toBe(true);
  await runImport({ from: path.join(__dirname, 'fixtures', 'feed.atom'), out, blogUrl: 'https://probationmatters.blogspot.com' });
  const third = await loadArchiveCached(archiveDir, { cacheDir });
  expect(third.fromCache).toBe(false);
  const voice = third.archive.posts.find((p) => p.id === 'b7001234567890123451')!;
  expect(voice.comments.find((c) => c.id.endsWith('c9001000000000000002'))!.text).toBe(
    'Quite right. The voice matters <sigh> & always will.',
  );
});

test('bad lines are reported by file and line and the rest of the thread still loads', async () => {
  const out = path.join(work, 'blogger');
  await runImport({ from: BACKUP, out });
  const file = path.join(out, 'post-7001234567890123451.jsonl');
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  lines.splice(2, 0, '{"type":"comment","commentId":"9001000000000000099", "text": tru');
  lines.push('{"type":"comment","commentId":"oops","text":"x"}', '["not", "an", "object"]', lines[1]);
  await writeFile(file, lines.join('\n') + '\n');
  await appendFile(
    path.join(out, 'post-7001234567890123452.jsonl'),
    '{"type":"comment","commentId":"9001000000000000098","parentId":"123","text":"orphan"}\n',
  );
  await writeFile(path.join(out, 'post-7009.jsonl'), '{"type":"comment","commentId":"1"}\n');
  const archive = await loadArchive(out);
  const name = 'post-7001234567890123451.jsonl';
  expect(archive.problems).toEqual([
    { file: name, line: 3, message: expect.stringMatching(/^not valid JSON/) },
    { file: name, line: 8, message: 'comment without a Blogger commentId' },
    { file: name, line: 9, message: 'not a JSON object' },
    { file: name, line: 10, message: 'comment 9001000000000000001 appears twice: the first is kept' },
    {
      file: 'post-7001234567890123452.jsonl',
      line: 3,
      message: 'comment 9001000000000000098 replies to comment 123, which is not in the archive: shown as a top-level comment',
    },
    { file: 'post-7009.jsonl', line: 1, message: 'line 1 must be the post (type "post"), found type "comment"' },
  ]);
  expect(archive.posts).toHaveLength(2);
  expect(archive.posts[0].comments).toHaveLength(5);
  expect(archive.posts[1].comments.map((c) => [c.position, c.parentId, c.text])).toEqual([
    ['1', null, 'Pay at last & about time.'],
    ['2', null, 'orphan'],
  ]);
});

test('an untitled post gets a title from its opening words, marked as derived; a reply to a reply nests under the top comment', () => {
  const lines = [
    {
      type: 'post',
      postId: '1',
      title: '',
      body: 'Opening words of an untitled post.\n\nMore.',
      published: '2020-01-02T10:00:00Z',
      url: 'https://b.example/p.html',
    },
    { type: 'comment', commentId: '10', parentId: null, published: '2020-01-02T11:00:00Z', text: 'top', removed: false },
    { type: 'comment', commentId: '11', parentId: '10', published: '2020-01-02T12:00:00Z', text: 'reply', removed: false },
    { type: 'comment', commentId: '12', parentId: '11', published: '2020-01-02T13:00:00Z', text: 'reply to reply', removed: false },
  ];
  const { post, problems } = parseImportedPostFile('post-1.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'));
  expect(problems).toEqual([]);
  expect(post).toMatchObject({ title: 'Opening words of an untitled post.', titleDerived: true, date: '2020-01-02' });
  expect(post!.comments.map((c) => [c.position, c.parentId])).toEqual([
    ['1', null],
    ['1.1', 'b1-c10'],
    ['1.2', 'b1-c10'],
  ]);
  expect(post!.comments[0].url).toBe(`https://b.example/p.html?showComment=${Date.parse('2020-01-02T11:00:00Z')}#c10`);
});
