/**
 * /digest end to end: the real bot, the real command module and scheduler, a real discord.js Client, the fake
 * Discord on loopback. Time is moved with the harness clock and the scheduler is polled with `tick()` instead of
 * waiting for its 30-second loop.
 */
import { startDigestScheduler, digestSchedulerOf, digestStoreFor } from '../../src/discord/digestRunner';
import { upcomingRun } from '../../src/digest/schedule';
import { P, type SentMessage } from '../fakeDiscord';
import { startBotAgainstFake, type BotAgainstFake } from './harness';

type Button = { type: number; custom_id?: string; label?: string; url?: string };
const buttonsOf = (m: SentMessage) => m.components.flatMap((row) => (row as { components?: Button[] }).components ?? []);
const embedOf = (m: SentMessage) =>
  m.embeds[0] as { title?: string; description?: string; fields?: Array<{ name: string; value: string }> };

describe('/digest end to end', () => {
  let h: BotAgainstFake;
  let channelId: string;

  beforeAll(async () => {
    h = await startBotAgainstFake();
    // startBot starts the scheduler; starting it here too is a no-op then (and covers a runtime that does not yet).
    startDigestScheduler(h.bot.client, h.bot.context);
    channelId = h.fake.defineChannel({ name: 'from-the-archive' }).id;
    // Let the CHANNEL_CREATE reach the client's cache.
    await new Promise((r) => setTimeout(r, 100));
  });

  afterAll(async () => {
    await h?.stop();
  });

  test('someone without Manage Server is refused, privately', async () => {
    const reply = await h.fake.dispatchSlashCommand('digest set', { channel: channelId }, { user: h.fake.users.alice }).waitForReply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Manage Server/);
    expect(await digestStoreFor(h.bot.context).getSettings(h.fake.guildId)).toBeNull();
  });

  test('set names exactly the permission the bot is missing in the channel', async () => {
    const closed = h.fake.defineChannel({ name: 'no-embeds' }).id;
    h.fake.denyBot(closed, P.EmbedLinks);
    await new Promise((r) => setTimeout(r, 100));
    const reply = await h.fake.dispatchSlashCommand('digest set', { channel: closed }, { user: h.fake.users.owner }).waitForReply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('**Embed Links**');
    expect(reply.content).not.toContain('Send Messages');
    expect(await digestStoreFor(h.bot.context).getSettings(h.fake.guildId)).toBeNull();
  });

  test('time zones autocomplete from IANA names', async () => {
    const choices = await h.fake
      .dispatchAutocomplete('digest set', { channel: channelId, timezone: 'london' }, 'timezone', { user: h.fake.users.owner })
      .waitForChoices();
    expect(choices.map((c) => c.value)).toContain('Europe/London');
  });

  test('set with permission, preview, then the scheduled post arrives at the channel pinging nobody', async () => {
    const set = await h.fake
      .dispatchSlashCommand('digest set', { channel: channelId, time: '09:00', timezone: 'Europe/London' }, { user: h.fake.users.owner })
      .waitForReply();
    expect(set.ephemeral).toBe(true);
    expect(set.content).toContain(`<#${channelId}>`);
    expect(set.content).toMatch(/<t:\d+:F>/);

    const preview = await h.fake.dispatchSlashCommand('digest preview', {}, { user: h.fake.users.owner }).waitForReply();
    expect(preview.ephemeral).toBe(true);
    expect(embedOf(preview).title).toMatch(/^(On this day in \d{4}|From the archive)/);
    const readThread = buttonsOf(preview).find((b) => b.label === 'Read the thread');
    expect(readThread?.custom_id).toMatch(/^thread:summary:[^:]+:0$/);
    expect(h.fake.postedMessages(channelId)).toHaveLength(0);

    // Move the bot's clock just past the next 09:00 in London and poll.
    const settings = (await digestStoreFor(h.bot.context).getSettings(h.fake.guildId))!;
    const next = upcomingRun(settings, h.clock.now(), false);
    h.clock.advance(next.at.getTime() - h.clock.now().getTime() + 60_000);
    await digestSchedulerOf(h.bot.context)!.tick();
    const posted = await h.fake.waitForPostedMessage(channelId);
    expect(posted.allowedMentions).toEqual({ parse: [] });
    expect(posted.ephemeral).toBe(false);
    // The preview was exactly what got posted.
    expect(posted.embeds).toEqual(preview.embeds);
    expect(buttonsOf(posted).map((b) => b.custom_id ?? b.url)).toEqual(buttonsOf(preview).map((b) => b.custom_id ?? b.url));

    // Polling again the same day posts nothing more.
    h.clock.advance(3 * 3_600_000);
    await digestSchedulerOf(h.bot.context)!.tick();
    expect(h.fake.postedMessages(channelId)).toHaveLength(1);

    // "Read the thread" opens the thread view for whoever clicks, privately.
    const click = await h.fake.dispatchButton(posted, readThread!.custom_id!, { user: h.fake.users.bob }).waitForReply();
    expect(click.ephemeral).toBe(true);
    expect(click.embeds.length).toBe(1);

    // "Read … in full" shows the quoted comment whole to whoever clicks, privately; the channel post stays as it was.
    const readFull = buttonsOf(posted).find((b) => / in full$/.test(b.label ?? ''));
    expect(readFull?.custom_id).toMatch(/^thread:full:[^:]+:0:0$/);
    const commentId = readFull!.custom_id!.split(':')[2];
    const full = h.fake.dispatchButton(posted, readFull!.custom_id!, { user: h.fake.users.bob });
    const comment = await full.waitForReply();
    expect(full.ackType).toBe(4);
    expect(comment.ephemeral).toBe(true);
    expect((comment.embeds[comment.embeds.length - 1] as { footer?: { text?: string } }).footer?.text).toContain(`comment ${commentId}`);
    expect(h.fake.message(posted.id)!.embeds).toEqual(posted.embeds);

    const show = await h.fake.dispatchSlashCommand('digest show', {}, { user: h.fake.users.owner }).waitForReply();
    expect(show.content).toMatch(/\*\*On\*\*/);
    expect(show.content).toMatch(/Next post: .*<t:\d+:F>/);
    expect(show.content).toContain(posted.id);
  });

  test('a deleted channel disables the digest with a reason that /digest show gives', async () => {
    h.fake.deleteChannel(channelId);
    h.clock.advance(24 * 3_600_000);
    await digestSchedulerOf(h.bot.context)!.tick();
    const settings = await digestStoreFor(h.bot.context).getSettings(h.fake.guildId);
    expect(settings).toMatchObject({ enabled: false, channelId });
    expect(settings!.disabledReason).toMatch(/deleted|no longer see/);
    const show = await h.fake.dispatchSlashCommand('digest show', {}, { user: h.fake.users.owner }).waitForReply();
    expect(show.content).toContain(settings!.disabledReason!);
    expect(h.logs.some((l) => l.msg === 'digest disabled')).toBe(true);
    // The one refused request is the post to the deleted channel (which is how the bot learnt of it); nothing else the
    // bot sent broke a rule the fake checks (limits, double acknowledgement, permissions).
    expect(h.fake.violations.map((v) => [v.kind, v.path])).toEqual([['not-found', `/channels/${channelId}/messages`]]);
  });
});
