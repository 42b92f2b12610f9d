/** The parser on small, hand-made exports: every rule of the format, one at a time. */
import { createHash } from 'node:crypto';
import { parseArchiveFile } from '../../src/corpus/parseArchiveFile';
import { postIdFor } from '../../src/corpus/ids';
import { exportText } from './exportText';

const HEADING = 'Tuesday 25 October 2022';

function parse(text: string | Buffer, name = 'post.txt') {
  const result = parseArchiveFile(name, text);
  if (!result.post) throw new Error(`no post: ${JSON.stringify(result.problems)}`);
  return result;
}

describe('headings', () => {
  test.each([
    ['Tuesday 25 October 2022', '2022-10-25'],
    ['Friday, 2 September 2022', '2022-09-02'],
    ['friday, 2 september 2022', '2022-09-02'],
    ['2 September 2022', '2022-09-02'],
    ['Wednesday, November 22, 2023', '2023-11-22'],
  ])('"%s" is dated %s', (heading, iso) => {
    const { post } = parse(exportText({ heading, title: 'T', comments: [{ lines: ['Hi.'] }] }));
    expect(post!.date).toBe(iso);
    expect(post!.title).toBe('T');
  });

  test('an impossible date is a problem and leaves the post undated, with the title still read', () => {
    const { post, problems } = parse(exportText({ heading: 'Monday 31 February 2022', title: 'Odd', comments: [] }), 'odd.txt');
    expect(post!.date).toBeNull();
    expect(post!.title).toBe('Odd');
    expect(problems).toEqual([expect.objectContaining({ file: 'odd.txt', line: 1, message: expect.stringContaining('31 February 2022') })]);
  });

  test('no date heading: the post is read, undated, and the problem says so', () => {
    const { post, problems } = parse(exportText({ title: 'Just a Title', comments: [{ lines: ['One.'] }] }));
    expect(post!.date).toBeNull();
    expect(post!.title).toBe('Just a Title');
    expect(post!.comments).toHaveLength(1);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('no date heading')]);
  });

  test('a post without a title line gets a title derived from its first words', () => {
    const { post } = parse(
      `${HEADING}\n\n2 comments:\n\n  1. Only a comment here, nothing else to go on at all today.\n\n    ReplyDelete\n  2. Two.\n    ReplyDelete\n`,
    );
    expect(post!.title).toBe('Only a comment here, nothing else to go on at all today.');
    expect(post!.titleDerived).toBe(true);
  });
});

describe('comment counts', () => {
  test.each([
    ['No comments:', 0],
    ['1 comment:', 1],
    ['22 comments:', 22],
  ])('"%s" declares %d', (declared, n) => {
    const { post } = parse(exportText({ heading: HEADING, title: 'T', declared, comments: [] }));
    expect(post!.declaredCommentCount).toBe(n);
  });

  test('declared and found counts differing is a problem with the line of the count', () => {
    const text = exportText({ heading: HEADING, title: 'T', declared: '3 comments:', comments: [{ lines: ['a'] }, { lines: ['b'] }] });
    const { post, problems } = parse(text, 'x.txt');
    expect(post!.comments).toHaveLength(2);
    expect(problems).toEqual([{ file: 'x.txt', line: 7, message: 'declares 3 comments but 2 were found' }]);
  });

  test('a dated post without a count line is read without comments and says so', () => {
    const { post, problems } = parse(`${HEADING}\n\nTitle\n\nBody text.\n`);
    expect(post!.body).toBe('Body text.');
    expect(post!.comments).toEqual([]);
    expect(post!.declaredCommentCount).toBeNull();
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('no comment count line')]);
  });
});

