/**
 * What /thread answers for dates and for words found only in the text, as a user reads it: a date finds the post of
 * that day (or offers the nearest ones), and the bot says a thread "mentions" something only when it does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import type { CommandCall } from '../../src/discord/commandTypes';
import { createBotContext, type BotContext } from '../../src/discord/context';
import { Cooldowns } from '../../src/discord/cooldowns';
import type { ReplySpec } from '../../src/discord/messageBuilder';
import { loadCommands, runAutocomplete, runCommand, type CommandRegistry } from '../../src/discord/router';

const seeds = path.resolve(__dirname, '..', '..', 'seeds');
const USER = { id: '111111111111111111', name: 'owner' };
let ctx: BotContext;
let commands: CommandRegistry;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'thread-dates-'));
  const config = loadConfig({ ARCHIVE_DIR: seeds, DATA_DIR: dataDir });
  ({ context: ctx } = await createBotContext({
    config,
    store: new Keyv(),
    logger: createLogger({ level: 'error', write: () => undefined }),
  }));
  ctx.cooldowns = new Cooldowns(() => new Date(), false);
  commands = loadCommands();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let seq = 0;
async function thread(post: string): Promise<{ reply: ReplySpec; failed: boolean }> {
  const call: CommandCall = {
    id: `7000000000000000${++seq}`,
    commandName: 'thread',
    user: USER,
    options: { getString: (n) => (n === 'post' ? post : null), getBoolean: () => null },
    defer: async () => undefined,
  };
  return runCommand(commands, call, ctx);
}
const optionLabels = (reply: ReplySpec) =>
  (reply.components ?? []).flatMap((r) => r.components).flatMap((c) => ('options' in c ? c.options.map((o) => o.label) : []));

describe('/thread with a date', () => {
  test.each(['25 October 2022', '25th Oct 2022', '25/10/2022', 'October 2022', 'Oct 2022', '2022-10', '2022-10-25'])(
    '%s opens "Changes at the Top", claiming nothing about mentions',
    async (typed) => {
      const { reply, failed } = await thread(typed);
      expect(failed).toBe(false);
      expect(reply.embeds![0].title).toBe('Changes at the Top');
      expect(reply.content ?? '').not.toMatch(/mention/i);
    },
  );

  test('a day with no post says so and offers the nearest dated posts to pick from', async () => {
    const { reply } = await thread('25 October 2021');
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('No post is dated 25 October 2021. The nearest dated posts:');
    expect(optionLabels(reply)[0]).toBe('2021-10-02 · Things Could Be Better');
  });

  test('a date that does not exist is explained privately', async () => {
    const { reply, failed } = await thread('31/02/2022');
    expect(failed).toBe(true);
    expect(reply).toEqual({ ephemeral: true, content: 'There is no 31 February 2022: February 2022 has 28 days.' });
  });

  test('autocomplete offers the post of a date written any of these ways', async () => {
    for (const typed of ['25/10/2022', '25th Oct 2022', 'Oct 2022']) {
      const choices = await runAutocomplete(
        commands,
        {
          id: '1',
          commandName: 'thread',
          user: USER,
          focused: { name: 'post', value: typed },
          options: { getString: () => typed, getBoolean: () => null },
        },
        ctx,
      );
      expect(choices[0].name).toBe('2022-10-25 · Changes at the Top');
    }
  });
});

describe('/thread by words no title has', () => {
  test('says a thread "mentions" the words only when they are there, side by side', async () => {
    const { reply } = await thread('salary range');
    expect(reply.content).toBe('No title matches "salary range"; this is the thread that mentions it.');
  });

  test('says "uses all of those words" when they are all there but apart', async () => {
    const { reply } = await thread('range salary');
    expect(reply.content).toBe('No title matches "range salary"; this is the thread that uses all of those words.');
  });

  test('claims nothing when search finds some of the words but the thread lacks one', async () => {
    // Search matches "salary" alone; no thread has "quokkafish", so none is presented as mentioning it.
    expect(ctx.search.search('salary quokkafish').total).toBeGreaterThan(0);
    const { reply } = await thread('salary quokkafish');
    expect(reply.content).toMatch(/^No post matches "salary quokkafish"\./);
    expect(reply.content).not.toMatch(/mention/);
  });
});
