/**
 * The benchmark's archive: generated once per (seed, scale, generator version) into the temp folder and reused, so a
 * second run starts measuring at once. The marker sits next to the folder, not in it: the loader reads every file
 * in an archive folder.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_COMMENTS_PER_POST, GENERATOR_VERSION, generateArchive } from './syntheticArchive';

export interface BenchArchive {
  dir: string;
  /** False when a complete earlier copy was reused. */
  generated: boolean;
  generateMs: number;
  totalBytes: number;
}

interface Marker {
  seed: number;
  posts: number;
  commentsPerPost: number;
  generatorVersion: number;
  totalBytes: number;
  totalComments: number;
}

export function benchArchiveDir(posts: number, seed: number, root = os.tmpdir()): string {
  return path.join(root, 'archive-bot-bench', `archive-${posts}-seed${seed}-v${GENERATOR_VERSION}`);
}

export function ensureBenchArchive(posts: number, seed: number, root = os.tmpdir()): BenchArchive {
  const dir = benchArchiveDir(posts, seed, root);
  const markerPath = `${dir}.json`;
  const wanted = { seed, posts, commentsPerPost: DEFAULT_COMMENTS_PER_POST, generatorVersion: GENERATOR_VERSION };
  if (existsSync(markerPath) && existsSync(dir)) {
    try {
      const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as Marker;
      if (
        marker.seed === seed &&
        marker.posts === posts &&
        marker.commentsPerPost === wanted.commentsPerPost &&
        marker.generatorVersion === GENERATOR_VERSION
      ) {
        return { dir, generated: false, generateMs: 0, totalBytes: marker.totalBytes };
      }
    } catch {
      // A torn marker from an interrupted run: regenerate below.
    }
  }
  rmSync(markerPath, { force: true });
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const manifest = generateArchive({ posts, seed, outDir: dir });
  const generateMs = performance.now() - started;
  const marker: Marker = { ...wanted, totalBytes: manifest.totalBytes, totalComments: manifest.totalComments };
  writeFileSync(markerPath, JSON.stringify(marker));
  return { dir, generated: true, generateMs, totalBytes: manifest.totalBytes };
}
