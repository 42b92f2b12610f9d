/**
 * `npm start` is the production start: one bot process that receives signals itself and stops gracefully.
 *
 * Found when it was attacked: SIGTERM to npm's PID alone (what many supervisors send) left the bot re-parented to
 * PID 1, still answering; SIGTERM to the process group while ~40 /thread requests ran had tsx escalate to SIGKILL
 * within ~30 ms, leaving 30 of 40 users on "thinking…" and no shutdown line in the log. And an archive folder with a
 * link to a named pipe kept `npm start` from ever starting, silently, deaf to SIGTERM.
 *
 * Here the real `npm start` runs against the fake Discord. Each /thread acknowledgement is held 1.5 s by the fake,
 * so all 40 are truly in flight when the signal lands; 3 more arrive while the bot drains.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import { deployCommands } from '../../src/discord/deployCommands';
import { RESTARTING_MESSAGE } from '../../src/discord/interactionGate';
import { startFakeDiscord, type FakeDiscord, type FakeInteraction } from '../fakeDiscord';
import { SEEDS_DIR } from './harness';
import { commandOf, descendantsOf, isAlive, npmStart, type NpmStart } from './npmStart';

const CALLBACK_ROUTE = '/interactions/:interactionId/:token/callback';
const IN_FLIGHT = 40;
const LATE = 3;
const START_TIMEOUT_MS = 90_000;

jest.setTimeout(180_000);

let fake: FakeDiscord | undefined;
let bot: NpmStart | undefined;
const temp: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temp.push(dir);
  return dir;
}

afterEach(async () => {
  bot?.kill();
  bot = undefined;
  await fake?.close();
  fake = undefined;
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startAgainstFake(archiveDir: string): Promise<{ fake: FakeDiscord; bot: NpmStart }> {
  fake = await startFakeDiscord();
  await deployCommands({ token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl });
  bot = npmStart({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guildId,
    DISCORD_API_URL: fake.apiUrl,
    ARCHIVE_DIR: archiveDir,
    DATA_DIR: tempDir('npm-start-data-'),
    LOG_LEVEL: 'info',
  });
  await bot.waitForLog((l) => l.msg === 'bot ready', START_TIMEOUT_MS);
  return { fake, bot };
}

async function waitUntilGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** 40 /thread requests held in flight, the signal, 3 late arrivals: every one answered, the bot gone, exit 0. */
async function shutdownWhileBusy(fake: FakeDiscord, bot: NpmStart, signal: () => void): Promise<void> {
  const posts = (await loadArchive(SEEDS_DIR)).posts.map((p) => p.id);
  const held = fake.addFault({ method: 'POST', route: CALLBACK_ROUTE, delayMs: 1500, times: IN_FLIGHT });
  const busy: FakeInteraction[] = Array.from({ length: IN_FLIGHT }, (_, i) =>
    fake.dispatchSlashCommand('thread', { post: posts[i % posts.length] }),
  );
  // All 40 acknowledgements have reached the fake (and are being held): the bot is working on every one of them.
  await fake.waitUntil(
    () => (held.hits >= IN_FLIGHT ? true : undefined),
    20_000,
    () => `only ${held.hits} of ${IN_FLIGHT} acknowledgements arrived`,
  );
  const tree = [bot.pid, ...descendantsOf(bot.pid)];
  const botProcess = tree.find((pid) => commandOf(pid).includes('src/main.ts'));
  expect(botProcess).toBeDefined();

  signal();
  await bot.waitForLog((l) => l.msg === 'shutting down', 10_000);
  const late = Array.from({ length: LATE }, (_, i) => fake.dispatchSlashCommand('thread', { post: posts[i % posts.length] }));

  for (const ix of late) {
    const answer = await ix.waitForReply(10_000);
    expect(answer.content).toBe(RESTARTING_MESSAGE);
    expect(answer.ephemeral).toBe(true);
  }
  for (const ix of busy) {
    const answer = await ix.waitForAnswer(15_000);
    expect(answer.embeds.length).toBeGreaterThan(0);
    expect(answer.content).not.toBe(RESTARTING_MESSAGE);
  }
  const exit = await Promise.race([
    bot.exited,
    new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000)),
  ]);
  expect(exit).toEqual({ code: 0, signal: null });
  // Nothing left behind: not the bot, not anything it started.
  expect((await waitUntilGone(tree, 5_000)).map(commandOf)).toEqual([]);
  expect(isAlive(botProcess!)).toBe(false);
  expect(bot.logs).toContainEqual(expect.objectContaining({ msg: 'bot stopped', finished: IN_FLIGHT, cutShort: 0, turnedAway: LATE }));
  expect(bot.logs).toContainEqual(expect.objectContaining({ level: 'info', msg: 'shut down', signal: 'SIGTERM' }));
  expect(fake.violations).toEqual([]);
}

describe('GIVEN the bot started with npm start', () => {
  test('WHEN SIGTERM is sent to npm alone while 40 /thread requests are in flight THEN all are answered, the bot exits 0 and nothing is left running', async () => {
    // The archive also holds a link to /dev/zero and one to a named pipe: skipped by name, start-up unaffected.
    const archiveDir = tempDir('npm-start-archive-');
    cpSync(SEEDS_DIR, archiveDir, { recursive: true });
    symlinkSync('/dev/zero', path.join(archiveDir, 'zero.txt'));
    const fifo = path.join(tempDir('npm-start-fifo-'), 'pipe');
    execFileSync('mkfifo', [fifo]);
    symlinkSync(fifo, path.join(archiveDir, 'pipe.txt'));

    const started = await startAgainstFake(archiveDir);
    for (const file of ['zero.txt', 'pipe.txt']) {
      expect(started.bot.logs).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          msg: 'archive file skipped',
          file,
          reason: expect.stringContaining('is not a regular file'),
        }),
      );
    }
    await shutdownWhileBusy(started.fake, started.bot, () => process.kill(started.bot.pid, 'SIGTERM'));
  });

  test('WHEN SIGTERM is sent to the whole process group while 40 /thread requests are in flight THEN the same holds', async () => {
    const started = await startAgainstFake(SEEDS_DIR);
    // npm forwards the signal it got as well, so the bot may see it twice: the drain must not be cut short by that.
    await shutdownWhileBusy(started.fake, started.bot, () => process.kill(-started.bot.pid, 'SIGTERM'));
  });

  test('WHEN SIGTERM comes while start-up waits on a Discord that does not answer THEN it says what it was doing, and exits 0 at once', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      bot = npmStart({
        DISCORD_TOKEN: 'MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB',
        DISCORD_API_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`,
        ARCHIVE_DIR: SEEDS_DIR,
        DATA_DIR: tempDir('npm-start-data-'),
        LOG_LEVEL: 'info',
      });
      await bot.waitForLog((l) => l.msg === 'connecting to Discord', START_TIMEOUT_MS);
      expect(bot.logs.filter((l) => typeof l.msg === 'string').map((l) => l.msg)).toEqual(
        expect.arrayContaining(['starting', 'opening the store', 'loading the archive', 'archive loaded', 'connecting to Discord']),
      );
      const tree = [bot.pid, ...descendantsOf(bot.pid)];
      const signalled = Date.now();
      process.kill(bot.pid, 'SIGTERM');
      const exit = await Promise.race([
        bot.exited,
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000)),
      ]);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(5_000);
      expect(bot.logs).toContainEqual(expect.objectContaining({ msg: 'shut down before start-up finished', signal: 'SIGTERM' }));
      expect((await waitUntilGone(tree, 5_000)).map(commandOf)).toEqual([]);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
