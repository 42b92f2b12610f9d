/**
 * Fast start: the built index is serialised to `<cacheDir>/search-index.bin` (a JSON header line, then a V8 snapshot
 * of the index: see indexSnapshot.ts for why not MiniSearch's JSON) with the header holding a hash of
 * everything the index was made from (the units' ids, texts and titles, the index format version and MiniSearch's
 * version). A cache whose hash matches is loaded; anything else (no cache, archive changed, format changed, a corrupt
 * or truncated file) is rebuilt, with the reason logged. Writes go to a temp file renamed into place, so a crash
 * mid-write never leaves a half file where the next start would read it.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { codeFingerprint, installedVersion } from '../util/codeFingerprint';
import { readChecksummedFile, writeChecksummedFile } from '../util/writeFileAtomic';
import path from 'node:path';
import type MiniSearch from 'minisearch';
import type { Archive } from '../corpus/types';
import { silentLogger, type Logger } from '../log';
import { createMiniSearch, INDEX_FORMAT_VERSION } from './miniSearchOptions';
import { restoreIndex, serialiseIndex } from './indexSnapshot';
import { SearchIndex, type SearchIndexOptions } from './searchIndex';
import { buildUnits, type SearchUnit } from './units';

export const CACHE_FILE_NAME = 'search-index.bin';
const CACHE_FORMAT = 'archive-bot-search-index-v8';
const MINISEARCH_VERSION = installedVersion('minisearch');
/** What turns units into index entries: the tokenizer and stemmer (src/text), the units and options (src/search). */
const CODE_FINGERPRINT = codeFingerprint(['text', 'search'], ['minisearch', 'wink-porter2-stemmer']);

interface CacheHeader {
  format: string;
  version: number;
  minisearch: string;
  hash: string;
  units: number;
  builtAt: string;
}

export interface LoadOrBuildOptions extends SearchIndexOptions {
  /** Folder for the cache file (created if missing). */
  cacheDir: string;
  logger?: Logger;
  /** For tests: the clock stamped into the header. */
  now?: () => Date;
}

export interface LoadOrBuildResult {
  index: SearchIndex;
  /** True when the index was built (no usable cache), false when it was loaded. */
  built: boolean;
  /** Wall time of the load or build, in milliseconds. */
  ms: number;
  /** Why it was built, when it was ("no cache", "archive changed", ...); null when loaded. */
  reason: string | null;
}

/** A hash of everything the serialised index depends on. */
function hashUnits(units: readonly SearchUnit[]): string {
  const hash = createHash('sha256');
  hash.update(`${CACHE_FORMAT}\0${INDEX_FORMAT_VERSION}\0${CODE_FINGERPRINT}\0${units.length}\0`);
  for (const unit of units) {
    hash.update(unit.id);
    hash.update('\0');
    if (unit.titled) hash.update(unit.post.title ?? '');
    hash.update('\0');
    hash.update(unit.text);
    hash.update('\u0001');
  }
  return hash.digest('hex');
}

/** The cache key for an archive known by its fingerprint: the same inputs as hashUnits, named instead of read. */
function hashFingerprint(fingerprint: string, unitCount: number): string {
  return createHash('sha256').update(`${CACHE_FORMAT}\0${INDEX_FORMAT_VERSION}\0${CODE_FINGERPRINT}\0${unitCount}\0fingerprint:${fingerprint}`).digest('hex');
}

/** Reads just the header line (the index itself can be tens of megabytes). */
async function readHeader(file: string): Promise<CacheHeader | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const newline = text.indexOf('\n');
    if (newline < 0) throw new Error('no header line');
    return JSON.parse(text.slice(0, newline)) as CacheHeader;
  } finally {
    await handle.close();
  }
}

