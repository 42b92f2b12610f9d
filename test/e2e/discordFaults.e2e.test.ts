/**
 * Discord failing under the bot: an interaction callback that keeps answering 500, and a channel that stays
 * rate-limited. The bot must give up in bounded time and, where a person is waiting, tell them.
 */
import type { SentMessage } from '../fakeDiscord';
import { startBotAgainstFake, type BotAgainstFake } from './harness';

type Component = { custom_id?: string; label?: string };
const componentsOf = (m: SentMessage): Component[] => m.components.flatMap((row) => (row as { components?: Component[] }).components ?? []);
const CALLBACK_ROUTE = '/interactions/:interactionId/:token/callback';

describe('GIVEN Discord failing under a running bot', () => {
  let h: BotAgainstFake;

  beforeAll(async () => {
    h = await startBotAgainstFake();
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => h.clock.advance(10_000));

  test('WHEN every answer to a button press gets a 500 THEN the bot tries twice (one retry), then gives up and logs it', async () => {
    const reply = await h.fake.dispatchSlashCommand('search', { query: 'probation' }).waitForReply();
    const next = componentsOf(reply).find((c) => c.label === 'Next')!;
    const fault = h.fake.addFault({ method: 'POST', route: CALLBACK_ROUTE, status: 500 });
    try {
      const press = h.fake.dispatchButton(reply, next.custom_id!);
      await h.fake.waitUntil(
        () => h.logs.find((l) => l.msg === 'could not answer interaction' && l.interactionId === press.id),
        10_000,
        () => 'no "could not answer" log line',
      );
      // Anything still in flight would arrive within a moment; nothing more does.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(press.requests.filter((r) => r.route === CALLBACK_ROUTE).map((r) => r.status)).toEqual([500, 500]);
    } finally {
      fault.remove();
    }
  });

  test('WHEN the channel stays rate-limited THEN /digest now stops waiting within seconds and says so, with when it retries', async () => {
    await h.fake
      .dispatchSlashCommand(
        'digest set',
        { channel: h.fake.defaultChannelId, time: '00:00', timezone: 'UTC' },
        { user: h.fake.users.owner },
      )
      .waitForReply();
    const fault = h.fake.addFault({
      method: 'POST',
      route: '/channels/:channelId/messages',
      params: { channelId: h.fake.defaultChannelId },
      status: 429,
      retryAfterSeconds: 60,
    });
    try {
      const started = Date.now();
      const answer = await h.fake.dispatchSlashCommand('digest now', {}, { user: h.fake.users.owner }).waitForAnswer(15_000);
      expect(Date.now() - started).toBeLessThan(12_000);
      expect(answer.content).toMatch(/rate-limiting posts in <#\d+> and asked for another \d+ s\). I'll try again <t:\d+:R>\./);
      expect(answer.ephemeral).toBe(true);
      expect(h.fake.postedMessages(h.fake.defaultChannelId)).toEqual([]);
    } finally {
      fault.remove();
    }
  });
});
