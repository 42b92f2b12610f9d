/**
 * Building the frozen index of units: MiniSearch indexes them (tokenising with our options, counting term frequencies
 * and field lengths) a chunk at a time; each chunk is frozen into typed arrays (miniSearchAdapter.ts) and the chunks
 * merged into one segment (postings.ts). Chunks keep MiniSearch's Maps small: built whole, its ~7 million posting
 * entries make every garbage collection walk a heap of hundreds of megabytes. The phrase index (phraseIndex.ts) is
 * made in the same pass over the texts.
 *
 * At archive scale the units are split between worker threads (buildWorker.ts), one per core, each indexing its
 * range the same way; the ranges are consecutive, so merging their chunks gives exactly the index one thread would
 * build. A worker that fails (it should not) is logged and its range indexed here, with the same result.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import type { Post } from '../corpus/types';
import { createMiniSearch, freezeMiniSearch, type FrozenMiniSearch } from './miniSearchAdapter';
import { FIELDS } from './miniSearchOptions';
import { PhraseIndex, PhraseIndexBuilder } from './phraseIndex';
import { Postings } from './postings';
import type { Segment } from './segments';
import type { SearchUnit } from './units';
import type { UnitTable } from './unitTable';

/** Units per MiniSearch chunk. */
const CHUNK_UNITS = 16_384;
/** Below this many units one thread builds faster than starting workers. */
const PARALLEL_MIN_UNITS = 40_000;

/** A segment's parts before merging: frozen MiniSearch chunks and the phrase index of the same units. */
export interface SegmentParts {
  chunks: FrozenMiniSearch[];
  phrases: PhraseIndex;
}

/** Indexes `count` units starting at `firstUnit`; `documentAt(n)` gives unit n as MiniSearch reads it. */
export function indexDocuments(firstUnit: number, count: number, documentAt: (n: number) => SearchUnit): SegmentParts {
  const phrases = new PhraseIndexBuilder(firstUnit);
  const chunks: FrozenMiniSearch[] = [];
  const end = firstUnit + count;
  for (let start = firstUnit; start < end; start += CHUNK_UNITS) {
    const miniSearch = createMiniSearch();
    for (let n = start; n < Math.min(end, start + CHUNK_UNITS); n++) {
      const doc = documentAt(n);
      miniSearch.add(doc);
      phrases.add(doc.text);
    }
    chunks.push(freezeMiniSearch(miniSearch, FIELDS));
  }
  if (chunks.length === 0) chunks.push({ ...freezeMiniSearch(createMiniSearch(), FIELDS), firstId: firstUnit });
  return { chunks, phrases: phrases.finish() };
}

function segmentOf(parts: readonly SegmentParts[]): Segment {
  return { postings: Postings.merge(parts.flatMap((p) => p.chunks)), phrases: PhraseIndex.merge(parts.map((p) => p.phrases)) };
}

/** The unit as MiniSearch reads it: its text read once, here, and not again for the phrase index. */
function documentOf(table: UnitTable, n: number): SearchUnit {
  const unit = table.unit(n);
  // The id and position are not indexed (MiniSearch's id field is `n`).
  return { n, id: '', kind: unit.kind, post: unit.post, author: unit.author, position: null, titled: unit.titled, text: unit.text };
}

/** Indexes units from … to - 1 of the table into one segment, in this thread. */
export function buildSegment(table: UnitTable, from: number, to: number): Segment {
  return segmentOf([indexDocuments(from, to - from, (n) => documentOf(table, n))]);
}

/**
 * What a worker needs to index a range of units: their texts as UTF-8 (one buffer, offsets per unit) and the few
 * other fields MiniSearch's options read (kind, title of a post's first passage, author).
 */
export interface WorkerJob {
  firstUnit: number;
  count: number;
  text: Uint8Array;
  offsets: Uint32Array;
  kinds: Uint8Array;
  titled: Uint8Array;
  titles: Array<string | null>;
  authors: Array<string | null>;
}

