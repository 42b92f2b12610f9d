import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import type { CommandCall, ComponentCall } from '../../src/discord/commandTypes';
import { createBotContext, type BotContext } from '../../src/discord/context';
import { finishReply, type ReplySpec } from '../../src/discord/messageBuilder';
import { Cooldowns } from '../../src/discord/cooldowns';
import { QueryError } from '../../src/search';
import { loadCommands, runCommand, runComponent, type CommandRegistry } from '../../src/discord/router';
import { summaryReply } from '../../src/discord/views/threadSummary';
import { commentsReply } from '../../commands/thread/view';
import { randomReply } from '../../commands/random';
import type { Post } from '../../src/corpus/types';
import type { ThreadSummary } from '../../src/summary';

const seeds = path.resolve(__dirname, '..', '..', 'seeds');
const OWNER = { id: '111111111111111111', name: 'owner' };
const OTHER = { id: '222222222222222222', name: 'other' };
let ctx: BotContext;
let commands: CommandRegistry;
const logLines: string[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bot-cmd-'));
  const config = loadConfig({ ARCHIVE_DIR: seeds, DATA_DIR: dataDir });
  const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l) });
  ({ context: ctx } = await createBotContext({ config, store: new Keyv(), logger, random: () => 0.5 }));
  commands = loadCommands();
});

let seq = 0;
function call(commandName: string, values: Record<string, string | boolean>, user = OWNER): CommandCall {
  return {
    id: `9000000000000000${++seq}`,
    commandName,
    user,
    options: {
      getString: (n) => (typeof values[n] === 'string' ? values[n] : null),
      getBoolean: (n) => (typeof values[n] === 'boolean' ? values[n] : null),
    },
    defer: async () => undefined,
  };
}
function click(customId: string, user = OWNER, values: string[] = []): ComponentCall {
  return { id: `8000000000000000${++seq}`, customId, values, user, deferUpdate: async () => undefined };
}
const buttonIds = (reply: ReplySpec) =>
  (reply.components ?? []).flatMap((r) => r.components as { custom_id?: string; label?: string }[]).filter((c) => c.custom_id);

