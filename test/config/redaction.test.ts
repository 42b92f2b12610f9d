/**
 * No secret in anything printed at start-up. Configuration errors went straight to stderr through `fail()` in
 * src/main.ts, bypassing the logger's scrubbing: DISCORD_APPLICATION_ID=<a token> printed the token, and a
 * database URL printed its password. Both paths now share one redaction (src/log.ts `redact`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, redact, secretsInEnvironment } from '../../src/log';

const root = path.resolve(__dirname, '..', '..');
/** Shaped like a Discord bot token, but not one. */
const TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
/** A secret of no recognisable shape: only knowing it lets a scrubber find it. */
const PLAIN_SECRET = 'correct-horse-battery-staple-42';

function start(env: Record<string, string>) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'redaction-'));
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd };
  return spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'src', 'main.ts')], {
    cwd,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
}

describe('GIVEN a start-up that fails on the configuration', () => {
  test('WHEN a token is pasted into DISCORD_APPLICATION_ID THEN the error names the variable and never prints the token', () => {
    const result = start({ DISCORD_TOKEN: 'x.y.z', DISCORD_APPLICATION_ID: TOKEN });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DISCORD_APPLICATION_ID');
    expect(result.stderr).toContain('looks like a bot token');
    expect(result.stderr).not.toContain(TOKEN);
    expect(result.stderr).not.toContain(TOKEN.split('.')[2]);
  });

  test('WHEN a secret of no known shape is pasted into DISCORD_GUILD_ID THEN it is not printed either', () => {
    const result = start({ DISCORD_TOKEN: PLAIN_SECRET, DISCORD_GUILD_ID: PLAIN_SECRET });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DISCORD_GUILD_ID');
    expect(result.stderr).not.toContain(PLAIN_SECRET);
  });

  test.each([
    ['postgres://u:SECRET@h/db', 'SECRET'],
    ['mysql://archive:S3cr3t!pw@db.example.org:3306/bot', 'S3cr3t!pw'],
    ['redis://:hunter2hunter2@127.0.0.1:1/0', 'hunter2hunter2'],
    ['postgres://u:p@ss@word@h/db', 'p@ss@word'],
  ])('WHEN DATABASE_URL is %s THEN the password never appears, whatever else fails', (url, password) => {
    const result = start({
      DISCORD_TOKEN: TOKEN,
      DATABASE_URL: url,
      ARCHIVE_DIR: path.join(root, 'seeds'),
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'redaction-data-')),
      DISCORD_API_URL: 'http://127.0.0.1:1/api',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL|store/i);
    expect(result.stderr).not.toContain(password);
    expect(result.stderr).not.toContain(TOKEN);
  });
});

describe('redact', () => {
  test.each([
    ['postgres://u:SECRET@h/db', 'postgres://u:[redacted]@h/db'],
    ['redis://:SECRET@h:6379', 'redis://:[redacted]@h:6379'],
    ['rediss://default:SECRET@h', 'rediss://default:[redacted]@h'],
    ['see "postgresql://u:SE:CR@ET@h/db" there', 'see "postgresql://u:[redacted]@h/db" there'],
    ['postgres://bot:s3c@r/et@db/x', 'postgres://bot:[redacted]@db/x'],
    ['https://example.org/a?x=1&password=SECRET&y=2', 'https://example.org/a?x=1&password=[redacted]&y=2'],
    ['sqlite:///srv/bot/data/archive-bot.sqlite', 'sqlite:///srv/bot/data/archive-bot.sqlite'],
    ['mail me at someone@example.org', 'mail me at someone@example.org'],
  ])('%s → %s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  test('a JSON log line with a password holding a quote is scrubbed too', () => {
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l) }).error('store error', { url: 'postgres://u:pa"ss@h/db' });
    expect(lines[0]).not.toContain('pa\\"ss');
    expect(lines[0]).toContain('[redacted]');
  });

  test('the secrets the environment holds: the token and every URL password, whatever their shape', () => {
    const secrets = secretsInEnvironment({
      DISCORD_TOKEN: PLAIN_SECRET,
      DATABASE_URL: 'postgres://u:with/slash@h/db',
      REDIS_URL: 'redis://:p%40ssw0rd!@h',
      BLOG_URL: 'https://x.org',
    });
    expect(secrets).toEqual(expect.arrayContaining([PLAIN_SECRET, 'with/slash', 'p%40ssw0rd!', 'p@ssw0rd!']));
    expect(redact(`token ${PLAIN_SECRET} and postgres://u:with/slash@h/db, p@ssw0rd!`, secrets)).not.toMatch(
      /correct-horse|with\/slash|ssw0rd/,
    );
  });
});