function jobOf(table: UnitTable, from: number, to: number): WorkerJob {
  const count = to - from;
  const texts: Buffer[] = [];
  const offsets = new Uint32Array(count + 1);
  const kinds = new Uint8Array(count);
  const titled = new Uint8Array(count);
  const titles = new Array<string | null>(count).fill(null);
  const authors = new Array<string | null>(count).fill(null);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const doc = documentOf(table, from + i);
    const text = Buffer.from(doc.text, 'utf8');
    texts.push(text);
    bytes += text.length;
    offsets[i + 1] = bytes;
    kinds[i] = doc.kind === 'comment' ? 1 : 0;
    titled[i] = doc.titled ? 1 : 0;
    if (doc.titled) titles[i] = doc.post.title;
    authors[i] = doc.author;
  }
  // A buffer of its own (not a slice of Node's pool), so it can be handed to the worker without a copy.
  const text = new Uint8Array(bytes);
  let at = 0;
  for (const t of texts) {
    text.set(t, at);
    at += t.length;
  }
  return { firstUnit: from, count, text, offsets, kinds, titled, titles, authors };
}

/** Unit firstUnit + i of a job, as MiniSearch reads it (in a worker, without the archive). */
export function jobDocument(job: WorkerJob, n: number): SearchUnit {
  const i = n - job.firstUnit;
  const text = Buffer.from(job.text.buffer, job.text.byteOffset, job.text.byteLength).toString('utf8', job.offsets[i], job.offsets[i + 1]);
  const post = { title: job.titles[i] } as Post;
  return {
    n,
    id: '',
    kind: job.kinds[i] === 1 ? 'comment' : 'post',
    post,
    author: job.authors[i],
    position: null,
    titled: job.titled[i] === 1,
    text,
  };
}

interface WorkerResult {
  chunks: FrozenMiniSearch[];
  phrases: { header: { keyCount: number; firstUnit: number }; arrays: Record<string, Uint32Array | Uint8Array> };
}

/** The worker's result back in this thread. */
function partsOf(result: WorkerResult): SegmentParts {
  return { chunks: result.chunks, phrases: PhraseIndex.fromSections(result.phrases.header, '', (name) => result.phrases.arrays[name]) };
}

/**
 * Workers start from source like the bot does (npm start runs TypeScript through tsx): a line of JavaScript registers
 * tsx's require hook in the worker, then loads buildWorker.ts.
 */
const WORKER_BOOTSTRAP = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(path.join(__dirname, 'buildWorker.ts'))});`;

function runWorker(job: WorkerJob): Promise<SegmentParts> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: job,
      transferList: [job.text.buffer as ArrayBuffer, job.offsets.buffer as ArrayBuffer],
    });
    worker.once('message', (result: WorkerResult) => resolve(partsOf(result)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`index worker exited with status ${code}`)));
  });
}

export interface ParallelOptions {
  logger?: Logger;
  /** Ranges smaller than this are indexed in this thread (default PARALLEL_MIN_UNITS). */
  minUnits?: number;
  /** Worker threads (default: one per core, at most four). */
  threads?: number;
}

/**
 * Indexes units from … to - 1 into one segment: in worker threads when the range is large and workers can run,
 * else in this thread. A worker that fails is logged and its range indexed here.
 */
export async function buildSegmentParallel(table: UnitTable, from: number, to: number, options: ParallelOptions = {}): Promise<Segment> {
  const logger = options.logger ?? silentLogger;
  const threads = options.threads ?? Math.min(4, os.availableParallelism());
  if (to - from < (options.minUnits ?? PARALLEL_MIN_UNITS) || threads < 2) return buildSegment(table, from, to);
  const size = Math.ceil((to - from) / threads);
  const ranges = Array.from({ length: threads }, (_, i) => [from + i * size, Math.min(to, from + (i + 1) * size)] as const).filter(
    ([a, b]) => b > a,
  );
  const parts = await Promise.all(
    ranges.map(([a, b]) =>
      runWorker(jobOf(table, a, b)).catch((e: unknown) => {
        logger.warn('an index worker failed; indexing its units in the main thread', { err: e, from: a, to: b });
        return indexDocuments(a, b - a, (n) => documentOf(table, n));
      }),
    ),
  );
  return segmentOf(parts);
}
