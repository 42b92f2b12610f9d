import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function runConsole(lines: string[], env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'console-'));
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), 'console'], {
    cwd: root,
    input: lines.join('\n') + '\n',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: 90000,
  });
}

describe('GIVEN a newcomer piping commands into npm run console', () => {
  test('THEN they see search results, the next page, and a thread summary, with no token and no network', () => {
    const result = runConsole(['/search pay offer', 'next', '/thread mustard', 'quit', '/help']);
    expect(result.status).toBe(0);
    const out = result.stdout;
    // Search: boxed embed, bold matched words, paging.
    expect(out).toContain('> /search pay offer');
    expect(out).toMatch(/SEARCH: PAY OFFER/);
    expect(out).toMatch(/\*\*(pay|offer)\*\*/i);
    expect(out).toContain('Page 1 of 2');
    expect(out).toContain('(Previous) [Next]');
    expect(out).toContain('Page 2 of 2');
    // Thread: found by what was said, summarised.
    expect(out).toContain('PROBATION VOICE MUST CONTINUE TO BE HEARD');
    expect(out).toContain('The discussion in numbers');
    expect(out).toContain('[Read the comments (40)]');
    // quit ends the session: the /help after it never runs.
    expect(out).not.toContain('> /help');
  });

  test('THEN mistakes get the same human messages as on Discord', () => {
    const result = runConsole(['/search pay after:2022-13-01', '/search "unbalanced', 'next', 'dance']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`"2022-13-01" isn't a valid date`);
    expect(result.stdout).toMatch(/Unbalanced quote/);
    expect(result.stdout).toContain('Nothing to press yet');
    expect(result.stdout).toContain('I don\'t know "dance"');
  });

  test('THEN the archive they configured (ARCHIVE_DIR) is the one the console opens, and a wrong one is explained', () => {
    const missing = path.join(os.tmpdir(), 'no-such-archive-folder');
    const result = runConsole(['quit'], { ARCHIVE_DIR: missing });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Loading the archive from ${missing}`);
    expect(result.stderr).toMatch(/No usable archive in .*no-such-archive-folder/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('THEN /trend and /author print their charts as text, and their buttons work', () => {
    const result = runConsole([
      '/trend probation',
      'press Search 2022',
      '/author getafix',
      '/trend',
      '/trend pay by:month',
      '/trend pay by:week',
    ]);
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain('TREND: PROBATION');
    expect(out).toMatch(/probation: \d+ matches per year +│\n│ 2021 │█/);
    expect(out).toContain('[Search 2022]');
    expect(out).toContain('SEARCH: PROBATION');
    expect(out).toContain('after: 2022-01-01 · before: 2023-01-01');
    expect(out).toContain("AUTHOR: 'GETAFIX");
    expect(out).toMatch(/2023 │█+ +2/);
    expect(out).toContain('/trend needs words to chart');
    expect(out).toMatch(/pay: \d+ matches per month/);
    expect(out).toContain('Count per `year` or per `month`.');
  });
});
