import { spawnSync } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const CONTRACT_KEYS = [
  'posts',
  'comments',
  'parseMs',
  'buildMs',
  'loadMs',
  'readyMs',
  'rssMB',
  'searchP50Ms',
  'searchP99Ms',
  'autocompleteP99Ms',
  'threadP99Ms',
  'baselineSearchP99Ms',
  'trendP99Ms',
  'authorP99Ms',
  'chartRenderP99Ms',
] as const;

function runBench(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'bench.ts'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 170_000,
  });
}

describe('npm run bench -- --json (smoke, no timing thresholds)', () => {
  it('prints exactly one JSON object on stdout with every contract figure as a number', () => {
    const run = runBench(['--posts', '30', '--threads', '10', '--json']);
    expect(run.stderr).toContain('[bench]');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]) as Record<string, unknown>;
    for (const key of CONTRACT_KEYS) {
      expect({ key, type: typeof result[key] }).toEqual({ key, type: 'number' });
      expect(Number.isFinite(result[key] as number)).toBe(true);
    }
    expect(result.posts).toBe(30);
    expect(result.comments as number).toBeGreaterThan(500);
  }, 180_000);

  it('refuses a bad option with a usage message and status 2, not a stack trace', () => {
    const run = runBench(['--posts', 'many']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--posts must be a positive integer');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const unknown = runBench(['--frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Usage: npm run bench');
  }, 60_000);
});
