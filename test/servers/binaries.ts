/**
 * Where the real PostgreSQL and Redis servers the tests start are installed, and what a suite does when they are not.
 *
 * Policy (README "Tests"): in CI (`.ci/run` exports ARCHIVE_BOT_TEST_SERVERS=require) a missing server is a failing
 * test that says what to install, so a machine without them can never pass CI by skipping. Elsewhere the suites are
 * skipped, and the skipped suite's name says what to install: a developer without Redis can still run everything else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The outside programs some suites need: the two servers, and systemd-analyze for the unit file. */
export type ServerKind = 'postgres' | 'redis' | 'systemd-analyze';

export const INSTALL_HINT: Record<ServerKind, string> = {
  postgres: 'PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install -y postgresql',
  redis: 'redis-server not found: apt-get install -y redis-server',
  'systemd-analyze': 'systemd-analyze not found: apt-get install -y systemd',
};

function onPath(command: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** The folder holding initdb and pg_ctl: PG_BIN_DIR, else the newest Debian /usr/lib/postgresql/<v>/bin, else PATH. */
export function postgresBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  const initdb = onPath('initdb');
  if (initdb) candidates.push(path.dirname(initdb));
  return candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

export function redisServerPath(): string | null {
  if (process.env.REDIS_SERVER && existsSync(process.env.REDIS_SERVER)) return process.env.REDIS_SERVER;
  return onPath('redis-server');
}

export function serverAvailable(kind: ServerKind): boolean {
  if (kind === 'postgres') return postgresBinDir() !== null;
  if (kind === 'redis') return redisServerPath() !== null;
  return onPath('systemd-analyze') !== null;
}

/** True when missing servers must fail the run (CI), not skip. */
export function serversRequired(): boolean {
  return process.env.ARCHIVE_BOT_TEST_SERVERS === 'require';
}

/**
 * `describe` for a suite that needs `kinds` servers: the real describe when they are installed; otherwise a failing
 * test (CI) or a skipped suite whose name says what to install (elsewhere).
 */
export function describeWithServers(kinds: ServerKind[], name: string, body: () => void): void {
  const missing = kinds.filter((kind) => !serverAvailable(kind));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const hint = missing.map((kind) => INSTALL_HINT[kind]).join('; ');
  if (serversRequired()) {
    describe(name, () => {
      test('needs real servers', () => {
        throw new Error(`${hint} (ARCHIVE_BOT_TEST_SERVERS=require)`);
      });
    });
  } else {
    describe.skip(`${name} [skipped: ${hint}]`, body);
  }
}
