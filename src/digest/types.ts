/**
 * The daily post's data model: what gets posted (DigestItem), how a server configured it (DigestSettings) and what it
 * has already had (DigestHistory). Plain JSON-able values, because all of it is kept in Keyv and shown by the CLI.
 */
import type { GistSentence } from '../summary/types';

/** Identifies an item across days and cycles: `post:<postId>` or `comment:<commentId>`. */
export type DigestItemKey = string;

export interface DigestQuote {
  commentId: string;
  /** Where the comment sits in the thread, e.g. `2.3`. */
  position: string;
  author: string | null;
  text: string;
  /** The comment's own permalink and time, where the archive has them (imported archives). */
  url?: string | null;
  published?: string | null;
}

/** What a quoted comment answers: the comment it replies to, or (for a top-level comment) the post itself. */
export interface DigestContext {
  kind: 'post' | 'comment';
  /** The parent comment's position, or null when the context is the post. */
  position: string | null;
  author: string | null;
  /** A short verbatim excerpt of what is answered. */
  excerpt: string;
}

/** What every day's item says about where it comes from. */
interface DigestItemBase {
  key: DigestItemKey;
  postId: string;
  postTitle: string;
  /** The original post's date (YYYY-MM-DD), or null when the export does not say. */
  postDate: string | null;
  postUrl: string | null;
  /** True when the original is from this day and month in an earlier year. */
  onThisDay: boolean;
  /** Every key this item uses up (the item itself and, for a post, its quoted comment), so neither repeats in a cycle. */
  consumes: DigestItemKey[];
}

/** A post: its gist and its strongest quote. */
export interface DigestPostItem extends DigestItemBase {
  kind: 'post';
  /**
   * The gist's sentences in one voice, joined by spaces: the blogger's own when the gist has any, else the first
   * passage the post quotes (see `speaker`).
   */
  text: string;
  /** Whose words `text` is: null for the blogger's; else the quoted source, as in GistSentence. */
  speaker: string | null;
  /** The summary's sentences, each with whose words it is. */
  gist: GistSentence[];
  /** Its strongest quote, when the thread has one. */
  quote: DigestQuote | null;
}

/** A single comment, as written, with what it answers. */
export interface DigestCommentItem extends DigestItemBase {
  kind: 'comment';
  commentId: string;
  /** Its position in the thread, e.g. `2.3`. */
  position: string;
  author: string | null;
  text: string;
  /** The comment's own permalink and when it was posted, where the archive has them. */
  commentUrl: string | null;
  published: string | null;
  /** What it answers: the comment it replies to, or the post. */
  context: DigestContext | null;
}

/** One piece of the archive chosen for a day. */
export type DigestItem = DigestPostItem | DigestCommentItem;

/** The comment an item shows on its own: a comment item's; null for a post (its quote is part of the post's item). */
export function shownCommentId(item: DigestItem): string | null {
  return item.kind === 'comment' ? item.commentId : null;
}

/** One server's configuration. Kept when the digest is switched off or disabled, so `/digest set` can resume it. */
export interface DigestSettings {
  channelId: string;
  /** Local time of day, HH:MM (24-hour). */
  time: string;
  /** IANA time zone, e.g. Europe/London. */
  timezone: string;
  enabled: boolean;
  /** Why the bot stopped posting on its own (lost permission, channel deleted, removed from the server); null otherwise. */
  disabledReason: string | null;
  disabledAt: string | null;
  /** ISO instant the settings were last saved: a day's post is only due if its time came after this (no post on save). */
  activeSince: string;
}

/** One post made in a server. */
export interface DigestHistoryEntry {
  /** The server-local day it was made for (YYYY-MM-DD). */
  date: string;
  key: DigestItemKey;
  consumes: DigestItemKey[];
  postId: string;
  postTitle: string;
  commentId: string | null;
  /** Which cycle through the archive it belongs to (0 first); a new cycle starts when every eligible item has been posted. */
  cycle: number;
  postedAt: string;
  channelId: string;
  messageId: string | null;
}

export interface DigestHistory {
  entries: DigestHistoryEntry[];
}

/** The part of a summary a digest uses; `summarizeThread`'s result fits it. */
export interface DigestSummary {
  gist: GistSentence[];
  quotes: { commentId: string; author: string | null; text: string }[];
}

export type DigestSummarize = (post: import('../corpus/types').Post) => DigestSummary;
