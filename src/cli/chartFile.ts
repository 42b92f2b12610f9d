import path from 'node:path';
import type { RenderedPng } from '../charts';
import { writeFileAtomic } from '../util/writeFileAtomic';
import { UsageError } from './types';

/** Writes a chart for `--png <file>`; returns the absolute path written. */
export async function writePng(file: string, image: RenderedPng): Promise<string> {
  if (!file.trim()) throw new UsageError('--png needs a file name, e.g. --png trend.png');
  const target = path.resolve(file);
  await writeFileAtomic(target, [image.png]);
  return target;
}