describe('GIVEN the commands over the seed archive', () => {
  test('THEN /help states what the archive holds', async () => {
    const { reply } = await runCommand(commands, call('help', {}), ctx);
    const text = JSON.stringify(reply.embeds);
    expect(text).toMatch(/5 posts and \d+ comments, from 2 Oct 2021 to 22 Nov 2023/);
    expect(text).toContain('author:Getafix');
  });

  test('THEN /search shows a page of bold quotes, and only the searcher can page it', async () => {
    const { reply, failed } = await runCommand(commands, call('search', { query: 'pay offer' }), ctx);
    expect(failed).toBe(false);
    const fields = reply.embeds![0].fields!;
    expect(fields.length).toBe(5);
    expect(fields[0].value).toMatch(/\*\*(pay|offer)\*\*/i);
    const next = buttonIds(reply).find((c) => c.label === 'Next')!;
    for (const c of buttonIds(reply)) expect(c.custom_id!.length).toBeLessThanOrEqual(100);

    const byOther = await runComponent(commands, click(next.custom_id!, OTHER), ctx);
    expect(byOther.result).toEqual({
      reply: expect.objectContaining({ ephemeral: true, content: expect.stringMatching(/Only the person who searched/) }),
    });

    const byOwner = await runComponent(commands, click(next.custom_id!), ctx);
    expect('update' in byOwner.result && byOwner.result.update.embeds![0].footer!.text).toBe('Page 2 of 2');
  });

  test('THEN a bad date gets the human message, ephemerally', async () => {
    ctx.cooldowns = new Cooldowns(() => new Date(), false);
    const { reply, failed } = await runCommand(commands, call('search', { query: 'pay', after: '2022-13-45' }), ctx);
    expect(failed).toBe(true);
    expect(reply).toEqual({ ephemeral: true, content: "That date isn't valid: use YYYY-MM-DD (for example 2021-06-30)." });
  });

  test('THEN /search after and before read dates as people write them, through the one date parser', async () => {
    ctx.cooldowns = new Cooldowns(() => new Date(), false);
    const { reply, failed } = await runCommand(
      commands,
      call('search', { query: 'probation', after: '1st Sept 2022', before: '25/10/2022' }),
      ctx,
    );
    expect(failed).toBe(false);
    expect(reply.embeds![0].description).toContain('after: 2022-09-01 · before: 2022-10-25');
    for (const field of reply.embeds![0].fields!) expect(field.name).toMatch(/· \d+ Sep 2022$|· (\d|1\d|2[0-4]) Oct 2022$/);
    const impossible = await runCommand(commands, call('search', { query: 'pay', before: '31/02/2022' }), ctx);
    expect(impossible.reply.content).toBe("That date isn't valid: use YYYY-MM-DD (for example 2021-06-30).");
  });

  test('THEN a search posted before "read in full" (search:open) still opens a comment hit, whole, as a new message', async () => {
    const { reply } = await runCommand(commands, call('search', { query: 'mustard' }), ctx);
    const read = (reply.components ?? [])
      .flatMap((r) => r.components)
      .find((c) => 'custom_id' in c && c.custom_id?.startsWith('search:read:')) as { custom_id: string };
    // The same state, in the id such messages carry.
    const legacy = read.custom_id.replace(/^search:read:\d+:/, 'search:open:');
    const { result } = await runComponent(commands, click(legacy, OWNER, ['b9f170a77a-2']), ctx);
    expect('reply' in result && result.reply.embeds!.at(-1)!.footer!.text).toBe('2 Sep 2022 · comment b9f170a77a-2');
  });

  test('THEN zero results suggest a looser query', async () => {
    const { reply } = await runCommand(commands, call('search', { query: '"pay offer mustard zebra"' }), ctx);
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds![0].description).toMatch(/No comments match.*drop the quotes/);
  });

  test('THEN /search only:comments keeps to comments, on every page, and says so', async () => {
    ctx.cooldowns = new Cooldowns(() => new Date(), false);
    const { reply, failed } = await runCommand(commands, call('search', { query: 'probation', only: 'comment' }), ctx);
    expect(failed).toBe(false);
    expect(reply.embeds![0].description).toContain('comments only');
    const attributions = (r: ReplySpec) => r.embeds![0].fields!.map((f) => f.value.split('\n').pop()!);
    expect(attributions(reply).some((h) => /the post itself/.test(h))).toBe(false);
    const next = buttonIds(reply).find((c) => c.label === 'Next')!;
    const page2 = await runComponent(commands, click(next.custom_id!), ctx);
    const update = 'update' in page2.result ? page2.result.update : null;
    expect(update!.embeds![0].description).toContain('comments only');
    expect(attributions(update!).some((h) => /the post itself/.test(h))).toBe(false);
    const posts = await runCommand(commands, call('search', { query: 'probation', only: 'post' }), ctx);
    expect(attributions(posts.reply).every((h) => /the post itself/.test(h))).toBe(true);
    const contradiction = await runCommand(commands, call('search', { query: 'probation is:post', only: 'comment' }), ctx);
    expect(contradiction).toMatchObject({
      failed: true,
      reply: { ephemeral: true, content: expect.stringMatching(/is:post but the option asks for comments only/) },
    });
  });

  test('THEN /thread finds a thread by what was said in it, with comment paging', async () => {
    const { reply } = await runCommand(commands, call('thread', { post: 'mustard' }), ctx);
    expect(reply.embeds![0].title).toBe('Probation Voice Must Continue to be Heard');
    const read = buttonIds(reply).find((c) => c.label!.startsWith('Read the comments'))!;
    const page = await runComponent(commands, click(read.custom_id!), ctx);
    const update = 'update' in page.result ? page.result.update : null;
    expect(update!.embeds![0].description).toMatch(/\*\*#1\*\*[\s\S]*> ↳ \*\*#1\.1\*\*/);
  });

  test('THEN /random shows a readable comment with an Another button', async () => {
    const { reply } = await runCommand(commands, call('random', {}), ctx);
    expect(reply.embeds![0].description!.length).toBeGreaterThan(100);
    expect(buttonIds(reply).map((c) => c.label)).toContain('Another');
  });
});

