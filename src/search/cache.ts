/**
 * Fast start: the built index is written to `<cacheDir>/search-index.bin` as a file of typed arrays (one JSON header
 * line, then the unit table, the postings and the phrase index; see util/sections.ts), so a restart reads a few
 * large blocks instead of rebuilding millions of objects. The header holds a hash of everything the index was made
 * from (the archive's fingerprint, or its texts when it has none; the code and format that made the index; MiniSearch's
 * version). A cache whose hash matches is loaded; anything else (no cache, archive changed, format changed, a corrupt
 * or truncated file, a checksum that does not hold) is rebuilt, with the reason logged. Writes go to a temp file
 * renamed into place, so a crash mid-write never leaves a half file where the next start would read it.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Archive } from '../corpus/types';
import { silentLogger, type Logger } from '../log';
import { codeFingerprint } from '../util/codeFingerprint';
import { decodeSections, encodeSections, type SectionArray } from '../util/sections';
import { readChecksummedFile, writeChecksummedFile } from '../util/writeFileAtomic';
import { MINISEARCH_VERSION } from './miniSearchAdapter';
import { INDEX_FORMAT_VERSION } from './miniSearchOptions';
import { PhraseIndex } from './phraseIndex';
import { Postings, type PostingsHeader } from './postings';
import { buildIndexDataAsync } from './buildIndex';
import { SearchIndex } from './searchIndex';
import type { IndexData, SearchIndexOptions } from './searchTypes';
import { UnitTable, type UnitTableHeader } from './unitTable';

export const CACHE_FILE_NAME = 'search-index.bin';
const CACHE_FORMAT = 'archive-bot-search-index-frozen/1';
/** What turns units into index entries: the tokenizer and stemmer (src/text), the units and options (src/search). */
const CODE_FINGERPRINT = codeFingerprint(['text', 'search'], ['minisearch', 'wink-porter2-stemmer']);

interface CacheHeader {
  format: string;
  version: number;
  minisearch: string;
  hash: string;
  units: number;
  builtAt: string;
  table: UnitTableHeader;
  segments: Array<{ postings: PostingsHeader; phrases: { keyCount: number; firstUnit: number } }>;
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

/** A hash of everything the index depends on in the archive: every post's texts, in order. */
function hashArchive(archive: Pick<Archive, 'posts'>): string {
  const hash = createHash('sha256');
  hash.update(`${CACHE_FORMAT}\0${INDEX_FORMAT_VERSION}\0${CODE_FINGERPRINT}\0${archive.posts.length}\0`);
  for (const post of archive.posts) {
    hash.update(`${post.id}\0${post.title ?? ''}\0${post.date ?? ''}\0`);
    hash.update(post.body);
    for (const c of post.comments) {
      hash.update(`\0${c.id}\0${c.removed ? 1 : 0}\0${c.author ?? ''}\0`);
      hash.update(c.text);
    }
    hash.update('\u0001');
  }
  return hash.digest('hex');
}

/** The cache key for an archive known by its fingerprint (its files and the parser that read them). */
function hashFingerprint(fingerprint: string, posts: number): string {
  return createHash('sha256')
    .update(`${CACHE_FORMAT}\0${INDEX_FORMAT_VERSION}\0${CODE_FINGERPRINT}\0${posts}\0fingerprint:${fingerprint}`)
    .digest('hex');
}

/** Reads just the header line (the index itself is tens of megabytes). */
async function readHeader(file: string): Promise<CacheHeader | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const chunk = 64 * 1024;
    let text = '';
    for (let position = 0; ; position += chunk) {
      const buffer = Buffer.alloc(chunk);
      const { bytesRead } = await handle.read(buffer, 0, chunk, position);
      text += buffer.subarray(0, bytesRead).toString('latin1');
      const newline = text.indexOf('\n');
      if (newline >= 0)
        return (JSON.parse(Buffer.from(text.slice(0, newline), 'latin1').toString('utf8')) as { header: CacheHeader }).header;
      if (bytesRead < chunk) throw new Error('no header line');
    }
  } finally {
    await handle.close();
  }
}

