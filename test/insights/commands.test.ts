/**
 * /trend and /author through the router, as the bot and the console run them: the reply carries the chart (PNG,
 * decoded here), its alt text and text form, the numbers in the embed, and buttons whose searches agree with the chart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import type { CommandCall, ComponentCall } from '../../src/discord/commandTypes';
import { createBotContext, type BotContext } from '../../src/discord/context';
import { Cooldowns } from '../../src/discord/cooldowns';
import { loadCommands, runAutocomplete, runCommand, runComponent, type CommandRegistry } from '../../src/discord/router';
import { embedLength, type ReplySpec } from '../../src/discord/messageBuilder';
import { decodePng } from '../charts/pngInspect';

const seeds = path.resolve(__dirname, '..', '..', 'seeds');
const OWNER = { id: '111111111111111111', name: 'owner' };
const OTHER = { id: '222222222222222222', name: 'other' };
let ctx: BotContext;
let commands: CommandRegistry;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'insights-cmd-'));
  ({ context: ctx } = await createBotContext({
    config: loadConfig({ ARCHIVE_DIR: seeds, DATA_DIR: dataDir }),
    store: new Keyv(),
    logger: silentLogger,
  }));
  commands = loadCommands();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
beforeEach(() => {
  // Each test asks several times in a row; cooldowns have their own tests.
  ctx.cooldowns = new Cooldowns(ctx.now, false);
});

let seq = 0;
function call(commandName: string, values: Record<string, string | boolean>, user = OWNER): CommandCall {
  return {
    id: `9100000000000000${++seq}`,
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
  return { id: `9200000000000000${++seq}`, customId, values, user, deferUpdate: async () => undefined };
}
const buttons = (reply: ReplySpec) =>
  (reply.components ?? []).flatMap(
    (r) => r.components as Array<{ type: number; custom_id?: string; label?: string; options?: Array<{ value: string }> }>,
  );
const fieldOf = (reply: ReplySpec, name: string) => reply.embeds![0].fields!.find((f) => f.name === name)!.value;

describe('/trend', () => {
  test('answers with the chart uploaded and shown by the embed, the peaks, and the numbers as text', async () => {
    const { reply, failed } = await runCommand(commands, call('trend', { query: 'probation' }), ctx);
    expect(failed).toBe(false);
    const embed = reply.embeds![0];
    expect(embed.title).toBe('Trend: probation');
    expect(embed.image?.url).toBe('attachment://trend.png');
    expect(reply.files).toHaveLength(1);
    const [file] = reply.files!;
    expect(file.name).toBe('trend.png');
    const image = decodePng(file.data);
    expect([image.width, image.height]).toEqual([800, 420]);
    const total = ctx.search.search('probation').total;
    expect(embed.description).toContain(`**${total}** comments and post passages match`);
    expect(embed.description).toMatch(/\(\d+ in undated posts\)/);
    expect(fieldOf(reply, 'The numbers')).toMatch(/^2021: \d+, 2022: \d+, 2023: \d+, undated: \d+$/);
    expect(file.description).toMatch(/^Bar chart of comments and post passages matching “probation” per year\. .*2022: \d+/);
    expect(file.text).toMatch(/2022 │█+/);
    expect(fieldOf(reply, 'Peaks')).toMatch(
      /^1\. \*\*2022\*\*: \d+ matches; liveliest thread \[Probation Voice Must Continue to be Heard\]/,
    );
  });

  test('a peak button searches that term in that period, and finds exactly the period count', async () => {
    const { reply } = await runCommand(commands, call('trend', { query: 'probation' }), ctx);
    const peak = buttons(reply).find((b) => b.label === 'Search 2022')!;
    const { result } = await runComponent(commands, click(peak.custom_id!), ctx);
    const page = 'reply' in result ? result.reply : result.update;
    expect(page.embeds![0].title).toBe('Search: probation');
    const periodCount = Number(/2022: (\d+)/.exec(fieldOf(reply, 'The numbers'))![1]);
    expect(page.embeds![0].description).toContain(`**${periodCount}** results`);
    expect(page.embeds![0].description).toContain('after: 2022-01-01 · before: 2023-01-01');
    expect(page.ephemeral).toBe(false);
    // Someone else's click gets a private page.
    const other = await runComponent(commands, click(peak.custom_id!, OTHER), ctx);
    expect('reply' in other.result && other.result.reply.ephemeral).toBe(true);
  });

  test('compares up to three terms on one chart, each with its peaks and buttons', async () => {
    const { reply } = await runCommand(commands, call('trend', { query: 'pay, union, strike', by: 'month' }), ctx);
    const embed = reply.embeds![0];
    expect(embed.title).toBe('Trend: pay vs union vs strike');
    expect(embed.fields!.map((f) => f.name)).toEqual(['Peaks: pay', 'Peaks: union', 'Peaks: strike', 'The numbers']);
    expect(buttons(reply).some((b) => b.label === 'Search strike · Sep 2022')).toBe(true);
    expect(reply.files![0].description).toMatch(/^Line chart/);
    expect(reply.files![0].text).toContain('│JFMAMJJASOND│');
  });

  test('opens a peak thread from the list as a new message', async () => {
    const { reply } = await runCommand(commands, call('trend', { query: 'probation' }), ctx);
    const menu = buttons(reply).find((c) => c.type === 3)!;
    const { result } = await runComponent(commands, click(menu.custom_id!, OWNER, [menu.options![0].value]), ctx);
    expect('reply' in result && JSON.stringify(result.reply.embeds)).toContain('Probation Voice Must Continue to be Heard');
  });

  test('draws a chart asked twice once (cached per query and archive version)', async () => {
    const before = ctx.charts.size;
    const first = await runCommand(commands, call('trend', { query: 'relationship' }), ctx);
    const second = await runCommand(commands, call('trend', { query: 'relationship' }), ctx);
    expect(ctx.charts.size).toBe(before + 1);
    expect(second.reply.files![0].data).toBe(first.reply.files![0].data);
  });

  test("fits Discord's limits with three long searches, keeping the state of its buttons in the store", async () => {
    const term = (w: string) => `${w} ${'probation '.repeat(8)}officer service`.slice(0, 95);
    const query = [term('pay'), term('union'), term('staff')].join(', ');
    const { reply, failed } = await runCommand(commands, call('trend', { query, by: 'month' }), ctx);
    expect(failed).toBe(false);
    const embed = reply.embeds![0];
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
    for (const f of embed.fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
    for (const b of buttons(reply)) if (b.custom_id) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    expect(buttons(reply).some((b) => /~/.test(b.custom_id ?? ''))).toBe(true);
  });

  test('explains mistakes and empty results privately', async () => {
    const tooMany = await runCommand(commands, call('trend', { query: 'a1, b2, c3, d4' }), ctx);
    expect(tooMany.reply).toMatchObject({ ephemeral: true, content: expect.stringMatching(/at most 3 searches/) });
    const nothing = await runCommand(commands, call('trend', { query: 'zzyzxquokka' }), ctx);
    expect(nothing.reply).toMatchObject({
      ephemeral: true,
      content: expect.stringMatching(/^Nothing in the archive matches “zzyzxquokka”/),
    });
    expect(nothing.reply.files).toBeUndefined();
  });
});

describe('/author', () => {
  test('autocompletes signatures with their counts', async () => {
    const choices = await runAutocomplete(
      commands,
      { id: '1', commandName: 'author', user: OWNER, focused: { name: 'name', value: 'get' }, options: call('author', {}).options },
      ctx,
    );
    expect(choices).toEqual([{ name: "'Getafix (3)", value: "'Getafix" }]);
  });

  test('shows the count, dates, chart, threads and a button that finds exactly their comments', async () => {
    const { reply, failed } = await runCommand(commands, call('author', { name: 'getafix' }), ctx);
    expect(failed).toBe(false);
    const embed = reply.embeds![0];
    expect(embed.title).toBe("Author: 'Getafix");
    expect(embed.description).toMatch(/^\*\*3\*\* comments, on 22 Nov 2023\.\n1 of them is under an undated post\./);
    expect(embed.image?.url).toBe('attachment://author.png');
    expect(decodePng(reply.files![0].data).width).toBe(800);
    expect(fieldOf(reply, 'Threads they spoke most in')).toMatch(
      /^1\. \[Relationship Theme Continued\]\(.+\) · 22 Nov 2023: 2 comments\n2\. /,
    );
    expect(fieldOf(reply, 'Comments per year')).toBe('2023: 2, undated: 1');
    const search = buttons(reply).find((b) => b.label === 'Search their comments')!;
    const { result } = await runComponent(commands, click(search.custom_id!), ctx);
    const page = 'reply' in result ? result.reply : result.update;
    expect(page.embeds![0].description).toContain('**3** results');
  });

  test('says so, privately, when nobody signs like that', async () => {
    const { reply } = await runCommand(commands, call('author', { name: 'Nobody Here' }), ctx);
    expect(reply).toMatchObject({ ephemeral: true, content: expect.stringMatching(/^No comments are signed like “Nobody Here”/) });
  });
});

describe('/help', () => {
  test('lists /trend and /author', async () => {
    const { reply } = await runCommand(commands, call('help', {}), ctx);
    const text = JSON.stringify(reply.embeds);
    expect(text).toContain('`/trend query`');
    expect(text).toContain('`/author name`');
  });
});
