/**
 * The comment view on its own: whatever the comment, its context and its replies, every part is a message Discord
 * accepts as it is (the limit-aware builder has nothing left to cut), and the parts together are the whole text.
 */
import fc from 'fast-check';
import { commentInContext } from '../../src/corpus/commentContext';
import type { Post } from '../../src/corpus/types';
import { commentReply, parseBack, type CommentBack } from '../../src/discord/views/commentInFull';
import { LIMITS } from '../../src/discord/limits';
import { embedLength, finishReply, type ReplySpec } from '../../src/discord/messageBuilder';
import { makePost } from '../summary/fixtures';

const OWNER = '111111111111111111';
const asRead = (text: string) => text.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const customIds = (reply: ReplySpec) =>
  (reply.components ?? []).flatMap((r) => r.components).flatMap((c) => ('custom_id' in c && c.custom_id ? [c.custom_id] : []));
const labels = (reply: ReplySpec) =>
  (reply.components ?? []).flatMap((r) => r.components).flatMap((c) => ('label' in c && c.label ? [c.label] : []));
const last = <T>(items: T[]) => items[items.length - 1];

/** Every part of the comment, checked against Discord's limits and against the builder as it goes. */
function allParts(post: Post, commentId: string, back: CommentBack = { kind: 'comments' }): ReplySpec[] {
  const view = commentInContext(post, commentId)!;
  const parts: ReplySpec[] = [];
  for (let part = 0; part < 1000; part++) {
    const reply = commentReply(view, part, OWNER, back);
    // Nothing for finishReply to cut: the view already fits, so no text is lost on the way to Discord.
    expect(finishReply(reply)).toEqual(reply);
    expect(reply.embeds!.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const id of customIds(reply)) expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    parts.push(reply);
    const footer = last(reply.embeds!).footer!.text;
    const m = /^Part (\d+) of (\d+)/.exec(footer);
    if (!m || m[1] === m[2]) return parts;
  }
  throw new Error('no last part');
}
const textOf = (parts: ReplySpec[]) => squash(parts.map((p) => asRead(last(p.embeds!).description!)).join(' '));

describe('commentReply', () => {
  test('any comment, with any context and replies, reads in full within every limit', () => {
    // (Not runs like `******`: discord.js escapes those with a stray backslash, which is its escaper's, not the view's.)
    const piece = fc.constantFrom(
      'word ',
      'Sentence. ',
      '*star* ',
      '__x__ ',
      '@everyone ',
      '<@123456789012345678> ',
      '\n\n',
      '\n',
      '`code` ',
      '~~x~~ ',
      '||s|| ',
      '😀',
      'https://example.org/a_b*c ',
      'x'.repeat(120),
    );
    const text = (max: number) => fc.array(piece, { minLength: 1, maxLength: max }).map((p) => p.join('').trim() || 'word');
    fc.assert(
      fc.property(
        text(900),
        text(200),
        fc.array(text(60), { maxLength: 30 }),
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 300 }),
        (body, parentText, replies, author, title) => {
          const post = makePost('p0', {
            title,
            comments: [{ text: parentText, author, replies: [{ text: body, author, replies: [] }, ...replies.map((r) => ({ text: r }))] }],
          });
          const parts = allParts(post, 'p0-1.1', { kind: 'search', page: 3, state: { rawArgs: ['~abcdefghijkl'] } });
          expect(textOf(parts)).toBe(squash(body));
          const top = allParts(post, 'p0-1');
          expect(textOf(top)).toBe(squash(parentText));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('with the largest context or replies, a comment of any length near the limits still fits whole', () => {
    const words = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');
    // Authors and replies that escaping lengthens most, so the replies take as much of the 6,000 total as they can.
    const author = '*_'.repeat(60);
    const replies = Array.from({ length: 8 }, () => ({ text: '*x* _y_ '.repeat(60), author }));
    for (let length = 2000; length <= 4300; length += 97) {
      const body = words(2000, 'w').slice(0, length).trim();
      const post = makePost('p9', {
        title: '*'.repeat(300),
        comments: [{ text: body, author, replies: [{ text: body, author }, ...replies] }],
      });
      expect(textOf(allParts(post, 'p9-1'))).toBe(squash(body));
      expect(textOf(allParts(post, 'p9-1.1'))).toBe(squash(body));
    }
  });

  test('a removed comment, a removed parent and a removed reply each say so', () => {
    const post = makePost('p1', {
      comments: [{ text: 'gone', removed: true, replies: [{ text: 'I answer a removed comment.' }, { text: 'gone too', removed: true }] }],
    });
    const top = commentReply(commentInContext(post, 'p1-1')!, 0, OWNER, { kind: 'comments' });
    expect(top.embeds![0].description).toBe('*This comment was removed.*');
    expect(top.embeds![0].fields).toEqual([
      { name: '↳ #1.1 · Anonymous', value: 'I answer a removed comment.' },
      { name: '↳ #1.2 · Anonymous', value: '*This reply was removed.*' },
    ]);
    const reply = commentReply(commentInContext(post, 'p1-1.1')!, 0, OWNER, { kind: 'comments' });
    expect(reply.embeds![0]).toMatchObject({ title: 'In reply to #1', description: '*#1 was removed.*' });
  });

  test('Back goes where the reader came from', () => {
    const post = makePost('p2', { comments: [{ text: 'A comment.' }] });
    const view = commentInContext(post, 'p2-1')!;
    const back = (b: CommentBack) => commentReply(view, 0, OWNER, b);
    expect(labels(back({ kind: 'comments' }))).toEqual(['Back to the comments']);
    expect(labels(back({ kind: 'summary' }))).toEqual(['Back to the summary', 'See it in the thread']);
    const fromSearch = back({ kind: 'search', page: 2, state: { rawArgs: [OWNER, 'pay offer', '', '', '', ''] } });
    expect(labels(fromSearch)).toEqual(['Back to results', 'See it in the thread']);
    expect(customIds(fromSearch)).toContain(`search:page:2:${OWNER}:pay offer::::`);
    expect(customIds(fromSearch)).toContain(`thread:comments:p2:0:${OWNER}`);
    // The way back survives paging: it is read back from the ids.
    expect(parseBack(['s', '2', OWNER, 'pay offer', '', '', '', ''])).toEqual({
      kind: 'search',
      page: 2,
      state: { rawArgs: [OWNER, 'pay offer', '', '', '', ''] },
    });
    expect(parseBack(['m'])).toEqual({ kind: 'summary' });
    expect(parseBack([])).toEqual({ kind: 'comments' });
  });

  test('a permalink and a posting time, when the archive has them, are shown', () => {
    const post = makePost('p3', { url: 'https://blog.example/post.html', comments: [{ text: 'With details.' }] });
    Object.assign(post.comments[0], { url: 'https://blog.example/post.html?showComment=1#c1', published: '2022-10-25T14:03:00Z' });
    const reply = commentReply(commentInContext(post, 'p3-1')!, 0, OWNER, { kind: 'comments' });
    expect(reply.embeds![0].url).toBe('https://blog.example/post.html?showComment=1#c1');
    expect(reply.embeds![0].footer!.text).toBe('1 Jan 2022 · posted 25 Oct 2022 14:03 UTC · comment p3-1');
    const link = (reply.components ?? []).flatMap((r) => r.components).find((c) => 'url' in c);
    expect(link).toMatchObject({ label: 'Original', url: 'https://blog.example/post.html?showComment=1#c1' });
  });
});
