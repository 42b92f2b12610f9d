/**
 * Chooses the day's item for a server. A pure function of (archive, date, server, history): the preview computes
 * exactly what the scheduler will post, and two processes asked about the same day agree.
 *
 * Order of preference:
 *  1. On this day: a thread first posted on this day and month in an earlier year, the one with the most discussion.
 *  2. Otherwise the best item not yet posted in this server, with a per-server, per-day jitter so servers do not
 *     all march through the archive in the same order.
 * Never the thread of the previous post when anything else is left, and never an item already posted in the
 * current cycle; when every eligible item has been posted, a new cycle begins.
 */
import type { Archive, Comment, Post } from '../corpus/types';
import { SharedLexicon } from '../summary/analysis';
import { commentOwnShare } from '../summary/ownWords';
import { openingGist } from '../summary/gist';
import type { GistSentence } from '../summary/types';
import { truncateText } from '../text/truncate';
import { candidatesOf, commentKey, type ArchiveCandidates, type Candidate } from './candidates';
import { parseLocalDate } from './dates';
import type { DigestContext, DigestHistory, DigestItem, DigestItemKey, DigestQuote, DigestSummarize, DigestSummary } from './types';

export interface SelectDigestInput {
  archive: Archive;
  /** What earlier selections from this archive worked out (the bot keeps one per context); made afresh without it. */
  pool?: DigestPool;
  /** The server-local day being posted for, YYYY-MM-DD. */
  date: string;
  serverId: string;
  history: DigestHistory;
  /** The thread summariser (`summarizeThread`); without it a post's gist is its opening sentences. */
  summarize?: DigestSummarize;
}

/**
 * A digest summariser over the bot's cached thread summaries: the bot and `cli digest` both use it, so the CLI shows
 * exactly what the bot would post. An unknown post (cannot happen for an archive post) gives an empty summary.
 */
export function digestSummarizeWith(summaries: { summarize(postId: string): DigestSummary | null }): DigestSummarize {
  return (post) => summaries.summarize(post.id) ?? { gist: [], quotes: [] };
}

export interface DigestSelection {
  item: DigestItem;
  /** The cycle the item belongs to: the history's current one, or the next when that one is exhausted. */
  cycle: number;
}

const CONTEXT_EXCERPT_CHARS = 200;
const FALLBACK_GIST_SENTENCES = 2;

/** FNV-1a: a fast, stable hash, so the same server and day always give the same tie-breaks. */
function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x100000000;
}

/** Multiplies a score by 0.75–1.25: enough to vary the order between servers, not enough to prefer a poor item. */
function jittered(score: number, seed: string, key: string): number {
  return score * (0.75 + 0.5 * hashUnit(`${seed}|${key}`));
}

/**
 * The best item by jittered score whose words are its author's own (see `commentsOwnWords`). That check reads a
 * thread, so it runs only on the item about to win, and a refused one is passed over for the next best.
 */
function bestOf(items: Candidate[], seed: string, pool: DigestPool): Candidate | null {
  const refused = new Set<Candidate>();
  for (;;) {
    let best: Candidate | null = null;
    let bestValue = -Infinity;
    for (const item of items) {
      if (refused.has(item)) continue;
      const value = jittered(item.score, seed, item.key);
      if (value > bestValue) {
        best = item;
        bestValue = value;
      }
    }
    if (!best || pool.commentsOwnWords(best)) return best;
    refused.add(best);
  }
}

function currentCycle(history: DigestHistory): number {
  return history.entries.length > 0 ? history.entries[history.entries.length - 1].cycle : 0;
}

/** Keys used up in `cycle`. */
function consumedIn(history: DigestHistory, cycle: number): Set<DigestItemKey> {
  const used = new Set<DigestItemKey>();
  for (const entry of history.entries) if (entry.cycle === cycle) for (const key of entry.consumes) used.add(key);
  return used;
}

function excerpt(text: string): string {
  return truncateText(text.replace(/\s+/g, ' ').trim(), CONTEXT_EXCERPT_CHARS);
}

/** The comment's permalink and time when the archive has them (imported archives); nothing for text exports. */
function linkOf(comment: Comment): { url?: string; published?: string } {
  return { ...(comment.url ? { url: comment.url } : {}), ...(comment.published ? { published: comment.published } : {}) };
}