function staleReason(header: CacheHeader, hash: string, unitCount: number): string | null {
  if (header.format !== CACHE_FORMAT) return 'not a search index cache';
  if (header.version !== INDEX_FORMAT_VERSION) return `index format changed (${header.version} → ${INDEX_FORMAT_VERSION})`;
  if (header.minisearch !== MINISEARCH_VERSION) return `MiniSearch version changed (${header.minisearch} → ${MINISEARCH_VERSION})`;
  if (header.hash !== hash || header.units !== unitCount) return 'archive changed';
  return null;
}

async function loadCached(file: string, units: readonly SearchUnit[]): Promise<MiniSearch<SearchUnit>> {
  // The checksum covers the header and the index: flipped bytes inside the index throw here and it is rebuilt.
  const content = await readChecksummedFile(file);
  const newline = content.indexOf(0x0a);
  if (newline < 0) throw new Error('no header line');
  const miniSearch = restoreIndex(createMiniSearch(), content.subarray(newline + 1));
  if (miniSearch.documentCount !== units.length) {
    throw new Error(`holds ${miniSearch.documentCount} units, the archive has ${units.length}`);
  }
  return miniSearch;
}

/** Writes the cache atomically (see writeFileAtomic): the header line, then the index snapshot, then the checksum. */
async function writeCache(file: string, header: CacheHeader, miniSearch: MiniSearch<SearchUnit>): Promise<void> {
  await writeChecksummedFile(file, [JSON.stringify(header) + '\n', serialiseIndex(miniSearch)]);
}

/**
 * The index of an archive, from the cache when it matches the archive, otherwise built (and the cache rewritten).
 * A cache that cannot be written is logged and skipped: the bot still runs, it just builds again next start.
 */
export async function loadOrBuildSearchIndex(archive: Archive, options: LoadOrBuildOptions): Promise<LoadOrBuildResult> {
  const logger = (options.logger ?? silentLogger).child({ component: 'search-index' });
  const started = performance.now();
  const file = path.join(options.cacheDir, CACHE_FILE_NAME);
  const units = buildUnits(archive);
  // The archive's fingerprint (files + parser) stands for its text when known; otherwise hash the texts themselves.
  const hash = archive.fingerprint ? hashFingerprint(archive.fingerprint, units.length) : hashUnits(units);

  let reason: string;
  let header: CacheHeader | null = null;
  try {
    header = await readHeader(file);
    reason = header === null ? 'no cache' : (staleReason(header, hash, units.length) ?? '');
  } catch (e) {
    reason = `cache corrupt (${(e as Error).message})`;
  }
  if (reason === '') {
    try {
      const miniSearch = await loadCached(file, units);
      const ms = Math.round(performance.now() - started);
      logger.info('search index loaded from cache', { ms, units: units.length, file });
      return { index: new SearchIndex(miniSearch, units, archive, options), built: false, ms, reason: null };
    } catch (e) {
      reason = `cache corrupt (${(e as Error).message})`;
    }
  }
  if (reason.startsWith('cache corrupt')) logger.warn('search index cache unusable, rebuilding', { reason, file });
  else logger.info('building search index', { reason, units: units.length });

  const miniSearch = createMiniSearch();
  // Synchronous: this runs before the bot logs in, so there is nothing to yield to.
  miniSearch.addAll(units);
  const buildMs = Math.round(performance.now() - started);
  const index = new SearchIndex(miniSearch, units, archive, options);
  try {
    const writeStarted = performance.now();
    const now = (options.now ?? (() => new Date()))();
    await writeCache(file, { format: CACHE_FORMAT, version: INDEX_FORMAT_VERSION, minisearch: MINISEARCH_VERSION, hash, units: units.length, builtAt: now.toISOString() }, miniSearch);
    logger.info('search index built and cached', { ms: buildMs, writeMs: Math.round(performance.now() - writeStarted), units: units.length, reason, file });
  } catch (e) {
    logger.warn('search index built but the cache could not be written', { ms: buildMs, file, err: e });
  }
  return { index, built: true, ms: buildMs, reason };
}
