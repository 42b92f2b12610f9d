import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import { fetchFeedChanges } from '../../src/import/feedClient';
import { runImport } from '../../src/import/runImport';
import { ImportError } from '../../src/import/types';
import { BLOG_ID, makeBlogContent, startFakeBlog, type FakeBlog } from './fakeBloggerFeed';

let blog: FakeBlog;
let dir: string;
let out: string;

const fast = { retries: 1, retryDelayMs: 10, timeoutMs: 2000 };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'feed-import-'));
  out = path.join(dir, 'blogger');
});

afterEach(async () => {
  await blog?.close();
  await rm(dir, { recursive: true, force: true });
});

function queryOf(request: string): URLSearchParams {
  return new URL(request, 'http://x').searchParams;
}

async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(folder)).sort()) files[name] = await readFile(path.join(folder, name), 'utf8');
  return files;
}

describe('importing a blog from its public feeds', () => {
  test('reads every page of posts and comments, with parents, names, times and permalinks', async () => {
    const content = makeBlogContent(7, 9);
    blog = await startFakeBlog({ ...content, pageCap: 5 });
    const report = await runImport({ from: blog.url, out, feed: { ...fast, pageSize: 25 } });
    expect(report).toMatchObject({ posts: 7, comments: 63, added: { posts: 7, comments: 63 }, problems: [] });
    // 7 posts in pages of 5 (the server's cap, below the 25 asked for), 63 comments in pages of 5.
    const postRequests = blog.requests.filter((r) => r.startsWith('/feeds/posts/default'));
    const commentRequests = blog.requests.filter((r) => r.startsWith('/feeds/comments/default'));
    expect(postRequests.map((r) => queryOf(r).get('start-index'))).toEqual(['1', '6']);
    expect(commentRequests).toHaveLength(13);
    expect(
      postRequests.every(
        (r) => queryOf(r).get('max-results') === '25' && queryOf(r).get('alt') === 'json' && !queryOf(r).has('updated-min'),
      ),
    ).toBe(true);

    const archive = await loadArchive(out);
    expect(archive.problems).toEqual([]);
    expect(archive.posts).toHaveLength(7);
    const first = archive.posts[0];
    expect(first).toMatchObject({
      id: 'b7100000000000000000',
      title: 'Post number 1',
      date: '2022-10-01',
      url: `${blog.url}/2022/10/post-number-1.html`,
      body: 'Body of post 1 & more.',
    });
    expect(first.comments.map((c) => c.position)).toEqual(['1', '2', '2.1', '3', '4', '4.1', '5', '6', '6.1']);
    const reply = first.comments[2];
    expect(reply).toMatchObject({
      id: 'b7100000000000000000-c9100000000000000002',
      parentId: 'b7100000000000000000-c9100000000000000001',
      author: null,
      published: '2022-10-01T09:02:00.000Z',
      // The link came through JSON as `?showComment\u003d...`: it must arrive as a real `=`.
      url: `${blog.url}/2022/10/post-number-1.html?showComment=${Date.UTC(2022, 9, 1, 9, 2)}#c9100000000000000002`,
      text: 'Comment 3 on post 1\nsecond line',
    });
    expect(first.comments[1].author).toBe('Reader 1');
    const manifest = JSON.parse(await readFile(path.join(out, 'blogger-import.json'), 'utf8'));
    expect(manifest).toMatchObject({ blogId: BLOG_ID, posts: 7, comments: 63, feed: { blogUrl: blog.url } });
  });

  test('a second run asks only for what changed since, adds new items once and marks comments removed since', async () => {
    const content = makeBlogContent(3, 4);
    blog = await startFakeBlog({ ...content, pageCap: 100 });
    await runImport({ from: blog.url, out, feed: fast });
    const before = await loadArchive(out);
    const removedTarget = content.comments[5];
    const firstRequests = blog.requests.length;

    // Nothing changed: one request per feed, both from the cursor; nothing is added and no file is rewritten.
    const filesBefore = await snapshot(out);
    const idle = await runImport({ from: blog.url, out, feed: fast });
    const idleRequests = blog.requests.slice(firstRequests);
    expect(idleRequests).toHaveLength(2);
    expect(idleRequests.every((r) => queryOf(r).get('orderby') === 'updated' && queryOf(r).has('updated-min'))).toBe(true);
    expect(idle).toMatchObject({
      incremental: true,
      added: { posts: 0, comments: 0 },
      updated: { posts: 0, comments: 0 },
      removedSince: 0,
      posts: 3,
      comments: 12,
    });
    const filesAfter = await snapshot(out);
    for (const name of Object.keys(filesBefore).filter((n) => n.endsWith('.jsonl'))) expect(filesAfter[name]).toBe(filesBefore[name]);

    // A new post with a comment, a reply on an old post, and a comment removed on the blog.
    const now = '2023-02-01T10:00:00.000Z';
    blog.posts.push({
      id: '7200000000000000001',
      title: 'Fresh news',
      html: 'Fresh &lt;news&gt;',
      published: now,
      updated: now,
      slug: 'fresh-news',
    });
    blog.comments.push({
      id: '9200000000000000001',
      postId: '7200000000000000001',
      author: 'Anonymous',
      html: 'First on the new one',
      published: now,
      updated: now,
    });
    blog.comments.push({
      id: '9200000000000000002',
      postId: content.posts[0].id,
      parentId: content.comments[0].id,
      author: "'Getafix",
      html: 'Late reply',
      published: '2023-02-01T11:00:00.000Z',
      updated: '2023-02-01T11:00:00.000Z',
    });
    removedTarget.removed = true;
    removedTarget.updated = '2023-02-01T12:00:00.000Z';

    const mark = blog.requests.length;
    const report = await runImport({ from: blog.url, out, feed: fast });
    const asked = blog.requests.slice(mark);
    expect(asked).toHaveLength(2);
    expect(queryOf(asked[0]).get('updated-min')).toBe(content.posts[2].updated);
    expect(report).toMatchObject({ incremental: true, added: { posts: 1, comments: 2 }, removedSince: 1, posts: 4, comments: 14 });

    const after = await loadArchive(out);
    expect(after.posts).toHaveLength(4);
    const totalComments = after.posts.reduce((n, p) => n + p.comments.length, 0);
    expect(totalComments).toBe(14);
    const ids = after.posts.flatMap((p) => p.comments.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    // Old ids are untouched by the new items.
    for (const c of before.posts.flatMap((p) => p.comments)) expect(ids).toContain(c.id);
    const removed = after.posts.flatMap((p) => p.comments).find((c) => c.id.endsWith(`-c${removedTarget.id}`))!;
    expect(removed).toMatchObject({ removed: true, text: '', author: null });
    const late = after.posts[0].comments.find((c) => c.id.endsWith('-c9200000000000000002'))!;
    expect(late).toMatchObject({ parentId: `b${content.posts[0].id}-c${content.comments[0].id}`, author: "'Getafix", position: '1.1' });
    expect(after.posts[3]).toMatchObject({ title: 'Fresh news', body: 'Fresh <news>' });

    // And once more: the boundary items come back (updated-min is inclusive) but nothing is duplicated.
    const again = await runImport({ from: blog.url, out, feed: fast });
    expect(again).toMatchObject({ added: { posts: 0, comments: 0 }, posts: 4, comments: 14 });
  });

  test('fetchFeedChanges is pure: it returns the changes and the next state and writes nothing', async () => {
    const content = makeBlogContent(2, 2);
    blog = await startFakeBlog(content);
    const first = await fetchFeedChanges(blog.url, null, fast);
    expect(first.posts).toHaveLength(2);
    expect(first.comments).toHaveLength(4);
    expect(first.nextState).toEqual({
      blogUrl: blog.url,
      postsUpdatedMin: content.posts[1].updated,
      commentsUpdatedMin: content.comments[3].updated,
    });
    const at = '2023-03-01T00:00:00.000Z';
    blog.comments.push({
      id: '9300000000000000001',
      postId: content.posts[1].id,
      author: 'Anonymous',
      html: 'new',
      published: at,
      updated: at,
    });
    const next = await fetchFeedChanges(blog.url, first.nextState, fast);
    expect(next.comments.map((c) => c.commentId)).toEqual(['9300000000000000001', content.comments[3].id]);
    expect(next.nextState.commentsUpdatedMin).toBe(at);
    expect(next.nextState.postsUpdatedMin).toBe(first.nextState.postsUpdatedMin);
  });
});

test('a blog whose feed gives only summaries is imported with a problem saying the text is cut short', async () => {
  const content = makeBlogContent(2, 1);
  content.posts[1].summaryOnly = true;
  blog = await startFakeBlog(content);
  const changes = await fetchFeedChanges(blog.url, null, fast);
  expect(changes.posts).toHaveLength(2);
  expect(changes.problems).toEqual([
    {
      file: expect.stringContaining('/feeds/posts/default?'),
      message: expect.stringMatching(/^post 7100000000000000001: the feed gives only a summary.*cut short$/),
    },
  ]);
});

describe('a blog feed that fails', () => {
  async function importedBefore(): Promise<Record<string, string>> {
    await runImport({ from: blog.url, out, feed: fast });
    return snapshot(out);
  }

  test('HTTP 500 is retried, then a clear error; the archive is left as it was', async () => {
    blog = await startFakeBlog(makeBlogContent(2, 2));
    const before = await importedBefore();
    blog.mode = 'error500';
    blog.comments.push({
      id: '9400000000000000001',
      postId: blog.posts[0].id,
      author: 'Anonymous',
      html: 'x',
      published: '2024-01-01T00:00:00Z',
      updated: '2024-01-01T00:00:00Z',
    });
    const mark = blog.requests.length;
    await expect(runImport({ from: blog.url, out, feed: fast })).rejects.toThrow(/answered|failed after 2 tries: HTTP 500/);
    expect(blog.requests.length - mark).toBe(2);
    expect(await snapshot(out)).toEqual(before);
    expect((await readdir(dir)).filter((n) => n !== 'blogger')).toEqual([]);
  });

  test('a 500 that clears on retry does not fail the import', async () => {
    blog = await startFakeBlog(makeBlogContent(1, 1));
    blog.mode = 'error500';
    blog.failuresLeft = 1;
    const report = await runImport({ from: blog.url, out, feed: fast });
    expect(report).toMatchObject({ posts: 1, comments: 1 });
  });

  test('a server that never answers times out with a clear error and nothing is written', async () => {
    blog = await startFakeBlog(makeBlogContent(1, 1));
    blog.mode = 'hang';
    const started = Date.now();
    const error = await runImport({ from: blog.url, out, feed: { retries: 1, retryDelayMs: 10, timeoutMs: 300 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/failed after 2 tries: no answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await readdir(dir)).toEqual([]);
  });

  test('an HTML page and a feed that is not Blogger are refused', async () => {
    blog = await startFakeBlog(makeBlogContent(1, 1));
    blog.mode = 'html';
    await expect(runImport({ from: blog.url, out, feed: fast })).rejects.toThrow(/did not answer with JSON.*Blogger blog/);
    blog.mode = 'notBlogger';
    await expect(runImport({ from: blog.url, out, feed: fast })).rejects.toThrow(/is not a Blogger feed/);
    expect(await readdir(dir)).toEqual([]);
  });

  test('an address that is not a blog (404) and one that is not http are refused', async () => {
    blog = await startFakeBlog(makeBlogContent(1, 1));
    await expect(
      fetchFeedChanges(`${blog.url}/`, null, {
        ...fast,
        fetch: (url, init) => fetch((url instanceof Request ? url.url : url.toString()).replace('/feeds/', '/nothing/'), init),
      }),
    ).rejects.toThrow(/HTTP 404.*Blogger blog/);
    await expect(fetchFeedChanges('ftp://example.org', null, fast)).rejects.toThrow(/not an http\(s\) address/);
  });
});