function contextOf(post: Post, comment: Comment): DigestContext {
  const parent = comment.parentId ? post.comments.find((c) => c.id === comment.parentId) : undefined;
  if (parent && !parent.removed)
    return { kind: 'comment', position: parent.position, author: parent.author, excerpt: excerpt(parent.text) };
  return { kind: 'post', position: null, author: null, excerpt: excerpt(post.title ?? post.body) };
}

function fallbackSummary(post: Post, threadItems: Candidate[], used: Set<DigestItemKey>, pool: DigestPool): DigestSummary {
  const gist = openingGist(post.body, FALLBACK_GIST_SENTENCES);
  const best = threadItems
    .filter((c) => c.comment && !used.has(c.key) && pool.commentsOwnWords(c))
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))[0];
  const quotes = best?.comment ? [{ commentId: best.comment.id, author: best.comment.author, text: best.comment.text.trim() }] : [];
  return { gist, quotes };
}

/**
 * The summary quote to show: the most substantial one whose comment has not been posted in this cycle. None when
 * every quoted comment has been: a post without a quote is better than a repeated one.
 */
function strongestQuote(post: Post, summary: DigestSummary, used: Set<DigestItemKey>): DigestQuote | null {
  const byId = new Map(post.comments.map((c) => [c.id, c]));
  const fresh = summary.quotes.filter(
    (q) => byId.has(q.commentId) && !byId.get(q.commentId)!.removed && !used.has(commentKey(q.commentId)),
  );
  const chosen = [...fresh].sort((a, b) => b.text.length - a.text.length || a.commentId.localeCompare(b.commentId))[0];
  if (!chosen) return null;
  const comment = byId.get(chosen.commentId)!;
  return { commentId: chosen.commentId, position: comment.position, author: chosen.author, text: chosen.text, ...linkOf(comment) };
}

/**
 * The gist sentences a post item's `text` holds: the blogger's own when there are any (the daily post speaks for the
 * blog), else the first quoted passage's, with its speaker. Never a mix: `text` has one speaker.
 */
function oneVoice(gist: readonly GistSentence[]): { speaker: string | null; texts: string[] } {
  const own = gist.filter((g) => g.speaker === null);
  if (own.length > 0 || gist.length === 0) return { speaker: null, texts: own.map((g) => g.text) };
  const first = gist[0];
  return { speaker: first.speaker, texts: gist.filter((g) => g.speaker === first.speaker && g.quoted === first.quoted).map((g) => g.text) };
}

/**
 * Comments shown on their own must be mostly their author's words, not a quoted letter, a pasted advert or an
 * earlier comment repeated: such a comment is never posted, and a cycle ends without it.
 */
const OWN_SHARE_MIN = 0.5;

export function commentsOwnWords(candidate: Candidate, lexicon?: SharedLexicon): boolean {
  const comment = candidate.comment;
  return !comment || commentOwnShare(candidate.post, comment, lexicon) >= OWN_SHARE_MIN;
}

/**
 * What selection works out once per archive and keeps for the next day's: the eligible items (a scan of every
 * comment) and which comments are their authors' own words (a thread's analysis each). Held by the caller that selects
 * day after day (the bot context, the scheduler), never by this module.
 */
export class DigestPool {
  private found: ArchiveCandidates | null = null;
  private readonly ownWords = new Map<Comment, boolean>();
  private readonly lexicon = new SharedLexicon();

  constructor(readonly archive: Archive) {}

  get candidates(): ArchiveCandidates {
    return (this.found ??= candidatesOf(this.archive));
  }

  commentsOwnWords(candidate: Candidate): boolean {
    const comment = candidate.comment;
    if (!comment) return true;
    let ok = this.ownWords.get(comment);
    if (ok === undefined) {
      ok = commentsOwnWords(candidate, this.lexicon);
      this.ownWords.set(comment, ok);
    }
    return ok;
  }
}

function poolFor(input: SelectDigestInput): DigestPool {
  return input.pool?.archive === input.archive ? input.pool : new DigestPool(input.archive);
}

