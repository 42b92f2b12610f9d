/**
 * One Atom entry of Blogger's XML exports to a post, a comment or a reason to skip it. Two formats:
 *  - the "Back up content" export (2008 schema): the kind is a `category`, a comment's post is `thr:in-reply-to`, a
 *    reply's parent is a `related` link, a draft has `app:control/app:draft` yes;
 *  - Google Takeout's feed.atom (2018 schema): `blogger:type`, `blogger:status`, `blogger:parent`, `blogger:inReplyTo`,
 *    `blogger:filename` (a path on the blog), `author/blogger:type`.
 * Each entry is judged on its own markers, so a file is read whichever of the two it is.
 */
import { child, childText, children, type XmlElement } from './atomReader';
import { commentLinkFrom, type EntryResult } from './entryResult';
import { displayName, isoTime, parentFromRelatedLink, parseEntryId, postFromInReplyTo } from './bloggerIds';
import { htmlToText } from './htmlToText';

export const KIND_SCHEME = 'http://schemas.google.com/g/2005#kind';
export const BLOGGER_2018_NS = 'http://schemas.google.com/blogger/2018';
const THREAD_NS = 'http://purl.org/syndication/thread/1.0';
const APP_NAMESPACES = ['http://purl.org/atom/app#', 'http://www.w3.org/2007/app'];
const GD_NS = 'http://schemas.google.com/g/2005';
const LABEL_SCHEME = 'http://www.blogger.com/atom/ns#';

/** Blogger's placeholder for a removed comment, in any of the wordings it has used. */
const REMOVED_NOTICE =
  /^This (?:comment|post) has been removed by (?:the author|an? (?:blog )?administrator|the (?:blog )?administrator)\.?$/i;

export function isRemovedNotice(text: string): boolean {
  return text.length < 120 && REMOVED_NOTICE.test(text.replace(/\s+/g, ' ').trim());
}

function contentText(entry: XmlElement): string {
  const content = child(entry, 'content') ?? child(entry, 'summary');
  if (!content) return '';
  const type = content.attrs.type ?? 'text';
  // `text` content is plain text (entities already decoded by the XML parser); html and xhtml are markup.
  return type === 'text' ? content.text.replace(/\r\n?/g, '\n').trim() : htmlToText(content.text);
}

function link(entry: XmlElement, rel: string): string | null {
  return children(entry, 'link').find((l) => l.attrs.rel === rel && l.attrs.href)?.attrs.href ?? null;
}

/**
 * The display name the blog shows. Takeout marks commenters who did not sign in as ANONYMOUS, but those who typed a
 * name (Blogger's "Name/URL" option) are shown under it, so only the name "Anonymous" (or none) means anonymous.
 */
function author(entry: XmlElement): { name: string | null; uri: string | null } {
  const a = child(entry, 'author');
  if (!a) return { name: null, uri: null };
  const uri = childText(a, 'uri')?.trim() || null;
  return { name: displayName(childText(a, 'name')), uri };
}

function timeField(entry: XmlElement, name: string, result: { problems: string[] }): string | null {
  const raw = childText(entry, name);
  const value = isoTime(raw);
  if (raw && !value) result.problems.push(`<${name}> "${raw.trim().slice(0, 40)}" is not an ISO 8601 time`);
  return value;
}

