/**
 * Reading a comment in full, end to end: the real bot and a real discord.js Client against the fake Discord, which
 * refuses anything over Discord's limits. A 4,000-character comment and a 10,000-character reply are planted in the
 * seeds (test/helpers/longComment) and read from a search hit, the comments view, a summary quote and /random: every
 * part arrives, within limits, and together they are the whole text in order; the way back works, and so do the
 * buttons after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { goodComments } from '../../commands/random';
import type { SentMessage } from '../fakeDiscord';
import { byLabel, componentsOf, findComponent, startBotAgainstFake, type BotAgainstFake } from './harness';
import {
  LONG_COMMENT,
  LONG_COMMENT_ID,
  LONG_MARKER,
  plantLongComment,
  VERY_LONG_COMMENT,
  VERY_LONG_COMMENT_ID,
  VERY_LONG_MARKER,
} from '../helpers/longComment';

type Embed = {
  title?: string;
  description?: string;
  author?: { name: string };
  footer?: { text?: string };
  fields?: Array<{ name: string; value: string }>;
};
const embedsOf = (message: SentMessage) => message.embeds as Embed[];
/** The comment's own embed: the last one (a reply's first part has the comment it answers above it). */
const commentEmbed = (message: SentMessage) => embedsOf(message)[embedsOf(message).length - 1];
/** Archive text as the reader sees it: markdown escapes and the zero-width spaces that break mentions removed. */
const asRead = (text: string) => text.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const embedTotal = (message: SentMessage) =>
  embedsOf(message).reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.footer?.text?.length ?? 0) +
      (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );

