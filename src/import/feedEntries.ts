/**
 * One entry of Blogger's public JSON feeds (`/feeds/posts/default?alt=json`, `/feeds/comments/default?alt=json`) to
 * a post or a comment. GData's JSON wraps every value (`"title": {"$t": "…"}`), attributes are plain keys, and
 * namespaced elements are `prefix$name` (`thr$in-reply-to`, `gd$extendedProperty`).
 */
import { commentLinkFrom, type EntryResult } from './entryResult';
import { displayName, isoTime, parentFromRelatedLink, parseEntryId, postFromInReplyTo } from './bloggerIds';
import { htmlToText } from './htmlToText';
import { isRemovedNotice } from './xmlEntries';

type Json = Record<string, unknown>;

const LABEL_SCHEME = 'http://www.blogger.com/atom/ns#';

function obj(value: unknown): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(obj).filter((v): v is Json => v !== null) : obj(value) ? [value as Json] : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** `{"$t": "x"}` → `x`. */
export function wrapped(value: unknown): string | null {
  return str(obj(value)?.$t);
}

function link(entry: Json, rel: string): string | null {
  return str(list(entry.link).find((l) => l.rel === rel && typeof l.href === 'string')?.href);
}

function content(entry: Json): string {
  const c = obj(entry.content) ?? obj(entry.summary);
  const text = str(c?.$t) ?? '';
  return c?.type === 'text' ? text.trim() : htmlToText(text);
}

function author(entry: Json): { name: string | null; uri: string | null } {
  const a = list(entry.author)[0];
  return { name: displayName(wrapped(a?.name)), uri: wrapped(a?.uri)?.trim() || null };
}

function times(entry: Json, problems: string[]): { published: string | null; updated: string | null } {
  const out = { published: null as string | null, updated: null as string | null };
  for (const key of ['published', 'updated'] as const) {
    const raw = wrapped(entry[key]);
    out[key] = isoTime(raw);
    if (raw && !out[key]) problems.push(`${key} "${raw.slice(0, 40)}" is not an ISO 8601 time`);
  }
  return out;
}

export function readFeedPost(entry: Json): EntryResult {
  const id = parseEntryId(wrapped(entry.id));
  if (!id) return { kind: 'problem', message: `post entry without a Blogger id (${JSON.stringify(wrapped(entry.id))})` };
  const problems: string[] = [];
  if (!obj(entry.content) && obj(entry.summary)) {
    problems.push("the feed gives only a summary of the post (the blog's Site feed setting is not Full): its text is cut short");
  }
  const a = author(entry);
  return {
    kind: 'post',
    problems,
    post: {
      type: 'post',
      postId: id.itemId,
      blogId: id.blogId,
      title: (wrapped(entry.title) ?? '').replace(/\s+/g, ' ').trim(),
      body: content(entry),
      ...times(entry, problems),
      url: link(entry, 'alternate'),
      author: a.name,
      authorUrl: a.uri,
      labels: list(entry.category)
        .filter((c) => c.scheme === LABEL_SCHEME && typeof c.term === 'string')
        .map((c) => c.term as string),
    },
  };
}

export function readFeedComment(entry: Json): EntryResult {
  const id = parseEntryId(wrapped(entry.id));
  if (!id) return { kind: 'problem', message: `comment entry without a Blogger id (${JSON.stringify(wrapped(entry.id))})` };
  const reply = obj(entry['thr$in-reply-to']);
  const ref = str(reply?.ref);
  if (ref && /\.page-\d+/.test(ref)) return { kind: 'skip', reason: 'comment on a skipped post' };
  const postId = postFromInReplyTo(ref, str(reply?.source));
  if (!postId) return { kind: 'problem', message: `comment ${id.itemId} does not say which post it belongs to (no thr$in-reply-to)` };
  const problems: string[] = [];
  const text = content(entry);
  const removedProperty = list(entry.gd$extendedProperty).some((p) => p.name === 'blogger.contentRemoved' && String(p.value) === 'true');
  const removed = removedProperty || isRemovedNotice(text);
  const a = author(entry);
  return {
    kind: 'comment',
    problems,
    comment: {
      type: 'comment',
      commentId: id.itemId,
      postId,
      parentId: parentFromRelatedLink(link(entry, 'related')),
      author: removed ? null : a.name,
      authorUrl: removed ? null : a.uri,
      ...times(entry, problems),
      url: commentLinkFrom(link(entry, 'alternate')),
      removed,
      text: removed ? '' : text,
    },
  };
}
