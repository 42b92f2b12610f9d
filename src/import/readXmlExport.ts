/**
 * A Blogger XML export (the "Back up content" file or Takeout's feed.atom) read into one ImportBatch. Problems with
 * single entries are listed with their line and the rest is read; a file that is not XML, is cut short or holds no
 * Blogger entries at all is an ImportError, so nothing is written from it.
 */
import path from 'node:path';
import { childText, readAtomEntries } from './atomReader';
import { parseBlogId, parseEntryId } from './bloggerIds';
import { countSkip, ImportError, type ImportBatch } from './types';
import { readXmlEntry } from './xmlEntries';

export interface ReadXmlOptions {
  /** The blog's address, for Takeout's post paths; the feed's own `alternate` link is used when this is not given. */
  blogUrl?: string | null;
  /** Used when neither `blogUrl` nor the feed gives the blog's address. */
  fallbackBlogUrl?: string | null;
  /** Where the text comes from (tests); the file is read when absent. */
  chunks?: AsyncIterable<string>;
}

export async function readXmlExport(file: string, options: ReadXmlOptions = {}): Promise<ImportBatch> {
  const name = path.basename(file);
  const batch: ImportBatch = { posts: [], comments: [], problems: [], skipped: {}, skippedPostIds: new Set(), blogUrl: options.blogUrl ?? null, blogId: null };
  let entries = 0;
  let unknown = 0;
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
        switch (result.kind) {
          case 'post':
            batch.posts.push(result.post);
            batch.blogId ??= result.post.blogId;
            for (const message of result.problems) batch.problems.push({ file: name, line: entry.line, message: `post ${result.post.postId}: ${message}` });
            break;
          case 'comment':
            batch.comments.push(result.comment);
            for (const message of result.problems) batch.problems.push({ file: name, line: entry.line, message: `comment ${result.comment.commentId}: ${message}` });
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
  ).catch((e: unknown) => {
    if (e instanceof ImportError) throw new ImportError(e.message, name, e.line);
    throw e;
  });
  if (batch.posts.length === 0 && batch.comments.length === 0) {
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
  const unlinked = batch.posts.filter((p) => !p.url).length;
  if (unlinked > 0) batch.problems.push({ file: name, message: `${unlinked} post(s) have no permalink (Takeout gives paths only: pass --blog-url to link them)` });
  return batch;
}
