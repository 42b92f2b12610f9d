import path from 'node:path';
import type { CliContext } from './types';

/**
 * Where CLI subcommands keep their caches: `--cache-dir` when given, else the bot's own (DATA_DIR/index, default
 * data/index), so the command line and the bot build the parsed archive, index and statistics once between them.
 */
export function cliCacheDir(ctx: CliContext): string {
  const option = ctx.options['cache-dir'];
  return typeof option === 'string' && option.trim() ? path.resolve(option) : path.resolve(process.env.DATA_DIR?.trim() || 'data', 'index');
}