function staleReason(header: CacheHeader, hash: string): string | null {
  if (header.format !== CACHE_FORMAT) return 'not a search index cache';
  if (header.version !== INDEX_FORMAT_VERSION) return `index format changed (${header.version} → ${INDEX_FORMAT_VERSION})`;
  if (header.minisearch !== MINISEARCH_VERSION) return `MiniSearch version changed (${header.minisearch} → ${MINISEARCH_VERSION})`;
  if (header.hash !== hash) return 'archive changed';
  return null;
}

async function loadCached(file: string, archive: Pick<Archive, 'posts'>): Promise<IndexData> {
  // The checksum covers the header and the arrays: flipped bytes anywhere throw here and the index is rebuilt.
  const sections = decodeSections<CacheHeader>(await readChecksummedFile(file));
  const header = sections.header;
  const array = (name: string) => sections.any(name);
  const table = UnitTable.fromSections(header.table, 't.', array, archive.posts);
  const segments = header.segments.map((segment, s) => ({
    postings: Postings.fromSections(segment.postings, `s${s}.`, array),
    phrases: PhraseIndex.fromSections(segment.phrases, `s${s}.`, array),
  }));
  if (table.size !== header.units) throw new Error(`holds ${table.size} units, its header says ${header.units}`);
  return { table, segments };
}

/** Writes the cache atomically (see writeFileAtomic): the header line, the arrays, then the checksum. */
async function writeCache(file: string, header: Omit<CacheHeader, 'table' | 'segments'>, data: IndexData): Promise<void> {
  const arrays: Record<string, SectionArray> = {};
  const table = data.table.toSections('t.');
  Object.assign(arrays, table.arrays);
  const segments = data.segments.map((segment, s) => {
    const postings = segment.postings.toSections(`s${s}.`);
    const phrases = segment.phrases.toSections(`s${s}.`);
    Object.assign(arrays, postings.arrays, phrases.arrays);
    return { postings: postings.header, phrases: phrases.header };
  });
  await writeChecksummedFile(file, encodeSections({ ...header, table: table.header, segments }, arrays));
}

/**
 * The index of an archive, from the cache when it matches the archive, otherwise built (and the cache rewritten).
 * A cache that cannot be written is logged and skipped: the bot still runs, it just builds again next start.
 */
export async function loadOrBuildSearchIndex(archive: Archive, options: LoadOrBuildOptions): Promise<LoadOrBuildResult> {
  const logger = (options.logger ?? silentLogger).child({ component: 'search-index' });
  const started = performance.now();
  const file = path.join(options.cacheDir, CACHE_FILE_NAME);
  // The archive's fingerprint (files + parser) stands for its text when known; otherwise hash the texts themselves.
  const hash = archive.fingerprint ? hashFingerprint(archive.fingerprint, archive.posts.length) : hashArchive(archive);

  let reason: string;
  let header: CacheHeader | null = null;
  try {
    header = await readHeader(file);
    reason = header === null ? 'no cache' : (staleReason(header, hash) ?? '');
  } catch (e) {
    reason = `cache corrupt (${(e as Error).message})`;
  }
  if (reason === '') {
    try {
      const data = await loadCached(file, archive);
      const index = new SearchIndex(data, options);
      const ms = Math.round(performance.now() - started);
      logger.info('search index loaded from cache', { ms, units: index.size, file });
      return { index, built: false, ms, reason: null };
    } catch (e) {
      reason = `cache corrupt (${(e as Error).message})`;
    }
  }
  if (reason.startsWith('cache corrupt')) logger.warn('search index cache unusable, rebuilding', { reason, file });
  else logger.info('building search index', { reason, posts: archive.posts.length });

  const data = await buildIndexDataAsync(archive, { logger });
  const index = new SearchIndex(data, options);
  const buildMs = Math.round(performance.now() - started);
  try {
    const writeStarted = performance.now();
    const now = (options.now ?? (() => new Date()))();
    await writeCache(
      file,
      {
        format: CACHE_FORMAT,
        version: INDEX_FORMAT_VERSION,
        minisearch: MINISEARCH_VERSION,
        hash,
        units: index.size,
        builtAt: now.toISOString(),
      },
      data,
    );
    logger.info('search index built and cached', {
      ms: buildMs,
      writeMs: Math.round(performance.now() - writeStarted),
      units: index.size,
      reason,
      file,
    });
  } catch (e) {
    logger.warn('search index built but the cache could not be written', { ms: buildMs, file, err: e });
  }
  return { index, built: true, ms: buildMs, reason };
}