describe('GIVEN a search too long to carry in its buttons', () => {
  test('THEN paging reuses the stored search instead of storing it again on every click', async () => {
    ctx.cooldowns = new Cooldowns(() => new Date(), false);
    const query = 'pay -aaaaaaaaaaaa -bbbbbbbbbbbb -cccccccccccc -dddddddddddd -eeeeeeeeeeee -ffffffffffff';
    const { reply, failed } = await runCommand(commands, call('search', { query }), ctx);
    expect(failed).toBe(false);
    const next = buttonIds(reply).find((c) => c.label === 'Next')!;
    const stateOf = (id: string) => id.split(':').pop();
    expect(stateOf(next.custom_id!)).toMatch(/^~/);

    const page2 = await runComponent(commands, click(next.custom_id!), ctx);
    const update = 'update' in page2.result ? page2.result.update : null;
    expect(update!.embeds![0].footer!.text).toMatch(/^Page 2 of/);
    for (const c of buttonIds(update!)) expect(stateOf(c.custom_id!)).toBe(stateOf(next.custom_id!));
  });
});

describe('GIVEN a post whose title has markdown in it', () => {
  const marked = (): Post => {
    const post = ctx.archive.posts.find((p) => p.comments.length > 10 && p.title)!;
    return { ...post, title: 'Pay *offer* _news_' };
  };

  test('THEN the thread summary, comment pages and /random show the title as written', () => {
    const post = marked();
    const summary = ctx.summaries.summarize(post.id)!;
    expect(summaryReply(post, summary, OWNER.id).embeds![0].title).toBe('Pay \\*offer\\* \\_news\\_');
    expect(commentsReply(post, 0, OWNER.id).embeds![0].title).toBe('Comments: Pay \\*offer\\* \\_news\\_');
    const random = randomReply({ ...ctx, archive: { ...ctx.archive, posts: [post] } }, OWNER.id, false);
    expect(random.embeds![0].title).toBe('Pay \\*offer\\* \\_news\\_');
  });

  test('THEN the numbers read as English for one of a kind', () => {
    const post = marked();
    const real = ctx.summaries.summarize(post.id)!;
    const summary: ThreadSummary = { ...real, stats: { ...real.stats, replies: 1, voices: 1 } };
    const numbers = summaryReply(post, summary, OWNER.id).embeds![0].fields![0].value;
    expect(numbers).toContain(' · 1 reply · ');
    expect(numbers).toContain(' · 1 signed voice · ');
  });

  test('THEN a summary quote dense with markdown keeps its attribution and its author is escaped', () => {
    const post = marked();
    const real = ctx.summaries.summarize(post.id)!;
    const summary: ThreadSummary = {
      ...real,
      quotes: [{ commentId: `${post.id}-1`, author: '*Getafix*', text: 'a_b*c '.repeat(150), path: '#1' }],
    };
    const field = finishReply(summaryReply(post, summary, OWNER.id)).embeds![0].fields!.find((f) => f.name.startsWith('#1'))!;
    expect(field.name).toBe('#1 · \\*Getafix\\*');
    expect(field.value).toMatch(/\n— \\\*Getafix\\\* · #1$/);
  });
});

describe('GIVEN a command that fails', () => {
  const failing = (err: Error): CommandRegistry =>
    new Map([['boom', { data: { name: 'boom', toJSON: () => ({}) }, execute: async () => Promise.reject(err) }]]);

  test('THEN an unexpected error is a reference for the user and a log line with the interaction id', async () => {
    const c = call('boom', {});
    const { reply, failed } = await runCommand(failing(new Error('database exploded')), c, ctx);
    expect(failed).toBe(true);
    expect(reply).toEqual({ ephemeral: true, content: expect.stringContaining(`Something went wrong (ref: ${c.id})`) });
    expect(reply.content).not.toContain('database exploded');
    const line = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.interactionId === c.id);
    expect(line).toMatchObject({ level: 'error', msg: 'interaction failed', err: { message: 'database exploded' } });
  });

  test('THEN a query mistake is shown as written for the user', async () => {
    const { reply } = await runCommand(failing(new QueryError('Unbalanced quote.')), call('boom', {}), ctx);
    expect(reply).toEqual({ ephemeral: true, content: 'Unbalanced quote.' });
  });
});
