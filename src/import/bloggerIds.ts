/**
 * Blogger's ids and the links that carry them. Every format names items the same way
 * (`tag:blogger.com,1999:blog-BLOGID.post-ITEMID`, comments included), so these ids are what ties a comment read from
 * a feed to a post read from a backup, and what the archive's own ids are made from.
 */

const ENTRY_ID = /blog-(\d+)\.(?:post|page|comment)-(\d+)/;

/** `{ blogId, itemId }` from an entry id; a bare number is accepted as an item id. Null when there is none. */
export function parseEntryId(id: string | null | undefined): { blogId: string | null; itemId: string } | null {
  if (!id) return null;
  const m = ENTRY_ID.exec(id);
  if (m) return { blogId: m[1], itemId: m[2] };
  const bare = /^\s*(\d+)\s*$/.exec(id);
  return bare ? { blogId: null, itemId: bare[1] } : null;
}

/** The blog id from a feed id (`tag:blogger.com,1999:blog-123`). */
export function parseBlogId(id: string | null | undefined): string | null {
  return id ? (/blog-(\d+)/.exec(id)?.[1] ?? null) : null;
}

/** The parent comment of a reply, from its `related` link: `.../feeds/BLOGID/POSTID/comments/default/PARENTID`. */
export function parentFromRelatedLink(href: string | null | undefined): string | null {
  return href ? (/\/comments\/default\/(\d+)/.exec(href)?.[1] ?? null) : null;
}

/** A comment's post from `thr:in-reply-to`: its `ref` (`...post-POSTID`) or else its `source` (`.../feeds/POSTID/posts/default/POSTID`). */
export function postFromInReplyTo(ref: string | null | undefined, source: string | null | undefined): string | null {
  const fromRef = parseEntryId(ref)?.itemId;
  if (fromRef) return fromRef;
  return source ? (/\/posts\/default\/(\d+)/.exec(source)?.[1] ?? /\/feeds\/(\d+)\//.exec(source)?.[1] ?? null) : null;
}

/** Blogger shows comments without a name as "Anonymous": the archive's author is then null. */
export function displayName(name: string | null | undefined): string | null {
  const value = name?.replace(/\s+/g, ' ').trim();
  if (!value || /^anonymous$/i.test(value)) return null;
  return value;
}

/** An ISO 8601 time as given, or null when it is not one (the problem is reported by the caller). */
export function isoTime(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) || !Number.isFinite(Date.parse(v))) return null;
  return v;
}
