import Keyv from 'keyv';
import { execute } from '../../commands/digest';
import type { CommandCall } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { digestStoreFor } from '../../src/discord/digestRunner';
import type { GuildContext } from '../../src/discord/guildContext';
import { silentLogger } from '../../src/log';
import { sampleArchive } from './fixtures';
import { settings } from './helpers';
import { Memo } from '../../src/util/memo';

const GUILD = '100000000000000001';

function digestCall(subcommand: string): { call: CommandCall; ctx: BotContext } {
  const ctx = {
    store: new Keyv(),
    logger: silentLogger,
    now: () => new Date('2025-01-10T12:00:00Z'),
    archive: sampleArchive(),
    summaries: { summarize: () => null },
    memo: new Memo(),
  } as unknown as BotContext;
  const guild: GuildContext = {
    guildId: GUILD,
    send: async () => ({ messageId: null }),
    canManage: true,
    missingBotPermissions: async () => [],
  };
  const call: CommandCall = {
    id: '1',
    commandName: 'digest',
    user: { id: 'u', name: 'u' },
    options: { getString: () => null, getBoolean: () => null, getSubcommand: () => subcommand },
    defer: async () => {},
    guild,
  };
  return { call, ctx };
}

describe('/digest show', () => {
  test("the last post's title, from the archive, is escaped like every other archive text", async () => {
    const { call, ctx } = digestCall('show');
    const store = digestStoreFor(ctx);
    await store.saveSettings(GUILD, settings());
    await store.recordPost(GUILD, {
      date: '2025-01-10',
      key: 'post:a',
      consumes: ['post:a'],
      postId: 'a',
      postTitle: '**Pay** day for @everyone',
      commentId: null,
      cycle: 0,
      postedAt: '2025-01-10T09:00:00.000Z',
      channelId: '200000000000000001',
      messageId: '300000000000000001',
    });
    const reply = await execute(call, ctx);
    expect(reply.content).toContain('\\*\\*Pay\\*\\* day for');
    expect(reply.content).not.toContain('@everyone');
  });
});
