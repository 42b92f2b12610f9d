/**
 * The parsed archive kept on disk between runs, so a restart does not parse 60 MB of export again.
 *
 * Parsing the full archive (4,500 files) takes seconds; reading back the compact store of the parsed posts
 * (archiveStore.ts: the texts as one UTF-8 block, the rest in typed-array columns) takes a few tens of milliseconds,
 * and start-up is what a restart or a crash-loop costs the server. A freshly parsed archive is served from the same
 * compact store, so the first start and a restart hold the same thing in memory. The snapshot is tied to the
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
import { silentLogger, type Logger } from '../log';
import { codeFingerprint } from '../util/codeFingerprint';
import { decodeSections, encodeSections, type SectionArray } from '../util/sections';
import { DamagedFileError, readChecksummedFile, writeChecksummedFile } from '../util/writeFileAtomic';
import { ArchiveStore, encodeArchiveStore, type ArchiveStoreHeader } from './archiveStore';
import { DEFAULT_BLOG_URL } from './postLink';
import { loadArchive } from './loadArchive';
import type { Archive } from './types';

export const ARCHIVE_CACHE_FILE_NAME = 'archive.bin';
const CACHE_FORMAT = 'archive-bot-archive-store/1';

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

/** The cache file's header line: what the archive is, and the compact store's own header (see archiveStore.ts). */
interface SnapshotHeader {
  format: string;
  fingerprint: string;
  problems: Archive['problems'];
  store: ArchiveStoreHeader;
}

interface Snapshot {
  store: ArchiveStore;
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
    const sections = decodeSections<SnapshotHeader>(content);
    const header = sections.header;
    if (!header || header.format !== CACHE_FORMAT || !Array.isArray(header.problems)) return 'cache corrupt (not an archive snapshot)';
    if (header.fingerprint !== fingerprint) return 'archive files or parser changed';
    return { store: new ArchiveStore(header.store, (name) => sections.any(name)), problems: header.problems };
  } catch (e) {
    return `cache corrupt (${(e as Error).message})`;
  }
}

/** The parsed archive in its compact form, written to `file` (atomically); the archive served from then on. */
async function storeAndWrite(file: string, fingerprint: string | null, archive: Archive, logger: Logger): Promise<Snapshot> {
  const { header: store, arrays } = encodeArchiveStore(archive.posts);
  if (fingerprint) {
    try {
      const header: SnapshotHeader = { format: CACHE_FORMAT, fingerprint, problems: archive.problems, store };
      await writeChecksummedFile(file, encodeSections(header, arrays));
    } catch (e) {
      logger.warn('archive parsed but its cache could not be written', { file, err: e });
    }
  }
  return { store: new ArchiveStore(store, (name) => sectionOf(arrays, name)), problems: archive.problems };
}

function sectionOf(arrays: Record<string, SectionArray>, name: string): SectionArray {
  const array = arrays[name];
  if (!array) throw new Error(`no section ${name}`);
  return array;
}

function servedArchive(dir: string, snapshot: Snapshot, fingerprint: string | null): Archive {
  const { store } = snapshot;
  const archive: Archive = { dir, posts: store.posts, problems: snapshot.problems, commentIndex: store };
  if (fingerprint) archive.fingerprint = fingerprint;
  return archive;
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
      const archive = servedArchive(dir, snapshot, fingerprint);
      const ms = Math.round(performance.now() - started);
      logger.info('archive loaded from cache', { dir, posts: archive.posts.length, problems: archive.problems.length, ms });
      return { archive, fromCache: true, ms, reason: null };
    }
    reason = snapshot;
    if (reason.startsWith('cache corrupt')) logger.warn('archive cache unusable, parsing the archive', { reason, file });
  }
  const parsed: Archive = await loadArchive(dir, { blogUrl, logger: options.logger });
  // Served from the compact store like a cached start, so the first start holds what a restart holds.
  const archive = servedArchive(dir, await storeAndWrite(file, fingerprint, parsed, logger), fingerprint);
  return { archive, fromCache: false, ms: Math.round(performance.now() - started), reason };
}
