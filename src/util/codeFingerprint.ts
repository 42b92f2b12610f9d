/**
 * A hash of the code a cache was made by. A cache keyed only by its input (the archive) would be served after an
 * upgrade that changed how that input is processed (the parser, the tokenizer, the stemmer, the index layout), and
 * quietly give wrong results; keyed also by this, an upgrade rebuilds it instead. Cheap: a few dozen small files, hashed
 * once per process by each cache module (it keeps the result in a constant).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..');

/** Version of an installed package, found from its resolved entry point (its package.json is often not exported). */
export function installedVersion(pkg: string): string {
  try {
    let dir = path.dirname(require.resolve(pkg));
    while (dir !== path.dirname(dir)) {
      const candidate = path.join(dir, 'package.json');
      if (existsSync(candidate)) {
        const json = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
        if (json.name === pkg && json.version) return json.version;
      }
      dir = path.dirname(dir);
    }
  } catch {
    // Not resolvable: "unknown" is still a stable value.
  }
  return 'unknown';
}

/**
 * The sources of the given folders of src/ (e.g. `['text', 'search']`) and the versions of the given packages.
 * If the sources cannot be read (an unusual install), only the package versions count.
 */
export function codeFingerprint(folders: readonly string[], packages: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const folder of folders) {
    try {
      for (const file of readdirSync(path.join(SRC, folder)).sort()) {
        if (/\.(ts|js)$/.test(file)) hash.update(`${folder}/${file}\0`).update(readFileSync(path.join(SRC, folder, file)));
      }
    } catch {
      hash.update(`${folder}: unreadable\0`);
    }
  }
  for (const pkg of packages) hash.update(`${pkg}@${installedVersion(pkg)}\0`);
  return hash.digest('hex');
}
