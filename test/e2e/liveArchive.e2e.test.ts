/**
 * The live archive end to end: the real bot (startBot, the real commands, a discord.js Client) against the fake
 * Discord, with ARCHIVE_FEED_URL pointing at a fake Blogger blog on 127.0.0.1 (the importer's test server). The
 * archive folder holds the seed text exports and an import of the blog (`runImport`, as `cli import --from <url>`
 * makes it). ARCHIVE_FEED_POLL_MINUTES is a fraction (0.02: 1.2 s) so the test waits for real polls, not a hook.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { digestSchedulerOf } from '../../src/discord/digestRunner';
import { runImport } from '../../src/import/runImport';
import type { SentMessage } from '../fakeDiscord';
import { makeBlogContent, startFakeBlog, type FakeBlog } from '../import/fakeBloggerFeed';
import { SEEDS_DIR, startBotAgainstFake, type BotAgainstFake } from './harness';

const PHRASE = 'zanzibar marmalade quorum';
const NEW_TITLE = 'Kestrel Approved Premises inspection';
const POLL_MINUTES = '0.02';

const text = (message: SentMessage) => JSON.stringify({ content: message.content, embeds: message.embeds });
/** The hits of a /search answer (its embed's fields; the title repeats the query, found or not). */
const hits = (message: SentMessage) => JSON.stringify((message.embeds as Array<{ fields?: unknown[] }>)[0]?.fields ?? []);
const foundPhrase = (message: SentMessage) => /zanzibar/i.test(hits(message));
const KESTREL_LINK = /\/kestrel\.html/;

