/**
 * The bot end to end: the real runtime and command modules, a real discord.js Client, the fake Discord on loopback.
 * Each test dispatches what Discord would send and asserts what arrives at the fake's REST API, as a user would
 * see it. One bot for the whole file; the bot's clock is moved between tests so cooldowns do not leak.
 *
 * The archive is the seeds plus two planted comments: one quoting `@everyone` and mentions (it must ping nobody),
 * and one far longer than any Discord field (it must be cut cleanly); see plantedArchive.ts. /thread and /random
 * (and their buttons) are in threadAndRandom.e2e.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BAD_DATE_MESSAGE } from '../../src/discord/errors';
import { escapeArchiveText } from '../../src/discord/quote';
import type { Json } from '../fakeDiscord';
import { byLabel, componentsOf, findComponent, startBotAgainstFake, type BotAgainstFake } from './harness';
import { copyPlantedSeeds, embedOf, embedText, expectQuickSilentAnswers, LONG_MARKER, MENTIONS_MARKER } from './plantedArchive';

describe('the bot end to end against a fake Discord', () => {
  let h: BotAgainstFake;
  let archiveDir: string;

  beforeAll(async () => {
    archiveDir = mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-seeds-'));
    copyPlantedSeeds(archiveDir);
    h = await startBotAgainstFake({ archiveDir, random: () => 0.5 });
  });

  afterAll(async () => {
    await h?.stop();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    // Past every cooldown from the previous test.
    h.clock.advance(60_000);
  });

  afterEach(() => {
    // Whatever a test did, the bot never sent Discord something it would have refused.
    const violations = h.fake.violations.splice(0);
    expect(violations).toEqual([]);
  });

  it('starts: logs in, registers its commands, and says what it loaded', () => {
    expect(h.fake.connected).toBe(true);
    expect(h.fake.registeredCommands('guild').map((c) => c.name)).toEqual(expect.arrayContaining(['help', 'random', 'search', 'thread']));
    const loaded = h.logs.find((l) => l.msg === 'archive loaded');
    expect(loaded).toMatchObject({ posts: h.bot.context.archive.posts.length });
    expect(h.logs.some((l) => l.msg === 'bot ready')).toBe(true);
    // The planted comments are in the archive the bot serves.
    const texts = h.bot.context.archive.posts.flatMap((p) => p.comments.map((c) => c.text));
    expect(texts.some((t) => t.includes(MENTIONS_MARKER))).toBe(true);
    expect(texts.some((t) => t.includes(LONG_MARKER) && t.length > 9000)).toBe(true);
  });

  it('/help explains the bot and the archive, privately by default', async () => {
    const ix = h.fake.dispatchSlashCommand('help', {});
    const reply = await ix.waitForReply();
    const archive = h.bot.context.archive;
    const comments = archive.posts.reduce((n, p) => n + p.comments.length, 0);
    expect(reply.ephemeral).toBe(true);
    expect(embedOf(reply).description).toContain(`${archive.posts.length} posts and ${comments} comments`);
    expect(embedText(reply)).toContain('/search');
    expect(embedText(reply)).toContain('author:');
  });

  it('/help ephemeral:false is public', async () => {
    const reply = await h.fake.dispatchSlashCommand('help', { ephemeral: false }).waitForReply();
    expect(reply.ephemeral).toBe(false);
  });

  describe('/search', () => {
    it('answers with a page of quoted hits, matched words in bold, and paging and open/similar menus', async () => {
      const ix = h.fake.dispatchSlashCommand('search', { query: 'probation officer' }, { user: h.fake.users.alice });
      const reply = await ix.waitForReply();
      const embed = embedOf(reply);
      expect(embed.title).toBe('Search: probation officer');
      expect(embed.fields!.length).toBeGreaterThan(0);
      expect(embed.fields!.length).toBeLessThanOrEqual(5);
      expect(embed.fields!.some((f) => /\*\*probation\*\*/i.test(f.value))).toBe(true);
      // Each quote ends by naming who said it and where: the hit's own author and position, not just any words.
      const hits = h.bot.context.search.search('probation officer', { limit: embed.fields!.length }).hits;
      embed.fields!.forEach((f, i) => {
        const hit = hits[i];
        const who = hit.author ?? (hit.kind === 'post' ? 'the post itself' : 'Anonymous');
        const attribution = f.value.split('\n').pop()!;
        expect(attribution.startsWith(`— ${escapeArchiveText(who)}`)).toBe(true);
        if (hit.position) expect(attribution).toContain(` · #${hit.position}`);
      });
      expect(embed.footer?.text).toMatch(/^Page 1 of \d+$/);
      expect(findComponent(reply, byLabel('Previous')).disabled).toBe(true);
      expect(findComponent(reply, byLabel('Next')).disabled).toBe(false);
      expect(componentsOf(reply).filter((c) => c.type === 3).length).toBeGreaterThanOrEqual(1);
      expect(reply.ephemeral).toBe(false);
    });

    it('lets the person who searched page forward and back, in place', async () => {
      const first = await h.fake.dispatchSlashCommand('search', { query: 'probation' }, { user: h.fake.users.alice }).waitForReply();
      const next = h.fake.dispatchButton(first, findComponent(first, byLabel('Next')).custom_id!, { user: h.fake.users.alice });
      const page2 = await next.waitForReply();
      expect(next.ackType).toBe(7);
      expect(page2.id).toBe(first.id);
      expect(embedOf(page2).footer?.text).toMatch(/^Page 2 of/);
      expect(embedOf(page2).fields![0].name).toMatch(/^6\. /);
      expect(findComponent(page2, byLabel('Previous')).disabled).toBe(false);
      const back = await h.fake
        .dispatchButton(page2, findComponent(page2, byLabel('Previous')).custom_id!, { user: h.fake.users.alice })
        .waitForReply();
      expect(embedOf(back).footer?.text).toMatch(/^Page 1 of/);
    });

    it('tells anyone else, privately, that only the searcher can page, and leaves the message alone', async () => {
      const first = await h.fake.dispatchSlashCommand('search', { query: 'probation' }, { user: h.fake.users.alice }).waitForReply();
      const press = h.fake.dispatchButton(first, findComponent(first, byLabel('Next')).custom_id!, { user: h.fake.users.bob });
      const hint = await press.waitForReply();
      expect(press.ackType).toBe(4);
      expect(hint.ephemeral).toBe(true);
      expect(hint.content).toMatch(/^Only the person who searched can page these results/);
      expect(embedOf(h.fake.message(first.id)!).footer?.text).toMatch(/^Page 1 of/);
    });

    it('opens the thread of a post hit from the select menu as a new message', async () => {
      // is:post: comments now fill the first page of `pay offer` (issue 11), and this is about a post hit.
      const first = await h.fake
        .dispatchSlashCommand('search', { query: 'pay offer is:post' }, { user: h.fake.users.alice })
        .waitForReply();
      const open = findComponent(first, (c) => c.type === 3 && (c.custom_id ?? '').startsWith('search:read:'));
      const postHit = open.options!.find((o) => !/#\d/.test(o.label))!;
      const pick = h.fake.dispatchSelect(first, open.custom_id!, [postHit.value], { user: h.fake.users.alice });
      const reply = await pick.waitForAnswer();
      expect(reply.id).not.toBe(first.id);
      expect(componentsOf(reply).some((c) => /^Read the comments/.test(c.label ?? ''))).toBe(true);
    });

    it('shows "more like this" for a comment hit', async () => {
      const first = await h.fake
        .dispatchSlashCommand('search', { query: 'probation officer' }, { user: h.fake.users.alice })
        .waitForReply();
      const similar = findComponent(first, (c) => c.type === 3 && (c.custom_id ?? '').startsWith('search:similar:'));
      const reply = await h.fake
        .dispatchSelect(first, similar.custom_id!, [similar.options![0].value], { user: h.fake.users.alice })
        .waitForReply();
      expect(embedOf(reply).title).toMatch(/^More like #/);
    });

    it('quotes a comment containing @everyone and mentions without pinging anyone', async () => {
      const ix = h.fake.dispatchSlashCommand('search', { query: MENTIONS_MARKER }, { user: h.fake.users.alice });
      const reply = await ix.waitForReply();
      const text = embedText(reply);
      expect(text).toContain(MENTIONS_MARKER);
      // Shown as written but broken with a zero-width space, so it renders as text, not as a mention.
      expect(text).toContain('@\\u200beveryone'.replace('\\u200b', '\u200b'));
      expect(text).not.toMatch(/@everyone|<@\d|<@&\d/);
      expect(reply.allowedMentions).toEqual({ parse: [] });
      expect(reply.pings).toEqual({ everyone: false, users: [], roles: [] });
      for (const r of ix.requests.filter((r) => r.body !== undefined && r.method !== 'DELETE')) {
        const body = r.body as Json;
        const data = (r.route.endsWith('/callback') ? body.data : body) as Json | undefined;
        if (data && r.route.endsWith('/callback') && (body.type === 5 || body.type === 6)) continue;
        expect(data?.allowed_mentions).toEqual({ parse: [] });
      }
    });

    it('cuts an over-long quote within the field limit, at a word, with an ellipsis', async () => {
      const reply = await h.fake.dispatchSlashCommand('search', { query: LONG_MARKER }, { user: h.fake.users.alice }).waitForReply();
      const field = embedOf(reply).fields!.find((f) => f.value.includes(LONG_MARKER))!;
      expect(field.value.length).toBeLessThanOrEqual(1024);
      expect(field.value).toContain('…');
      // Every word shown is whole: each word of the quote is one of the comment's words.
      const planted = h.bot.context.archive.posts.flatMap((p) => p.comments).find((c) => c.text.includes(LONG_MARKER))!;
      const words = new Set(planted.text.split(/\s+/));
      const quoted = field.value
        .split('\n')
        .filter((l) => l.startsWith('> '))
        .join(' ')
        .replace(/^> |\*\*/g, '')
        .replace(/…/g, ' ');
      for (const word of quoted.replace(/> /g, ' ').split(/\s+/).filter(Boolean))
        if (!words.has(word)) throw new Error(`"${word}" is not a whole word of the comment:\n${field.value}`);
    });

    it('explains a bad date privately, without deferring, and logs it with the interaction id', async () => {
      const ix = h.fake.dispatchSlashCommand('search', { query: 'pay', after: '2021-02-30' }, { user: h.fake.users.alice });
      const reply = await ix.waitForReply();
      expect(ix.ackType).toBe(4);
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toBe(BAD_DATE_MESSAGE);
      expect(h.logs.some((l) => l.interactionId === ix.id && l.reason === BAD_DATE_MESSAGE)).toBe(true);
    });

    it('suggests a looser query when nothing matches, privately (not in front of the channel)', async () => {
      const ix = h.fake.dispatchSlashCommand('search', { query: '"probation quokkafish"' }, { user: h.fake.users.alice });
      const reply = await ix.waitForReply();
      expect(reply.ephemeral).toBe(true);
      expect(embedOf(reply).description).toMatch(/^No comments match\. To widen the search: drop the quotes/);
      // Private from the first response: no public "thinking…" was ever shown to the channel.
      expect(ix.ackType).toBe(4);
    });

    it('keeps a private search private, including its pages', async () => {
      const ix = h.fake.dispatchSlashCommand('search', { query: 'probation', ephemeral: true }, { user: h.fake.users.alice });
      const reply = await ix.waitForReply();
      expect(reply.ephemeral).toBe(true);
      const page2 = await h.fake
        .dispatchButton(reply, findComponent(reply, byLabel('Next')).custom_id!, { user: h.fake.users.alice })
        .waitForReply();
      expect(page2.ephemeral).toBe(true);
      expect(embedOf(page2).footer?.text).toMatch(/^Page 2 of/);
    });

    it('keeps the state of a long search in the store, and says the buttons expired once it is gone', async () => {
      const query = 'probation officers caseload workload management sickness recruitment retention training pay';
      const reply = await h.fake.dispatchSlashCommand('search', { query }, { user: h.fake.users.alice }).waitForReply();
      const next = findComponent(reply, byLabel('Next')).custom_id!;
      expect(next.length).toBeLessThanOrEqual(100);
      const key = /~([\w-]+)$/.exec(next)?.[1];
      expect(key).toBeDefined();
      await h.bot.context.store.delete(`state:${key}`);
      const expired = await h.fake.dispatchButton(reply, next, { user: h.fake.users.alice }).waitForReply();
      expect(expired.ephemeral).toBe(true);
      expect(expired.content).toMatch(/These buttons have expired\. Run \/search again/);
    });

    it('makes a user wait between searches, saying for how long', async () => {
      await h.fake.dispatchSlashCommand('search', { query: 'pay' }, { user: h.fake.users.bob }).waitForReply();
      const again = await h.fake.dispatchSlashCommand('search', { query: 'pay' }, { user: h.fake.users.bob }).waitForReply();
      expect(again.ephemeral).toBe(true);
      expect(again.content).toMatch(/you can use \/search again <t:\d+:R>/);
    });

    it('works in a direct message with the bot', async () => {
      const reply = await h.fake
        .dispatchSlashCommand('search', { query: 'probation' }, { user: h.fake.users.bob, dm: true })
        .waitForReply();
      expect(embedOf(reply).footer?.text).toMatch(/^Page 1 of/);
    });
  });

  describe('autocomplete', () => {
    it('suggests authors from the archive: at most 25, names and values within 100 characters', async () => {
      const ix = h.fake.dispatchAutocomplete('search', { query: 'pay', author: '' }, 'author', { user: h.fake.users.alice });
      const choices = (await ix.waitForChoices()) as Array<{ name: string; value: string }>;
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
      const typed = choices[0].value.slice(0, 3);
      const narrowed = (await h.fake.dispatchAutocomplete('search', { query: 'pay', author: typed }, 'author').waitForChoices()) as Array<{
        value: string;
      }>;
      expect(narrowed.length).toBeGreaterThan(0);
      expect(narrowed.every((c) => c.value.toLowerCase().includes(typed.toLowerCase()))).toBe(true);
    });

    it('suggests posts for /thread from their titles', async () => {
      const title = h.bot.context.archive.posts.find((p) => p.title)!.title!;
      const word = title.split(/\s+/).find((w) => w.length > 4)!;
      const choices = (await h.fake.dispatchAutocomplete('thread', { post: word }, 'post').waitForChoices()) as Array<{
        name: string;
        value: string;
      }>;
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(choices.some((c) => c.name.includes(word))).toBe(true);
    });
  });

  describe('across every interaction above', () => {
    it('answered first within 3 seconds, and sent every message with allowed_mentions parse: []', () => {
      expectQuickSilentAnswers(h.fake, 20);
    });
  });
});
