/** Whatever text arrives, the parser answers with a well-formed post or a problem, and never throws. */
import fc from 'fast-check';
import { parseArchiveFile } from '../../src/corpus/parseArchiveFile';
import type { Post, Problem } from '../../src/corpus/types';
import { exportText, type DraftComment } from './exportText';

/**
 * What "well-formed" means, as one check returning the first thing wrong (or null): a single jest assertion per run
 * keeps hundreds of runs fast, and the message still says what broke.
 */
function wellFormedError(post: Post | null, problems: Problem[]): string | null {
  for (const p of problems) {
    if (p.file !== 'prop.txt') return `problem names ${p.file}`;
    if (typeof p.message !== 'string' || p.message.length === 0) return 'problem without a message';
    if (p.line !== null && !(Number.isInteger(p.line) && p.line >= 1)) return `problem line ${p.line}`;
  }
  if (post === null) return problems.length > 0 ? null : 'no post and no problem explaining why';
  if (post.source !== 'prop.txt') return `source ${post.source}`;
  if (!(post.date === null || /^\d{4}-\d{2}-\d{2}$/.test(post.date))) return `date ${post.date}`;
  const declared = post.declaredCommentCount;
  if (!(declared === null || (Number.isInteger(declared) && declared >= 0))) return `declared ${declared}`;
  if (post.title !== null && post.title.trim() === '') return 'blank title';
  const ids = new Set<string>();
  const tops = new Set<string>();
  for (let i = 0; i < post.comments.length; i += 1) {
    const c = post.comments[i];
    if (ids.has(c.id)) return `duplicate id ${c.id}`;
    ids.add(c.id);
    if (c.id !== `${post.id}-${c.position}`) return `id ${c.id} does not match position ${c.position}`;
    if (c.postId !== post.id) return `postId ${c.postId}`;
    if (c.order !== i) return `order ${c.order} at index ${i}`;
    if (c.parentId === null) {
      if (!/^[1-9]\d*$/.test(c.position)) return `top-level position ${c.position}`;
      tops.add(c.id);
    } else {
      // A reply points at an earlier top-level comment of the same post, and its position says which.
      if (!tops.has(c.parentId)) return `reply ${c.id} points at ${c.parentId}, not an earlier top-level comment`;
      if (!c.position.startsWith(`${c.parentId.slice(post.id.length + 1)}.`)) return `reply position ${c.position} under ${c.parentId}`;
    }
    if (c.removed && (c.text !== '' || c.author !== null)) return `removed comment ${c.id} keeps text or author`;
    if (/\r|\ufeff/.test(c.text)) return `comment ${c.id} keeps a CR or BOM`;
    if (c.author !== null && (c.author.trim() === '' || c.author.length > 60)) return `author ${JSON.stringify(c.author)}`;
    if (!(c.line === null || (Number.isInteger(c.line) && c.line >= 1))) return `line ${c.line}`;
  }
  return null;
}

function expectWellFormed(post: Post | null, problems: Problem[]): void {
  expect(wellFormedError(post, problems)).toBeNull();
}

/** Any code point, lone surrogates included (fast-check's own `binary` unit is very slow to generate). */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((n) => String.fromCodePoint(n));

const exportLine = fc.oneof(
  fc.constantFrom(
    'Tuesday 25 October 2022',
    'Friday, 2 September 2022',
    'Monday 31 February 2022',
    'A Title',
    '',
    '   ',
    '7 comments:',
    '1 comment:',
    'No comments:',
    '  1. First comment text',
    '  2. Second',
    '  2.',
    '    1. A reply',
    '    2. Another reply',
    '    continuation',
    '      reply continuation',
    '    ReplyDelete',
    '      Delete',
    '    Replies',
    'ReplyDelete',
    'Delete',
    'ReplyDeleteGlued text',
    'DeleteGlued reply',
    '****',
    '--oo00oo--',
    "    'Getafix",
    '    Cheers, Jim',
    '    Probation Officer',
    '    London',
    '    This comment has been removed by the author.',
    'This comment has been removed by a blog administrator.',
    '\ufeff',
    '\r',
    '“quoted” ‘text’ …',
  ),
  fc.string({ maxLength: 40 }),
);

