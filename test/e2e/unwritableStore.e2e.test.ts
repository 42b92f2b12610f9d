/**
 * The bot's store stops taking writes while the bot runs (a full disk, a file made read-only or immutable under it).
 * Paths that do not need the store keep working: /search with a long query (whose paging state needed a store key)
 * still answers with its results; paths that do need it say the storage is unavailable, never "Something went wrong".
 *
 * How the store is made to fail: the tests run as root, for whom chmod changes nothing (root writes read-only files
 * anyway), and `chattr +i` needs an ext-family file system and CAP_LINUX_IMMUTABLE that CI containers often lack. So
 * the real SQLite connection of the real Keyv adapter is switched to `PRAGMA query_only`: from then on SQLite itself
 * refuses every write with SQLITE_READONLY, the very error an immutable or read-only file gives, while reads still
 * work, exactly as with the file made immutable. No wrapper stands in for the store: the failure travels the same
 * path from SQLite through @keyv/sqlite and Keyv to the bot.
 */
import { STORAGE_UNAVAILABLE_MESSAGE } from '../../src/discord/errors';
import type { SentMessage } from '../fakeDiscord';
import { startBotAgainstFake, type BotAgainstFake } from './harness';

type Component = { type: number; custom_id?: string; label?: string; options?: Array<{ value: string; label: string }> };
const componentsOf = (m: SentMessage): Component[] => m.components.flatMap((row) => (row as { components?: Component[] }).components ?? []);
const embedOf = (m: SentMessage) =>
  m.embeds[0] as { title?: string; description?: string; fields?: Array<{ name: string; value: string }> };

/** Longer than a custom_id can carry inline (about 57 characters with the rest of the search state). */
const LONG_QUERY = 'probation officers and the caseload paperwork that the manager keeps on adding every week';

interface SqliteAdapter {
  query(sql: string): Promise<unknown>;
}

describe('GIVEN a running bot whose store refuses writes', () => {
  let h: BotAgainstFake;
  const adapter = () => (h.bot.context.store as unknown as { store: SqliteAdapter }).store;
  const later = () => h.clock.advance(10_000);

  beforeAll(async () => {
    h = await startBotAgainstFake();
    // Set up the daily post while the store still works, so /digest now has something to act on.
    await h.fake
      .dispatchSlashCommand(
        'digest set',
        { channel: h.fake.defaultChannelId, time: '00:00', timezone: 'UTC' },
        { user: h.fake.users.owner },
      )
      .waitForReply();
    await adapter().query('PRAGMA query_only = ON');
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(later);

  test('WHEN /search has a long query THEN its results still come, with a note that paging needs a shorter query', async () => {
    expect(LONG_QUERY.length).toBeGreaterThan(60);
    const reply = await h.fake.dispatchSlashCommand('search', { query: LONG_QUERY }).waitForReply();
    const text = JSON.stringify(reply.embeds) + reply.content;
    expect(text).not.toContain('Something went wrong');
    expect(embedOf(reply).fields?.length).toBeGreaterThan(0);
    expect(embedOf(reply).description).toMatch(/Paging is unavailable right now .*storage.*up to \d+ characters/);
    expect(componentsOf(reply).some((c) => c.label === 'Next')).toBe(false);
    // Opening a hit's thread needs no store: the select still works.
    const open = componentsOf(reply).find((c) => c.custom_id?.startsWith('search:open:'))!;
    const answer = await h.fake.dispatchSelect(reply, open.custom_id!, [open.options![0].value]).waitForAnswer();
    expect(JSON.stringify(answer.embeds) + answer.content).not.toContain('Something went wrong');
    expect(answer.embeds.length).toBeGreaterThan(0);
  });

  test('WHEN /search has a short query THEN it pages as usual (its state fits in the buttons)', async () => {
    const reply = await h.fake.dispatchSlashCommand('search', { query: 'probation' }).waitForReply();
    const next = componentsOf(reply).find((c) => c.label === 'Next')!;
    expect(next).toBeDefined();
    const page2 = await h.fake.dispatchButton(reply, next.custom_id!).waitForAnswer();
    expect(JSON.stringify(page2.embeds)).toContain('Page 2 of');
  });

  test('WHEN a comment is read in full from a search whose way back would need the store THEN it opens as a new message instead', async () => {
    // Fits inline in the page's buttons, but not beside a comment id in the comment view's Back button.
    const reply = await h.fake.dispatchSlashCommand('search', { query: 'probation officers and managers' }).waitForReply();
    const read = componentsOf(reply).find((c) => c.custom_id?.startsWith('search:read:'))!;
    expect(read.custom_id).not.toMatch(/:~/);
    const commentHit = read.options!.find((o) => /#\d/.test(o.label))!;
    const ix = h.fake.dispatchSelect(reply, read.custom_id!, [commentHit.value]);
    const answer = await ix.waitForAnswer();
    expect(JSON.stringify(answer.embeds) + answer.content).not.toMatch(/Something went wrong|storage/);
    expect(answer.embeds.length).toBeGreaterThan(0);
    expect(answer.id).not.toBe(reply.id);
  });

  test('WHEN /digest now must record its claim THEN the answer is the storage message, not "Something went wrong"', async () => {
    const reply = await h.fake.dispatchSlashCommand('digest now', {}, { user: h.fake.users.owner }).waitForAnswer();
    expect(reply.content).not.toContain('Something went wrong');
    expect(reply.content).toContain("the bot's storage is unavailable");
    expect(reply.ephemeral).toBe(true);
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'digest store unusable' }));
  });
});

describe('GIVEN a running bot whose store can no longer be read either (its database connection is gone)', () => {
  let h: BotAgainstFake;

  beforeAll(async () => {
    h = await startBotAgainstFake();
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('THEN a button whose state is in the store, and /digest show, answer with the storage message', async () => {
    // Made while the store works: its paging state is a store key.
    const reply = await h.fake.dispatchSlashCommand('search', { query: LONG_QUERY }).waitForReply();
    const next = componentsOf(reply).find((c) => c.label === 'Next')!;
    expect(next.custom_id).toMatch(/:~/);
    await (h.bot.context.store as unknown as { store: { disconnect(): Promise<void> } }).store.disconnect();

    const page = await h.fake.dispatchButton(reply, next.custom_id!).waitForAnswer();
    expect(page.content).toBe(STORAGE_UNAVAILABLE_MESSAGE);
    expect(page.ephemeral).toBe(true);
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'interaction failed: store unavailable' }));

    h.clock.advance(10_000);
    const show = await h.fake.dispatchSlashCommand('digest show', {}, { user: h.fake.users.owner }).waitForAnswer();
    expect(show.content).toContain("the bot's storage is unavailable");
  });
});
