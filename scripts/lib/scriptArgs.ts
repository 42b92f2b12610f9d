/** Number options shared by the scripts' command lines (bench, gen-archive): one wording for every refusal. */
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
