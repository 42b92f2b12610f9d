/**
 * A Blogger XML export (the "Back up content" file or Takeout's feed.atom) read into one ImportBatch. Problems with
 * single entries are listed with their line and the rest is read; a file that is not XML, is cut short or holds no
 * Blogger entries at all is an ImportError, so nothing is written from it.
 */
import path from 'node:path';
import { child, childText, readAtomEntries } from './atomReader';
import { parseBlogId, parseEntryId } from './bloggerIds';
import { countSkip, ImportError, type ImportBatch } from './types';
import { detachRecord } from './detachRecord';
import { Spool } from './spool';
import { BLOGGER_2018_NS, readXmlEntry } from './xmlEntries';

export interface ReadXmlOptions {
  /** The blog's address, for Takeout's post paths; the feed's own `alternate` link is used when this is not given. */
  blogUrl?: string | null;
  /** Used when neither `blogUrl` nor the feed gives the blog's address. */
  fallbackBlogUrl?: string | null;
  /** Where the text comes from (tests); the file is read when absent. */
  chunks?: AsyncIterable<string>;
  /** Spool the records to a new folder with this path prefix (see spool.ts) instead of holding them in memory. */
  spoolPrefix?: string;
}

export async function readXmlExport(file: string, options: ReadXmlOptions = {}): Promise<ImportBatch> {
  const name = path.basename(file);
  const batch: ImportBatch = {
    posts: [],
    comments: [],
    problems: [],
    skipped: {},
    skippedPostIds: new Set(),
    blogUrl: options.blogUrl ?? null,
    blogId: null,
  };
  let entries = 0;
  let unknown = 0;
  let unlinkedPosts = 0;
  const spool = options.spoolPrefix ? await Spool.create(options.spoolPrefix) : null;
  batch.spool = spool ?? undefined;
  const counts = () => ({ posts: spool ? spool.posts : batch.posts.length, comments: spool ? spool.comments : batch.comments.length });
  await readAtomEntries(
    file,
    {
      onStart(info) {
        batch.blogId = parseBlogId(info.feedId);
        batch.blogUrl ??= info.blogUrl ? info.blogUrl.replace(/\/+$/, '') : (options.fallbackBlogUrl ?? null);
      },
      onEntry(entry) {
        entries++;
        const result = readXmlEntry(entry, batch.blogUrl);
        if (!batch.format && result.kind !== 'unknown') batch.format = child(entry, 'type', BLOGGER_2018_NS) ? 'takeout' : 'backup';
        switch (result.kind) {
          case 'post':
            if (spool) spool.add(result.post);
            else batch.posts.push(detachRecord(result.post));
            batch.blogId ??= result.post.blogId;
            if (!result.post.url) unlinkedPosts++;
            for (const message of result.problems)
              batch.problems.push({ file: name, line: entry.line, message: `post ${result.post.postId}: ${message}` });
            break;
          case 'comment':
            if (spool) spool.add(result.comment);
            else batch.comments.push(detachRecord(result.comment));
            for (const message of result.problems)
              batch.problems.push({ file: name, line: entry.line, message: `comment ${result.comment.commentId}: ${message}` });
            break;
          case 'skip': {
            countSkip(batch.skipped, result.reason);
            const id = parseEntryId(childText(entry, 'id'))?.itemId;
            if (id) batch.skippedPostIds.add(id);
            break;
          }
          case 'problem':
            batch.problems.push({ file: name, line: entry.line, message: result.message });
            break;
          case 'unknown':
            unknown++;
        }
      },
    },
    options.chunks,
  ).catch(async (e: unknown) => {
    await spool?.dispose();
    if (e instanceof ImportError) throw new ImportError(e.message, name, e.line);
    throw e;
  });
  spool?.finish();
  if (counts().posts === 0 && counts().comments === 0) {
    await spool?.dispose();
    batch.spool = undefined;
    if (entries === 0) throw new ImportError('the feed has no entries: nothing to import', name);
    if (unknown > 0)
      throw new ImportError(
        `not a Blogger export: none of its ${entries} entries is a Blogger post or comment (expected Blogger's "Back up content" file, ` +
          `whose entries carry a kind category, or Takeout's feed.atom with <blogger:type>)`,
        name,
      );
  } else if (unknown > 0) {
    batch.problems.push({ file: name, message: `${unknown} entries carry neither a Blogger kind nor a blogger:type and were skipped` });
  }
  const unlinked = unlinkedPosts;
  if (unlinked > 0)
    batch.problems.push({
      file: name,
      message: `${unlinked} post(s) have no permalink (Takeout gives paths only: pass --blog-url to link them)`,
    });
  return batch;
}
