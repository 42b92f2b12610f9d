/**
 * `npm run console`, as its README transcript goes: after `/search <words>`, `open N` shows hit N's comment in full.
 * A terminal has no message limits, so a comment Discord shows in parts is printed whole, every part in order.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LONG_COMMENT, LONG_MARKER, plantLongComment, VERY_LONG_COMMENT, VERY_LONG_MARKER } from '../helpers/longComment';

const root = path.resolve(__dirname, '..', '..');
let archiveDir: string;
let dataDir: string;

beforeAll(() => {
  archiveDir = plantLongComment(mkdtempSync(path.join(os.tmpdir(), 'console-full-')));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'console-full-data-'));
});
afterAll(() => {
  rmSync(archiveDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

function runConsole(lines: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), 'console'], {
    cwd: root,
    input: lines.join('\n') + '\n',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, DATA_DIR: dataDir, ARCHIVE_DIR: archiveDir },
    encoding: 'utf8',
    timeout: 90000,
  });
}

/** The terminal's text with the boxes' borders and the wrapping undone. */
function unboxed(output: string): string {
  return output
    .split('\n')
    .map((line) => line.replace(/^│ ?/, '').replace(/ *│$/, ''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** Throws unless every sentence of `text` appears in `shown`, in order. */
function expectWholeTextInOrder(shown: string, text: string): void {
  let at = 0;
  for (const sentence of text.split(/(?<=\.)\s+/)) {
    const found = shown.indexOf(sentence, at);
    if (found < 0) throw new Error(`not shown (in order): ${sentence}`);
    at = found + sentence.length;
  }
}

test('open N after /search prints hit N’s comment whole: a 4,000-character comment, and a 10,000-character one in every part', () => {
  const result = runConsole([`/search ${LONG_MARKER}`, 'open 1', `/search ${VERY_LONG_MARKER}`, 'open 1', 'quit']);
  expect(result.status).toBe(0);
  // The answers in order: after each echoed command line (`> open 1`) comes what it printed.
  const answers = result.stdout.split(/^> .*$/m).slice(1);
  const [, firstComment, , secondComment] = answers;
  expect(firstComment).toContain('#1 · Anonymous');
  expect(firstComment).toContain('[Back to results]');
  expectWholeTextInOrder(unboxed(firstComment), LONG_COMMENT);

  expect(secondComment).toContain('IN REPLY TO #2');
  expect(secondComment).toMatch(/Part 1 of [3-9] · /);
  expect(secondComment).toMatch(/Part ([3-9]) of \1 · /);
  expectWholeTextInOrder(unboxed(secondComment), VERY_LONG_COMMENT);
});
