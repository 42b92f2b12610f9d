/**
 * A real Redis server for tests: `redis-server` on 127.0.0.1 and a free port, nothing saved to disk, optionally with a
 * password, stopped by `stop()` (SIGTERM, then SIGKILL if it lingers).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INSTALL_HINT, redisServerPath } from './binaries';
import { freePort } from './ports';

export interface RedisServer {
  /** `redis://127.0.0.1:port` (with `:password@` when started with one). */
  url: string;
  port: number;
  stop: () => Promise<void>;
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

export async function startRedis(options: { password?: string } = {}): Promise<RedisServer> {
  const bin = redisServerPath();
  if (!bin) throw new Error(INSTALL_HINT.redis);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'archive-bot-redis-'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir];
    if (options.password) args.push('--requirepass', options.password);
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const killNow = () => child.kill('SIGKILL');
    try {
      await waitForReady(child, 15_000);
    } catch (err) {
      child.kill('SIGKILL');
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
      continue;
    }
    // Keep reading its output so a full pipe can never block it.
    child.stdout?.resume();
    child.stderr?.resume();
    process.on('exit', killNow);
    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= new Promise<void>((resolve) => {
        process.off('exit', killNow);
        const done = () => {
          clearTimeout(force);
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }));
    const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
    return { url: `redis://${auth}127.0.0.1:${port}`, port, stop };
  }
}
