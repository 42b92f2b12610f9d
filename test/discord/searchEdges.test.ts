/**
 * /search at its edges: what another user sees when pressing someone else's page button, and mistakes found only
 * once the query is planned (punctuation only, an `in:` naming no post), which must be private from the first
 * response rather than a public "thinking…" replaced by a private error.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import type { CommandCall, ComponentCall } from '../../src/discord/commandTypes';
import { createBotContext, type BotContext } from '../../src/discord/context';
import { Cooldowns } from '../../src/discord/cooldowns';
import { buildStatefulCustomId, packState, stateBudget } from '../../src/discord/customId';
import { loadCommands, runCommand, runComponent, type CommandRegistry } from '../../src/discord/router';

const seeds = path.resolve(__dirname, '..', '..', 'seeds');
const OWNER = { id: '111111111111111111', name: 'owner' };
const OTHER = { id: '222222222222222222', name: 'other' };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
let ctx: BotContext;
let commands: CommandRegistry;

beforeAll(async () => {
  const config = loadConfig({ ARCHIVE_DIR: seeds, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'search-edges-')) });
  ({ context: ctx } = await createBotContext({ config, store: new Keyv(), logger: silentLogger }));
  ctx.cooldowns = new Cooldowns(() => new Date(), false);
  commands = loadCommands();
});

let seq = 0;
function search(query: string, deferrals: boolean[]): CommandCall {
  return {
    id: `9100000000000000${++seq}`,
    commandName: 'search',
    user: OWNER,
    options: { getString: (n) => (n === 'query' ? query : null), getBoolean: () => null },
    defer: async ({ ephemeral }) => void deferrals.push(ephemeral),
  };
}

describe("GIVEN someone presses another user's page button", () => {
  test('THEN the hint quotes the search in one intact code span, cut at a character boundary, backticks and all', async () => {
    // A backtick would close the code span early; an emoji straddling the old 100-unit cut was split in half.
    const query = `pay \`offer\` ${'x'.repeat(87)}😀😀 and more words after the cut`;
    expect(query.slice(0, 100)).toMatch(LONE_SURROGATE);
    const fields = [OWNER.id, query, null, null, null, null];
    const packed = await packState(ctx.store, fields, stateBudget('search', 'page', ['99999']));
    const click: ComponentCall = {
      id: '8100000000000001',
      customId: buildStatefulCustomId('search', 'page', [1], packed),
      values: [],
      user: OTHER,
      deferUpdate: async () => undefined,
    };
    const { result } = await runComponent(commands, click, ctx);
    expect('reply' in result).toBe(true);
    const content = 'reply' in result ? (result.reply.content ?? '') : '';
    expect(content).toMatch(/^Only the person who searched can page these results\. Run `\/search query:[^`]+` to get your own\.$/);
    expect(content).not.toMatch(LONE_SURROGATE);
    expect(content).toContain('pay offer');
    const quoted = /`\/search query:([^`]+)`/.exec(content)![1];
    expect(quoted.length).toBeLessThanOrEqual(100);
  });
});

describe('GIVEN a search that cannot run', () => {
  test.each([
    ['only punctuation', '?!?! ... ---'],
    ['an in: filter naming no post', 'pay in:zzqqxxnothing'],
  ])('WHEN it is %s THEN the error comes before any deferral, so it is private from the start', async (_name, query) => {
    const deferrals: boolean[] = [];
    const { reply, failed } = await runCommand(commands, search(query, deferrals), ctx);
    expect(failed).toBe(true);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).not.toMatch(/Something went wrong/);
    expect(deferrals).toEqual([]);
  });
});
