/**
 * The daily post across real bot processes, on each store: two separate OS processes (claimRace.child.ts) share
 * one store and poll the same simulated days at the same moments. Exactly one post per server per day, whoever wins;
 * and a process killed in the middle of a send leaves its claim in place (nobody can know whether Discord got the
 * message, so that day is skipped rather than risk a duplicate), while the next day goes on normally.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/log';
import { openStore } from '../../src/store/openStore';
import { DigestStore } from '../../src/digest/store';
import { settings } from './helpers';
import { forEachBackend, freshNamespace } from '../store/backends';
import type Keyv from 'keyv';

const CHILD = path.join(__dirname, 'claimRace.child.ts');
const ROOT = path.join(__dirname, '..', '..');
const SERVERS = ['100000000000000001', '100000000000000002', '100000000000000003'];
const DAYS = 20;
const dayOf = (i: number) => `2030-03-${String(1 + i).padStart(2, '0')}`;

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
  stderr: () => string;
}

function startChild(url: string, namespace: string, owner: string, days: number, postsFile: string, mode = ''): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, namespace, owner, String(days), postsFile, mode], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${owner} exited (${code}) before it was ready:\n${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, ready, exited, stderr: () => err };
}

function go(children: Child[], stepMs: number): void {
  const startAt = Date.now() + 300;
  for (const c of children) c.process.stdin!.end(`go ${startAt} ${stepMs}\n`);
}

function readPosts(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

forEachBackend('the daily post with two bot processes', (backend) => {
  let dir: string;
  let namespace: string;
  const children: Child[] = [];
  const opened: Keyv[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'claim-race-'));
    namespace = freshNamespace('race');
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.process.exitCode === null) c.process.kill('SIGKILL');
    await Promise.all(opened.splice(0).map((k) => k.disconnect().catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  async function configure(servers: string[]): Promise<DigestStore> {
    const keyv = await openStore(backend().url, { namespace, logger: silentLogger });
    opened.push(keyv);
    const store = new DigestStore(keyv);
    for (const id of servers) await store.saveSettings(id, settings({ time: '09:00', timezone: 'Europe/London' }));
    return store;
  }

  test(`${DAYS} simulated days, 3 servers: exactly one post per server per day`, async () => {
    const store = await configure(SERVERS);
    const postsFile = path.join(dir, 'posts.txt');
    const pair = ['one', 'two'].map((owner) => startChild(backend().url, namespace, owner, DAYS, postsFile));
    children.push(...pair);
    await Promise.all(pair.map((c) => c.ready));
    go(pair, 150);
    const codes = await Promise.all(pair.map((c) => c.exited));
    expect({ codes, stderr: pair.map((c) => c.stderr()).join('') }).toEqual({ codes: [0, 0], stderr: '' });

    const posts = readPosts(postsFile).map((line) => line.split(' '));
    const perServerDay = new Map<string, string[]>();
    for (const [server, day, owner] of posts)
      perServerDay.set(`${server} ${day}`, [...(perServerDay.get(`${server} ${day}`) ?? []), owner]);
    const expected = SERVERS.flatMap((s) => Array.from({ length: DAYS }, (_, i) => `${s} ${dayOf(i)}`));
    expect([...perServerDay.keys()].sort()).toEqual(expected.sort());
    expect([...perServerDay.entries()].filter(([, owners]) => owners.length !== 1)).toEqual([]);
    for (const s of SERVERS) expect((await store.lastPost(s))?.date).toBe(dayOf(DAYS - 1));
    await store.check();
  }, 90_000);

  test('a process killed mid-send keeps its claim: that day is not posted twice, and the next day is', async () => {
    const [server] = SERVERS;
    const store = await configure([server]);
    const postsFile = path.join(dir, 'posts.txt');
    const doomed = startChild(backend().url, namespace, 'doomed', 1, postsFile, 'hang');
    children.push(doomed);
    await doomed.ready;
    go([doomed], 150);
    const deadline = Date.now() + 20_000;
    while (!readPosts(postsFile).some((l) => l.startsWith('sending')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(readPosts(postsFile)).toEqual([`sending ${server} ${dayOf(0)} doomed`]);
    doomed.process.kill('SIGKILL');
    await doomed.exited;

    // The survivor polls the doomed day and the next.
    const survivor = startChild(backend().url, namespace, 'survivor', 2, postsFile);
    children.push(survivor);
    await survivor.ready;
    go([survivor], 150);
    expect(await survivor.exited).toBe(0);
    expect(readPosts(postsFile)).toEqual([`sending ${server} ${dayOf(0)} doomed`, `${server} ${dayOf(1)} survivor`]);
    // The dead process's claim is still there, and nobody else can give it back.
    await store.claims.release(server, dayOf(0), 'survivor');
    expect(await store.claims.isClaimed(server, dayOf(0))).toBe(true);
    expect(await store.claims.tryClaim(server, dayOf(0), 'survivor')).toBe(false);
  }, 90_000);
});
