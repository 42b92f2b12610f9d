/**
 * /thread and /random end to end (split from commands.e2e.test.ts): the real runtime and command modules, a real
 * discord.js Client, the fake Discord on loopback, over the same planted archive (plantedArchive.ts). One bot for the
 * whole file; the bot's clock is moved between tests so cooldowns do not leak, and its random source is set per test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { goodComments } from '../../commands/random';
import { byLabel, componentsOf, findComponent, startBotAgainstFake, type BotAgainstFake } from './harness';
import { copyPlantedSeeds, embedOf, embedText, expectQuickSilentAnswers, LONG_MARKER } from './plantedArchive';

describe('/thread and /random end to end against a fake Discord', () => {
  let h: BotAgainstFake;
  let archiveDir: string;
  let randomValue = 0.5;

  beforeAll(async () => {
    archiveDir = mkdtempSync(path.join(os.tmpdir(), 'archive-e2e-seeds-'));
    copyPlantedSeeds(archiveDir);
    h = await startBotAgainstFake({ archiveDir, random: () => randomValue });
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

  describe('/thread', () => {
    const threadPost = () =>
      [...h.bot.context.archive.posts].filter((p) => p.title).sort((a, b) => b.comments.length - a.comments.length)[0];

    it('summarises a post with buttons to read the comments and jump to the liveliest sub-thread', async () => {
      const post = threadPost();
      const ix = h.fake.dispatchSlashCommand('thread', { post: post.id }, { user: h.fake.users.alice });
      const reply = await ix.waitForReply();
      expect(embedText(reply)).toContain(post.title!.slice(0, 20));
      expect(findComponent(reply, byLabel(/^Read the comments \(\d+\)$/))).toBeDefined();
      expect(findComponent(reply, byLabel(/^Liveliest sub-thread: #/))).toBeDefined();
    });

    it('pages through the comments in thread order, replies indented, for the owner in place', async () => {
      const post = threadPost();
      const summary = await h.fake.dispatchSlashCommand('thread', { post: post.id }, { user: h.fake.users.alice }).waitForReply();
      const read = h.fake.dispatchButton(summary, findComponent(summary, byLabel(/^Read the comments/)).custom_id!, {
        user: h.fake.users.alice,
      });
      const page1 = await read.waitForReply();
      expect(read.ackType).toBe(7);
      expect(page1.id).toBe(summary.id);
      expect(embedOf(page1).title).toMatch(/^Comments: /);
      expect(embedOf(page1).description).toMatch(/^\*\*#1\*\* · /);
      expect(embedOf(page1).footer?.text).toMatch(/^Page 1 of \d+/);
      const page2 = await h.fake
        .dispatchButton(page1, findComponent(page1, byLabel('Next')).custom_id!, { user: h.fake.users.alice })
        .waitForReply();
      expect(embedOf(page2).footer?.text).toMatch(/^Page 2 of/);
    });

    it('jumps to the liveliest sub-thread, its replies indented under their parent', async () => {
      const post = threadPost();
      const summary = await h.fake.dispatchSlashCommand('thread', { post: post.id }, { user: h.fake.users.alice }).waitForReply();
      const liveliest = findComponent(summary, byLabel(/^Liveliest sub-thread: #/));
      const position = /#([\d.]+)/.exec(liveliest.label!)![1];
      const page = await h.fake.dispatchButton(summary, liveliest.custom_id!, { user: h.fake.users.alice }).waitForReply();
      expect(page.id).toBe(summary.id);
      const description = embedOf(page).description!;
      expect(description).toContain(`**#${position}**`);
      expect(description).toMatch(new RegExp(`> ↳ \\*\\*#${position.replace('.', '\\.')}\\.\\d+\\*\\*`));
    });

    it('gives someone else their own private copy instead of changing the owner’s message', async () => {
      const post = threadPost();
      const summary = await h.fake.dispatchSlashCommand('thread', { post: post.id }, { user: h.fake.users.alice }).waitForReply();
      const press = h.fake.dispatchButton(summary, findComponent(summary, byLabel(/^Read the comments/)).custom_id!, {
        user: h.fake.users.bob,
      });
      const copy = await press.waitForReply();
      expect(copy.id).not.toBe(summary.id);
      expect(copy.ephemeral).toBe(true);
      expect(embedOf(copy).title).toMatch(/^Comments: /);
      expect(h.fake.message(summary.id)!.embeds).toEqual(summary.embeds);
    });

    it('offers a choice when the words match several posts, and says so when none match', async () => {
      const none = await h.fake.dispatchSlashCommand('thread', { post: 'qwertyuiop zxcvbnm' }, { user: h.fake.users.alice }).waitForReply();
      expect(none.content).toMatch(/^No post matches "qwertyuiop zxcvbnm"/);

      // No title has this word but several threads discuss it: a picker, whose choice opens that thread privately.
      const ask = h.fake.dispatchSlashCommand('thread', { post: 'caseload' }, { user: h.fake.users.alice });
      const picker = await ask.waitForReply();
      expect(picker.content).toMatch(/^No title matches "caseload", but these threads mention it\. Which one\?/);
      const select = findComponent(picker, (c) => c.type === 3);
      expect(select.options!.length).toBeGreaterThan(1);
      const chosen = await h.fake
        .dispatchSelect(picker, select.custom_id!, [select.options![0].value], { user: h.fake.users.alice })
        .waitForAnswer();
      expect(chosen.ephemeral).toBe(true);
      expect(componentsOf(chosen).some((c) => /^Read the comments/.test(c.label ?? ''))).toBe(true);
    });
  });

  describe('/random', () => {
    it('shows one good comment with its context and an "Another" button that works in place for the owner', async () => {
      randomValue = 0.1;
      const ix = h.fake.dispatchSlashCommand('random', {}, { user: h.fake.users.alice });
      const reply = await ix.waitForReply();
      const embed = embedOf(reply);
      expect(embed.description!.length).toBeGreaterThanOrEqual(160);
      expect(embed.fields!.some((f) => f.name === 'From the post')).toBe(true);
      const another = findComponent(reply, byLabel('Another'));
      h.clock.advance(10_000);
      randomValue = 0.9;
      const press = h.fake.dispatchButton(reply, another.custom_id!, { user: h.fake.users.alice });
      const next = await press.waitForReply();
      expect(press.ackType).toBe(7);
      expect(next.id).toBe(reply.id);
      expect(embedOf(next).description).not.toBe(embed.description);
    });

    it('gives someone else pressing "Another" their own private comment', async () => {
      const reply = await h.fake.dispatchSlashCommand('random', {}, { user: h.fake.users.alice }).waitForReply();
      const press = h.fake.dispatchButton(reply, findComponent(reply, byLabel('Another')).custom_id!, { user: h.fake.users.bob });
      const own = await press.waitForReply();
      expect(own.id).not.toBe(reply.id);
      expect(own.ephemeral).toBe(true);
    });

    it('cuts an over-long comment at a word with an ellipsis, within the description limit', async () => {
      const picks = goodComments(h.bot.context);
      const index = picks.findIndex((p) => p.comment.text.includes(LONG_MARKER));
      expect(index).toBeGreaterThanOrEqual(0);
      randomValue = (index + 0.5) / picks.length;
      const reply = await h.fake.dispatchSlashCommand('random', {}, { user: h.fake.users.alice }).waitForReply();
      const description = embedOf(reply).description!;
      expect(description.length).toBeLessThanOrEqual(4096);
      const quoted = description
        .split('\n')
        .filter((l) => l.startsWith('> '))
        .map((l) => l.slice(2))
        .join('\n');
      expect(quoted.endsWith('…')).toBe(true);
      const shown = quoted.slice(0, -1).trimEnd();
      const original = picks[index].comment.text;
      expect(original.startsWith(shown)).toBe(true);
      // The cut falls between words (or after a sentence), never inside one.
      expect(original.charAt(shown.length)).toMatch(/\s/);
    });
  });

  describe('across every interaction above', () => {
    it('answered first within 3 seconds, and sent every message with allowed_mentions parse: []', () => {
      expectQuickSilentAnswers(h.fake, 15);
    });
  });
});