test('arbitrary text never throws and gives a well-formed result', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: anyCodePoint, maxLength: 200 })), (text) => {
      const { post, problems } = parseArchiveFile('prop.txt', text);
      expectWellFormed(post, problems);
    }),
    { numRuns: 300 },
  );
});

test('arbitrary bytes never throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const { post, problems } = parseArchiveFile('prop.txt', Buffer.from(bytes));
      expectWellFormed(post, problems);
    }),
    { numRuns: 300 },
  );
});

test('arbitrary mixes of export-like lines give well-formed threads', () => {
  fc.assert(
    fc.property(fc.array(exportLine, { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      const { post, problems } = parseArchiveFile('prop.txt', lines.join(eol));
      expectWellFormed(post, problems);
    }),
    { numRuns: 500 },
  );
});

test('the same input always gives the same result', () => {
  fc.assert(
    fc.property(fc.array(exportLine, { maxLength: 40 }), (lines) => {
      const text = lines.join('\n');
      expect(parseArchiveFile('prop.txt', text)).toEqual(parseArchiveFile('prop.txt', text));
    }),
    { numRuns: 100 },
  );
});

/** Plain lower-case prose: cannot be mistaken for a marker, a number or a signature, so the thread must come back exactly. */
const proseLine = fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const commentLines = fc
  .array(fc.oneof({ weight: 4, arbitrary: proseLine }, { weight: 1, arbitrary: fc.constant('') }), { minLength: 1, maxLength: 5 })
  .map((lines) => (lines[0] === '' ? ['start', ...lines] : lines));
const thread = fc.array(fc.record({ lines: commentLines, replies: fc.array(commentLines, { maxLength: 4 }) }), { maxLength: 8 });
const expectedText = (lines: string[]) =>
  lines
    .join('\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');

test('any thread written in the export layout is read back exactly: counts, parents, text', () => {
  fc.assert(
    fc.property(thread, (comments: DraftComment[]) => {
      const { post, problems } = parseArchiveFile('prop.txt', exportText({ heading: 'Friday, 2 September 2022', title: 'T', comments }));
      expect(problems).toEqual([]);
      const expected = comments.flatMap((c, i) => [
        { position: String(i + 1), parent: null as string | null, text: expectedText(c.lines) },
        ...(c.replies ?? []).map((r, k) => ({ position: `${i + 1}.${k + 1}`, parent: String(i + 1), text: expectedText(r) })),
      ]);
      expect(post!.declaredCommentCount).toBe(expected.length);
      expect(
        post!.comments.map((c) => ({ position: c.position, parent: c.parentId && c.parentId.slice(post!.id.length + 1), text: c.text })),
      ).toEqual(expected);
      expect(post!.comments.every((c) => c.author === null)).toBe(true);
    }),
    { numRuns: 200 },
  );
});

test('a thread with lines dropped, repeated or scrambled still gives a well-formed result', () => {
  const mutated = fc
    .tuple(thread, fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'repeat', 'insert'), exportLine), { maxLength: 12 }))
    .map(([comments, edits]) => {
      const lines = exportText({ heading: 'Friday, 2 September 2022', title: 'T', comments }).split('\n');
      for (const [at, kind, line] of edits) {
        const i = at % (lines.length + 1);
        if (kind === 'drop') lines.splice(i, 1);
        else if (kind === 'repeat' && i < lines.length) lines.splice(i, 0, lines[i]);
        else lines.splice(i, 0, line);
      }
      return lines.join('\n');
    });
  fc.assert(
    fc.property(mutated, (text) => {
      const { post, problems } = parseArchiveFile('prop.txt', text);
      expectWellFormed(post, problems);
    }),
    { numRuns: 400 },
  );
});
