/**
 * The deployment files, validated without a Docker daemon or a running systemd: the Dockerfile by dockerfile-utils'
 * validator plus what this bot needs of its image, compose.yaml by dclint (the Compose schema and common mistakes)
 * plus how it wires the bot to PostgreSQL, the systemd unit by `systemd-analyze verify` plus how it starts the bot.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { validate } from 'dockerfile-utils';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config';
import { describeWithServers } from '../servers/binaries';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const packageJson = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** What `npm start` runs, as argv: the one production command every deployment file must run too. */
const NPM_START = packageJson.scripts.start.replace(/^exec\s+/, '').split(/\s+/);

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Dockerfile instructions, continuation lines joined, comments dropped, grouped by stage. */
function stagesOf(text: string): Instruction[][] {
  const stages: Instruction[][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = lines[i];
    while (logical.trimEnd().endsWith('\\') && i + 1 < lines.length) logical = logical.trimEnd().slice(0, -1) + ' ' + lines[++i].trim();
    const trimmed = logical.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [keyword, ...rest] = trimmed.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' '), line: start + 1 };
    if (instruction.keyword === 'FROM') stages.push([]);
    if (instruction.keyword === 'ARG' && stages.length === 0) continue;
    stages[stages.length - 1].push(instruction);
  }
  return stages;
}

/** Bare package names imported by the code that runs in production (src/, commands/). */
function runtimeImports(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const source = readFileSync(full, 'utf8');
        for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s+)?'([^'.][^']*)'|require\('([^'.][^']*)'\)/g)) {
          const spec = m[1] ?? m[2];
          if (spec.startsWith('node:')) continue;
          found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
        }
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  walk(path.join(ROOT, 'commands'));
  return found;
}

describe('GIVEN the Dockerfile', () => {
  const text = read('Dockerfile');
  const stages = stagesOf(text);
  const runtime = stages[stages.length - 1];
  const dockerignore = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  test('THEN the validator finds nothing wrong', () => {
    expect(
      validate(text).map((d) => `line ${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`),
    ).toEqual([]);
  });

  test('THEN it is multi-stage: production dependencies built apart, the runtime stage takes only node_modules', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0].args).toMatch(/^node:\$\{NODE_VERSION\}-\S+ AS \w+$/);
    const installs = stages.flat().filter((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    expect(installs.map((i) => i.args)).toEqual([expect.stringContaining('npm ci --omit=dev')]);
    expect(runtime.some((i) => i.keyword === 'RUN' && /npm (ci|install)|apt-get install/.test(i.args))).toBe(false);
    expect(runtime.filter((i) => i.keyword === 'COPY' && i.args.startsWith('--from=')).map((i) => i.args)).toEqual([
      expect.stringMatching(/node_modules/),
    ]);
  });

  test('THEN the bot runs as a non-root user, with its data in a volume and a health check', () => {
    const user = runtime.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    const env = runtime
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    const dataDir = /DATA_DIR=(\S+)/.exec(env)?.[1];
    expect(dataDir).toBeDefined();
    expect(runtime.find((i) => i.keyword === 'VOLUME')?.args).toBe(JSON.stringify([dataDir]));
    // The volume's folder is made and handed to the user before USER switches to it.
    expect(runtime.some((i) => i.keyword === 'RUN' && i.args.includes(`mkdir -p ${dataDir}`) && i.args.includes(`chown ${user[0]}`))).toBe(
      true,
    );
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain('/healthz');
    expect(/HEALTH_PORT=\d+/.test(env)).toBe(true);
  });

  test('THEN the command is exec form (node receives SIGTERM itself) and is what npm start runs', () => {
    const cmd = JSON.parse(runtime.find((i) => i.keyword === 'CMD')!.args) as string[];
    expect(cmd).toEqual(NPM_START);
    expect(cmd[0]).toBe('node');
    const entry = cmd.find((a) => a.endsWith('.ts'));
    expect(entry && existsSync(path.join(ROOT, entry))).toBe(true);
    // It runs through tsx, so tsx must survive --omit=dev.
    expect(packageJson.dependencies.tsx).toBeDefined();
  });

  test('THEN everything the bot loads is copied in, exists, and is not excluded from the build context', () => {
    const copied = runtime
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from='))
      .flatMap((i) =>
        i.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1),
      );
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'src', 'commands', 'seeds'])
      expect(copied).toContain(needed);
    for (const source of copied) {
      expect(existsSync(path.join(ROOT, source))).toBe(true);
      expect(dockerignore).not.toContain(source);
    }
    for (const secret of ['.env', 'data', 'node_modules']) expect(dockerignore).toContain(secret);
  });

  test('THEN every package the production code imports is a production dependency', () => {
    const imports = runtimeImports();
    expect([...imports]).toEqual(expect.arrayContaining(['discord.js', 'keyv', 'prom-client', 'pg']));
    expect([...imports].filter((name) => !(name in packageJson.dependencies))).toEqual([]);
  });
});

