/**
 * Every custom_id the bot makes, one codec each (see customId.ts for the format and versions). They live together
 * because they are the contract between features and with messages already posted: a search result links to a
 * thread's ids, a comment read in full links back to a search page, the daily post links to a thread, and a command
 * handles the ids of its own name (the router routes `<command>:<action>` to `commands/<command>`'s handler).
 *
 * <state> below is packed state (packState): the fields inline, or one `~<key>` of a record in the store.
 */
import type { UnitKind } from '../search';
import { defineCodec, readArg, type PackedState, type StateShape } from './customId';

/** Where "Back" goes from a comment read in full. */
export type CommentBack = { kind: 'comments' } | { kind: 'summary' } | { kind: 'search'; page: number; state: PackedState };

function backArgs(back: CommentBack): string[] {
  if (back.kind === 'summary') return ['m'];
  if (back.kind === 'search') return ['s', String(back.page), ...back.state.rawArgs];
  return [];
}

/** Reads the `<back>` args of a custom_id (still escaped, as `parseCustomId` gives them in `rawArgs`). */
export function parseBack(rawArgs: string[]): CommentBack {
  if (rawArgs[0] === 'm') return { kind: 'summary' };
  if (rawArgs[0] === 's' && rawArgs.length >= 3)
    return { kind: 'search', page: Math.max(0, Number(rawArgs[1]) || 0), state: { rawArgs: rawArgs.slice(2) } };
  return { kind: 'comments' };
}

/** A view of a post for its owner (others clicking get a private copy). */
export interface PostView {
  postId: string;
  ownerId: string;
}

export interface PostPage extends PostView {
  page: number;
}

const postPage = (action: 'comments' | 'sub') =>
  defineCodec<PostPage>({
    command: 'thread',
    action,
    write: (v) => ({ args: [v.postId, v.page, v.ownerId] }),
    read: ([postId, page, ownerId]) => {
      const p = readArg.page(page);
      const o = readArg.user(ownerId);
      return postId && p !== null && o !== null ? { postId, page: p, ownerId: o } : null;
    },
  });

export interface CommentPart {
  commentId: string;
  part: number;
  ownerId: string;
  back: CommentBack;
}

export interface CommentPick {
  ownerId: string;
  back: CommentBack;
}

/** The ids of /thread's views, also opened from search, /random, /author, /trend and the daily post. */
export const threadIds = {
  /** Comment page <page> (0-based) of a post. */
  comments: postPage('comments'),
  /** The same, from the "liveliest sub-thread" button (Discord refuses two components with one custom_id). */
  sub: postPage('sub'),
  /** The summary card. */
  summary: defineCodec<PostView>({
    command: 'thread',
    action: 'summary',
    write: (v) => ({ args: [v.postId, v.ownerId] }),
    read: ([postId, ownerId]) => (postId && readArg.user(ownerId) !== null ? { postId, ownerId } : null),
  }),
  /** Select: value = a post id → its summary as a new (private) message. */
  open: defineCodec<{ ownerId: string }>({
    command: 'thread',
    action: 'open',
    write: (v) => ({ args: [v.ownerId] }),
    read: ([ownerId]) => (readArg.user(ownerId) !== null ? { ownerId } : null),
  }),
  /** Part <part> (0-based) of a comment read in full, with the way back. */
  full: defineCodec<CommentPart>({
    command: 'thread',
    action: 'full',
    write: (v) => ({ args: [v.commentId, v.part, v.ownerId], state: { rawArgs: backArgs(v.back) } }),
    read: ([commentId, part, ownerId], raw) => {
      // A disabled "Previous part" on the first part carries -1: read as the first.
      const p = readArg.page(part);
      return commentId && p !== null && readArg.user(ownerId) !== null
        ? { commentId, part: p, ownerId, back: parseBack(raw.slice(3)) }
        : null;
    },
  }),
  /** Select: value = a comment id → that comment read in full. */
  pick: defineCodec<CommentPick>({
    command: 'thread',
    action: 'pick',
    write: (v) => ({ args: [v.ownerId], state: { rawArgs: backArgs(v.back) } }),
    read: ([ownerId], raw) => (readArg.user(ownerId) !== null ? { ownerId, back: parseBack(raw.slice(1)) } : null),
  }),
};

