import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function start(env: Record<string, string>) {
  // A cwd without .env, and an environment without DISCORD_TOKEN: what a newcomer gets after cloning.
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'no-token-'));
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd };
  return spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'src', 'main.ts')], {
    cwd,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
}

describe('GIVEN npm start without a token', () => {
  test('THEN it says what to do, names DISCORD_TOKEN, .env.example and the console mode, and exits 1', () => {
    const result = start({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN is not set');
    expect(result.stderr).toContain('Copy .env.example to .env');
    expect(result.stderr).toContain('DISCORD_APPLICATION_ID');
    expect(result.stderr).toContain('npm run deploy-commands');
    expect(result.stderr).toContain('npm run console');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('THEN a bad variable is named, without a stack trace', () => {
    const result = start({ DISCORD_TOKEN: 'x.y.z', LOG_LEVEL: 'loud' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('LOG_LEVEL: "loud" is not one of debug, info, warn, error.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
