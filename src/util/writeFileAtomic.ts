/**
 * Writes a file so that readers see the old content or the new, never half of either: the caches are read at every
 * start, and a crash (or a second process) mid-write must not leave a truncated file where the next start looks.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, parts: ReadonlyArray<string | Uint8Array>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Unique per write, not per process and millisecond: two writes of one file at once (two caches built together)
  // must not share a temp file, or one renames the other's half-written bytes into place and the other fails.
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    try {
      for (const part of parts) await (typeof part === 'string' ? handle.write(part) : handle.write(part));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}
