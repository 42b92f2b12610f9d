/**
 * Holds a big import's records on disk instead of in memory: every record is appended to one of a few bucket files
 * chosen by its post id, so a post and all its comments land in the same bucket, and the folder writer can then
 * merge one bucket at a time. The full backup (~150,000 comments) would otherwise sit in the heap whole, well past the
 * import's memory target (docs/performance.md, "Figures behind code comments"); spooled, memory holds one bucket.
 *
 * Writes are synchronous through per-bucket buffers: the XML parser calls back synchronously, so there is no point
 * at which to wait for a stream to drain, and bounded buffers keep memory flat whatever the disk's speed.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { readRecords } from '../corpus/importedPost';
import type { Problem } from '../corpus/types';
import type { BloggerComment, BloggerPost, ItemPart } from './types';

const BUCKETS = 64;
const FLUSH_AT = 256 * 1024;

function bucketOf(postId: string): number {
  let h = 0;
  for (let i = 0; i < postId.length; i++) h = (h * 31 + postId.charCodeAt(i)) >>> 0;
  return h % BUCKETS;
}

export class Spool {
  posts = 0;
  comments = 0;
  private readonly fds: number[] = [];
  private readonly buffers: string[] = new Array<string>(BUCKETS).fill('');

  private constructor(readonly dir: string) {
    for (let i = 0; i < BUCKETS; i++) this.fds.push(openSync(this.file(i), 'w'));
  }

  /** A spool in a new folder named `<prefix>XXXXXX` (put it beside the import folder: same disk, cleaned on recovery). */
  static async create(prefix: string): Promise<Spool> {
    return new Spool(await mkdtemp(prefix));
  }

  private file(i: number): string {
    return path.join(this.dir, `bucket-${i}.jsonl`);
  }

  add(record: BloggerPost | BloggerComment): void {
    if (record.type === 'post') this.posts++;
    else this.comments++;
    const b = bucketOf(record.postId);
    this.buffers[b] += JSON.stringify(record) + '\n';
    if (this.buffers[b].length >= FLUSH_AT) this.flush(b);
  }

  private flush(b: number): void {
    if (this.buffers[b]) writeSync(this.fds[b], this.buffers[b]);
    this.buffers[b] = '';
  }

  /** Writes what is buffered and closes the bucket files; call once, after the last `add`. */
  finish(): void {
    for (let b = 0; b < BUCKETS; b++) {
      if (this.fds[b] === -1) continue;
      this.flush(b);
      closeSync(this.fds[b]);
      this.fds[b] = -1;
    }
  }

  /** The records bucket by bucket, in the order they were added. */
  async *parts(): AsyncIterable<ItemPart> {
    for (let b = 0; b < BUCKETS; b++) {
      const problems: Problem[] = [];
      const part: ItemPart = { posts: [], comments: [] };
      for (const { record } of readRecords(`spool ${b}`, await readFile(this.file(b), 'utf8'), problems)) {
        if (record.type === 'post') part.posts.push(record as unknown as BloggerPost);
        else part.comments.push(record as unknown as BloggerComment);
      }
      if (problems.length) throw new Error(`the import's spool file ${this.file(b)} is damaged: ${problems[0].message}`);
      yield part;
    }
  }

  async dispose(): Promise<void> {
    try {
      this.finish();
    } catch {
      // Already closed, or the disk failed: the folder is removed either way.
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
