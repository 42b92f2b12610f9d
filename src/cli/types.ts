import type { ParseArgsConfig } from 'node:util';
import type { Archive } from '../corpus/types';

/** What every CLI subcommand receives. Output goes through `out`/`err` so tests can capture it without spawning. */
export interface CliContext {
  /** The subcommand's positional arguments (after the subcommand name). */
  positionals: string[];
  /** Parsed options: the common `archive` (string) and `json` (boolean) plus the subcommand's own. */
  options: Record<string, string | boolean | undefined>;
  /** `--archive`, defaulting to the shipped seeds folder. */
  archiveDir: string;
  /** `--json`: print one machine-readable JSON document on stdout. */
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * The archive at `archiveDir` (links built from BLOG_URL). An unusable archive throws ArchiveUnusableError, which
   * runCli reports on stderr with exit status 1, so subcommands need no handling of their own. With a cache folder
   * the parsed archive is kept there (as the bot does) and re-parsed only when a file or the parser changes.
   */
  loadArchive: (cache?: { cacheDir: string }) => Promise<Archive>;
}

export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Usage line, e.g. `search "<query>" [--limit N] [--offset N]`. */
  usage: string;
  /** The subcommand's own options (in node:util parseArgs form); `archive`, `json` and `help` are added for every command. */
  options?: ParseArgsConfig['options'];
  /** Returns the process exit status. */
  run(ctx: CliContext): Promise<number>;
}

/** A user mistake on the command line: printed as a message on stderr with exit status 2, never as a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
