/**
 * One import run: read a source (a backup or Takeout XML file, a Takeout folder, or a blog's address) and merge what
 * it holds into an import folder. Feed imports are incremental: the folder's manifest keeps the feed's cursor, so the
 * next run asks only for what changed since.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { silentLogger, type Logger } from '../log';
import { fetchFeedChanges, type FeedClientOptions } from './feedClient';
import { applyBatch, assertImportFolder, readManifest, type ApplyResult, type SourceKind } from './importFolder';
import { readXmlExport } from './readXmlExport';
import { ImportError, type ImportBatch } from './types';

export interface RunImportOptions {
  /** A file path (backup .xml or Takeout feed.atom), a folder holding one feed.atom, or an http(s) blog address. */
  from: string;
  out: string;
  /** The blog's address for Takeout's post paths (the feed's own link, then `fallbackBlogUrl`, are used otherwise). */
  blogUrl?: string | null;
  fallbackBlogUrl?: string | null;
  feed?: FeedClientOptions;
  now?: () => Date;
  logger?: Logger;
}

export interface ImportReport extends ApplyResult {
  source: { kind: SourceKind; location: string };
  /** Feed imports: whether this run asked only for what changed since the last one. */
  incremental: boolean;
  /** Feed imports: the number of requests made. */
  requests: number;
}

export function isBlogAddress(from: string): boolean {
  return /^https?:\/\//i.test(from.trim());
}

/** A Takeout download unpacked: `Takeout/Blogger/Blogs/<blog>/feed.atom`. One is taken; several are a question for the operator. */
async function findFeedAtom(dir: string, depth = 0): Promise<string[]> {
  if (depth > 5) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const e of entries) {
    if (e.isFile() && e.name === 'feed.atom') found.push(path.join(dir, e.name));
    else if (e.isDirectory() && !e.name.startsWith('.')) found.push(...(await findFeedAtom(path.join(dir, e.name), depth + 1)));
  }
  return found;
}

async function resolveFile(from: string): Promise<string> {
  const file = path.resolve(from);
  const info = await stat(file).catch(() => null);
  if (!info) throw new ImportError('file does not exist', from);
  if (!info.isDirectory()) return file;
  const feeds = await findFeedAtom(file);
  if (feeds.length === 1) return feeds[0];
  if (feeds.length === 0)
    throw new ImportError('is a folder without a feed.atom (expected a Takeout download: Takeout/Blogger/Blogs/<blog>/feed.atom)', from);
  throw new ImportError(`holds ${feeds.length} feed.atom files (one per blog); name the one to import: ${feeds.join(', ')}`, from);
}

function requireSomething(posts: number, existingPosts: number, batch: ImportBatch, source: string): void {
  if (posts > 0 || existingPosts > 0) return;
  const skipped = Object.entries(batch.skipped).map(([why, n]) => `${n} ${why}`);
  throw new ImportError(`no published post to import${skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''}`, source);
}

export async function runImport(options: RunImportOptions): Promise<ImportReport> {
  const logger = (options.logger ?? silentLogger).child({ component: 'import' });
  await assertImportFolder(options.out);
  if (isBlogAddress(options.from)) {
    const manifest = await readManifest(path.resolve(options.out)).catch(() => null);
    const changes = await fetchFeedChanges(options.from.trim(), manifest?.feed ?? null, { logger: options.logger, ...options.feed });
    requireSomething(changes.posts.length, manifest?.posts ?? 0, changes, changes.blogUrl ?? options.from);
    const source = { kind: 'feed' as const, location: changes.nextState.blogUrl };
    const result = await applyBatch(options.out, changes, { source, feed: changes.nextState, now: options.now });
    const incremental = manifest?.feed?.blogUrl === changes.nextState.blogUrl;
    logger.info('import done', { ...source, posts: result.posts, comments: result.comments, added: result.added, incremental });
    return { ...result, source, incremental, requests: changes.requests.length };
  }
  const file = await resolveFile(options.from);
  const out = path.resolve(options.out);
  await mkdir(path.dirname(out), { recursive: true });
  // Beside the import folder: on the same disk, and named so that a crashed run's leftovers are cleared by the next.
  const spoolPrefix = path.join(path.dirname(out), `.${path.basename(out)}.spool-${process.pid}-`);
  const batch = await readXmlExport(file, { blogUrl: options.blogUrl, fallbackBlogUrl: options.fallbackBlogUrl, spoolPrefix });
  try {
    const manifest = await readManifest(out).catch(() => null);
    requireSomething(batch.spool?.posts ?? batch.posts.length, manifest?.posts ?? 0, batch, path.basename(file));
    const source = { kind: batch.format === 'takeout' ? ('takeout' as const) : ('backup' as const), location: file };
    const result = await applyBatch(out, batch, { source, now: options.now });
    logger.info('import done', { ...source, posts: result.posts, comments: result.comments, added: result.added });
    return { ...result, source, incremental: false, requests: 0 };
  } finally {
    await batch.spool?.dispose();
  }
}
