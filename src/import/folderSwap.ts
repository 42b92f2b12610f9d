/**
 * Replacing a folder so that readers see the old one or the new one, never half of either: the new folder is built
 * beside it (`.<name>.importing-*`) and swapped in with two renames. A run that dies between the renames leaves the
 * old folder aside (`.<name>.previous-*`), and the next run puts it back before anything else. A lock file beside
 * the folder keeps two writers apart; one left by a process that has died is taken over.
 */
import { open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ImportError } from './types';

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Holds `<parent>/.<name>.lock` for the run; a lock left by a process that has died is taken over. */
export async function acquireLock(out: string): Promise<() => Promise<void>> {
  const lock = path.join(path.dirname(out), `.${path.basename(out)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(lock).catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ImportError(`cannot write next to ${out}: ${(e as Error).message}`);
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new ImportError(`another import into ${out} is running (process ${pid}); wait for it to finish`);
      }
      await unlink(lock).catch(() => undefined);
    }
  }
  throw new ImportError(`could not lock ${out} for the import`);
}

/** Puts back a folder left aside by a run that died between its two renames, and clears abandoned temp folders. */
export async function recover(out: string): Promise<void> {
  const parent = path.dirname(out);
  const base = path.basename(out);
  const siblings = await readdir(parent).catch(() => [] as string[]);
  const previous = siblings.filter((n) => n.startsWith(`.${base}.previous-`));
  if (previous.length > 0 && !(await exists(out))) await rename(path.join(parent, previous[0]), out);
  for (const n of siblings) {
    const spoolOwner = n.startsWith(`.${base}.spool-`) ? Number(n.slice(base.length + 8).split('-')[0]) : null;
    const abandonedSpool = spoolOwner !== null && !(spoolOwner === process.pid || isAlive(spoolOwner));
    if (n.startsWith(`.${base}.importing-`) || abandonedSpool || (n.startsWith(`.${base}.previous-`) && (await exists(out)))) {
      await rm(path.join(parent, n), { recursive: true, force: true });
    }
  }
}

/** Renames `temp` to `out`, the old `out` (if any) aside first and removed after; on failure the old one is put back. */
export async function swapInto(temp: string, out: string, aside: string): Promise<void> {
  let moved = false;
  try {
    await rename(out, aside);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    await rename(temp, out);
  } catch (e) {
    if (moved) await rename(aside, out);
    throw e;
  }
  if (moved) await rm(aside, { recursive: true, force: true });
}