describe('threads', () => {
  const text = exportText({
    heading: HEADING,
    title: 'Threads',
    comments: [
      { lines: ['First line', 'continued', '', 'second paragraph'], replies: [['reply one'], ['reply two', 'more']] },
      { lines: ['Second comment'] },
      { lines: ['Third'], replies: [['only reply']] },
    ],
  });

  test('replies point at the comment above them; positions and order follow the thread', () => {
    const { post, problems } = parse(text);
    const id = postIdFor('post.txt');
    expect(problems).toEqual([]);
    expect(post!.comments.map((c) => [c.id, c.parentId, c.position, c.order])).toEqual([
      [`${id}-1`, null, '1', 0],
      [`${id}-1.1`, `${id}-1`, '1.1', 1],
      [`${id}-1.2`, `${id}-1`, '1.2', 2],
      [`${id}-2`, null, '2', 3],
      [`${id}-3`, null, '3', 4],
      [`${id}-3.1`, `${id}-3`, '3.1', 5],
    ]);
    expect(post!.comments.every((c) => c.postId === id)).toBe(true);
  });

  test('text keeps its lines and paragraphs, without indentation or the Blogger buttons', () => {
    const { post } = parse(text);
    expect(post!.comments[0].text).toBe('First line\ncontinued\n\nsecond paragraph');
    expect(post!.comments[2].text).toBe('reply two\nmore');
  });

  test('line numbers point at where each comment starts', () => {
    const { post } = parse(text);
    const lines = text.split('\n');
    for (const c of post!.comments) expect(lines[c.line! - 1]).toMatch(new RegExp(`^\\s+${c.position.split('.').pop()}\\. `));
  });

  test('a numbered list inside a comment stays part of the comment', () => {
    const { post } = parse(
      exportText({ heading: HEADING, title: 'T', comments: [{ lines: ['My points:', '1. pay', '2. workloads'] }, { lines: ['Next'] }] }),
    );
    expect(post!.comments).toHaveLength(2);
    expect(post!.comments[0].text).toBe('My points:\n1. pay\n2. workloads');
  });

  test('a reply whose number is followed by an empty line starts its text on the next line', () => {
    const raw = `${HEADING}\n\nT\n\nBody\n\n2 comments:\n\n  1. Top\n\n    ReplyDelete\n    Replies\n    1.\n      text on the next line\n\n      Delete\n\n\n`;
    const { post } = parse(raw);
    expect(post!.comments.map((c) => [c.position, c.text])).toEqual([
      ['1', 'Top'],
      ['1.1', 'text on the next line'],
    ]);
  });

  test('numbering that skips is renumbered in thread order and reported', () => {
    const raw = `${HEADING}\n\nT\n\nBody\n\n2 comments:\n\n  1. a\n    ReplyDelete\n  3. b\n    ReplyDelete\n`;
    const { post, problems } = parse(raw, 'skip.txt');
    expect(post!.comments.map((c) => c.position)).toEqual(['1', '2']);
    expect(problems).toEqual([{ file: 'skip.txt', line: 11, message: 'comment numbered 3 where 2 was expected; numbered 2' }]);
  });

  test('a comment that lost its ReplyDelete line still ends where its Replies block starts', () => {
    const raw = `${HEADING}\n\nT\n\nBody\n\n2 comments:\n\n  1. Top\n    Replies\n    1. The reply\n      Delete\n`;
    const { post } = parse(raw);
    expect(post!.comments.map((c) => [c.position, c.text])).toEqual([
      ['1', 'Top'],
      ['1.1', 'The reply'],
    ]);
  });

  test('a file that starts with the count line is read, undated and titled from the first comment', () => {
    const { post, problems } = parse('1 comment:\n\n  1. Straight into the thread.\n    ReplyDelete\n', 'bare.txt');
    expect(post!.comments).toHaveLength(1);
    expect(post!).toMatchObject({ date: null, title: 'Straight into the thread.', titleDerived: true, body: '' });
    expect(problems).toEqual([{ file: 'bare.txt', line: 1, message: expect.stringContaining('no date heading') }]);
  });

  test('text after the thread (a page footer) is ignored and reported with its first line', () => {
    const raw = `${HEADING}\n\nT\n\nBody\n\n1 comment:\n\n  1. Only one\n    ReplyDelete\n\nNewer Post\nOlder Post\n`;
    const { post, problems } = parse(raw, 'f.txt');
    expect(post!.comments.map((c) => c.text)).toEqual(['Only one']);
    expect(problems).toEqual([{ file: 'f.txt', line: 12, message: '2 lines of text outside any numbered comment ignored' }]);
  });

  test('a last comment without ReplyDelete is kept and reported', () => {
    const raw = `${HEADING}\n\nT\n\nBody\n\n1 comment:\n\n  1. cut short`;
    const { post, problems } = parse(raw, 'cut.txt');
    expect(post!.comments.map((c) => c.text)).toEqual(['cut short']);
    expect(problems).toEqual([
      { file: 'cut.txt', line: 9, message: 'the last comment is not ended by ReplyDelete; read to the end of the file' },
    ]);
  });
});

describe('removed comments', () => {
  const text = exportText({
    heading: HEADING,
    title: 'T',
    comments: [
      {
        lines: ['This comment has been removed by the author.'],
        replies: [['This comment has been removed by a blog administrator.'], ['Why was that removed?']],
      },
      { lines: ['Still here.'] },
    ],
  });

  test('keep their place and the counts, are marked removed and carry no text', () => {
    const { post, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(post!.comments.map((c) => [c.position, c.removed, c.text, c.author])).toEqual([
      ['1', true, '', null],
      ['1.1', true, '', null],
      ['1.2', false, 'Why was that removed?', null],
      ['2', false, 'Still here.', null],
    ]);
    expect(post!.comments[1].parentId).toBe(post!.comments[0].id);
  });

  test('a comment that only quotes the placeholder among other words is not removed', () => {
    const { post } = parse(
      exportText({
        heading: HEADING,
        title: 'T',
        comments: [{ lines: ['It said "This comment has been removed by the author." again!'] }],
      }),
    );
    expect(post!.comments[0].removed).toBe(false);
  });
});

describe('encodings and line endings', () => {
  const text = exportText({ heading: HEADING, title: 'T', comments: [{ lines: ['it’s “quoted”', "'Getafix"] }, { lines: ['b'] }] }).replace(
    "    'Getafix",
    "\n    'Getafix",
  );

  test('CRLF, a byte-order mark and UTF-16 give the same post as plain UTF-8', () => {
    const plain = parse(text).post;
    expect(plain!.comments[0]).toMatchObject({ text: 'it’s “quoted”', author: "'Getafix" });
    expect(parse(text.replace(/\n/g, '\r\n')).post).toEqual(plain);
    expect(parse('\ufeff' + text).post).toEqual(plain);
    expect(parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n/g, '\r\n'))])).post).toEqual(plain);
    expect(parse(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).post).toEqual(plain);
    expect(parse(text.replace(/\n/g, '\r')).post).toEqual(plain);
  });

  test('a very long line is read whole', () => {
    const long = 'word '.repeat(50_000).trim();
    const { post } = parse(exportText({ heading: HEADING, title: 'T', body: [long], comments: [{ lines: [long] }] }));
    expect(post!.body).toBe(long);
    expect(post!.comments[0].text).toBe(long);
  });
});

