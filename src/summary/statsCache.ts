/**
 * Corpus statistics kept on disk between runs. Counting terms over the full archive takes seconds (every one of ~11
 * million words is read, each distinct spelling stemmed); reading them back takes a fraction of that. The file is tied to the exact
 * archive text by a hash, and to the term processing by a version, so a stale file is rebuilt rather than trusted.
 */
import { createHash } from 'node:crypto';
import type { Archive } from '../corpus/types';
import { silentLogger, type Logger } from '../log';
import { codeFingerprint } from '../util/codeFingerprint';
import { DamagedFileError, readChecksummedFile, writeChecksummedFile } from '../util/writeFileAtomic';
import { buildCorpusStatsAsync, threadTexts } from './corpusStats';
import type { CorpusStats } from './corpusStats';

export const STATS_CACHE_FILE_NAME = 'corpus-stats.json';
/** Bump when the counting changes (what a document is, which texts count). */
const STATS_FORMAT = 'archive-bot/corpus-stats/1';
/** What turns threads into counted terms: the tokenizer, stop words and stemmer (src/text) and the counting (src/summary). */
const CODE_FINGERPRINT = codeFingerprint(['text', 'summary'], ['wink-porter2-stemmer']);

interface StatsFile {
  format: string;
  hash: string;
  documents: number;
  terms: [string, number][];
}

/** A hash of everything the stats depend on: every readable text of every thread, and the term processing. */
function hashArchiveText(archive: Pick<Archive, 'posts' | 'fingerprint'>): string {
  const hash = createHash('sha256');
  // The code that counts (tokenizer, stop words, stemmer, counting) is part of the key: an upgrade recounts.
  hash.update(`${STATS_FORMAT}\0${CODE_FINGERPRINT}\0${archive.posts.length}\0`);
  // A fingerprinted archive (files + parser) stands for its text: no need to read 60 MB to know it is the same.
  if (archive.fingerprint) return hash.update(`fingerprint:${archive.fingerprint}`).digest('hex');
  for (const post of archive.posts) {
    hash.update(post.id);
    for (const text of threadTexts(post)) {
      hash.update('\0');
      hash.update(text);
    }
    hash.update('\u0001');
  }
  return hash.digest('hex');
}

export interface LoadOrBuildStatsResult {
  stats: CorpusStats;
  /** True when counted afresh (no usable file), false when read from the file. */
  built: boolean;
  /** Why it was counted afresh; null when read. */
  reason: string | null;
  ms: number;
}

async function readStats(file: string, hash: string): Promise<CorpusStats | string> {
  let content: string;
  try {
    content = (await readChecksummedFile(file)).toString('utf8');
  } catch (e) {
    return e instanceof DamagedFileError ? `cache corrupt (${e.message})` : 'no cache';
  }
  try {
    const parsed = JSON.parse(content) as Partial<StatsFile>;
    if (parsed.format !== STATS_FORMAT) return 'format changed';
    if (parsed.hash !== hash) return 'archive changed';
    if (typeof parsed.documents !== 'number' || !Array.isArray(parsed.terms)) return 'unreadable cache';
    return { documents: parsed.documents, documentFrequency: new Map(parsed.terms) };
  } catch {
    return 'unreadable cache';
  }
}

/**
 * Reads the stats from `file` when it matches the archive, else counts them (yielding to the event loop while doing
 * so) and writes the file for next time. A file that cannot be written costs a warning, never the stats.
 */
export async function loadOrBuildCorpusStats(
  archive: Pick<Archive, 'posts' | 'fingerprint'>,
  file: string,
  logger: Logger = silentLogger,
): Promise<LoadOrBuildStatsResult> {
  const started = performance.now();
  const hash = hashArchiveText(archive);
  const cached = await readStats(file, hash);
  if (typeof cached !== 'string') return { stats: cached, built: false, reason: null, ms: performance.now() - started };
  if (cached.startsWith('cache corrupt') || cached === 'unreadable cache')
    logger.warn('corpus stats cache unusable, counting again', { reason: cached, file });
  const stats = await buildCorpusStatsAsync(archive);
  const body: StatsFile = { format: STATS_FORMAT, hash, documents: stats.documents, terms: [...stats.documentFrequency] };
  try {
    await writeChecksummedFile(file, [JSON.stringify(body)]);
  } catch (error) {
    logger.warn('could not write the corpus stats cache; they will be counted again next start', { file, err: error });
  }
  return { stats, built: true, reason: cached, ms: performance.now() - started };
}
