/**
 * Writes a file so that readers see the old content or the new, never half of either: the caches are read at every
 * start, and a crash (or a second process) mid-write must not leave a truncated file where the next start looks.
 */
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, parts: ReadonlyArray<string | Uint8Array>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'w');
  try {
    for (const part of parts) await (typeof part === 'string' ? handle.write(part) : handle.write(part));
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  await rename(temp, file);
}
