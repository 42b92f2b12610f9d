/**
 * The live archive's folder loaded with the archive (loadArchive's `overlayDir`): its threads stand alone, or merge by
 * comment id with the same post's thread in an import folder of the archive (a comment removed since is removed), and
 * the archive cache knows when the overlay changed.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadArchiveCached } from '../../src/corpus/archiveCache';
import { IMPORT_MANIFEST_FILE } from '../../src/corpus/importedPost';
import { loadArchive } from '../../src/corpus/loadArchive';

let root: string;
let archiveDir: string;
let overlayDir: string;

const post = (postId: string, title: string, updated: string | null = '2022-10-01T08:00:00Z') =>
  JSON.stringify({ type: 'post', postId, blogId: '1', title, published: '2022-10-01T08:00:00Z', updated, url: `https://blog.example.com/2022/10/${postId}.html`, author: null, authorUrl: null, labels: [], body: `Body of ${title}.` });
const comment = (postId: string, commentId: string, text: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'comment', commentId, postId, parentId: null, author: 'Reader', authorUrl: null, published: `2022-10-01T09:0${commentId.slice(-1)}:00Z`, updated: null, url: null, removed: false, text, ...extra });

async function importFolder(dir: string, files: Record<string, string[]>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, IMPORT_MANIFEST_FILE), JSON.stringify({ format: 'archive-bot/blogger-import', version: 1 }));
  for (const [name, lines] of Object.entries(files)) await writeFile(path.join(dir, name), lines.join('\n') + '\n');
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'overlay-'));
  archiveDir = path.join(root, 'archive');
  overlayDir = path.join(root, 'data', 'live-archive');
  await importFolder(path.join(archiveDir, 'blog'), { 'post-11.jsonl': [post('11', 'Old post'), comment('11', '1', 'First.'), comment('11', '2', 'Second, later removed.')] });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

test('an overlay thread of a post in the archive merges by comment id, the overlay winning; a new post stands alone', async () => {
  await importFolder(overlayDir, {
    'post-11.jsonl': [post('11', 'Old post', null), comment('11', '2', '', { removed: true, author: null }), comment('11', '3', 'Third, from the feed.')],
    'post-12.jsonl': [post('12', 'New post'), comment('12', '1', 'On the new post.')],
  });
  const archive = await loadArchive(archiveDir, { overlayDir });
  expect(archive.problems).toEqual([]);
  expect(archive.posts.map((p) => [p.id, p.source, p.title])).toEqual([
    ['b11', 'blog/post-11.jsonl', 'Old post'],
    ['b12', 'live-archive/post-12.jsonl', 'New post'],
  ]);
  expect(archive.posts[0].comments.map((c) => [c.position, c.removed, c.text])).toEqual([
    ['1', false, 'First.'],
    ['2', true, ''],
    ['3', false, 'Third, from the feed.'],
  ]);
  expect((await loadArchive(archiveDir)).posts.map((p) => p.id)).toEqual(['b11']);
});

test('the archive cache is re-read when the overlay changes', async () => {
  const cacheDir = path.join(root, 'data', 'index');
  const first = await loadArchiveCached(archiveDir, { cacheDir, overlayDir });
  expect(first.archive.posts).toHaveLength(1);
  expect((await loadArchiveCached(archiveDir, { cacheDir, overlayDir })).fromCache).toBe(true);
  await importFolder(overlayDir, { 'post-12.jsonl': [post('12', 'New post')] });
  const after = await loadArchiveCached(archiveDir, { cacheDir, overlayDir });
  expect(after.fromCache).toBe(false);
  expect(after.archive.posts.map((p) => p.id)).toEqual(['b11', 'b12']);
});
