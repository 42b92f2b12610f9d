/**
 * Where the live archive keeps what it fetched: an import folder (the importer's own layout and writer,
 * src/import/importFolder.ts: written beside and renamed into place, never half-written) at DATA_DIR/live-archive,
 * which the bot loads with the archive (loadArchive's `overlayDir`). Its manifest holds the feed's cursor, so a restart
 * neither refetches the blog nor loses what was added.
 *
 * The cursor of a first start (no live folder yet) is where the archive already is: the cursor of an import of the
 * same blog inside ARCHIVE_DIR (`cli import --from <blog URL>`), else the newest post's time, so a start never asks
 * the blog for its whole history.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Post } from '../corpus/types';
import { readManifest } from '../import/importFolder';
import type { FeedState } from '../import/types';

export const LIVE_FOLDER_NAME = 'live-archive';

export function liveArchiveDir(dataDir: string): string {
  return path.join(dataDir, LIVE_FOLDER_NAME);
}

/** The cursor kept by the live folder, or by an import of the same blog in the archive folder (itself or a folder in it). */
export async function savedCursor(liveDir: string, archiveDir: string, origin: string): Promise<FeedState | null> {
  const own = await readManifest(liveDir).catch(() => null);
  if (own?.feed?.blogUrl === origin) return own.feed;
  const folders = [
    archiveDir,
    ...(await readdir(archiveDir, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => path.join(archiveDir, e.name)),
  ];
  for (const folder of folders) {
    const manifest = await readManifest(folder).catch(() => null);
    if (manifest?.feed?.blogUrl === origin) return manifest.feed;
  }
  return null;
}

/** A cursor at the archive's newest post: what the feed has changed since then is what the archive lacks. */
export function cursorAtNewestPost(posts: readonly Post[], origin: string): FeedState | null {
  let newest: string | null = null;
  let newestMs = -Infinity;
  for (const post of posts) {
    const time = post.published ?? (post.date ? `${post.date}T00:00:00Z` : null);
    const ms = time ? Date.parse(time) : NaN;
    if (Number.isFinite(ms) && ms > newestMs) {
      newestMs = ms;
      newest = new Date(ms).toISOString();
    }
  }
  return newest === null ? null : { blogUrl: origin, postsUpdatedMin: newest, commentsUpdatedMin: newest };
}
