/**
 * The archive's data model. Everything downstream (search, summaries, the daily post, Discord) reads these
 * types and nothing else of the export format, so the parser is the only place that knows how messy it is.
 */

/** One comment of a post's thread: a top-level comment or a reply to one. */
export interface Comment {
  /**
   * Stable across runs and re-ingests of the same file: `<postId>-<position>` for a text export (e.g. `b9f170a77a-2.3`),
   * `<postId>-c<Blogger comment id>` for an imported comment.
   */
  id: string;
  postId: string;
  /** The top-level comment this one replies to; null for a top-level comment. */
  parentId: string | null;
  /** Where it sits in the thread as a person would cite it: `2` for the second comment, `2.3` for its third reply. */
  position: string;
  /** 0-based order of the comment in the thread (top-level comments followed by their replies). */
  order: number;
  /** The signature the comment carries ('Getafix, "Probation Officer, London"), or null when it is anonymous. */
  author: string | null;
  /** The comment's text as written (paragraphs separated by a blank line, signature line removed). Empty when removed. */
  text: string;
  /** Removed by its author or an administrator: keeps its place and counts, but is never searched or quoted. */
  removed: boolean;
  /** 1-based line in the source file where the comment starts; null when it cannot be told. */
  line: number | null;
  /** When it was posted (ISO 8601, with the blog's offset), where the source says: imported comments. Text exports have none. */
  published?: string | null;
  /** The comment's own permalink (the post's permalink + `?showComment=<ms>#c<id>`), where known: imported comments. */
  url?: string | null;
}

/** One blog post with its comment thread. */
export interface Post {
  /** Stable id: for a text export derived from its file name, for an imported post `b<Blogger post id>` (see importedPost.ts). */
  id: string;
  /** The archive file it came from (file name; for an imported post, `<import folder>/<file>` when the folder sits inside the archive). */
  source: string;
  /** The post's title; for an export without one, a title derived from its opening words. Null only if nothing could be derived. */
  title: string | null;
  /** True when the title was derived from the content rather than read from the export. */
  titleDerived: boolean;
  /** Publication date as YYYY-MM-DD, or null when the export does not say. */
  date: string | null;
  /** The post's permalink when the source has one (imported posts), else a link that lists it (see `postLink`), else null. */
  url: string | null;
  /** When it was published (ISO 8601, with the blog's offset), where the source says: imported posts. */
  published?: string | null;
  /** The post's own text, paragraphs separated by a blank line. */
  body: string;
  /** The count the export declares (`40 comments:`), or null when it declares none. */
  declaredCommentCount: number | null;
  /** Every comment in thread order: each top-level comment followed by its replies. */
  comments: Comment[];
}

/** Something wrong with the input, reported with where it is. Problems never stop the rest of the archive loading. */
export interface Problem {
  file: string;
  line: number | null;
  message: string;
}

/** The whole loaded archive. */
export interface Archive {
  /** The folder it was read from. */
  dir: string;
  /** Posts sorted by date (undated last), then by source file name. */
  posts: Post[];
  problems: Problem[];
  /**
   * Identifies this exact archive (its files and the parser that read them) for the caches derived from it, so they
   * need not hash 60 MB of text to know they are current. Set by `loadArchiveCached`; absent when unknown.
   */
  fingerprint?: string;
}