describe('reading a comment in full, end to end', () => {
  let h: BotAgainstFake;
  let archiveDir: string;
  let randomValue = 0.5;

  beforeAll(async () => {
    archiveDir = plantLongComment(mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-full-')));
    h = await startBotAgainstFake({ archiveDir, random: () => randomValue });
  });

  afterAll(async () => {
    await h?.stop();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  beforeEach(() => h.clock.advance(60_000));

  afterEach(() => {
    // Whatever a test did, the bot never sent Discord something it would have refused.
    expect(h.fake.violations.splice(0)).toEqual([]);
  });

  /** Presses "Next part" until the last part, checking each as it arrives; returns every part's message. */
  async function readAllParts(first: SentMessage, user = h.fake.users.alice): Promise<SentMessage[]> {
    const parts = [first];
    for (;;) {
      const message = parts[parts.length - 1];
      const footer = commentEmbed(message).footer?.text ?? '';
      const [, n, of] = /^Part (\d+) of (\d+) · /.exec(footer) ?? ['', '1', '1'];
      expect(Number(n)).toBe(parts.length);
      expect(embedTotal(message)).toBeLessThanOrEqual(6000);
      for (const c of componentsOf(message)) if (c.custom_id) expect(c.custom_id.length).toBeLessThanOrEqual(100);
      if (Number(n) === Number(of)) return parts;
      const press = h.fake.dispatchButton(message, findComponent(message, byLabel('Next part')).custom_id!, { user });
      const next = await press.waitForReply();
      expect(press.ackType).toBe(7);
      expect(next.id).toBe(first.id);
      parts.push(next);
    }
  }

  const wholeText = (parts: SentMessage[]) => squash(parts.map((p) => asRead(commentEmbed(p).description ?? '')).join(' '));

  async function openFromSearch(user = h.fake.users.alice, [marker, commentId] = [LONG_MARKER, LONG_COMMENT_ID]) {
    const results = await h.fake.dispatchSlashCommand('search', { query: marker }, { user: h.fake.users.alice }).waitForReply();
    const open = findComponent(results, (c) => c.type === 3 && (c.custom_id ?? '').startsWith('search:read:'));
    expect(open.options!.map((o) => o.value)).toContain(commentId);
    const pick = h.fake.dispatchSelect(results, open.custom_id!, [commentId], { user });
    return { results, pick, first: await pick.waitForReply() };
  }

  test('a 4,000-character comment opened from a search hit arrives whole, in place, and Back returns to the results', async () => {
    expect(LONG_COMMENT.length).toBeGreaterThanOrEqual(4000);
    const { results, pick, first } = await openFromSearch();
    expect(pick.ackType).toBe(7);
    expect(first.id).toBe(results.id);
    expect(commentEmbed(first).author?.name).toBe('#1 · Anonymous');
    expect(commentEmbed(first).title).toBe('Probation Voice Must Continue to be Heard');

    const parts = await readAllParts(first);
    if (parts.length === 1) expect(commentEmbed(first).footer?.text).toBe(`2 Sep 2022 · comment ${LONG_COMMENT_ID}`);
    else
      for (const p of parts)
        expect(commentEmbed(p).footer?.text).toMatch(new RegExp(`^Part \\d of ${parts.length} · 2 Sep 2022 · comment ${LONG_COMMENT_ID}$`));
    // All of it, in order, as written: markdown shown as typed, the @everyone broken so it pings nobody.
    expect(wholeText(parts)).toBe(squash(LONG_COMMENT));
    for (const p of parts) {
      expect(JSON.stringify(p.embeds)).not.toMatch(/@everyone/);
      expect(p.allowedMentions).toEqual({ parse: [] });
    }

    // The replies come after the text, on the last part; the removed one says so, and the rest can be opened.
    const last = parts[parts.length - 1];
    const replies = commentEmbed(last).fields!;
    expect(replies[0].name).toBe('↳ #1.1 · Anonymous');
    expect(replies[1]).toEqual({ name: '↳ #1.2 · Anonymous', value: '*This reply was removed.*' });
    expect(replies[replies.length - 1].name).toBe('…and 3 more replies');
    const list = findComponent(last, (c) => c.type === 3);
    expect(list.options!.map((o) => o.value)).not.toContain('b9f170a77a-1.2');
    expect(list.options!).toHaveLength(7);

    const back = h.fake.dispatchButton(last, findComponent(last, byLabel('Back to results')).custom_id!, { user: h.fake.users.alice });
    const page = await back.waitForReply();
    expect(back.ackType).toBe(7);
    expect(embedsOf(page)[0].title).toBe(`Search: ${LONG_MARKER}`);
    expect(embedsOf(page)[0].footer?.text).toBe('Page 1 of 1');
  });

  test('a 10,000-character reply pages through parts in place: the comment it answers first, all of its text, and back', async () => {
    const { results, first } = await openFromSearch(h.fake.users.alice, [VERY_LONG_MARKER, VERY_LONG_COMMENT_ID]);
    expect(first.id).toBe(results.id);
    expect(embedsOf(first)[0].title).toBe('In reply to #2');
    expect(asRead(embedsOf(first)[0].description!)).toContain('This pay offer is mustard.');
    const parts = await readAllParts(first);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    // The context leads the first part only; each later part is the comment alone.
    for (const p of parts.slice(1)) expect(p.embeds).toHaveLength(1);
    expect(wholeText(parts)).toBe(squash(VERY_LONG_COMMENT));
    const last = parts[parts.length - 1];
    expect(findComponent(last, byLabel('Next part')).disabled).toBe(true);
    const previous = await h.fake
      .dispatchButton(last, findComponent(last, byLabel('Previous part')).custom_id!, { user: h.fake.users.alice })
      .waitForReply();
    expect(commentEmbed(previous).footer?.text).toMatch(new RegExp(`^Part ${parts.length - 1} of ${parts.length} · `));
    const back = await h.fake
      .dispatchButton(previous, findComponent(previous, byLabel('Back to results')).custom_id!, { user: h.fake.users.alice })
      .waitForReply();
    expect(embedsOf(back)[0].title).toBe(`Search: ${VERY_LONG_MARKER}`);
  });

  test('a reply opened from the list shows the comment it answers above it, and keeps the way back to the search', async () => {
    const { first } = await openFromSearch();
    const parts = await readAllParts(first);
    const last = parts[parts.length - 1];
    const list = findComponent(last, (c) => c.type === 3);
    const reply = await h.fake.dispatchSelect(last, list.custom_id!, ['b9f170a77a-1.1'], { user: h.fake.users.alice }).waitForReply();
    const [context, comment] = embedsOf(reply);
    expect(context.title).toBe('In reply to #1');
    expect(asRead(context.description!).startsWith(`> ${LONG_COMMENT.slice(0, 80)}`)).toBe(true);
    expect(context.description).toMatch(/— Anonymous · #1/);
    expect(comment.author?.name).toBe('#1.1 · Anonymous');
    expect(asRead(comment.description!)).toBe(
      'Sonia Flynn is a part of the problem,not the solution. Just read her dismissal of the complaints from staff about not giving recommendations in parole.',
    );
    const back = await h.fake
      .dispatchButton(reply, findComponent(reply, byLabel('Back to results')).custom_id!, { user: h.fake.users.alice })
      .waitForReply();
    expect(embedsOf(back)[0].title).toBe(`Search: ${LONG_MARKER}`);
  });

  test('someone else opening a hit of another person’s search gets a private copy whose Back leads to the thread', async () => {
    const { results, pick, first } = await openFromSearch(h.fake.users.bob);
    expect(pick.ackType).toBe(4);
    expect(first.ephemeral).toBe(true);
    expect(first.id).not.toBe(results.id);
    expect(componentsOf(first).some((c) => c.label === 'Back to results')).toBe(false);
    // Their own copy pages in place for them.
    const parts = await readAllParts(first, h.fake.users.bob);
    expect(wholeText(parts)).toBe(squash(LONG_COMMENT));
    const back = await h.fake
      .dispatchButton(parts[0], findComponent(parts[parts.length - 1], byLabel('Back to the comments')).custom_id!, {
        user: h.fake.users.bob,
      })
      .waitForReply();
    expect(embedsOf(back)[0].title).toBe('Comments: Probation Voice Must Continue to be Heard');
    // The searcher's message is as it was.
    expect(embedsOf(h.fake.message(results.id)!)[0].title).toBe(`Search: ${LONG_MARKER}`);
  });

  test('the comments view offers "read in full" for the comments it cuts, and Back returns to that page', async () => {
    const summary = await h.fake
      .dispatchSlashCommand('thread', { post: 'Probation Voice Must Continue to be Heard' }, { user: h.fake.users.alice })
      .waitForReply();
    const page = await h.fake
      .dispatchButton(summary, findComponent(summary, byLabel(/^Read the comments/)).custom_id!, { user: h.fake.users.alice })
      .waitForReply();
    expect(commentEmbed(page).description).toContain('…');
    const cut = findComponent(page, (c) => c.type === 3 && c.custom_id!.startsWith('thread:pick:'));
    expect(cut.options!.map((o) => o.label)).toContain('Read #1 in full · Anonymous');
    const first = await h.fake.dispatchSelect(page, cut.custom_id!, [LONG_COMMENT_ID], { user: h.fake.users.alice }).waitForReply();
    expect(first.id).toBe(summary.id);
    expect(wholeText(await readAllParts(first))).toBe(squash(LONG_COMMENT));
    const back = await h.fake
      .dispatchButton(first, findComponent(h.fake.message(first.id)!, byLabel('Back to the comments')).custom_id!, {
        user: h.fake.users.alice,
      })
      .waitForReply();
    expect(commentEmbed(back).footer?.text).toMatch(/^Page 1 of \d+/);
  });

  test('a summary quote reads in full, with Back to the summary', async () => {
    const summary = await h.fake
      .dispatchSlashCommand('thread', { post: 'Changes at the Top' }, { user: h.fake.users.alice })
      .waitForReply();
    const quotes = findComponent(summary, (c) => c.type === 3 && c.custom_id!.startsWith('thread:pick:'));
    const option = quotes.options![0];
    expect(option.label).toMatch(/^#\d+(\.\d+)? · /);
    const full = await h.fake.dispatchSelect(summary, quotes.custom_id!, [option.value], { user: h.fake.users.alice }).waitForReply();
    expect(commentEmbed(full).footer?.text).toContain(`comment ${option.value}`);
    const comment = h.bot.context.lookup.comment(option.value)!.comment;
    expect(squash(asRead(commentEmbed(full).description!))).toBe(squash(comment.text));
    const back = await h.fake
      .dispatchButton(full, findComponent(full, byLabel('Back to the summary')).custom_id!, { user: h.fake.users.alice })
      .waitForReply();
    expect(embedsOf(back)[0].title).toBe('Changes at the Top');
  });

  test('/random has "Read in full", which opens the comment in place for the person who asked', async () => {
    const picks = goodComments(h.bot.context);
    randomValue = (picks.findIndex((p) => p.comment.id === LONG_COMMENT_ID) + 0.5) / picks.length;
    const random = await h.fake.dispatchSlashCommand('random', {}, { user: h.fake.users.alice }).waitForReply();
    expect(asRead((random.embeds[0] as Embed).description!)).toContain('…');
    const press = h.fake.dispatchButton(random, findComponent(random, byLabel('Read in full')).custom_id!, { user: h.fake.users.alice });
    const first = await press.waitForReply();
    expect(press.ackType).toBe(7);
    expect(wholeText(await readAllParts(first))).toBe(squash(LONG_COMMENT));
  });

  test('the parts still page after a restart: their state is in the buttons', async () => {
    const { first } = await openFromSearch(h.fake.users.alice, [VERY_LONG_MARKER, VERY_LONG_COMMENT_ID]);
    await h.restart();
    const next = await h.fake
      .dispatchButton(first, findComponent(first, byLabel('Next part')).custom_id!, { user: h.fake.users.alice })
      .waitForReply();
    expect(commentEmbed(next).footer?.text).toMatch(/^Part 2 of /);
    const back = await h.fake
      .dispatchButton(next, findComponent(next, byLabel('Back to results')).custom_id!, { user: h.fake.users.alice })
      .waitForReply();
    expect(embedsOf(back)[0].title).toBe(`Search: ${VERY_LONG_MARKER}`);
  });
});