function toItem(
  candidate: Candidate,
  onThisDay: boolean,
  used: Set<DigestItemKey>,
  threadItems: Candidate[],
  pool: DigestPool,
  summarize?: DigestSummarize,
): DigestItem {
  const { post } = candidate;
  const base = {
    key: candidate.key,
    postId: post.id,
    postTitle: post.title ?? 'Untitled post',
    postDate: post.date,
    postUrl: post.url,
    onThisDay,
  };
  if (candidate.comment) {
    const comment = candidate.comment;
    return {
      ...base,
      kind: 'comment',
      commentId: comment.id,
      position: comment.position,
      author: comment.author,
      text: comment.text.trim(),
      commentUrl: comment.url ?? null,
      published: comment.published ?? null,
      context: contextOf(post, comment),
      consumes: [candidate.key],
    };
  }
  const summary = summarize ? summarize(post) : fallbackSummary(post, threadItems, used, pool);
  const gist = summary.gist.length > 0 ? summary.gist : fallbackSummary(post, threadItems, used, pool).gist;
  const quote = strongestQuote(post, summary, used);
  const voice = oneVoice(gist);
  return {
    ...base,
    kind: 'post',
    text: voice.texts.join(' '),
    speaker: voice.speaker,
    gist,
    quote,
    consumes: quote ? [candidate.key, commentKey(quote.commentId)] : [candidate.key],
  };
}

/** The item for `date` in `serverId` given what it has had, with the cycle it belongs to; null for an archive with nothing to post. */
export function selectDigest(input: SelectDigestInput): DigestSelection | null {
  const pool = poolFor(input);
  const candidates = pool.candidates;
  if (candidates.all.length === 0) return null;
  let cycle = currentCycle(input.history);
  let used = consumedIn(input.history, cycle);
  if (candidates.all.every((c) => used.has(c.key))) {
    cycle += 1;
    used = new Set();
  }
  const selection = selectInCycle(input, pool, cycle, used);
  // What is left may be only comments that are not their authors' own words (never posted, so never used up): the
  // cycle is over all the same.
  if (!selection && used.size > 0) return selectInCycle(input, pool, cycle + 1, new Set());
  return selection;
}

function selectInCycle(input: SelectDigestInput, pool: DigestPool, cycle: number, used: Set<DigestItemKey>): DigestSelection | null {
  const date = parseLocalDate(input.date);
  const candidates = pool.candidates;
  const entries = input.history.entries;
  const lastPostId = entries.length > 0 ? entries[entries.length - 1].postId : null;
  const seed = `${input.serverId}|${date}|${cycle}`;
  const unused = (postId: string) => (candidates.byPost.get(postId) ?? []).filter((c) => !used.has(c.key));

  // 1. On this day in an earlier year, the liveliest thread first.
  const year = date.slice(0, 4);
  const sameDay = (candidates.byMonthDay.get(date.slice(5)) ?? []).filter((p) => p.date! < `${year}-` && unused(p.id).length > 0);
  const varied = sameDay.filter((p) => p.id !== lastPostId);
  const threads = varied.length > 0 ? varied : sameDay;
  if (threads.length > 0) {
    const thread = [...threads].sort(
      (a, b) =>
        candidates.discussion.get(b.id)! - candidates.discussion.get(a.id)! || hashUnit(`${seed}|${b.id}`) - hashUnit(`${seed}|${a.id}`),
    )[0];
    const items = unused(thread.id);
    // The post itself (gist and a quote) introduces the thread best; later cycles and years fall back to its comments.
    const chosen = items.find((c) => c.kind === 'post') ?? bestOf(items, seed, pool);
    if (chosen) return { item: toItem(chosen, true, used, candidates.byPost.get(thread.id)!, pool, input.summarize), cycle };
  }

  // 2. The best item not yet posted, from a different thread than the last post when possible.
  const remaining = candidates.all.filter((c) => !used.has(c.key));
  const elsewhere = remaining.filter((c) => c.post.id !== lastPostId);
  const chosen = bestOf(elsewhere, seed, pool) ?? bestOf(remaining, seed, pool);
  return chosen ? { item: toItem(chosen, false, used, candidates.byPost.get(chosen.post.id)!, pool, input.summarize), cycle } : null;
}

/** The item for `date` in `serverId` given its history; null for an archive with nothing to post. */
export function selectDigestItem(input: SelectDigestInput): DigestItem | null {
  return selectDigest(input)?.item ?? null;
}
