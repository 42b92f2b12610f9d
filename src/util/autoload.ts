/**
 * The one autoloader: the bot's slash commands (`commands/`) and the CLI's subcommands (`src/cli/commands/`) are the
 * modules of a folder, so adding one touches no shared list. A module is a `name.ts` (or `.js`) file or a `name/`
 * folder with an `index.ts` (as the discord.js guide allows), and is kept when `accept` recognises its exports.
 *
 * Loading is synchronous (the command list is needed by sync callers such as /help and deploy-commands) through a
 * `require` made for this file with `createRequire`: the TypeScript loaders (tsx, ts-jest) hook it like any require.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const loadModule = createRequire(__filename);

const SOURCE = /\.(ts|js)$/;

/** The entry file of a folder module, or null when the folder is not one (tests, fixtures, notes). */
function folderEntry(dir: string): string | null {
  for (const index of ['index.ts', 'index.js']) if (existsSync(path.join(dir, index))) return path.join(dir, index);
  return null;
}

/** The module files of `dir`, in name order: `x.ts` files (not `.d.ts`) and folders holding an index. */
export function moduleFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      const entry = folderEntry(full);
      if (entry) files.push(entry);
    } else if (SOURCE.test(name) && !name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/**
 * Loads each module of `dir` and returns those `accept` recognises (narrowed to T), with their file. `onSkip` is told
 * about the others (a helper file that is not a command, say).
 */
export function autoload<T>(
  dir: string,
  accept: (mod: unknown) => mod is T,
  onSkip?: (file: string) => void,
): { file: string; module: T }[] {
  const loaded: { file: string; module: T }[] = [];
  for (const file of moduleFiles(dir)) {
    const mod: unknown = loadModule(file);
    if (accept(mod)) loaded.push({ file, module: mod });
    else onSkip?.(path.relative(dir, file));
  }
  return loaded;
}
