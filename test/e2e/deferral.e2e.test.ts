/**
 * Slow work must never leave "The application did not respond": the bot acknowledges (defers) before Discord's
 * deadline and delivers the answer afterwards. Time is scaled down: the fake's deadline is 1 s instead of 3 s and the
 * bot's defer-after is 200 ms instead of 1.5 s; the store (where long search state lives) is made slower than the
 * deadline for one test.
 */
import type Keyv from 'keyv';
import { startBotAgainstFake, type BotAgainstFake } from './harness';

const DEADLINE_MS = 1000;
const LONG_QUERY = 'probation officers caseload workload management sickness recruitment retention training pay';

describe('deferral when work is slow', () => {
  let h: BotAgainstFake;

  beforeAll(async () => {
    h = await startBotAgainstFake({ fake: { interactionResponseTimeoutMs: DEADLINE_MS }, deferAfterMs: 200 });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('defers a button press whose state lookup outlasts the deadline, then edits the message in place', async () => {
    const reply = await h.fake.dispatchSlashCommand('search', { query: LONG_QUERY }, { user: h.fake.users.alice }).waitForReply();
    const next = (reply.components[0] as { components: Array<{ label: string; custom_id: string }> }).components.find(
      (c) => c.label === 'Next',
    )!;
    expect(next.custom_id).toMatch(/~[\w-]+$/);

    const store = h.bot.context.store;
    const realGet = store.get.bind(store);
    const slowGet = async (...args: Parameters<Keyv['get']>) => {
      await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS + 300));
      return realGet(...args);
    };
    store.get = slowGet as Keyv['get'];
    try {
      const press = h.fake.dispatchButton(reply, next.custom_id, { user: h.fake.users.alice });
      const page2 = await press.waitForAnswer(5000);
      expect(press.ackType).toBe(6);
      expect(press.ackAfterMs!).toBeLessThan(DEADLINE_MS);
      expect(page2.id).toBe(reply.id);
      expect((page2.embeds[0] as { footer: { text: string } }).footer.text).toMatch(/^Page 2 of/);
    } finally {
      store.get = realGet;
    }
    expect(h.fake.violations).toEqual([]);
  });

  it('defers a private command privately: a slow /digest show never shows the channel a "thinking…"', async () => {
    const store = h.bot.context.store;
    const realGet = store.get.bind(store);
    const slowGet = async (...args: Parameters<Keyv['get']>) => {
      await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS));
      return realGet(...args);
    };
    store.get = slowGet as Keyv['get'];
    try {
      const ix = h.fake.dispatchSlashCommand('digest show', {}, { user: h.fake.users.owner });
      const answer = await ix.waitForAnswer(10_000);
      expect(ix.ackType).toBe(5);
      expect(ix.ackAfterMs!).toBeLessThan(DEADLINE_MS);
      const deferral = ix.requests.find((r) => r.route.endsWith('/callback'))!;
      // 64: ephemeral. /digest declares its answers private, so the deferral is private from the start...
      expect(((deferral.body as { data?: { flags?: number } }).data?.flags ?? 0) & 64).toBe(64);
      // ...and there is no public "thinking…" to delete and replace.
      expect(ix.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toMatch(/No daily post is set up here/);
    } finally {
      store.get = realGet;
    }
    expect(h.fake.violations).toEqual([]);
  });

  it('answers quick commands directly, without a deferral', async () => {
    const ix = h.fake.dispatchSlashCommand('help', {});
    await ix.waitForReply();
    expect(ix.ackType).toBe(4);
    expect(h.fake.violations).toEqual([]);
  });
});