describe('GIVEN compose.yaml', () => {
  const compose = parseYaml(read('compose.yaml')) as {
    services: Record<
      string,
      {
        build?: string;
        image?: string;
        environment?: Record<string, string>;
        depends_on?: Record<string, { condition: string }>;
        volumes?: string[];
        ports?: string[];
        healthcheck?: unknown;
        init?: boolean;
      }
    >;
  };
  const bot = compose.services.bot;
  const postgres = compose.services.postgres;
  /** Compose's `${VAR:?message}` / `${VAR:-default}` interpolation, with the values an operator's .env would give. */
  const interpolate = (value: string, env: Record<string, string>) =>
    value.replace(/\$\{(\w+)(?::[?-][^}]*)?\}/g, (_m, name: string) => env[name] ?? '');

  test('THEN dclint finds no error and no warning', async () => {
    const result = await run(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'dclint', 'bin', 'dclint.cjs'), '--max-warnings', '0', '--color', 'false', 'compose.yaml'],
      { cwd: ROOT },
    ).catch((err: { stdout?: string; stderr?: string }) => ({ stdout: `${err.stdout ?? ''}${err.stderr ?? ''}`, failed: true }));
    expect(result).not.toHaveProperty('failed');
  });

  test('THEN the bot is built here and reaches the compose PostgreSQL once it is healthy', () => {
    expect(bot.build).toBe('.');
    expect(bot.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(postgres.healthcheck).toBeDefined();
    const env = Object.fromEntries(
      Object.entries(bot.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), { POSTGRES_PASSWORD: 'abc123' })]),
    );
    const config = loadConfig(env, '/app');
    const url = new URL(config.databaseUrl);
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(postgres.environment?.POSTGRES_USER);
    expect(url.pathname).toBe(`/${postgres.environment?.POSTGRES_DB}`);
    expect(url.password).toBe('abc123');
    expect(postgres.environment?.POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}');
  });

  test('THEN state lives in a named volume, metrics are published to this machine only, and every variable is documented', () => {
    const env = bot.environment ?? {};
    expect(bot.volumes).toContain(`bot-data:${env.DATA_DIR}`);
    expect(bot.init).toBe(true);
    expect(env.HEALTH_HOST).toBe('0.0.0.0');
    expect(bot.ports).toEqual([`127.0.0.1:${env.HEALTH_PORT}:${env.HEALTH_PORT}`]);
    const documented = read('.env.example');
    for (const name of Object.keys(env)) expect(documented).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});

describeWithServers(['systemd-analyze'], 'GIVEN the systemd unit', () => {
  const unitText = read('deploy/archive-bot.service');
  /** `Key=value` lines of one section (repeated keys keep every value). */
  const section = (name: string): Array<[string, string]> => {
    const body = unitText.split(/^\[/m).find((part) => part.startsWith(`${name}]`)) ?? '';
    return body
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]);
  };
  const service = section('Service');
  const value = (key: string) => service.filter(([k]) => k === key).map(([, v]) => v);

  test('THEN systemd-analyze verify accepts it without a single warning', async () => {
    // A copy whose node is this machine's (verify checks the binary exists); everything else as shipped.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'unit-'));
    try {
      const copy = path.join(dir, 'archive-bot.service');
      writeFileSync(copy, unitText.replace(/^ExecStart=\/usr\/bin\/node /m, `ExecStart=${process.execPath} `));
      const result = await run('systemd-analyze', ['verify', copy]).then(
        ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
        (err: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
      );
      expect(result).toEqual({ ok: true, output: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('THEN it runs what npm start runs, as an unprivileged user, with its state in the state directory', () => {
    expect(value('ExecStart')).toEqual([`/usr/bin/${NPM_START.join(' ')}`]);
    expect(value('User')[0]).toMatch(/^[a-z][a-z-]*$/);
    expect(value('User')[0]).not.toBe('root');
    const env = Object.fromEntries(value('Environment').map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    expect(env.DATA_DIR).toBe(`/var/lib/${value('StateDirectory')[0]}`);
    // An EnvironmentFile would override Environment= (a .env copied from .env.example sets DATA_DIR=data/, which the
    // sandbox makes read-only); the bot reads .env itself, and dotenv never overrides what is already set.
    expect(value('EnvironmentFile')).toEqual([]);
    expect(value('ProtectSystem')).toEqual(['strict']);
  });

  test('THEN a stop gives the graceful shutdown its time, and a bad configuration does not restart forever', () => {
    expect(value('KillSignal')).toEqual(['SIGTERM']);
    // The bot exits within 9 s of SIGTERM (README): SIGKILL must come later than that.
    expect(Number(value('TimeoutStopSec')[0])).toBeGreaterThanOrEqual(10);
    expect(value('Restart')).toEqual(['on-failure']);
    expect(section('Unit').map(([k]) => k)).toEqual(expect.arrayContaining(['StartLimitIntervalSec', 'StartLimitBurst']));
    // V8 compiles code at run time: W^X enforcement would kill it.
    expect(value('MemoryDenyWriteExecute')).not.toContain('yes');
  });
});
