/** `npm run --silent cli -- comment <id>`: the contract's JSON, a readable text, and a clear error for an unknown id. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import {
  LONG_COMMENT,
  LONG_COMMENT_ID,
  plantLongComment,
  REMOVED_REPLY_ID,
  VERY_LONG_COMMENT,
  VERY_LONG_COMMENT_ID,
} from '../helpers/longComment';

let archiveDir: string;
let cacheDir: string;
beforeAll(() => {
  archiveDir = plantLongComment(mkdtempSync(path.join(os.tmpdir(), 'comment-cli-')));
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'comment-cli-cache-'));
});
afterAll(() => {
  rmSync(archiveDir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['comment', ...args, '--archive', archiveDir, '--cache-dir', cacheDir], {
    out: (t) => (out += t + '\n'),
    err: (t) => (err += t + '\n'),
  });
  return { code, out, err };
}

describe('cli comment', () => {
  test('--json gives the post, the whole comment, the comment it answers and its replies', async () => {
    const { code, out, err } = await cli(VERY_LONG_COMMENT_ID, '--json');
    expect(code).toBe(0);
    expect(err).toBe('');
    const doc = JSON.parse(out);
    expect(Object.keys(doc).sort()).toEqual(['comment', 'parent', 'post', 'replies']);
    expect(doc.post).toEqual({
      id: 'b9f170a77a',
      title: 'Probation Voice Must Continue to be Heard',
      date: '2022-09-02',
      url: 'https://probationmatters.blogspot.com/2022/09/',
    });
    expect(doc.comment).toMatchObject({ id: VERY_LONG_COMMENT_ID, parentId: 'b9f170a77a-2', author: null, removed: false });
    expect(doc.comment.text).toBe(VERY_LONG_COMMENT);
    expect(doc.parent).toMatchObject({ id: 'b9f170a77a-2', parentId: null, text: expect.stringMatching(/^This pay offer is mustard\./) });
    expect(doc.replies).toEqual([]);
  });

  test('a top-level comment lists its replies, a removed one marked so', async () => {
    const doc = JSON.parse((await cli(LONG_COMMENT_ID, '--json')).out);
    expect(doc.comment.text).toBe(LONG_COMMENT);
    expect(doc.parent).toBeNull();
    expect(doc.replies.map((r: { id: string }) => r.id)).toEqual(Array.from({ length: 8 }, (_, i) => `b9f170a77a-1.${i + 1}`));
    expect(doc.replies[1]).toEqual({
      id: REMOVED_REPLY_ID,
      parentId: LONG_COMMENT_ID,
      position: '1.2',
      author: null,
      text: '',
      removed: true,
    });
    for (const r of doc.replies) expect(Object.keys(r).sort()).toEqual(['author', 'id', 'parentId', 'position', 'removed', 'text']);
  });

  test('without --json, a readable text with all of the comment', async () => {
    const { code, out } = await cli(LONG_COMMENT_ID);
    expect(code).toBe(0);
    expect(out).toMatch(
      /^Probation Voice Must Continue to be Heard\n2022-09-02 · https:\/\/probationmatters\.blogspot\.com\/2022\/09\/ · comment b9f170a77a-1\n/,
    );
    const body = out.split('#1 · Anonymous:\n')[1].split('\n\n8 replies:')[0];
    expect(body.replace(/^ {2}/gm, '')).toBe(LONG_COMMENT);
    expect(out).toContain('  ↳ #1.2 · Anonymous:\n    (This reply was removed.)');
  });

  test('an unknown id is a clear error on stderr and a non-zero exit', async () => {
    const unknown = await cli('b9f170a77a-99', '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('');
    expect(unknown.err).toMatch(
      /^No comment has the id "b9f170a77a-99"\. Post b9f170a77a \("Probation Voice Must Continue to be Heard"\) has comments #1 to #11/,
    );
    const nonsense = await cli('nonsense');
    expect(nonsense.code).toBe(1);
    expect(nonsense.err).toMatch(/^No comment has the id "nonsense"\. Comment ids look like/);
    let usage = '';
    const missing = await runCli(['comment', '--archive', archiveDir], { out: () => undefined, err: (t) => (usage += t) });
    expect(usage).toMatch(/^Say which comment/);
    expect(missing).toBe(2);
  });
});
