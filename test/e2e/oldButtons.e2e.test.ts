/**
 * Buttons the bot does not (or no longer) make, end to end: a message in a channel carries ids an older version of
 * the bot wrote (or someone crafted), and people click them through the real discord.js Client and the fake Discord.
 * Each click gets the private "not valid any more" answer; none gets an error reference or a stack trace, and the
 * message stays as it was. The daily post's ids of today's format, posted the same way, still work.
 */
import { Routes } from 'discord.js';
import type { SentMessage } from '../fakeDiscord';
import { startBotAgainstFake, type BotAgainstFake } from './harness';

const button = (customId: string, label: string) => ({ type: 2, style: 2, custom_id: customId, label });

describe('old and forged buttons end to end', () => {
  let h: BotAgainstFake;
  let channelId: string;
  let message: SentMessage;
  let postId: string;

  beforeAll(async () => {
    h = await startBotAgainstFake();
    channelId = h.fake.defineChannel({ name: 'old-posts' }).id;
    await new Promise((r) => setTimeout(r, 100));
    postId = h.bot.context.archive.posts.find((p) => p.comments.length > 0)!.id;
    // As a bot of another version would have posted it: through the REST API, with its ids.
    const posted = (await h.bot.client.rest.post(Routes.channelMessages(channelId), {
      body: {
        content: 'An old daily post',
        components: [
          {
            type: 1,
            components: [
              button(`thread:summary.7:${postId}:0`, 'From a later version'),
              button('thread:summary', 'Missing its post'),
              button(`thread:comments:${postId}:two:0`, 'Page that is not a number'),
              button('digest:again:1', 'An action that never was'),
              button(`thread:summary:${postId}:0`, 'Read the thread'),
            ],
          },
        ],
        allowed_mentions: { parse: [] },
      },
    })) as { id: string };
    message = h.fake.message(posted.id)!;
  });

  afterAll(async () => {
    await h?.stop();
  });

  afterEach(() => {
    expect(h.fake.violations.splice(0)).toEqual([]);
  });

  test.each(['From a later version', 'Missing its post', 'Page that is not a number', 'An action that never was'])(
    '"%s" is answered privately as no longer valid',
    async (label) => {
      const customId = (message.components[0] as { components: Array<{ custom_id: string; label: string }> }).components.find(
        (c) => c.label === label,
      )!.custom_id;
      const reply = await h.fake.dispatchButton(message, customId, { user: h.fake.users.alice }).waitForReply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toBe(
        "This button isn't valid any more (it may come from an older version of the bot). Run the command again to get fresh ones.",
      );
      expect(h.fake.message(message.id)!.content).toBe('An old daily post');
      expect(h.logs.some((l) => l.level === 'error')).toBe(false);
    },
  );

  test("today's format, on the same message, still opens the thread for whoever clicks", async () => {
    const reply = await h.fake.dispatchButton(message, `thread:summary:${postId}:0`, { user: h.fake.users.bob }).waitForReply();
    expect(reply.ephemeral).toBe(true);
    expect(JSON.stringify(reply.embeds)).toContain(`post ${postId}`);
  });
});
