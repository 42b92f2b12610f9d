/**
 * A start with a live folder: the archive and its caches are loaded from ARCHIVE_DIR as always (so a restart after
 * live changes still reads the index from its cache instead of rebuilding it, ~7 s instead of ~30–40 s at archive
 * scale), then what the live folder saved is put in through the same path as a poll (planUpdate, applyLiveUpdate):
 * its new threads, the comments it added to the archive's threads, and the comments it found removed.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_MANIFEST_FILE, IMPORTED_POST_EXTENSION, readRecords } from '../corpus/importedPost';
import type { Problem } from '../corpus/types';
import type { BotContext } from '../discord/context';
import type { BloggerComment, BloggerPost, ItemPart } from '../import/types';
import type { Logger } from '../log';
import { applyLiveUpdate } from './applyUpdate';
import { planUpdate } from './planUpdate';

export interface RestoredCounts {
  posts: number;
  comments: number;
  removed: number;
}

async function readLiveFolder(dir: string, names: string[], logger: Logger): Promise<ItemPart> {
  const records: ItemPart = { posts: [], comments: [] };
  const problems: Problem[] = [];
  for (const name of names.filter((n) => n.endsWith(IMPORTED_POST_EXTENSION)).sort()) {
    for (const { record } of readRecords(name, await readFile(path.join(dir, name), 'utf8'), problems)) {
      if (record.type === 'post' && typeof record.postId === 'string') records.posts.push(record as unknown as BloggerPost);
      else if (record.type === 'comment' && typeof record.commentId === 'string' && typeof record.postId === 'string')
        records.comments.push(record as unknown as BloggerComment);
    }
  }
  for (const problem of problems)
    logger.warn('live archive line unreadable', { file: path.join(dir, problem.file), line: problem.line, reason: problem.message });
  return records;
}

/**
 * Reads the live folder `dir` (if any) into the context; what it added. A damaged line is logged and left out; a
 * folder that cannot be read is logged and the bot starts without it (never a failed start).
 */
export async function restoreLiveArchive(context: BotContext, dir: string, logger: Logger): Promise<RestoredCounts> {
  const started = performance.now();
  const names = await readdir(dir).catch(() => [] as string[]);
  if (!names.includes(IMPORT_MANIFEST_FILE)) return { posts: 0, comments: 0, removed: 0 };
  let update;
  try {
    update = await planUpdate(context, dir, await readLiveFolder(dir, names, logger));
  } catch (err) {
    // Everything is read before anything changes: a folder that cannot be read leaves the archive as loaded.
    logger.error('live archive could not be restored; serving the archive without it', { dir, err });
    return { posts: 0, comments: 0, removed: 0 };
  }
  applyLiveUpdate(context, update, 0);
  const counts = {
    posts: update.newPosts.length,
    comments: update.newPosts.reduce((n, p) => n + p.comments.length, 0) + update.grown.reduce((n, g) => n + g.comments.length, 0),
    removed: update.removed.length,
  };
  logger.info('live archive restored', { dir, ...counts, ms: Math.round(performance.now() - started) });
  return counts;
}
