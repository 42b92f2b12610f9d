/**
 * What the importer reads out of any of Blogger's formats (backup XML, Takeout feed.atom, the public JSON feeds),
 * before it is written to the archive folder. Ids are Blogger's own (digits), which all three formats share.
 */

import type { BloggerCommentRecord, BloggerPostRecord } from '../corpus/importedPost';

/** A published blog post (drafts, scheduled and trashed posts and pages never become one), as the archive stores it. */
export type BloggerPost = BloggerPostRecord;
/** A comment as Blogger shows it, as the archive stores it. */
export type BloggerComment = BloggerCommentRecord;

/**
 * Where an incremental feed run starts: the newest `updated` time seen among posts and among comments. Blogger's
 * `updated-min` is inclusive, so the item at the cursor comes again and is recognised by its id.
 */
export interface FeedState {
  /** The blog's address the state belongs to (its origin). */
  blogUrl: string;
  postsUpdatedMin: string | null;
  commentsUpdatedMin: string | null;
}

/** Something in the source that could not be imported, with where it is. The rest of the import goes on. */
export interface ImportProblem {
  file?: string;
  line?: number;
  message: string;
}

/** Entries read but deliberately not imported, by reason. */
export type SkipReason = 'draft' | 'page' | 'settings' | 'template' | 'other kind' | 'not public' | 'comment on a skipped post';

export type SkipCounts = Partial<Record<SkipReason, number>>;

/** Posts and comments to merge together: every comment's post is in the same part or already in the folder. */
export interface ItemPart {
  posts: BloggerPost[];
  comments: BloggerComment[];
}

/** Everything one source yielded. */
export interface ImportBatch extends ItemPart {
  /**
   * For a big source the items are not in `posts`/`comments` but on disk (see spool.ts), read back a part at a time;
   * `posts` and `comments` are then empty.
   */
  spool?: import('./spool').Spool;
  problems: ImportProblem[];
  skipped: SkipCounts;
  /** Posts and pages read but not imported (drafts, pages, ...): comments on them are skipped, not reported. */
  skippedPostIds: Set<string>;
  /** The blog's address when the source says (used to build permalinks a source leaves out). */
  blogUrl: string | null;
  blogId: string | null;
  /** Which of Blogger's formats the source was. */
  format?: 'backup' | 'takeout' | 'feed';
}

export function countSkip(skipped: SkipCounts, reason: SkipReason, by = 1): void {
  skipped[reason] = (skipped[reason] ?? 0) + by;
}

/** A failure that stops the whole import (unreadable source, broken XML, a feed that will not answer). Nothing is written. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}
