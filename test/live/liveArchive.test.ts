/**
 * One poll of the live archive against a fake Blogger blog on 127.0.0.1 (the importer's test server), into a bot
 * context built as the bot builds it: the cursor (where it starts, that it moves and is saved), nothing added twice,
 * replies placed in their thread, comments removed since, and failures (HTTP 500, bad JSON, no answer, server gone)
 * thrown whole with nothing served or saved.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { loadConfig } from '../../src/config';
import { createBotContext, type BotContext } from '../../src/discord/context';
import { candidatesOf } from '../../src/digest';
import { runImport } from '../../src/import/runImport';
import { LiveArchive } from '../../src/live/liveArchive';
import { liveArchiveDir } from '../../src/live/liveFolder';
import { createLogger } from '../../src/log';
import { makeBlogContent, startFakeBlog, type FakeBlog } from '../import/fakeBloggerFeed';

const SEEDS = path.resolve(__dirname, '..', '..', 'seeds');

let blog: FakeBlog;
let root: string;
let context: BotContext;
let dataDir: string;

async function contextFor(archiveDir: string): Promise<BotContext> {
  const config = loadConfig({ ARCHIVE_DIR: archiveDir, DATA_DIR: dataDir }, root);
  return (await createBotContext({ config, store: new Keyv(), logger: createLogger({ write: () => undefined }) })).context;
}

function live(options: { fetch?: typeof fetch; timeoutMs?: number } = {}): LiveArchive {
  return new LiveArchive({
    context,
    feedUrl: blog.url,
    dir: liveArchiveDir(dataDir),
    logger: createLogger({ write: () => undefined }),
    retries: 0,
    ...options,
  });
}

const signal = () => new AbortController().signal;
const query = (request: string) => new URL(request, 'http://x').searchParams;
const at = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString();

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'live-archive-'));
  dataDir = path.join(root, 'data');
  blog = await startFakeBlog(makeBlogContent(2, 3));
  const archiveDir = path.join(root, 'archive');
  await cp(SEEDS, archiveDir, { recursive: true });
  await runImport({ from: blog.url, out: path.join(archiveDir, 'blog'), feed: { retries: 0 } });
  context = await contextFor(archiveDir);
  blog.requests.length = 0;
});

afterEach(async () => {
  await blog.close();
  await rm(root, { recursive: true, force: true });
});

describe('a poll of the live archive', () => {
  test('starts at the cursor of the blog import in the archive, moves it, saves it, and a restart starts from there', async () => {
    const first = live();
    const report = await first.poll(signal());
    expect(report.added).toEqual({ posts: 0, comments: 0 });
    // The import's cursor: the newest comment of the blog (2 Oct 2022, 09:02), not the whole history.
    expect(query(blog.requests[0]).get('updated-min')).toBe('2022-10-02T07:30:00.000Z');
    expect(
      blog.requests.some((r) => r.startsWith('/feeds/comments/default') && query(r).get('updated-min') === '2022-10-02T09:02:00.000Z'),
    ).toBe(true);

    const when = at(0);
    blog.comments.push({
      id: '9300000000000000001',
      postId: blog.posts[0].id,
      author: 'Late Reader',
      html: 'A late word about rotas.',
      published: when,
      updated: when,
    });
    expect((await first.poll(signal())).added).toEqual({ posts: 0, comments: 1 });
    const saved = JSON.parse(readFileSync(path.join(liveArchiveDir(dataDir), 'blogger-import.json'), 'utf8'));
    expect(saved.feed.commentsUpdatedMin).toBe(when);

    blog.requests.length = 0;
    await live().poll(signal());
    expect(blog.requests.filter((r) => r.startsWith('/feeds/comments/default')).map((r) => query(r).get('updated-min'))).toEqual([when]);
  });

  test('adds a comment once, however often the feed repeats it, and places a reply under its thread', async () => {
    const poller = live();
    const post = context.lookup.post(`b${blog.posts[0].id}`)!;
    const before = post.comments.length;
    expect(candidatesOf(context.archive).discussion.get(post.id)).toBe(before);
    const top = blog.comments.find((c) => c.postId === blog.posts[0].id && !c.parentId)!;
    blog.comments.push({
      id: '9300000000000000002',
      postId: blog.posts[0].id,
      parentId: top.id,
      author: 'Anonymous',
      html: 'Replying to the first: the rota is a mess.',
      published: at(0),
      updated: at(0),
    });
    await poller.poll(signal());
    await poller.poll(signal());
    await live().poll(signal());
    expect(post.comments.length).toBe(before + 1);
    const reply = post.comments[post.comments.length - 1];
    const parent = post.comments.find((c) => c.id === `b${blog.posts[0].id}-c${top.id}`)!;
    expect(reply).toMatchObject({ id: `b${blog.posts[0].id}-c9300000000000000002`, parentId: parent.id, author: null, removed: false });
    expect(reply.position).toBe(`${parent.position}.${post.comments.filter((c) => c.parentId === parent.id).length}`);
    expect(context.search.search('"the rota is a mess"').hits.map((h) => h.id)).toEqual([reply.id]);
    expect(context.lookup.comment(reply.id)?.comment).toBe(reply);
    // The daily post's choice pool counts the grown discussion.
    expect(candidatesOf(context.archive).discussion.get(post.id)).toBe(before + 1);
    expect(context.summaries.summarize(post.id)!.stats).toMatchObject({
      comments: before + 1,
      replies: post.comments.filter((c) => c.parentId !== null).length,
    });
  });

  test('a comment removed since is marked removed, in memory and in the saved folder, and is no longer found', async () => {
    const poller = live();
    blog.comments.push({
      id: '9300000000000000003',
      postId: blog.posts[1].id,
      author: 'Quill',
      html: 'Pineapple governance is the answer.',
      published: at(0),
      updated: at(0),
    });
    await poller.poll(signal());
    expect(context.search.search('"pineapple governance"').total).toBe(1);
    Object.assign(blog.comments[blog.comments.length - 1], { removed: true, updated: at(1) });
    expect((await poller.poll(signal())).removed).toBe(1);
    const found = context.lookup.comment(`b${blog.posts[1].id}-c9300000000000000003`)!.comment;
    expect(found).toMatchObject({ removed: true, text: '', author: null });
    expect(context.search.search('"pineapple governance"').total).toBe(0);
    expect(context.search.authors().some((a) => a.name === 'Quill')).toBe(false);
    const file = readFileSync(path.join(liveArchiveDir(dataDir), `post-${blog.posts[1].id}.jsonl`), 'utf8');
    expect(file).toContain('"commentId":"9300000000000000003"');
    expect(file).toMatch(/"commentId":"9300000000000000003"[^\n]*"removed":true/);
  });

  test('a new post is served at once: search, thread finder, look-up, summary and a new Archive for caches keyed by it', async () => {
    const oldArchive = context.archive;
    const today = at(0).slice(5, 10);
    expect(candidatesOf(oldArchive).byMonthDay.get(today) ?? []).toEqual([]);
    blog.posts.push({
      id: '7100000000000000077',
      title: 'Heron Court closure',
      html: '<p>The Heron Court hostel closes in spring.</p>',
      published: at(0),
      updated: at(0),
      slug: 'heron',
    });
    expect((await live().poll(signal())).added).toEqual({ posts: 1, comments: 0 });
    expect(context.archive).not.toBe(oldArchive);
    expect(context.archive.posts.length).toBe(oldArchive.posts.length + 1);
    expect(context.archive.fingerprint).not.toBe(oldArchive.fingerprint);
    expect(context.threads.find('Heron Court closure')).toMatchObject({ kind: 'match', post: { id: 'b7100000000000000077' } });
    expect(context.search.search('heron hostel').hits[0]?.postId).toBe('b7100000000000000077');
    expect(context.summaries.summarize('b7100000000000000077')).not.toBeNull();
    expect(context.summaries.stats.documents).toBe(oldArchive.posts.length + 1);
    expect(
      candidatesOf(context.archive)
        .byMonthDay.get(today)
        ?.map((p) => p.id),
    ).toEqual(['b7100000000000000077']);
  });

  test('a restart serves what the live folder saved (new threads, new and removed comments) on top of the cached archive and index', async () => {
    const poller = live();
    const removable = blog.comments.find((c) => c.postId === blog.posts[1].id)!;
    Object.assign(removable, { removed: true, updated: at(0) });
    blog.comments.push({
      id: '9300000000000000005',
      postId: blog.posts[0].id,
      author: 'Quill',
      html: 'Gooseberry tribunal next week.',
      published: at(0),
      updated: at(0),
    });
    blog.posts.push({
      id: '7100000000000000078',
      title: 'Osprey Lodge',
      html: '<p>Osprey Lodge reopens.</p>',
      published: at(0),
      updated: at(0),
      slug: 'osprey',
    });
    blog.comments.push({
      id: '9300000000000000006',
      postId: '7100000000000000078',
      author: 'Anonymous',
      html: 'About time for Osprey.',
      published: at(1),
      updated: at(1),
    });
    await poller.poll(signal());
    const served = (id: string) => context.lookup.post(id)!.comments.map((c) => [c.id, c.position, c.removed]);
    const before = { old: served(`b${blog.posts[0].id}`), other: served(`b${blog.posts[1].id}`), added: served('b7100000000000000078') };

    const config = loadConfig({ ARCHIVE_DIR: path.join(root, 'archive'), DATA_DIR: dataDir }, root);
    const restarted = await createBotContext({ config, store: new Keyv(), logger: createLogger({ write: () => undefined }) });
    context = restarted.context;
    expect(restarted.info.indexBuilt).toBe(false);
    expect({ old: served(`b${blog.posts[0].id}`), other: served(`b${blog.posts[1].id}`), added: served('b7100000000000000078') }).toEqual(
      before,
    );
    expect(restarted.info.posts).toBe(context.archive.posts.length);
    expect(context.search.search('"gooseberry tribunal"').hits.map((h) => h.author)).toEqual(['Quill']);
    expect(context.search.search('"about time for osprey"').total).toBe(1);
    const removedId = `b${blog.posts[1].id}-c${removable.id}`;
    expect(context.lookup.comment(removedId)?.comment).toMatchObject({ removed: true, text: '' });
    expect(context.search.search('"comment 1 on post 2"', { limit: 50 }).hits.some((h) => h.id === removedId)).toBe(false);
    expect(context.threads.find('Osprey Lodge')).toMatchObject({ kind: 'match' });
  });

  test('a live folder that cannot be read is logged and the bot starts with the archive alone', async () => {
    blog.posts.push({
      id: '7100000000000000079',
      title: 'Kite House',
      html: '<p>Kite House.</p>',
      published: at(0),
      updated: at(0),
      slug: 'kite',
    });
    await live().poll(signal());
    await mkdir(path.join(liveArchiveDir(dataDir), 'post-1.jsonl'));
    const logs: Array<Record<string, unknown>> = [];
    const config = loadConfig({ ARCHIVE_DIR: path.join(root, 'archive'), DATA_DIR: dataDir }, root);
    const restarted = await createBotContext({
      config,
      store: new Keyv(),
      logger: createLogger({ write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) }),
    });
    expect(restarted.context.lookup.post('b7100000000000000079')).toBeUndefined();
    expect(restarted.context.lookup.post(`b${blog.posts[0].id}`)).toBeDefined();
    expect(logs.find((l) => l.msg === 'live archive could not be restored; serving the archive without it')).toMatchObject({
      level: 'error',
      dir: liveArchiveDir(dataDir),
    });
  });

  test.each([
    ['HTTP 500', (): FakeBlog['mode'] => 'error500', /HTTP 500/],
    ['an answer that is not JSON', (): FakeBlog['mode'] => 'html', /did not answer with JSON/],
    ['a feed that is not Blogger', (): FakeBlog['mode'] => 'notBlogger', /not a Blogger feed/],
    ['no answer', (): FakeBlog['mode'] => 'hang', /no answer within 0.3 s/],
  ])('%s fails the whole poll: nothing served, nothing saved', async (_what, mode, message) => {
    blog.comments.push({
      id: '9300000000000000004',
      postId: blog.posts[1].id,
      author: 'Quill',
      html: 'Anything at all.',
      published: at(0),
      updated: at(0),
    });
    blog.mode = mode();
    const before = context.archive;
    await expect(live({ timeoutMs: 300 }).poll(signal())).rejects.toThrow(message);
    expect(context.archive).toBe(before);
    expect(existsSync(liveArchiveDir(dataDir))).toBe(false);
  });

  test('stopping ends a poll waiting on a blog that does not answer at once, not after its timeout', async () => {
    blog.mode = 'hang';
    const abort = new AbortController();
    const started = Date.now();
    const poll = live({ timeoutMs: 60_000 }).poll(abort.signal);
    setTimeout(() => abort.abort(), 100);
    await expect(poll).rejects.toThrow('stopped: the bot is stopping');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(existsSync(liveArchiveDir(dataDir))).toBe(false);
  });

  test('a server that is gone fails the poll with the address and the reason', async () => {
    const url = blog.url;
    await blog.close();
    await expect(live().poll(signal())).rejects.toThrow(
      new RegExp(`GET ${url.replace(/[.]/g, '\\.')}/feeds/posts/default\\?.* failed after 1 tries: connection refused`),
    );
    blog = await startFakeBlog();
  });
});
