/**
 * deploy-commands against the fake Discord: the right route (guild or global), what gets registered, idempotence,
 * and the messages a person sees when something is missing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CommandDefinitionError,
  commandDefinitions,
  deployCommands,
  runDeployCommands,
  validateCommandDefinitions,
} from '../../src/discord/deployCommands';
import { startFakeDiscord } from '../fakeDiscord';
import type { FakeDiscord } from '../fakeDiscord';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(ROOT, 'src', 'discord', 'deployCommands.ts');

/** The names of the modules in `commands/` that the bot would load (data + execute). */
const moduleNames = () =>
  commandDefinitions()
    .map((d) => String(d.name))
    .sort();

function runScript(cwd: string, env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [SCRIPT],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('deployCommands', () => {
  let fake: FakeDiscord;
  let tmp: string;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'deploy-commands-'));
  });

  afterAll(async () => {
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  beforeEach(() => {
    fake.violations.length = 0;
  });

  it('registers every command module to the guild route when a guild id is given', async () => {
    expect(moduleNames().length).toBeGreaterThan(0);
    const result = await deployCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      apiUrl: fake.apiUrl,
    });
    expect(result.scope).toBe('guild');
    expect(result.commands.map((c) => c.name).sort()).toEqual(moduleNames());
    expect(
      fake
        .registeredCommands('guild')
        .map((c) => c.name)
        .sort(),
    ).toEqual(moduleNames());
    const put = await fake.waitForRequest((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put.authorization).toBe(`Bot ${fake.token}`);
    // The fake applies Discord's own registration rules, so an accepted PUT means Discord would accept it too.
    expect(fake.violations).toEqual([]);
  });

  it('is idempotent: a second run keeps the same ids and versions and the same list', async () => {
    const options = { token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl };
    const before = fake.registeredCommands('guild');
    const again = await deployCommands(options);
    const after = fake.registeredCommands('guild');
    expect(after).toEqual(before);
    expect(again.commands.map((c) => c.id).sort()).toEqual(before.map((c) => String(c.id)).sort());
  });

  it('registers globally when no guild id is given', async () => {
    const result = await deployCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
    expect(result).toMatchObject({ scope: 'global', guildId: null });
    expect(
      fake
        .registeredCommands('global')
        .map((c) => c.name)
        .sort(),
    ).toEqual(moduleNames());
    expect(fake.requests.at(-1)?.path).toBe(`/applications/${fake.applicationId}/commands`);
  });

  it('skips modules without data or execute and removes commands no longer present', async () => {
    const dir = path.join(tmp, 'commands-partial');
    mkdirSync(dir);
    const command = (name: string) =>
      `exports.data = { name: '${name}', toJSON: () => ({ name: '${name}', description: 'the ${name} command' }) };\n`;
    writeFileSync(path.join(dir, 'ping.js'), command('ping') + 'exports.execute = async () => ({ content: "pong" });\n');
    writeFileSync(path.join(dir, 'helper.js'), 'exports.formatThing = () => "not a command";\n');
    writeFileSync(path.join(dir, 'half.js'), command('half'));
    const result = await deployCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      apiUrl: fake.apiUrl,
      commandsDir: dir,
    });
    expect(result.commands.map((c) => c.name)).toEqual(['ping']);
    expect(fake.registeredCommands('guild').map((c) => c.name)).toEqual(['ping']);
  });

  it('refuses invalid definitions before sending anything', async () => {
    const dir = path.join(tmp, 'commands-invalid');
    mkdirSync(dir);
    const options = Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'x' }));
    const definition = { name: 'Bad Name', description: 'd'.repeat(101), options };
    writeFileSync(
      path.join(dir, 'bad.js'),
      `exports.data = { name: 'bad', toJSON: () => (${JSON.stringify(definition)}) };\nexports.execute = async () => ({});\n`,
    );
    const requestsBefore = fake.requests.length;
    const attempt = deployCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      apiUrl: fake.apiUrl,
      commandsDir: dir,
    });
    await expect(attempt).rejects.toBeInstanceOf(CommandDefinitionError);
    await expect(attempt).rejects.toThrow(/name "Bad Name".*\n.*description must be 1-100 characters \(has 101\)\n.*26 options/);
    expect(fake.requests.length).toBe(requestsBefore);
  });

  it('validates required-before-optional and duplicate names like Discord does', () => {
    const problems = validateCommandDefinitions([
      {
        name: 'a',
        description: 'x',
        options: [
          { type: 3, name: 'opt', description: 'x' },
          { type: 3, name: 'req', description: 'x', required: true },
        ],
      },
      { name: 'a', description: 'y' },
    ]);
    expect(problems).toEqual(['/a req: a required option must come before optional ones', '/a: two commands share this name']);
  });
});

describe('npm run deploy-commands (the script)', () => {
  let fake: FakeDiscord;
  let cwd: string;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    cwd = mkdtempSync(path.join(os.tmpdir(), 'deploy-script-'));
  });

  afterAll(async () => {
    await fake.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('names the missing variable and .env.example instead of printing a stack trace', async () => {
    const lines: string[] = [];
    const status = await runDeployCommands(
      { DISCORD_APPLICATION_ID: fake.applicationId },
      { out: (t) => lines.push(t), err: (t) => lines.push(t) },
    );
    expect(status).toBe(1);
    expect(lines.join('\n')).toMatch(/^DISCORD_TOKEN is not set.*\n.*\.env\.example/);

    const noApp: string[] = [];
    expect(await runDeployCommands({ DISCORD_TOKEN: fake.token }, { out: (t) => noApp.push(t), err: (t) => noApp.push(t) })).toBe(1);
    expect(noApp.join('\n')).toMatch(/^DISCORD_APPLICATION_ID is not set/);
  });

  it('explains a malformed id and a rejected token', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => err.push(t) };
    expect(await runDeployCommands({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: 'my-app' }, io)).toBe(1);
    expect(err.pop()).toMatch(/DISCORD_APPLICATION_ID: "my-app" is not a Discord id/);
    const env = {
      DISCORD_TOKEN: 'wrong',
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_API_URL: fake.apiUrl,
    };
    expect(await runDeployCommands(env, io)).toBe(1);
    expect(err.pop()).toMatch(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/);
  });

  it('prints a summary of what it registered', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'warn',
    };
    expect(await runDeployCommands(env, { out: (t) => out.push(t), err: (t) => err.push(t) })).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toBe(
      `Registered ${moduleNames().length} commands to server ${fake.guildId} (available now): ${moduleNames()
        .map((n) => '/' + n)
        .join(', ')}`,
    );
    expect(
      fake
        .registeredCommands('guild')
        .map((c) => c.name)
        .sort(),
    ).toEqual(moduleNames());
  });

  it('runs as a script and, without a token, ends in a clear message rather than a stack trace', async () => {
    // cwd is an empty folder, so no developer's .env is picked up by dotenv.
    const missing = await runScript(cwd, {});
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^DISCORD_TOKEN is not set.*\n.*\.env\.example/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