/** Packed state alone: the search's, the profile's, the chart's (read by their command with unpackShape). */
export interface Stateful {
  state: PackedState;
}

export interface PagedState extends Stateful {
  page: number;
}

const pagedState = (command: string, action: string) =>
  defineCodec<PagedState>({
    command,
    action,
    write: (v) => ({ args: [v.page], state: v.state }),
    read: ([page], raw) => {
      const p = readArg.page(page);
      return p !== null && raw.length > 1 ? { page: p, state: { rawArgs: raw.slice(1) } } : null;
    },
  });

const stateOnly = (command: string, action: string) =>
  defineCodec<Stateful>({
    command,
    action,
    write: (v) => ({ args: [], state: v.state }),
    read: (_args, raw) => (raw.length > 0 ? { state: { rawArgs: raw } } : null),
  });

/** A search, as its buttons carry it. */
export interface SearchState {
  ownerId: string;
  query: string;
  author: string | null;
  after: string | null;
  before: string | null;
  ephemeral: boolean;
  /** The `only` option: comments or post passages; null or absent for both. */
  kind?: UnitKind | null;
}

/** The `only` option's value (state packed before the option existed has none). */
export function kindOption(value: string | null): UnitKind | null {
  return value === 'comment' || value === 'post' ? value : null;
}

export const searchState: StateShape<SearchState> = {
  write: (s) => [s.ownerId, s.query, s.author, s.after, s.before, s.ephemeral ? '1' : null, s.kind ?? null],
  read: ([ownerId, query, author, after, before, ephemeral, kind]) => ({
    ownerId: ownerId ?? '',
    query: query ?? '',
    author: author ?? null,
    after: after ?? null,
    before: before ?? null,
    ephemeral: ephemeral === '1',
    kind: kindOption(kind ?? null),
  }),
};

/** What /author's and /trend's buttons carry: who asked, what (a name, a query), and whether privately. */
export interface AskedState {
  ownerId: string;
  asked: string;
  ephemeral: boolean;
}

export const askedState: StateShape<AskedState> = {
  write: (s) => [s.ownerId, s.asked, s.ephemeral ? '1' : null],
  read: ([ownerId, asked, ephemeral]) => ({ ownerId: ownerId ?? '', asked: asked ?? '', ephemeral: ephemeral === '1' }),
};

/** /search's ids; <state> is a searchState. */
export const searchIds = {
  /** Previous / next: page <page> (0-based). */
  page: pagedState('search', 'page'),
  /** Select: value = hit id → a comment read in full in place (Back to page <page>), or a post's summary. */
  read: pagedState('search', 'read'),
  /** (Pages answered without paging, and messages from before `read`) the same as a new message. */
  open: stateOnly('search', 'open'),
  /** Select: value = comment id → comments like it. */
  similar: stateOnly('search', 'similar'),
};

/** /random: another comment (in place for its owner). */
export const randomIds = {
  another: defineCodec<{ ownerId: string }>({
    command: 'random',
    action: 'another',
    write: (v) => ({ args: [v.ownerId] }),
    read: ([ownerId]) => (readArg.user(ownerId) !== null ? { ownerId } : null),
  }),
};

/** /author; <state> is an askedState (the name). */
export const authorIds = {
  /** Their comments as a search results page (new message). */
  search: stateOnly('author', 'search'),
  /** Select: value = post id → that thread's summary (new message). */
  open: stateOnly('author', 'open'),
};

export interface TrendPeak extends Stateful {
  /** Which of the chart's terms. */
  term: number;
  /** The peak's year or month (2022, 2022-06). */
  period: string;
}

/** /trend; <state> is an askedState (the query). */
export const trendIds = {
  /** A peak's matches as a search results page (new message). */
  peak: defineCodec<TrendPeak>({
    command: 'trend',
    action: 'peak',
    write: (v) => ({ args: [v.term, v.period], state: v.state }),
    read: ([term, period], raw) => {
      const t = readArg.count(term);
      return t !== null && period && /^\d{4}(-\d{2})?$/.test(period) && raw.length > 2
        ? { term: t, period, state: { rawArgs: raw.slice(2) } }
        : null;
    },
  }),
  /** Select: value = post id → a liveliest thread's summary (new message). */
  open: stateOnly('trend', 'open'),
};
