/**
 * A worker thread of the index build (see indexBuilder.ts): indexes the range of units it is given and sends back the
 * frozen chunks and phrase index, their arrays moved rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexDocuments, jobDocument, type WorkerJob } from './indexBuilder';

const job = workerData as WorkerJob;
const parts = indexDocuments(job.firstUnit, job.count, (n) => jobDocument(job, n));
const phrases = parts.phrases.toSections('');
const arrays = [...parts.chunks.flatMap((c) => [c.listStart, c.docs, c.tfs, c.fieldLength]), ...Object.values(phrases.arrays)];
// Only arrays that own their whole buffer can move; small ones from Node's shared pool are copied.
const transfer = arrays.filter((a) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength).map((a) => a.buffer as ArrayBuffer);
parentPort!.postMessage({ chunks: parts.chunks, phrases }, [...new Set(transfer)]);
