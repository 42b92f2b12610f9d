/**
 * An imported archive through the bot's commands: search hits, quotes, /thread's comment pages and summary, /random
 * and the daily post link to the comment on the blog and show when it was posted and under which name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { createBotContext, type BotContext } from '../../src/discord/context';
import { summaryReply } from '../../src/discord/views/threadSummary';
import { commentsReply } from '../../commands/thread/view';
import { commentReply } from '../../src/discord/views/commentInFull';
import { commentInContext } from '../../src/corpus/commentContext';
import { digestMessage } from '../../src/discord/views/digestPost';
import { digestSummarizeWith, selectDigestItem } from '../../src/digest/select';
import { runCli } from '../../src/cli/main';
import { runImport } from '../../src/import/runImport';
import { resultsPage } from '../../src/discord/views/searchResults';

const POST = 'https://probationmatters.blogspot.com/2022/10/probation-voice-must-continue-to-be.html';
const REPLY_URL = `${POST}?showComment=${Date.parse('2022-10-25T09:05:00.000+01:00')}#c9001000000000000002`;
const OWNER = '111111111111111111';
let work: string;
let archiveDir: string;
let ctx: BotContext;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'permalinks-'));
  archiveDir = path.join(work, 'archive');
  await runImport({ from: path.join(__dirname, 'fixtures', 'backup.xml'), out: archiveDir });
  const config = loadConfig({ ARCHIVE_DIR: archiveDir, DATA_DIR: path.join(work, 'data') });
  ({ context: ctx } = await createBotContext({
    config,
    store: new Keyv(),
    logger: createLogger({ write: () => undefined }),
    random: () => 0.5,
  }));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const text = (value: unknown) => JSON.stringify(value);

test('a search hit links to the comment itself and says when and by whom', async () => {
  const reply = await resultsPage(
    ctx,
    { ownerId: OWNER, query: 'voice matters', author: null, after: null, before: null, ephemeral: false },
    0,
  );
  const field = reply.embeds![0].fields![0];
  expect(field.value).toContain(`— 'Getafix · #1.1 · 25 Oct 2022 09:05 UTC+1 · [original](${REPLY_URL})`);
  // A passage of the post links to the post's own permalink, not the month page.
  const post = await resultsPage(
    ctx,
    { ownerId: OWNER, query: 'inspectorate', author: null, after: null, before: null, ephemeral: false },
    0,
  );
  expect(post.embeds![0].fields![0].value).toContain(`[original](${POST})`);
});

test("/thread's comment pages link each comment and show its time and display name", () => {
  const post = ctx.archive.posts[0];
  const page = commentsReply(post, 0, OWNER);
  const description = page.embeds![0].description!;
  expect(description).toContain(
    `**[#1](${POST}?showComment=${Date.parse('2022-10-25T08:12:00.000+01:00')}#c9001000000000000001)** · Anonymous · 25 Oct 2022 08:12 UTC+1`,
  );
  expect(description).toContain(`> ↳ **[#1.1](${REPLY_URL})** · 'Getafix · 25 Oct 2022 09:05 UTC+1`);
  expect(description).toContain('· Probation Officer · 25 Oct 2022 10:15 UTC+1');
  expect(page.embeds![0].url).toBe(POST);
  const summary = summaryReply(post, ctx.summaries.summarize(post.id)!, OWNER);
  const quoted = summary.embeds![0].fields!.filter((f) => f.value.includes('[original]('));
  expect(quoted.length).toBeGreaterThan(0);
  for (const f of quoted)
    expect(f.value).toMatch(
      /\[original\]\(https:\/\/probationmatters\.blogspot\.com\/2022\/10\/probation-voice-must-continue-to-be\.html\?showComment=\d+#c\d+\)/,
    );
  expect(text(summary.components)).toContain(POST);
});

test("reading a comment in full links to it on the blog and says when it was posted, in the blog's zone", () => {
  const post = ctx.archive.posts[0];
  const view = commentInContext(post, post.comments[1].id)!;
  const reply = commentReply(view, 0, OWNER, { kind: 'comments' });
  const embed = reply.embeds![reply.embeds!.length - 1];
  expect(embed.url).toBe(REPLY_URL);
  expect(embed.author!.name).toBe("#1.1 · 'Getafix");
  expect(embed.footer!.text).toContain('posted 25 Oct 2022 09:05 UTC+1');
  expect(text(reply.components)).toContain(REPLY_URL);
  // The comment it answers is quoted with its own link and time.
  expect(reply.embeds![0].description).toContain(`— Anonymous · #1 · 25 Oct 2022 08:12 UTC+1 · [original](${post.comments[0].url})`);
});

test('the daily post links the quoted comment and the post', () => {
  const item = selectDigestItem({
    archive: ctx.archive,
    date: '2023-10-25',
    serverId: 's',
    history: { entries: [] },
    summarize: digestSummarizeWith(ctx.summaries),
  })!;
  const message = digestMessage(item);
  expect(text(message)).toContain(POST);
  if (item.kind === 'comment') {
    expect(message.embeds![0].description).toContain(`[original](${item.commentUrl})`);
    expect(item.commentUrl).toMatch(/#c\d+$/);
  } else {
    expect(item.quote?.url).toMatch(/#c\d+$/);
    expect(text(message)).toContain(item.quote!.url!);
  }
});

test('cli search prints the comment link and time', async () => {
  const out: string[] = [];
  const code = await runCli(['search', 'voice matters', '--archive', archiveDir, '--json'], {
    out: (t) => out.push(t),
    err: () => undefined,
  });
  expect(code).toBe(0);
  const hit = JSON.parse(out.join('')).hits[0];
  expect(hit).toMatchObject({ url: REPLY_URL, published: '2022-10-25T09:05:00.000+01:00', author: "'Getafix" });
});