/** The 2008 kind (`post`, `comment`, `settings`, ...) or null when the entry carries none. */
function backupKind(entry: XmlElement): string | null {
  const kind = children(entry, 'category').find((c) => c.attrs.scheme === KIND_SCHEME)?.attrs.term;
  return kind ? (/#(\w+)$/.exec(kind)?.[1] ?? kind) : null;
}

function isDraft(entry: XmlElement): boolean {
  for (const ns of APP_NAMESPACES) {
    const control = child(entry, 'control', ns);
    const draft = control && child(control, 'draft', ns);
    if (draft && draft.text.trim().toLowerCase() === 'yes') return true;
  }
  return false;
}

function removedProperty(entry: XmlElement): boolean {
  return children(entry, 'extendedProperty', GD_NS).some((p) => p.attrs.name === 'blogger.contentRemoved' && p.attrs.value === 'true');
}

function labels(entry: XmlElement): string[] {
  return children(entry, 'category')
    .filter((c) => c.attrs.scheme === LABEL_SCHEME && c.attrs.term)
    .map((c) => c.attrs.term);
}

/** An entry of either XML export. `blogUrl` turns Takeout's `blogger:filename` paths into permalinks. */
export function readXmlEntry(entry: XmlElement, blogUrl: string | null): EntryResult {
  if (child(entry, 'type', BLOGGER_2018_NS)) return readTakeoutEntry(entry, blogUrl);
  const kind = backupKind(entry);
  if (kind === 'post') return readBackupPost(entry);
  if (kind === 'comment') return readBackupComment(entry);
  if (kind === 'settings' || kind === 'template' || kind === 'page') return { kind: 'skip', reason: kind };
  if (kind) return { kind: 'skip', reason: 'other kind' };
  return { kind: 'unknown' };
}

function readBackupPost(entry: XmlElement): EntryResult {
  if (isDraft(entry)) return { kind: 'skip', reason: 'draft' };
  const id = parseEntryId(childText(entry, 'id'));
  if (!id) return { kind: 'problem', message: `post entry without a Blogger id (<id>${(childText(entry, 'id') ?? '').slice(0, 60)}</id>)` };
  const a = author(entry);
  const notes = { problems: [] as string[] };
  return {
    kind: 'post',
    problems: notes.problems,
    post: {
      type: 'post',
      postId: id.itemId,
      blogId: id.blogId,
      title: (childText(entry, 'title') ?? '').replace(/\s+/g, ' ').trim(),
      body: contentText(entry),
      published: timeField(entry, 'published', notes),
      updated: timeField(entry, 'updated', notes),
      url: link(entry, 'alternate'),
      author: a.name,
      authorUrl: a.uri,
      labels: labels(entry),
    },
  };
}

function readBackupComment(entry: XmlElement): EntryResult {
  const id = parseEntryId(childText(entry, 'id'));
  if (!id)
    return { kind: 'problem', message: `comment entry without a Blogger id (<id>${(childText(entry, 'id') ?? '').slice(0, 60)}</id>)` };
  const reply = child(entry, 'in-reply-to', THREAD_NS);
  const postId = postFromInReplyTo(reply?.attrs.ref, reply?.attrs.source);
  if (!postId) return { kind: 'problem', message: `comment ${id.itemId} does not say which post it belongs to (no thr:in-reply-to)` };
  const notes = { problems: [] as string[] };
  const text = contentText(entry);
  const removed = removedProperty(entry) || isRemovedNotice(text);
  const a = author(entry);
  const published = timeField(entry, 'published', notes);
  return {
    kind: 'comment',
    problems: notes.problems,
    comment: {
      type: 'comment',
      commentId: id.itemId,
      postId,
      parentId: parentFromRelatedLink(link(entry, 'related')),
      author: removed ? null : a.name,
      authorUrl: removed ? null : a.uri,
      published,
      updated: timeField(entry, 'updated', notes),
      url: commentLinkFrom(link(entry, 'alternate')),
      removed,
      text: removed ? '' : text,
    },
  };
}

function takeoutPermalink(blogUrl: string | null, filename: string | null): string | null {
  const path = filename?.trim();
  if (!path) return null;
  if (/^https?:\/\//i.test(path)) return path;
  return blogUrl ? `${blogUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}` : null;
}

function readTakeoutEntry(entry: XmlElement, blogUrl: string | null): EntryResult {
  const type = (childText(entry, 'type', BLOGGER_2018_NS) ?? '').trim().toUpperCase();
  const status = (childText(entry, 'status', BLOGGER_2018_NS) ?? 'LIVE').trim().toUpperCase();
  const trashed = (childText(entry, 'trashed', BLOGGER_2018_NS) ?? '').trim() !== '';
  const id = parseEntryId(childText(entry, 'id'));
  const notes = { problems: [] as string[] };
  if (type === 'PAGE') return { kind: 'skip', reason: 'page' };
  if (type === 'POST') {
    if (status === 'DRAFT') return { kind: 'skip', reason: 'draft' };
    if (status !== 'LIVE' || trashed) return { kind: 'skip', reason: 'not public' };
    if (!id) return { kind: 'problem', message: 'post entry without a Blogger id' };
    const a = author(entry);
    return {
      kind: 'post',
      problems: notes.problems,
      post: {
        type: 'post',
        postId: id.itemId,
        blogId: id.blogId,
        title: (childText(entry, 'title') ?? '').replace(/\s+/g, ' ').trim(),
        body: contentText(entry),
        published: timeField(entry, 'published', notes),
        updated: timeField(entry, 'updated', notes),
        url: takeoutPermalink(blogUrl, childText(entry, 'filename', BLOGGER_2018_NS)) ?? link(entry, 'alternate'),
        author: a.name,
        authorUrl: a.uri,
        labels: labels(entry),
      },
    };
  }
  if (type !== 'COMMENT') return { kind: 'skip', reason: 'other kind' };
  // EMPTIED (the Blogger API's word) and a trashed mark are what the blog shows as "This comment has been removed".
  const removedByStatus = status === 'EMPTIED' || status === 'DELETED' || trashed;
  if (!removedByStatus && status !== 'LIVE') return { kind: 'skip', reason: 'not public' }; // PENDING, SPAM
  if (!id) return { kind: 'problem', message: 'comment entry without a Blogger id' };
  const postId = parseEntryId(childText(entry, 'parent', BLOGGER_2018_NS))?.itemId;
  if (!postId) return { kind: 'problem', message: `comment ${id.itemId} does not say which post it belongs to (no blogger:parent)` };
  const text = contentText(entry);
  const removed = removedByStatus || removedProperty(entry) || isRemovedNotice(text);
  const a = author(entry);
  return {
    kind: 'comment',
    problems: notes.problems,
    comment: {
      type: 'comment',
      commentId: id.itemId,
      postId,
      parentId: parseEntryId(childText(entry, 'inReplyTo', BLOGGER_2018_NS))?.itemId ?? parentFromRelatedLink(link(entry, 'related')),
      author: removed ? null : a.name,
      authorUrl: removed ? null : a.uri,
      published: timeField(entry, 'published', notes),
      updated: timeField(entry, 'updated', notes),
      url: commentLinkFrom(link(entry, 'alternate')),
      removed,
      text: removed ? '' : text,
    },
  };
}
