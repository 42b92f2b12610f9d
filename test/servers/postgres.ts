/**
 * A real PostgreSQL server for tests: initdb in a temporary folder, started with pg_ctl on 127.0.0.1 and a free port,
 * password authentication (scram) for a user and database of its own, stopped and deleted by `stop()`.
 *
 * initdb and pg_ctl refuse to run as root: when the tests run as root (CI, these machines), the folder is handed to
 * the `postgres` user and both run through `runuser -u postgres --`. Durability is switched off (fsync, full-page
 * writes): the data is thrown away anyway, and it makes start-up and writes fast.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { postgresBinDir, INSTALL_HINT } from './binaries';
import { freePort } from './ports';

const run = promisify(execFile);

export interface PostgresServer {
  /** `postgres://user:password@127.0.0.1:port/database` */
  url: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Runs SQL as the test user (for set-up and assertions), through psql. */
  psql(sql: string): Promise<string>;
  stop: () => Promise<void>;
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startPostgres(options: { database?: string; user?: string } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(INSTALL_HINT.postgres);
  const root = mkdtempSync(path.join(os.tmpdir(), 'archive-bot-pg-'));
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  const argv = (file: string, args: string[]): [string, string[]] => {
    const [command, ...rest] = [...prefix, path.join(bin, file), ...args];
    return [command, rest];
  };
  const exec = (file: string, args: string[], timeout = 60_000) => run(...argv(file, args), { timeout, cwd: root });
  const user = options.user ?? 'archive_bot';
  const database = options.database ?? 'archive_bot';
  const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  const pwFile = path.join(root, 'pw');
  let port = 0;
  let started = false;
  const stop = async () => {
    if (started) {
      started = false;
      process.off('exit', stopNow);
      await exec('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']).catch(() => undefined);
    }
    rmSync(root, { recursive: true, force: true });
  };
  // A test run that dies without afterAll must not leave a server behind.
  const stopNow = () => {
    try {
      execFileSync(...argv('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']), { stdio: 'ignore', cwd: root });
    } catch {
      // already stopped
    }
  };
  try {
    writeFileSync(pwFile, password + '\n');
    chmodSync(pwFile, 0o600);
    if (asRoot) {
      const { uid, gid } = postgresIds();
      chownSync(root, uid, gid);
      chownSync(pwFile, uid, gid);
    }
    await exec('initdb', [
      '-D',
      dataDir,
      '-U',
      user,
      `--pwfile=${pwFile}`,
      '--auth=scram-sha-256',
      '--no-sync',
      '--no-instructions',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const settings = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await exec('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', settings, '-w', '-t', '60', 'start']);
        started = true;
        process.on('exit', stopNow);
        break;
      } catch (err) {
        // Another process may have taken the port between freePort() and the bind: try another.
        if (attempt >= 2) throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${readLog(logFile)}`);
      }
    }
    const psql = async (sql: string, db = database) => {
      const { stdout } = await run(
        path.join(bin, 'psql'),
        ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', db, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql],
        {
          env: { ...process.env, PGPASSWORD: password },
          timeout: 30_000,
        },
      );
      return stdout.trim();
    };
    await psql(`CREATE DATABASE ${database}`, 'postgres');
    return {
      url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
      port,
      user,
      password,
      database,
      psql: (sql) => psql(sql),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-2000);
  } catch {
    return '';
  }
}
