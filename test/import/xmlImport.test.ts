import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import type { Post } from '../../src/corpus/types';
import { applyBatch } from '../../src/import/importFolder';
import { runImport } from '../../src/import/runImport';
import { ImportError } from '../../src/import/types';

const FIXTURES = path.join(__dirname, 'fixtures');
const BLOG = 'https://probationmatters.blogspot.com';
const POST1 = `${BLOG}/2022/10/probation-voice-must-continue-to-be.html`;

let dir: string;
let out: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'xml-import-'));
  out = path.join(dir, 'blogger');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const summary = (post: Post) =>
  post.comments.map((c) => [
    c.position,
    c.id.replace(/^b\d+-c900100000000000000/, 'c'),
    c.parentId?.replace(/^b\d+-c900100000000000000/, 'c') ?? null,
    c.author,
    c.removed,
  ]);

async function folderState(folder: string): Promise<Record<string, { bytes: string; mtime: number }>> {
  const files: Record<string, { bytes: string; mtime: number }> = {};
  for (const name of (await readdir(folder)).filter((n) => n.endsWith('.jsonl')).sort()) {
    const p = path.join(folder, name);
    files[name] = { bytes: await readFile(p, 'utf8'), mtime: (await stat(p)).mtimeMs };
  }
  return files;
}

