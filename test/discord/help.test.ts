/** /help: every command listed, and every search example shown finds something in the archive being served. */
import path from 'node:path';
import { SlashCommandBuilder } from 'discord.js';
import { commandLines, helpReply, linesIntoFields } from '../../commands/help';
import { loadArchive } from '../../src/corpus/loadArchive';
import type { Archive } from '../../src/corpus/types';
import type { BotContext } from '../../src/discord/context';
import { loadCommands } from '../../src/discord/router';
import { silentLogger } from '../../src/log';
import { buildSearchIndex, type SearchIndex } from '../../src/search';
import { ensureBenchArchive } from '../../scripts/lib/benchArchive';
import { Memo } from '../../src/util/memo';

interface Served {
  archive: Archive;
  search: SearchIndex;
  ctx: BotContext;
}

async function serve(dir: string): Promise<Served> {
  const archive = await loadArchive(dir, { logger: silentLogger });
  const search = buildSearchIndex(archive);
  const ctx = { archive, search, config: { blogUrl: 'https://probationmatters.blogspot.com' }, memo: new Memo() } as unknown as BotContext;
  return { archive, search, ctx };
}

/** The text under a heading of /help (its "(continued)" fields included). */
function field(ctx: BotContext, name: string): string {
  const embed = helpReply(ctx, true).embeds![0];
  const found = embed.fields!.filter((f) => f.name === name || f.name === `${name} (continued)`);
  if (found.length === 0) throw new Error(`no ${name} field in /help`);
  return found.map((f) => f.value).join('\n');
}

/** The searches /help shows: every `…` on the lines of "Writing a search", but not the line about the options. */
function shownExamples(ctx: BotContext): string[] {
  return field(ctx, 'Writing a search')
    .split('\n')
    .filter((line) => !line.startsWith('`/search`'))
    .flatMap((line) => [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
}

describe.each([
  ['the seeds', () => path.join(__dirname, '..', '..', 'seeds')],
  ['a 30-post synthetic archive', () => ensureBenchArchive(30, 20221025).dir],
])('/help served over %s', (_, dir) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(dir());
  }, 60_000);

  it('shows search examples that each find something here', () => {
    const examples = shownExamples(served.ctx);
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const query of examples)
      expect({ query, found: served.search.search(query, { limit: 1 }).total > 0 }).toEqual({ query, found: true });
    expect(examples.some((q) => q.startsWith('author:'))).toBe(true);
    expect(examples.some((q) => q.startsWith('in:'))).toBe(true);
    expect(examples.some((q) => q.includes('is:comment'))).toBe(true);
  });

  it('has a line on every command the bot loads, /digest included', () => {
    const commands = field(served.ctx, 'Commands');
    for (const name of loadCommands().keys()) expect(commands).toContain(`/${name}`);
    expect(commands).toContain('/digest');
  });
});

describe('the command list', () => {
  it('spreads over more fields when it outgrows one (Discord allows 1,024 characters a field)', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `\`/command${i}\` ${'does something useful. '.repeat(3)}`);
    const fields = linesIntoFields('Commands', lines);
    expect(fields.length).toBeGreaterThan(1);
    expect(fields.every((f) => f.value.length <= 1024)).toBe(true);
    expect(fields.map((f) => f.name)).toEqual(['Commands', ...fields.slice(1).map(() => 'Commands (continued)')]);
    expect(fields.flatMap((f) => f.value.split('\n'))).toEqual(lines);
  });

  it('takes a new command module as it comes: its helpLine, or its name and description', () => {
    const trend = {
      data: new SlashCommandBuilder().setName('trend').setDescription('How often a word comes up, year by year'),
      execute: async () => ({}),
    };
    const lines = commandLines([...loadCommands().values(), trend]);
    expect(lines).toContain('`/trend` How often a word comes up, year by year');
    expect(lines[0]).toMatch(/^`\/search/);
    expect(lines[lines.length - 1]).toMatch(/^`\/help/);
  });
});
