/** The scripts' command lines (bench, gen-archive, search-check…): one way to read them, one wording for every refusal. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_SEED } from './syntheticArchive';

/** `--name` as a positive number (a whole one when `integer`), or undefined when absent; throws naming the option. */
export function positiveOption(value: string | undefined, name: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'} (got "${value}")`);
  return n;
}

/** `--seed` as an integer, or the generator's default seed when absent. */
export function seedOption(value: string | undefined): number {
  const seed = value === undefined ? DEFAULT_SEED : Number(value);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer (got "${value}")`);
  return seed;
}

type ScriptOptions = NonNullable<ParseArgsConfig['options']>;
type ScriptValues<T extends ScriptOptions> = ReturnType<typeof parseArgs<{ args: string[]; strict: true; options: T }>>['values'];

/**
 * A script's command line, read the same way by every script: `--help` / `-h` prints the usage (exit 0); an unknown or
 * malformed option, or one `read` refuses (it throws naming it, as positiveOption does), prints what is wrong and the
 * usage (exit 2), never a stack trace. `read` turns the raw values into what the script runs with.
 */
export function readScriptArgs<T extends ScriptOptions, R>(
  name: string,
  usage: string,
  argv: string[],
  options: T,
  read: (values: ScriptValues<T>) => R,
): { args: R } | { exit: number } {
  try {
    const values = parseArgs({ args: argv, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } })
      .values as ScriptValues<T> & {
      help?: boolean;
    };
    if (values.help) {
      process.stdout.write(usage + '\n');
      return { exit: 0 };
    }
    return { args: read(values) };
  } catch (e) {
    process.stderr.write(`${name}: ${(e as Error).message}\n${usage}\n`);
    return { exit: 2 };
  }
}