describe('the live archive, end to end', () => {
  let blog: FakeBlog;
  let archiveDir: string;
  let h: BotAgainstFake;

  beforeAll(async () => {
    blog = await startFakeBlog(makeBlogContent(3, 4));
    archiveDir = mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-live-'));
    cpSync(SEEDS_DIR, archiveDir, { recursive: true });
    await runImport({ from: blog.url, out: path.join(archiveDir, 'blog'), feed: { retries: 0, timeoutMs: 5000 } });
    h = await startBotAgainstFake({
      archiveDir,
      env: { ARCHIVE_FEED_URL: blog.url, ARCHIVE_FEED_POLL_MINUTES: POLL_MINUTES, HEALTH_PORT: '0' },
      logLevel: 'info',
    });
  });

  afterAll(async () => {
    await h?.stop();
    await blog?.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  afterEach(() => expect(h.fake.violations.splice(0)).toEqual([]));

  async function metricsText(): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${h.bot.health!.port}/metrics`);
    return response.text();
  }

  async function search(query: string): Promise<SentMessage> {
    h.clock.advance(60_000);
    return h.fake.dispatchSlashCommand('search', { query }, { user: h.fake.users.alice }).waitForReply();
  }

  /** Asks again until `found` holds (each poll is 1.2 s apart); the time it took, or a failure after `ms`. */
  async function eventually(
    ask: () => Promise<SentMessage>,
    found: (m: SentMessage) => boolean,
    ms = 20_000,
  ): Promise<{ message: SentMessage; ms: number }> {
    const started = Date.now();
    for (;;) {
      const message = await ask();
      if (found(message)) return { message, ms: Date.now() - started };
      if (Date.now() - started > ms) throw new Error(`not found within ${ms} ms; last answer: ${text(message).slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  test('a comment that appears on the blog is found by /search after the next poll, with its author and permalink, without a restart', async () => {
    expect(foundPhrase(await search(PHRASE))).toBe(false);
    const scheduler = digestSchedulerOf(h.bot.context);
    expect(scheduler).toBeDefined();
    const post = blog.posts[1];
    const now = new Date().toISOString();
    blog.comments.push({
      id: '9200000000000000001',
      postId: post.id,
      author: 'Marjorie Daw',
      html: `I saw it myself: ${PHRASE}, every week.`,
      published: now,
      updated: now,
    });
    const { message, ms } = await eventually(() => search(PHRASE), foundPhrase);
    const shown = hits(message);
    expect(shown).toContain('Marjorie Daw');
    expect(shown).toContain(`${blog.permalink(post)}?showComment=${Date.parse(now)}#c9200000000000000001`);
    // The daily post's scheduler was restarted on the grown archive (it holds the archive it started with).
    expect(digestSchedulerOf(h.bot.context)).toBeDefined();
    expect(digestSchedulerOf(h.bot.context)).not.toBe(scheduler);
    console.log(`live archive: feed change to searchable in ${ms} ms`);
  });

  test('a new post is found by /thread by its title, and /thread summarises it', async () => {
    const published = new Date().toISOString();
    blog.posts.push({
      id: '7100000000000000099',
      title: NEW_TITLE,
      html: '<p>The inspectors found the hostel <b>well run</b> but short of staff.</p>',
      published,
      updated: published,
      slug: 'kestrel',
    });
    const { message } = await eventually(
      () => {
        h.clock.advance(60_000);
        return h.fake.dispatchSlashCommand('thread', { post: NEW_TITLE }, { user: h.fake.users.alice }).waitForReply();
      },
      (m) => KESTREL_LINK.test(text(m)),
    );
    expect(text(message)).toContain(`${blog.url}/${published.slice(0, 4)}/${published.slice(5, 7)}/kestrel.html`);
    const choices = (await h.fake.dispatchAutocomplete('thread', { post: 'Kestrel' }, 'post').waitForChoices()) as Array<{
      name: string;
      value: string;
    }>;
    expect(choices.map((c) => c.value)).toContain('b7100000000000000099');
  });

  test('a comment removed on the blog is no longer found, nor counted for its author', async () => {
    expect(hits(await search('author:"Marjorie Daw"'))).toContain('Marjorie Daw');
    const comment = blog.comments.find((c) => c.id === '9200000000000000001')!;
    comment.removed = true;
    comment.updated = new Date(Date.now() + 1000).toISOString();
    await eventually(
      () => search(PHRASE),
      (m) => !foundPhrase(m),
    );
    expect(hits(await search('author:"Marjorie Daw"'))).not.toContain('Marjorie Daw');
  });

  test('/metrics shows the last successful poll and the posts and comments added', async () => {
    const metrics = await metricsText();
    const lastSuccess = Number(/^archive_bot_live_last_success_timestamp_seconds (\S+)$/m.exec(metrics)?.[1]);
    expect(Date.now() / 1000 - lastSuccess).toBeLessThan(30);
    expect(metrics).toMatch(/^archive_bot_live_added_total\{kind="comments"\} 1$/m);
    expect(metrics).toMatch(/^archive_bot_live_added_total\{kind="posts"\} 1$/m);
    expect(metrics).toMatch(/^archive_bot_live_removed_total 1$/m);
  });

  test('a failing blog is logged with its address, attempt and next try, counted, backed off, never stops the bot, and is recovered from', async () => {
    blog.mode = 'error500';
    blog.failuresLeft = Infinity;
    const failed = () => h.logs.filter((l) => l.msg === 'live archive poll failed');
    const before = failed().length;
    const deadline = Date.now() + 20_000;
    while (failed().length < before + 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const [first, second] = failed().slice(before);
    expect(first).toMatchObject({ level: 'warn', source: blog.url, attempt: 1 });
    expect(second).toMatchObject({ attempt: 2 });
    expect(String(first.reason)).toMatch(/HTTP 500/);
    expect(Date.parse(String(second.nextTry))).toBeGreaterThan(Date.parse(String(first.nextTry)));
    // The bot answers all along.
    expect(foundPhrase(await search('probation officer'))).toBe(false);
    expect(hits(await search('probation officer'))).toMatch(/probation/i);
    expect(await metricsText()).toMatch(/^archive_bot_live_poll_failures_total [2-9]\d*$/m);
    blog.mode = 'ok';
    const recovered = Date.now() + 20_000;
    while (!h.logs.some((l) => l.msg === 'live archive poll succeeded again') && Date.now() < recovered)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.logs.some((l) => l.msg === 'live archive poll succeeded again')).toBe(true);
  });

  test('after a restart the new items are served from DATA_DIR, the index from its cache, without fetching the blog again from the start', async () => {
    const before = blog.requests.length;
    const logsBefore = h.logs.length;
    await h.restart();
    // The archive and index come from their caches (ARCHIVE_DIR is unchanged); the live folder is replayed on top.
    expect(h.logs.slice(logsBefore).find((l) => l.msg === 'archive loaded' && 'index' in l)).toMatchObject({ index: 'loaded from cache' });
    expect(h.logs.slice(logsBefore).find((l) => l.msg === 'live archive restored')).toMatchObject({ posts: 1, comments: 1, removed: 0 });
    const { message } = await eventually(
      () => {
        h.clock.advance(60_000);
        return h.fake.dispatchSlashCommand('thread', { post: NEW_TITLE }, { user: h.fake.users.alice }).waitForReply();
      },
      (m) => KESTREL_LINK.test(text(m)),
      1,
    );
    expect(text(message)).toContain('Kestrel');
    expect(foundPhrase(await search(PHRASE))).toBe(false);
    await h.bot.live!.pollNow();
    const after = blog.requests.slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => new URL(r, 'http://x').searchParams.has('updated-min'))).toBe(true);
  });
});
