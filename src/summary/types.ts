/**
 * What a thread summary holds. Everything quoted here is a verbatim slice of the archive (a summary that alters a word
 * misquotes someone), so only selection is done, never rewriting.
 */

import type { SharedLexicon } from './analysis';
import type { QuoteKind } from './speakers';

export type { QuoteKind } from './speakers';

/** What `speaker` says of a passage the post quotes without saying whose it is. */
export const UNNAMED_SPEAKER = 'quoted';

/** One sentence of the post's gist, with whose words it is: the blogger's, or a source the post quotes. */
export interface GistSentence {
  /** Verbatim from the post. */
  text: string;
  /** Null for the blogger's own words; else the quoted source's name ("Sonia Flynn"), or UNNAMED_SPEAKER. */
  speaker: string | null;
  /** Null for the blogger's own words; else the kind of passage quoted (a letter, a statement, a reposted comment…). */
  quoted: QuoteKind | null;
}

/** A top-level comment and its replies, named by the top-level comment. */
export interface SubthreadRef {
  commentId: string;
  /** The top-level comment's place in the thread, e.g. `2`. */
  position: string;
  /** How many replies it drew (removed replies included: they were part of the conversation). */
  replies: number;
}

/** The longest sub-thread: replies nest only one level in this archive, so "deepest" means most text, not most levels. */
export interface LongestSubthreadRef extends SubthreadRef {
  /** Characters of the readable (not removed) text of the top-level comment and its replies. */
  chars: number;
}

export interface ThreadNumbers {
  /** Every comment, removed ones included. */
  comments: number;
  topLevel: number;
  replies: number;
  removed: number;
  /** Distinct signed authors among the comments that were not removed. */
  voices: number;
  /** Comments (not removed) without a signature. */
  anonymous: number;
  /** The count the export declares, or null when it declares none. */
  declared: number | null;
  /** True when a declared count exists and differs from the comments actually present. */
  declaredMismatch: boolean;
  /** The top-level comment that drew the most replies; null when nobody replied to anything. */
  busiest: SubthreadRef | null;
  /** The sub-thread with the most text (top-level comment plus replies); null when nobody replied to anything. */
  deepest: LongestSubthreadRef | null;
}

export interface Quote {
  commentId: string;
  author: string | null;
  /** One or two whole sentences, verbatim from the comment, in the commenter's own words (not quoted or copied). */
  text: string;
  /** Place in the thread as a reader cites it: `#2`, `#2.3`. */
  path: string;
}

export interface Subthread extends SubthreadRef {
  author: string | null;
  /** The top-level comment's first sentence (truncated), or a note that it was removed. */
  opening: string;
}

export interface ThreadSummary {
  postId: string;
  title: string | null;
  date: string | null;
  url: string | null;
  /**
   * Two or three verbatim sentences of the post, in the post's order, mostly the blogger's own; each says whose words
   * it is. At most `GIST_MAX_CHARS` of text in total.
   */
  gist: GistSentence[];
  stats: ThreadNumbers;
  /**
   * Five to eight phrases, names and words that set this thread apart from the rest of the archive, as written (not
   * stems), from the writers' own words only (never from what they quoted or pasted).
   */
  terms: string[];
  /** Three to five quotes from distinct comments, in thread order. */
  quotes: Quote[];
  /** The liveliest sub-threads, most replies first (at most five). */
  subthreads: Subthread[];
  /** True when there is no readable comment (none at all, or all removed). */
  empty: boolean;
  /** What to tell a reader about an empty discussion ("No comments yet", "All 3 comments were removed"); else null. */
  note: string | null;
}

export interface SummaryOptions {
  /** Most quotes to pick (default 5; fewer on short threads). */
  maxQuotes?: number;
  /** Most sub-threads to list (default 5). */
  maxSubthreads?: number;
  /** Most distinguishing terms (default 8). */
  maxTerms?: number;
  /** Cap on the sentences ranked per thread, which bounds the quadratic centrality step (default 300). */
  maxSentences?: number;
  /** Spellings and terms already read by earlier summaries (a summarizer keeps one); else the thread reads its own. */
  lexicon?: SharedLexicon;
}

/** Discord embed descriptions hold 4,096 characters: the gist must fit in one. */
export const GIST_MAX_CHARS = 4096;
