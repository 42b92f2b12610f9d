/**
 * The command-line entry: `npm run --silent cli -- <subcommand> ...` or the `archive-bot` bin.
 * Subcommands are the modules of `src/cli/commands/` (autoloaded, one file each), so adding one touches no shared list.
 */
import dotenv from 'dotenv';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadArchiveCached } from '../corpus/archiveCache';
import { ArchiveUnusableError, loadArchive } from '../corpus/loadArchive';
import type { CliCommand, CliContext } from './types';
import { UsageError } from './types';
import { autoload } from '../util/autoload';

export const DEFAULT_ARCHIVE_DIR = path.resolve(__dirname, '..', '..', 'seeds');

function isCliModule(mod: unknown): mod is { command: CliCommand } {
  const command = (mod as { command?: Partial<CliCommand> } | null)?.command;
  return typeof command?.name === 'string' && typeof command.run === 'function';
}

/** The subcommands: every module of `src/cli/commands/` exporting `command` (the one autoloader, src/util/autoload.ts). */
export function loadCliCommands(dir = path.join(__dirname, 'commands')): Map<string, CliCommand> {
  return new Map(autoload(dir, isCliModule).map(({ module }) => [module.command.name, module.command]));
}

function helpText(commands: Map<string, CliCommand>): string {
  const lines = ['Usage: npm run --silent cli -- <command> [options]', '', 'Commands:'];
  for (const c of commands.values()) lines.push(`  ${c.usage.padEnd(58)} ${c.summary}`);
  lines.push('', 'Every command takes --archive <dir> (default: seeds/) and --json (machine-readable output).');
  return lines.join('\n');
}

export interface RunCliIo {
  out?: (text: string) => void;
  err?: (text: string) => void;
}

let stdoutGuarded = false;

/**
 * `archive-bot corpus --json | head` closes the pipe while output is still being written; the write then fails with
 * EPIPE, which Node reports as an unhandled 'error' event (a stack trace). The reader chose to stop: end quietly.
 */
function endQuietlyWhenStdoutCloses(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

/** Runs one CLI invocation and returns its exit status (0 ok, 1 failure, 2 usage error). */
export async function runCli(argv: string[], io: RunCliIo = {}): Promise<number> {
  if (!io.out) endQuietlyWhenStdoutCloses();
  const out = io.out ?? ((t: string) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'));
  const err = io.err ?? ((t: string) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'));
  const commands = loadCliCommands();
  const [name, ...rest] = argv;
  if (!name) {
    err(helpText(commands));
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    out(helpText(commands));
    return 0;
  }
  const command = commands.get(name);
  if (!command) {
    err(`Unknown command "${name}".\n\n${helpText(commands)}`);
    return 2;
  }
  try {
    const parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        archive: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...(command.options ?? {}),
      },
    });
    const options = parsed.values as CliContext['options'];
    if (options.help) {
      out(`Usage: npm run --silent cli -- ${command.usage}\n${command.summary}`);
      return 0;
    }
    const archive = typeof options.archive === 'string' ? path.resolve(options.archive) : DEFAULT_ARCHIVE_DIR;
    const blogUrl = process.env.BLOG_URL?.trim() || undefined;
    return await command.run({
      positionals: parsed.positionals,
      options,
      archiveDir: archive,
      json: options.json === true,
      out,
      err,
      loadArchive: (cache) =>
        cache
          ? loadArchiveCached(archive, { cacheDir: cache.cacheDir, blogUrl }).then((r) => r.archive)
          : loadArchive(archive, { blogUrl }),
    });
  } catch (e) {
    if (e instanceof ArchiveUnusableError) {
      err(e.message);
      return 1;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`${(e as Error).message}\nUsage: npm run --silent cli -- ${command.usage}`);
      return 2;
    }
    err(`${command.name} failed: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  // The same .env the bot reads (DATA_DIR, BLOG_URL, ...), so the console and the CLI see the bot's configuration.
  dotenv.config({ quiet: true });
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`archive-bot: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