describe("Blogger's Back up content export", () => {
  test('imports posts and comments with parents, names, times, permalinks; skips drafts, pages, settings and templates', async () => {
    const report = await runImport({ from: path.join(FIXTURES, 'backup.xml'), out });
    expect(report).toMatchObject({
      source: { kind: 'backup' },
      posts: 2,
      comments: 6,
      problems: [],
      skipped: { settings: 1, template: 1, draft: 1, page: 1, 'comment on a skipped post': 1 },
    });
    const archive = await loadArchive(out);
    expect(archive.problems).toEqual([]);
    const [voice, pay] = archive.posts;
    expect(voice).toMatchObject({
      id: 'b7001234567890123451',
      title: 'Probation Voice Must Continue to be Heard',
      date: '2022-10-25',
      published: '2022-10-25T07:30:00.001+01:00',
      url: POST1,
      body:
        "The inspectorate's report lands today & it is grim.\nRead it here (https://www.justiceinspectorates.gov.uk/hmiprobation/report.pdf).\n\n" +
        'Staff say <sigh> and carry on. Café talk, "quoted".',
    });
    // The file lists comments newest first; the thread is in reading order with replies under their parent.
    expect(summary(voice)).toEqual([
      ['1', 'c1', null, null, false],
      ['1.1', 'c2', 'c1', "'Getafix", false],
      ['2', 'c3', null, null, true],
      ['3', 'c4', null, 'Probation Officer', false],
      ['3.1', 'c5', 'c4', null, false],
    ]);
    expect(voice.comments[1]).toMatchObject({
      published: '2022-10-25T09:05:00.000+01:00',
      url: `${POST1}?showComment=${Date.parse('2022-10-25T09:05:00.000+01:00')}#c9001000000000000002`,
      text: "Quite right. The voice matters <sigh>.\n\n'Getafix",
    });
    expect(voice.comments[2]).toMatchObject({ removed: true, text: '', author: null });
    expect(voice.comments[3].text).toBe('We are all tired & angry.\n\nSee http://www.napo.org.uk/ for more.');
    expect(pay).toMatchObject({ title: 'Pay & Grading', date: '2022-11-01', body: 'Line one\nline two\n\nA new paragraph with 5 < 6.' });
    // The export's own comment link is kept as given.
    expect(pay.comments[0]).toMatchObject({
      author: null,
      url: `${BLOG}/2022/11/pay-grading.html?showComment=1667304000000#c9001000000000000006`,
    });
    const all = JSON.stringify(archive.posts);
    expect(all).not.toMatch(/<\/?(?:p|br|a|i|script)\b|&amp;|&lt;|&#39;|tracker|Unfinished draft|About this blog|Nice page/);
  });

  test('a re-import of the same file changes nothing: same ids, same bytes, files untouched', async () => {
    await runImport({ from: path.join(FIXTURES, 'backup.xml'), out });
    const before = await folderState(out);
    const ids = (await loadArchive(out)).posts.flatMap((p) => [p.id, ...p.comments.map((c) => c.id)]);
    const again = await runImport({ from: path.join(FIXTURES, 'backup.xml'), out });
    expect(again).toMatchObject({ posts: 2, comments: 6, added: { posts: 0, comments: 0 }, updated: { posts: 0, comments: 0 } });
    expect(await folderState(out)).toEqual(before);
    expect((await loadArchive(out)).posts.flatMap((p) => [p.id, ...p.comments.map((c) => c.id)])).toEqual(ids);
  });
});

describe("Google Takeout's feed.atom", () => {
  test('imports live posts and comments; names kept, Anonymous is null, EMPTIED is removed, spam and pages skipped', async () => {
    const report = await runImport({ from: path.join(FIXTURES, 'feed.atom'), out, blogUrl: BLOG });
    expect(report).toMatchObject({
      posts: 1,
      comments: 4,
      problems: [],
      skipped: { draft: 1, page: 1, 'not public': 1, 'comment on a skipped post': 1 },
    });
    expect(report.source.kind).toBe('takeout');
    const [post] = (await loadArchive(out)).posts;
    expect(post).toMatchObject({
      id: 'b7001234567890123451',
      url: POST1,
      date: '2022-10-25',
      body: "The inspectorate's report lands today & it is grim.\n\nStaff say <sigh> and carry on.",
    });
    expect(summary(post)).toEqual([
      ['1', 'c1', null, null, false],
      ['1.1', 'c2', 'c1', "'Getafix", false],
      ['2', 'c3', null, null, true],
      ['3', 'c4', null, 'Mary from Leeds', false],
    ]);
    // Takeout has no comment links: they are built from the post's permalink and the comment's time.
    expect(post.comments[0].url).toBe(`${POST1}?showComment=${Date.parse('2022-10-25T08:12:00.000+01:00')}#c9001000000000000001`);
    expect(post.comments[1].text).toBe('Quite right. The voice matters <sigh> & always will.');
  });

  test('the same post from the backup and from Takeout is one post with the same ids', async () => {
    await runImport({ from: path.join(FIXTURES, 'backup.xml'), out });
    const fromBackup = (await loadArchive(out)).posts[0];
    const report = await runImport({ from: path.join(FIXTURES, 'feed.atom'), out, blogUrl: BLOG });
    expect(report).toMatchObject({ posts: 2, added: { posts: 0, comments: 0 } });
    const merged = (await loadArchive(out)).posts[0];
    expect(merged.comments.map((c) => c.id)).toEqual(fromBackup.comments.map((c) => c.id));
    // Takeout's newer wording wins, and the link the backup gave is kept (Takeout gives none).
    expect(merged.comments[1].text).toBe('Quite right. The voice matters <sigh> & always will.');
  });

  test('a Takeout folder is searched for its feed.atom; without a blog address posts are reported as unlinked', async () => {
    const takeout = path.join(dir, 'Takeout', 'Blogger', 'Blogs', 'On Probation');
    await mkdir(takeout, { recursive: true });
    await cp(path.join(FIXTURES, 'feed.atom'), path.join(takeout, 'feed.atom'));
    const report = await runImport({ from: path.join(dir, 'Takeout'), out });
    expect(report.posts).toBe(1);
    expect(report.problems).toEqual([{ file: 'feed.atom', message: expect.stringMatching(/1 post\(s\) have no permalink.*--blog-url/) }]);
  });
});

describe('bad XML input: a clear error, nothing written, the archive as it was', () => {
  async function expectRefused(content: string, message: RegExp, line?: number, target = out): Promise<void> {
    const file = path.join(dir, 'bad.xml');
    await writeFile(file, content);
    const error = await runImport({ from: file, out: target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(message);
    expect((error as ImportError).file).toBe('bad.xml');
    if (line !== undefined) expect((error as ImportError).line).toBe(line);
  }

  test('not XML, truncated XML, RSS, a foreign Atom feed, an empty file', async () => {
    await runImport({ from: path.join(FIXTURES, 'backup.xml'), out });
    const before = await folderState(out);
    await expectRefused('Tuesday 25 October 2022\n\nThis is a text export, not XML.\n', /not XML: it starts with "Tuesday/, 1);
    const backup = await readFile(path.join(FIXTURES, 'backup.xml'), 'utf8');
    const cut = backup.slice(0, backup.indexOf('<entry>', backup.indexOf('9001000000000000004')) + 3000);
    await expectRefused(cut, /not well-formed XML/, cut.split('\n').length);
    await expectRefused(
      '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>',
      /an RSS feed, not an Atom document/,
    );
    await expectRefused(
      '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><entry><id>urn:1</id><title>Hello</title></entry></feed>',
      /not a Blogger export: none of its 1 entries is a Blogger post or comment/,
    );
    await expectRefused('', /empty file/);
    await expectRefused(
      `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>tag:blogger.com,1999:blog-1.post-2</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/><app:control xmlns:app="http://purl.org/atom/app#"><app:draft>yes</app:draft></app:control></entry></feed>`,
      /no published post to import \(skipped: 1 draft\)/,
      undefined,
      path.join(dir, 'fresh'),
    );
    expect(await folderState(out)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['bad.xml', 'blogger']);
  });

  test('single bad entries are listed with their line and the rest is imported', async () => {
    const backup = await readFile(path.join(FIXTURES, 'backup.xml'), 'utf8');
    const broken = backup
      .replace('<published>2022-11-01T08:00:00.000Z</published>', '<published>yesterday</published>')
      .replace(
        "ref='tag:blogger.com,1999:blog-1234567890123456789.post-7001234567890123452' source='https://www.blogger.com/feeds/1234567890123456789/posts/default/7001234567890123452' ",
        '',
      );
    const file = path.join(dir, 'backup.xml');
    await writeFile(file, broken);
    const report = await runImport({ from: file, out });
    const lineOf = (needle: string) => broken.slice(0, broken.indexOf(needle)).split('\n').length;
    expect(report.problems).toEqual([
      {
        file: 'backup.xml',
        line: lineOf('post-7001234567890123452</id>') - 1,
        message: 'post 7001234567890123452: <published> "yesterday" is not an ISO 8601 time',
      },
      {
        file: 'backup.xml',
        line: lineOf('post-9001000000000000006</id>') - 1,
        message: 'comment 9001000000000000006 does not say which post it belongs to (no thr:in-reply-to)',
      },
    ]);
    expect(report).toMatchObject({ posts: 2, comments: 5 });
  });

  test('an --out folder that is not an import folder is never replaced', async () => {
    const archiveDir = path.join(dir, 'archive');
    await mkdir(archiveDir);
    await writeFile(path.join(archiveDir, '001.txt'), 'Tuesday 25 October 2022\n\nA post\n');
    await expect(runImport({ from: path.join(FIXTURES, 'backup.xml'), out: archiveDir })).rejects.toThrow(/not a Blogger import folder/);
    expect(await readdir(archiveDir)).toEqual(['001.txt']);
  });

  test('a write that fails half-way leaves the old folder in place and no temp folder behind', async () => {
    await runImport({ from: path.join(FIXTURES, 'backup.xml'), out });
    const before = await folderState(out);
    const good = {
      type: 'post' as const,
      postId: '7009',
      blogId: null,
      title: 'ok',
      body: 'ok',
      published: null,
      updated: null,
      url: null,
      author: null,
      authorUrl: null,
      labels: [],
    };
    const batch = {
      posts: [good, { ...good, postId: 'no/such/folder' }],
      comments: [],
      problems: [],
      skipped: {},
      skippedPostIds: new Set<string>(),
      blogUrl: null,
      blogId: null,
    };
    await expect(applyBatch(out, batch, { source: { kind: 'backup', location: 'test' } })).rejects.toThrow(/ENOENT/);
    expect(await folderState(out)).toEqual(before);
    expect(await readdir(dir)).toEqual(['blogger']);
  });

  test('a folder left aside by a run that died between its renames is put back, leftovers cleared', async () => {
    await runImport({ from: path.join(FIXTURES, 'backup.xml'), out });
    const aside = path.join(dir, '.blogger.previous-123-abcd');
    await cp(out, aside, { recursive: true });
    await rm(out, { recursive: true });
    // And a crashed run's spool (its process is gone) is cleared.
    await mkdir(path.join(dir, '.blogger.spool-2147483646-x1y2z3'));
    const report = await runImport({ from: path.join(FIXTURES, 'backup.xml'), out });
    expect(report).toMatchObject({ posts: 2, comments: 6, added: { posts: 0, comments: 0 } });
    expect(await readdir(dir)).toEqual(['blogger']);
  });
});
