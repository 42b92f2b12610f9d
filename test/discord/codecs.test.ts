import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { SlashCommandBuilder } from 'discord.js';
import * as random from '../../commands/random';
import { onComponent, type CommandCall, type CommandModule, type ComponentCall } from '../../src/discord/commandTypes';
import { createBotContext, type BotContext } from '../../src/discord/context';
import { loadConfig } from '../../src/config';
import { Cooldowns } from '../../src/discord/cooldowns';
import { defineCodec, InvalidCustomIdError, readArg, type CustomIdCodec } from '../../src/discord/customId';
import { askedState, authorIds, randomIds, searchIds, searchState, threadIds, trendIds } from '../../src/discord/customIds';
import { packShape, unpackShape } from '../../src/discord/customId';
import { cooldown, guildOnly } from '../../src/discord/preconditions';
import { loadCommands, privacyOf, runCommand, runComponent, type CommandRegistry } from '../../src/discord/router';
import { silentLogger } from '../../src/log';

const OWNER = '111111111111111111';
const OTHER = { id: '222222222222222222', name: 'other' };
const inline = { rawArgs: [OWNER, 'pay offer', '', '', '', '1', 'comment'] };
const stored = { rawArgs: ['~AbCdEf123'] };

function roundTrip<T>(codec: CustomIdCodec<T>, value: T): void {
  const id = codec.encode(value);
  expect(id.length).toBeLessThanOrEqual(100);
  expect(codec.decode(id)).toEqual(value);
}

