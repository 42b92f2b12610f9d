/**
 * The bot across a restart (custom_ids made before it still work, their state inline or in the store) and a start
 * refused for want of a token. Split from commands.e2e.test.ts, which keeps one bot for the whole file.
 */
import { ConfigError, loadConfig } from '../../src/config';
import { startBot } from '../../src/discord/bot';
import type { SentMessage } from '../fakeDiscord';
import { byLabel, findComponent, startBotAgainstFake, type BotAgainstFake } from './harness';

const embedOf = (message: SentMessage) => message.embeds[0] as { footer?: { text?: string } };

describe('after a restart', () => {
  let h: BotAgainstFake;

  beforeAll(async () => {
    h = await startBotAgainstFake();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('buttons on messages sent before the restart still work, whether their state was inline or in the store', async () => {
    const short = await h.fake.dispatchSlashCommand('search', { query: 'probation' }, { user: h.fake.users.alice }).waitForReply();
    const long = await h.fake
      .dispatchSlashCommand(
        'search',
        { query: 'probation officers caseload workload management sickness recruitment retention training pay' },
        { user: h.fake.users.bob },
      )
      .waitForReply();
    expect(findComponent(long, byLabel('Next')).custom_id).toMatch(/~/);
    const linesBefore = h.logs.length;
    await h.restart();
    expect(h.fake.connected).toBe(true);
    // A stop on purpose is not a gateway fault: no warning that the gateway dropped or is reconnecting.
    expect(h.logs.slice(linesBefore).filter((l) => l.level === 'warn' && /^gateway/.test(String(l.msg)))).toEqual([]);
    for (const [message, user] of [
      [short, h.fake.users.alice],
      [long, h.fake.users.bob],
    ] as const) {
      const page2 = await h.fake.dispatchButton(message, findComponent(message, byLabel('Next')).custom_id!, { user }).waitForReply();
      expect(page2.id).toBe(message.id);
      expect(embedOf(page2).footer?.text).toMatch(/^Page 2 of/);
    }
    expect(h.fake.violations).toEqual([]);
  });
});

describe('starting the bot', () => {
  it('refuses to start without a token, naming the variable', async () => {
    const config = { ...loadConfig({}), token: null };
    await expect(startBot({ config })).rejects.toThrow(ConfigError);
    await expect(startBot({ config })).rejects.toThrow(/DISCORD_TOKEN/);
  });
});
