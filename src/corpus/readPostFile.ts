/**
 * Reads one file of the archive folder, refusing anything that is not a regular file of a sane size.
 *
 * Why so careful: an archive folder is a place people drop links into. A link to /dev/zero read by `readFile` grows
 * memory without end; a link to a named pipe blocks `open` until some writer appears, which at start-up means the bot
 * never starts and, holding a thread-pool slot, never even notices a signal. So the target is checked with `stat`
 * before it is opened (a device is never opened at all), opened non-blocking (a pipe swapped in after the check
 * cannot block), checked again on the open handle with `fstat`, and read only up to the size cap.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** The largest post file read: the whole real archive is about 60 MB, so one post past this is not a post. */
export const MAX_ARCHIVE_FILE_BYTES = 64 * 1024 * 1024;

/** What was found instead of a readable post file. `skip` is a folder (or a link to one): silently not a post. */
export type PostFileRefusal = { kind: 'problem'; message: string } | { kind: 'skip' };

export type PostFileRead = { content: Buffer } | { refused: PostFileRefusal };

const MIB = 1024 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** A file system error in words, for problems that name the file or folder. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'ENOTDIR') return 'is not a folder';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'is a loop of links';
  if (code === 'ENXIO') return 'is a socket or device with nothing behind it';
  return (error as Error).message ?? String(error);
}

function refuseStats(stats: Stats, maxBytes: number): PostFileRefusal | null {
  if (stats.isDirectory()) return { kind: 'skip' };
  if (!stats.isFile()) return { kind: 'problem', message: `is not a regular file (it is ${kindOf(stats)}); skipped` };
  if (stats.size > maxBytes) return tooLarge(stats.size, maxBytes);
  return null;
}

function tooLarge(size: number, maxBytes: number): PostFileRefusal {
  return {
    kind: 'problem',
    message: `is ${(size / MIB).toFixed(1)} MiB, over the ${Math.round(maxBytes / MIB)} MiB limit for one post file; skipped`,
  };
}

/** The content of `file` when it is a regular file (or a link to one) of at most `maxBytes`; otherwise why not. */
export async function readPostFile(file: string, maxBytes: number = MAX_ARCHIVE_FILE_BYTES): Promise<PostFileRead> {
  let refused: PostFileRefusal | null;
  try {
    refused = refuseStats(await stat(file), maxBytes);
  } catch (error) {
    return { refused: { kind: 'problem', message: `could not be read: ${describeFsError(error)}` } };
  }
  if (refused) return { refused };
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return { refused: { kind: 'problem', message: `could not be read: ${describeFsError(error)}` } };
  }
  try {
    const stats = await handle.stat();
    refused = refuseStats(stats, maxBytes);
    if (refused) return { refused };
    // Read to the end, never past the cap: a file still growing while read is refused, not followed.
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1, stats.size + 1));
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { refused: tooLarge(total, maxBytes) };
      if (bytesRead === chunk.length) chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, 1024 * 1024));
      else chunk = chunk.subarray(bytesRead);
    }
    return { content: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) };
  } catch (error) {
    return { refused: { kind: 'problem', message: `could not be read: ${describeFsError(error)}` } };
  } finally {
    await handle.close();
  }
}