describe('GIVEN the codec of every custom_id', () => {
  test('THEN each decodes what it encodes', () => {
    roundTrip(threadIds.comments, { postId: 'b9f170a77a', page: 3, ownerId: OWNER });
    roundTrip(threadIds.sub, { postId: 'b9f170a77a', page: 0, ownerId: OWNER });
    roundTrip(threadIds.summary, { postId: 'b9f170a77a', ownerId: '0' });
    roundTrip(threadIds.open, { ownerId: OWNER });
    roundTrip(threadIds.full, { commentId: 'b9f170a77a-1.1', part: 2, ownerId: OWNER, back: { kind: 'comments' } });
    roundTrip(threadIds.full, { commentId: 'b9f170a77a-1.1', part: 0, ownerId: OWNER, back: { kind: 'summary' } });
    roundTrip(threadIds.full, { commentId: 'b9f170a77a-1', part: 0, ownerId: OWNER, back: { kind: 'search', page: 4, state: stored } });
    roundTrip(threadIds.pick, { ownerId: OWNER, back: { kind: 'search', page: 1, state: inline } });
    roundTrip(searchIds.page, { page: 12, state: inline });
    roundTrip(searchIds.read, { page: 0, state: stored });
    roundTrip(searchIds.open, { state: inline });
    roundTrip(searchIds.similar, { state: stored });
    roundTrip(randomIds.another, { ownerId: OWNER });
    roundTrip(authorIds.search, { state: stored });
    roundTrip(authorIds.open, { state: stored });
    roundTrip(trendIds.peak, { term: 2, period: '2022-06', state: stored });
    roundTrip(trendIds.open, { state: stored });
  });

  test('THEN version 1 writes the format messages already carry (a daily post posted last year still works)', () => {
    expect(threadIds.summary.encode({ postId: 'a', ownerId: '0' })).toBe('thread:summary:a:0');
    expect(threadIds.full.encode({ commentId: 'a-1', part: 0, ownerId: '0', back: { kind: 'comments' } })).toBe('thread:full:a-1:0:0');
    expect(threadIds.summary.decode('thread:summary:a:0')).toEqual({ postId: 'a', ownerId: '0' });
  });

  test('THEN an id of another version is refused, in both directions, with the clear message', () => {
    const spec = {
      command: 'thread',
      action: 'summary',
      write: (v: { postId: string }) => ({ args: [v.postId] }),
      read: ([postId]: string[]) => readArg.text(postId) && { postId },
    };
    const v2 = defineCodec({ ...spec, version: 2 });
    const newer = v2.encode({ postId: 'a' });
    expect(newer).toBe('thread:summary.2:a');
    expect(v2.decode(newer)).toEqual({ postId: 'a' });
    expect(() => threadIds.summary.decode(newer)).toThrow(InvalidCustomIdError);
    expect(() => v2.decode('thread:summary:a:0')).toThrow(InvalidCustomIdError);
    expect(() => v2.decode('thread:summary:a:0')).toThrow(/isn't valid any more/);
  });

  test('THEN the state a button carries comes back as the value it was, inline or from the store', async () => {
    const store = new Keyv();
    const search = {
      ownerId: OWNER,
      query: 'pay: "offer" ~100%',
      author: 'Getafix',
      after: '2021',
      before: null,
      ephemeral: true,
      kind: 'post' as const,
    };
    for (const budget of [90, 10]) {
      const packed = await packShape(store, searchState, search, budget);
      expect(await unpackShape(store, searchState, packed, '/search')).toEqual(search);
    }
    // A search packed before `only` existed (six fields) reads as both kinds.
    expect(searchState.read([OWNER, 'pay', null, null, null, null])).toMatchObject({ query: 'pay', ephemeral: false, kind: null });
    const asked = { ownerId: OWNER, asked: 'Getafix', ephemeral: false };
    expect(await unpackShape(store, askedState, await packShape(store, askedState, asked, 90), '/author')).toEqual(asked);
  });

  test('THEN ids whose arguments do not read are refused rather than half-read', () => {
    for (const forged of [
      'thread:full:a-1:two:1',
      'thread:comments:a:0',
      'thread:comments:a:0:<@everyone>',
      'search:page:x:1',
      'search:page:1',
      'trend:peak:0:yesterday:~k',
      'random:another:',
    ]) {
      const codec = [threadIds.full, threadIds.comments, searchIds.page, trendIds.peak, randomIds.another].find((c) =>
        forged.startsWith(`${c.command}:${c.action}:`),
      )!;
      expect(() => codec.decode(forged)).toThrow(InvalidCustomIdError);
    }
  });
});

function click(customId: string, user = OTHER, values: string[] = []): ComponentCall {
  return { id: '8300000000000001', customId, values, user, deferUpdate: async () => undefined };
}

function slash(commandName: string, guild: CommandCall['guild'] = null): CommandCall {
  return {
    id: '8300000000000002',
    commandName,
    user: OTHER,
    options: { getString: () => null, getBoolean: () => null },
    defer: async () => undefined,
    guild,
  };
}

const bareContext = (): BotContext =>
  ({ logger: silentLogger, store: new Keyv(), cooldowns: new Cooldowns(() => new Date('2025-01-01T00:00:00Z')) }) as unknown as BotContext;

describe('GIVEN the router and a forged or outdated custom_id', () => {
  const counted = defineCodec<{ n: number }>({
    command: 'probe',
    action: 'go',
    write: (v) => ({ args: [v.n] }),
    read: ([n]) => (readArg.count(n) === null ? null : { n: Number(n) }),
  });
  let handled = 0;
  const probe: CommandModule = {
    data: new SlashCommandBuilder()
      .setName('probe')
      .setDescription('probe')
      .addBooleanOption((o) => o.setName('ephemeral').setDescription('private')),
    execute: async () => ({ content: 'ok' }),
    components: [onComponent(counted, () => ({ update: { content: `handled ${++handled}` } }), [cooldown(3)])],
    preconditions: [guildOnly('Only in a server.')],
  };
  const registry: CommandRegistry = new Map([['probe', probe]]);

  test.each(['probe:go:NaN', 'probe:go.2:1', 'probe:nowhere:1', 'nobody:go:1', 'garbage', ''])(
    'THEN %j gets the private "not valid" answer, never an error',
    async (customId) => {
      const routed = await runComponent(registry, click(customId), bareContext());
      expect(routed).toMatchObject({ failed: true, refused: true });
      expect(routed.result).toEqual({ reply: { ephemeral: true, content: expect.stringMatching(/^This button isn't valid any more/) } });
    },
  );

  test("THEN a component's declared cooldown is applied by the router, before its handler", async () => {
    const ctx = bareContext();
    handled = 0;
    expect((await runComponent(registry, click('probe:go:1'), ctx)).result).toEqual({ update: { content: 'handled 1' } });
    const again = await runComponent(registry, click('probe:go:1'), ctx);
    expect(again.result).toEqual({
      reply: { ephemeral: true, content: expect.stringMatching(/^You're going a bit fast: you can use \/probe again/) },
    });
    expect(handled).toBe(1);
  });

  test('THEN a click is checked against the server it happens in, like a command', async () => {
    const here = defineCodec<{ n: number }>({
      command: 'probe',
      action: 'here',
      write: (v) => ({ args: [v.n] }),
      read: ([n]) => (readArg.count(n) === null ? null : { n: Number(n) }),
    });
    const serverOnly: CommandModule = {
      ...probe,
      components: [onComponent(here, () => ({ update: { content: 'in a server' } }), [guildOnly('Only in a server.')])],
    };
    const routes: CommandRegistry = new Map([['probe', serverOnly]]);
    const guild = { guildId: '1', canManage: false, send: async () => ({ messageId: null }), missingBotPermissions: async () => [] };
    expect((await runComponent(routes, click('probe:here:1'), bareContext())).result).toEqual({
      reply: { ephemeral: true, content: 'Only in a server.' },
    });
    expect((await runComponent(routes, { ...click('probe:here:1'), guild }, bareContext())).result).toEqual({
      update: { content: 'in a server' },
    });
  });

  test("THEN a command's precondition refuses it privately before it runs", async () => {
    const routed = await runCommand(registry, slash('probe'), bareContext());
    expect(routed).toMatchObject({ failed: true, refused: true, reply: { ephemeral: true, content: 'Only in a server.' } });
  });
});

describe('GIVEN declared privacy', () => {
  const options = (value: boolean | null) => ({
    getString: () => null,
    getBoolean: (name: string) => (name === 'ephemeral' ? value : null),
  });
  const module = (defaultEphemeral: boolean | undefined, withSwitch: boolean): CommandModule => {
    const data = new SlashCommandBuilder().setName('x').setDescription('x');
    if (withSwitch) data.addBooleanOption((o) => o.setName('ephemeral').setDescription('private'));
    return { data, execute: async () => ({}), ...(defaultEphemeral === undefined ? {} : { defaultEphemeral }) };
  };

  test('THEN the switch decides when the command declares it, else the default', () => {
    expect(privacyOf(module(undefined, true), options(null))).toBe(false);
    expect(privacyOf(module(undefined, true), options(true))).toBe(true);
    expect(privacyOf(module(true, true), options(null))).toBe(true);
    expect(privacyOf(module(true, true), options(false))).toBe(false);
    // An `ephemeral` value the command never declared is not guessed at.
    expect(privacyOf(module(true, false), options(false))).toBe(true);
    expect(privacyOf(module(undefined, false), options(true))).toBe(false);
  });

  test('THEN the commands declare theirs: /help and /digest answer privately unless asked, the others publicly', () => {
    const commands = loadCommands();
    const privateByDefault = [...commands.values()].filter((c) => privacyOf(c, options(null))).map((c) => c.data.name);
    expect(privateByDefault.sort()).toEqual(['digest', 'help']);
    // /digest has no switch: nothing makes it public.
    expect(privacyOf(commands.get('digest'), options(false))).toBe(true);
    expect(privacyOf(commands.get('help'), options(false))).toBe(false);
    expect(privacyOf(commands.get('search'), options(true))).toBe(true);
  });
});

describe('GIVEN /random and its Another button', () => {
  let ctx: BotContext;
  let dataDir: string;
  const registry: CommandRegistry = new Map([['random', random]]);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'bot-codecs-'));
    const config = loadConfig({ ARCHIVE_DIR: path.resolve(__dirname, '..', '..', 'seeds'), DATA_DIR: dataDir });
    ({ context: ctx } = await createBotContext({ config, store: new Keyv(), logger: silentLogger, random: () => 0.5 }));
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('THEN Another shares the /random cooldown, through the router', async () => {
    const first = await runCommand(registry, slash('random'), ctx);
    expect(first.failed).toBe(false);
    const another = first.reply.components![0].components.find((c) => 'label' in c && c.label === 'Another') as { custom_id: string };
    const pressed = await runComponent(registry, click(another.custom_id, OTHER), ctx);
    expect(pressed.result).toEqual({
      reply: { ephemeral: true, content: expect.stringMatching(/^You're going a bit fast: you can use \/random again/) },
    });
  });
});