describe('ids', () => {
  test('come from the file name only: same name, same ids; another name, other ids', () => {
    const text = exportText({ heading: HEADING, title: 'T', comments: [{ lines: ['a'], replies: [['b']] }] });
    const a = parse(text, '/some/dir/001_x.txt').post!;
    const b = parse(text + '\n', 'elsewhere/001_x.txt').post!;
    const c = parse(text, '002_y.txt').post!;
    expect(a.id).toBe(b.id);
    expect(a.comments.map((x) => x.id)).toEqual(b.comments.map((x) => x.id));
    expect(c.id).not.toBe(a.id);
    expect(a.source).toBe('001_x.txt');
    expect(a.id).toBe(createHash('sha1').update('001_x.txt').digest('hex').slice(0, 10));
  });
});

describe('files that are not exports', () => {
  test.each([
    ['empty', '', 'empty file'],
    ['only whitespace', ' \n\r\n\t\n', 'empty file'],
    ['binary with NUL bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]), 'binary file'],
    ['invalid UTF-8', Buffer.from([0x61, 0xc3, 0x28, 0xa0, 0xa1]), 'binary file'],
    ['prose with no structure', 'Just some notes.\nNothing like an export.\n', 'no recognisable structure'],
  ])('%s: no post, one problem naming the file', (_, content, message) => {
    const result = parseArchiveFile('bad.txt', content);
    expect(result.post).toBeNull();
    expect(result.problems).toEqual([expect.objectContaining({ file: 'bad.txt', message: expect.stringContaining(message) })]);
  });
});

describe('unstructured exports', () => {
  const text = [
    'Opening words of the post body.',
    '--oo00oo--',
    'More of the body.',
    '****',
    'First comment.',
    'First comment.',
    'ReplyDeleteA reply to the first, glued to its button.',
    'and it goes on.',
    'DeleteAnother reply.',
    'Deleted scenes are not a separator.',
    'DeleteSecond top-level comment.',
    'ReplyDeleteThis comment has been removed by the author.',
    'ReplyDeleteThis comment has been removed by the author.',
    'ReplyDelete',
    'Last words.',
  ].join('\n');

  test('body before the first separator, comments after; a segment ended by Delete replies to the latest comment', () => {
    const { post, problems } = parse(text, 'u.txt');
    expect(post!.date).toBeNull();
    expect(post!.titleDerived).toBe(true);
    expect(post!.title).toBe('Opening words of the post body.');
    expect(post!.body).toBe('Opening words of the post body.\n\n--oo00oo--\n\nMore of the body.');
    expect(post!.comments.map((c) => [c.position, c.parentId === null ? null : c.parentId.split('-')[1], c.removed, c.text])).toEqual([
      ['1', null, false, 'First comment.'],
      ['1.1', '1', false, 'A reply to the first, glued to its button.\n\nand it goes on.'],
      ['1.2', '1', false, 'Another reply.\n\nDeleted scenes are not a separator.'],
      ['2', null, false, 'Second top-level comment.'],
      ['3', null, true, ''],
      ['4', null, true, ''],
      ['5', null, false, 'Last words.'],
    ]);
    expect(post!.comments[0].line).toBe(5);
    expect(post!.comments[1].line).toBe(7);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('unstructured'), '1 repeated paragraph kept once']);
  });
});

describe('signatures in unstructured exports', () => {
  test('a marked signature splits a run of comments and names only the words above it; bare names are not trusted', () => {
    const text = [
      'Body.',
      '****',
      'First words.',
      "'Getafix",
      'Second words.',
      'Probation Officer London',
      'ReplyDelete',
      'Third.',
      'Cheers, Jim',
    ].join('\n');
    const { post } = parse(text);
    expect(post!.comments.map((c) => [c.position, c.author, c.text])).toEqual([
      ['1', "'Getafix", 'First words.'],
      ['2', null, 'Second words.\n\nProbation Officer London'],
      ['3', 'Jim', 'Third.'],
    ]);
  });
});
