import { commentsOwnWords, DigestPool, selectDigest, selectDigestItem } from '../../src/digest/select';
import { candidatesOf } from '../../src/digest/candidates';
import { DigestDateError } from '../../src/digest/dates';
import { shownCommentId, type DigestHistory, type DigestHistoryEntry, type DigestItem, type DigestPostItem } from '../../src/digest/types';
import { makeArchive, makePost, prose, sampleArchive } from './fixtures';

function entryFor(item: DigestItem, date: string, cycle: number): DigestHistoryEntry {
  return {
    date,
    key: item.key,
    consumes: item.consumes,
    postId: item.postId,
    postTitle: item.postTitle,
    commentId: shownCommentId(item),
    cycle,
    postedAt: `${date}T09:00:00.000Z`,
    channelId: 'c',
    messageId: null,
  };
}

function asPost(item: DigestItem | null): DigestPostItem {
  if (item?.kind !== 'post') throw new Error(`expected a post item, got ${JSON.stringify(item)}`);
  return item;
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Posts day after day, as the scheduler would, returning what was posted. */
function simulate(archive = sampleArchive(), days: number, start = '2024-01-01', serverId = 'guild-1') {
  const history: DigestHistory = { entries: [] };
  const posted: { date: string; item: DigestItem; cycle: number }[] = [];
  const pool = new DigestPool(archive);
  for (let i = 0; i < days; i++) {
    const date = addDays(start, i);
    const selection = selectDigest({ archive, pool, date, serverId, history })!;
    history.entries.push(entryFor(selection.item, date, selection.cycle));
    posted.push({ date, ...selection });
  }
  return posted;
}

describe('selectDigestItem', () => {
  test('on this day: a thread from the same day and month in an earlier year, the one with more discussion', () => {
    const quiet = makePost('quiet', '2018-05-20', [{ text: prose(1) }]);
    const busy = makePost('busy', '2021-05-20', [{ text: prose(2) }, { text: prose(3) }, { text: prose(4) }]);
    const otherDay = makePost('other', '2022-05-21', [{ text: prose(5) }, { text: prose(6) }, { text: prose(7) }, { text: prose(8) }]);
    const thisYear = makePost(
      'now',
      '2024-05-20',
      Array.from({ length: 8 }, (_, i) => ({ text: prose(20 + i) })),
    );
    const item = selectDigestItem({
      archive: makeArchive([quiet, busy, otherDay, thisYear]),
      date: '2024-05-20',
      serverId: 'g',
      history: { entries: [] },
    })!;
    expect(item.onThisDay).toBe(true);
    expect(item.postId).toBe('busy');
    expect(item.kind).toBe('post');
    expect(item.postDate).toBe('2021-05-20');
  });

  test('a post item carries its gist and a strong quote, and uses up the quoted comment too', () => {
    const archive = makeArchive([makePost('a', '2020-02-02', [{ text: prose(1, 3), author: 'Getafix' }, { text: prose(2, 1) }])]);
    const item = asPost(selectDigestItem({ archive, date: '2024-02-02', serverId: 'g', history: { entries: [] } }));
    expect(item.gist.length).toBeGreaterThan(0);
    expect(item.text).toBe(item.gist.map((g) => g.text).join(' '));
    expect(item.speaker).toBeNull();
    expect(item.quote).not.toBeNull();
    expect(item.quote!.position).toBe('1');
    expect(item.quote!.author).toBe('Getafix');
    expect(item.consumes).toEqual(['post:a', 'comment:a-1']);
  });

  test('uses the given summariser for the gist and quote', () => {
    const archive = makeArchive([makePost('a', '2020-02-02', [{ text: prose(1) }, { text: prose(2), author: 'Netnanny' }])]);
    const item = asPost(
      selectDigestItem({
        archive,
        date: '2024-02-02',
        serverId: 'g',
        history: { entries: [] },
        summarize: () => ({
          gist: [{ text: 'The gist.', speaker: null, quoted: null }],
          quotes: [{ commentId: 'a-2', author: 'Netnanny', text: 'A strong sentence.' }],
        }),
      }),
    );
    expect(item.gist).toEqual([{ text: 'The gist.', speaker: null, quoted: null }]);
    expect(item.quote).toEqual({ commentId: 'a-2', position: '2', author: 'Netnanny', text: 'A strong sentence.' });
  });

  test('a reply comes with the comment it answers as context', () => {
    const archive = makeArchive([
      makePost('a', '2020-01-01', [{ text: prose(1), author: 'Jim', replies: [{ text: prose(2, 3), author: 'Anon' }] }]),
    ]);
    const history: DigestHistory = { entries: [] };
    const items: DigestItem[] = [];
    for (let i = 0; i < 3; i++) {
      const s = selectDigest({ archive, date: addDays('2024-03-01', i), serverId: 'g', history })!;
      history.entries.push(entryFor(s.item, addDays('2024-03-01', i), s.cycle));
      items.push(s.item);
    }
    const reply = items.find((i) => i.kind === 'comment' && i.commentId === 'a-1.1');
    if (reply?.kind !== 'comment') throw new Error('the reply a-1.1 was never posted');
    expect(reply.context).toMatchObject({ kind: 'comment', position: '1', author: 'Jim' });
    expect(reply.position).toBe('1.1');
  });

  test('never repeats an item until every eligible item has been posted, then starts a new cycle', () => {
    const archive = sampleArchive();
    // Comments that repeat earlier ones (the sample reuses its sentences) are not their authors' words: never posted.
    const postable = candidatesOf(archive).all.filter((c) => commentsOwnWords(c));
    expect(postable.length).toBeLessThan(candidatesOf(archive).all.length);
    const posted = simulate(archive, postable.length * 2 + 3);
    const firstCycle = posted.filter((p) => p.cycle === 0);
    const consumed = firstCycle.flatMap((p) => p.item.consumes);
    expect(new Set(consumed).size).toBe(consumed.length);
    expect(new Set(consumed)).toEqual(new Set(postable.map((c) => c.key)));
    expect(posted.some((p) => p.cycle === 1)).toBe(true);
    const secondCycle = posted.filter((p) => p.cycle === 1).flatMap((p) => p.item.consumes);
    expect(new Set(secondCycle).size).toBe(secondCycle.length);
  });

  test('removed and trivially short comments are never posted', () => {
    const archive = sampleArchive();
    const posted = simulate(archive, 80);
    const removedOrShort = archive.posts
      .flatMap((p) => p.comments)
      .filter((c) => c.removed || c.text.length < 40)
      .map((c) => c.id);
    expect(removedOrShort.length).toBeGreaterThan(0);
    for (const p of posted) {
      expect(removedOrShort).not.toContain(shownCommentId(p.item));
      if (p.item.kind === 'post' && p.item.quote) expect(removedOrShort).not.toContain(p.item.quote.commentId);
    }
  });

  test('consecutive days come from different threads while others remain', () => {
    const posted = simulate(sampleArchive(), 30, '2024-08-01');
    for (let i = 1; i < posted.length; i++) expect(posted[i].item.postId).not.toBe(posted[i - 1].item.postId);
  });

  test('the same server, date and history always give the same item', () => {
    const archive = sampleArchive();
    const history: DigestHistory = { entries: simulate(archive, 5).map((p) => entryFor(p.item, p.date, p.cycle)) };
    const a = selectDigestItem({ archive, date: '2024-09-09', serverId: 'g', history });
    const b = selectDigestItem({ archive: sampleArchive(), date: '2024-09-09', serverId: 'g', history: structuredClone(history) });
    expect(a).toEqual(b);
  });

  test('a comment that only repeats the post’s letter is never shown as the commenter’s; the answer to it is', () => {
    const letter = 'I have decided it is the right time for me for a change of direction and to spend more time with my family.';
    const post = makePost('letter', '2022-10-25', [
      { text: `"${letter}"` },
      { text: 'Horseshit and platitudes from someone who presided over the collapse in morale and the worst pay deal going.' },
    ]);
    post.body = `The chief is off:-\n\nA Message to Staff from Jane Smith\n\n${letter}\n\nJane Smith\nChief Probation Officer`;
    const archive = makeArchive([post]);
    const history: DigestHistory = { entries: [] };
    const posted: DigestItem[] = [];
    for (let i = 0; i < 4; i++) {
      const s = selectDigest({ archive, date: addDays('2024-01-01', i), serverId: 'g', history })!;
      history.entries.push(entryFor(s.item, addDays('2024-01-01', i), s.cycle));
      posted.push(s.item);
    }
    const shown = posted.flatMap((p) => p.consumes);
    expect(shown).not.toContain('comment:letter-1');
    expect(shown).toContain('comment:letter-2');
    // The post item speaks for the blog; the letter's sentence keeps its writer's name.
    const postItem = posted.find((p) => p.kind === 'post')!;
    expect(postItem).toMatchObject({ text: 'The chief is off:-', speaker: null });
    expect(postItem.gist.find((g) => g.text === letter)).toMatchObject({ speaker: 'Jane Smith', quoted: 'letter' });
  });

  test('a post that is all quotation says whose words its text is', () => {
    const post = makePost('repost', '2022-10-25', [{ text: prose(1) }]);
    post.body =
      'The following statement was circulated by Napo to members this morning:\n\nMembers have voted to reject the pay offer. We will consult on industrial action.';
    const summarize = () => ({
      gist: [{ text: 'Members have voted to reject the pay offer.', speaker: 'Napo', quoted: 'statement' as const }],
      quotes: [],
    });
    const item = selectDigestItem({
      archive: makeArchive([post]),
      date: '2024-10-25',
      serverId: 'g',
      history: { entries: [] },
      summarize,
    })!;
    expect(item).toMatchObject({ kind: 'post', text: 'Members have voted to reject the pay offer.', speaker: 'Napo' });
  });

  test('an empty archive has nothing to post; a malformed date is refused clearly', () => {
    expect(selectDigestItem({ archive: makeArchive([]), date: '2024-01-01', serverId: 'g', history: { entries: [] } })).toBeNull();
    expect(() => selectDigestItem({ archive: sampleArchive(), date: '2024-02-30', serverId: 'g', history: { entries: [] } })).toThrow(
      DigestDateError,
    );
    expect(() => selectDigestItem({ archive: sampleArchive(), date: '25/10/2024', serverId: 'g', history: { entries: [] } })).toThrow(
      /YYYY-MM-DD/,
    );
  });
});
