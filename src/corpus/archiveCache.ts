/**
 * The parsed archive kept on disk between runs, so a restart does not parse 60 MB of export again.
 *
 * Parsing the full archive (4,500 files) takes seconds; reading back a V8 snapshot of the parsed posts takes a
 * fraction of that, and start-up is what a restart or a crash-loop costs the server. The snapshot is tied to the
 * folder's listing (every file's name, size, modification and change time and inode), to the link base, and to the
 * parser itself (a hash of src/corpus's source), so any change there re-parses rather than serving stale posts.
 * Size and modification time alone (what make and tsc judge by) miss a same-length edit whose modification time was
 * put back (`touch -r`); the change time cannot be put back, and a save by rename brings a new inode. The snapshot
 * itself carries a checksum (writeChecksummedFile), so damaged bytes are re-parsed, not served. Problems found when
 * parsing are kept in the snapshot and reported again on every start.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { silentLogger, type Logger } from '../log';
import { codeFingerprint } from '../util/codeFingerprint';
import { DamagedFileError, readChecksummedFile, writeChecksummedFile } from '../util/writeFileAtomic';
import { DEFAULT_BLOG_URL } from './postLink';
import { loadArchive } from './loadArchive';
import type { Archive } from './types';

export const ARCHIVE_CACHE_FILE_NAME = 'archive.bin';
const CACHE_FORMAT = 'archive-bot-archive-v8/1';

/** The parser's own source: a changed parser must never be served an old parse. */
const PARSER_FINGERPRINT = codeFingerprint(['corpus']);

export interface CachedArchiveOptions {
  /** Folder for the snapshot (created if missing). */
  cacheDir: string;
  blogUrl?: string | null;
  logger?: Logger;
}

export interface CachedArchiveResult {
  archive: Archive;
  fromCache: boolean;
  ms: number;
  /** Why it was parsed, when it was ("no cache", "archive files changed", ...); null when read from the cache. */
  reason: string | null;
}

/** Name, size, times and inode of every file the loader would read: cheap to gather, changes with any edit. */
async function folderFingerprint(dir: string, blogUrl: string | null): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${CACHE_FORMAT}\0${PARSER_FINGERPRINT}\0${path.resolve(dir)}\0${blogUrl ?? ''}\0`);
  await hashListing(hash, dir, true);
  return hash.digest('hex');
}

/** Every entry's name, size, times and inode; a Blogger import folder inside the archive is listed too (its posts are loaded). */
async function hashListing(hash: ReturnType<typeof createHash>, dir: string, descend: boolean): Promise<void> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  const stats = await Promise.all(names.map((n) => stat(path.join(dir, n)).catch(() => null)));
  for (let i = 0; i < names.length; i++) {
    const s = stats[i];
    hash.update(`${names[i]}\0${s ? `${s.size}\0${s.mtimeMs}\0${s.ctimeMs}\0${s.dev}:${s.ino}` : 'unreadable'}\u0001`);
    if (descend && s?.isDirectory()) {
      hash.update('{');
      await hashListing(hash, path.join(dir, names[i]), false).catch(() => hash.update('unlistable'));
      hash.update('}');
    }
  }
}

interface Snapshot {
  fingerprint: string;
  posts: Archive['posts'];
  problems: Archive['problems'];
}

async function readSnapshot(file: string, fingerprint: string): Promise<Snapshot | string> {
  let content: Buffer;
  try {
    content = await readChecksummedFile(file);
  } catch (e) {
    return e instanceof DamagedFileError ? `cache corrupt (${e.message})` : 'no cache';
  }
  try {
    const snapshot = v8.deserialize(content) as Partial<Snapshot>;
    if (!snapshot || !Array.isArray(snapshot.posts) || !Array.isArray(snapshot.problems)) return 'cache corrupt (not an archive snapshot)';
    if (snapshot.fingerprint !== fingerprint) return 'archive files or parser changed';
    return snapshot as Snapshot;
  } catch (e) {
    return `cache corrupt (${(e as Error).message})`;
  }
}

async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await writeChecksummedFile(file, [v8.serialize(snapshot)]);
}

/**
 * `loadArchive`, served from the snapshot when the folder and the parser are unchanged. Errors behave exactly as
 * `loadArchive`'s (a missing folder or an archive with no usable post throws ArchiveUnusableError); a snapshot that
 * cannot be read or written is logged and never stops the bot.
 */
export async function loadArchiveCached(dir: string, options: CachedArchiveOptions): Promise<CachedArchiveResult> {
  const logger = (options.logger ?? silentLogger).child({ component: 'archive-cache' });
  const blogUrl = options.blogUrl === undefined ? DEFAULT_BLOG_URL : options.blogUrl;
  const started = performance.now();
  const file = path.join(options.cacheDir, ARCHIVE_CACHE_FILE_NAME);
  let fingerprint: string | null = null;
  let reason = 'no cache';
  try {
    fingerprint = await folderFingerprint(dir, blogUrl);
  } catch {
    // The folder cannot be listed: loadArchive below reports it properly.
  }
  if (fingerprint) {
    const snapshot = await readSnapshot(file, fingerprint);
    if (typeof snapshot !== 'string') {
      const archive: Archive = { dir, posts: snapshot.posts, problems: snapshot.problems, fingerprint };
      const ms = Math.round(performance.now() - started);
      logger.info('archive loaded from cache', { dir, posts: archive.posts.length, problems: archive.problems.length, ms });
      return { archive, fromCache: true, ms, reason: null };
    }
    reason = snapshot;
    if (reason.startsWith('cache corrupt')) logger.warn('archive cache unusable, parsing the archive', { reason, file });
  }
  const archive: Archive = await loadArchive(dir, { blogUrl, logger: options.logger });
  if (fingerprint) {
    archive.fingerprint = fingerprint;
    try {
      await writeSnapshot(file, { fingerprint, posts: archive.posts, problems: archive.problems });
    } catch (e) {
      logger.warn('archive parsed but its cache could not be written', { file, err: e });
    }
  }
  return { archive, fromCache: false, ms: Math.round(performance.now() - started), reason };
}
