/**
 * A single post with a thread bigger than any in the real archive: 150,000 numbered comments (and some replies).
 * Spreading that many comments into one push overflowed the call stack, dropping the whole file; numbers past
 * 99999 were not read as comment numbers, so their text was glued onto the comment before.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import { parseArchiveFile } from '../../src/corpus/parseArchiveFile';

const COMMENTS = 150_000;

function hugeExport(): string {
  const out: string[] = [
    'Tuesday 25 October 2022',
    '',
    'A very long thread',
    '',
    'The post body.',
    '',
    `${COMMENTS + COMMENTS / 1000} comments:`,
    '',
  ];
  for (let i = 1; i <= COMMENTS; i++) {
    out.push(`  ${i}. Comment number ${i} says something.`, '', '    ReplyDelete');
    if (i % 1000 === 0) out.push('    Replies', `    1. A reply to ${i}.`, '', '      Delete');
  }
  return out.join('\n');
}

describe('GIVEN one file whose thread has 150,000 comments and 150 replies', () => {
  const result = parseArchiveFile('huge.txt', hugeExport());

  test('THEN the post is read with every comment, none dropped and no stack overflow', () => {
    expect(result.post).not.toBeNull();
    expect(result.post!.comments).toHaveLength(COMMENTS + COMMENTS / 1000);
    expect(result.problems).toEqual([]);
  });

  test('THEN comments numbered 100000 and beyond are comments of their own, in order', () => {
    const byPosition = new Map(result.post!.comments.map((c) => [c.position, c]));
    for (const n of [99_999, 100_000, 100_001, 150_000]) {
      expect(byPosition.get(String(n))?.text).toBe(`Comment number ${n} says something.`);
    }
    expect(byPosition.get('100000.1')?.text).toBe('A reply to 100000.');
  });
});

describe('GIVEN an archive folder with a file of 200,000 misnumbered comments', () => {
  test('THEN loading keeps the post and every problem, and the other files still load', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'big-problems-'));
    try {
      const lines = ['Tuesday 25 October 2022', '', 'Every comment is number one', '', 'Body.', '', '200000 comments:', ''];
      for (let i = 1; i <= 200_000; i++) lines.push(`  1. Comment ${i}.`, '', '    ReplyDelete');
      writeFileSync(path.join(dir, 'misnumbered.txt'), lines.join('\n'));
      writeFileSync(
        path.join(dir, 'small.txt'),
        'Monday 24 October 2022\n\nSmall\n\nBody.\n\n1 comment:\n\n  1. Hello.\n\n    ReplyDelete\n',
      );
      const archive = await loadArchive(dir);
      expect(archive.posts.map((p) => p.comments.length).sort((a, b) => a - b)).toEqual([1, 200_000]);
      expect(archive.problems.length).toBe(199_999);
      expect(archive.problems[0]).toMatchObject({
        file: 'misnumbered.txt',
        message: expect.stringContaining('comment numbered 1 where 2 was expected'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
