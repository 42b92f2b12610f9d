/**
 * The synthetic archive (syntheticArchive.ts) rendered as Blogger's "Back up content" export: the same posts, threads,
 * authors and removed comments, as the Atom XML an operator downloads, so the importer can be measured at the real
 * archive's scale (4,500 posts, ~150,000 comments, ~200 MB) without the real archive. Streamed to disk one post at
 * a time, so memory stays flat at any scale. The same seed gives the same bytes.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { planArchive, type GeneratedComment } from './syntheticArchive';

export const BACKUP_GENERATOR_VERSION = 1;
export const SYNTHETIC_BLOG_ID = '5000000000000000001';
export const SYNTHETIC_BLOG_URL = 'https://probationmatters.blogspot.com';

export interface BackupManifest {
  posts: number;
  comments: number;
  bytes: number;
}

const KIND = 'http://schemas.google.com/blogger/2008/kind#';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Text as Blogger stores it: HTML with entities, `<br />` between lines and two between paragraphs. */
function html(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
  return escaped
    .split('\n\n')
    .map((p) => p.split('\n').join('<br />'))
    .join('<br /><br />');
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'post'
  );
}

function entryId(id: string): string {
  return `tag:blogger.com,1999:blog-${SYNTHETIC_BLOG_ID}.post-${id}`;
}

function postEntry(id: string, title: string, body: string, published: string, url: string): string {
  return `<entry><id>${entryId(id)}</id><published>${published}</published><updated>${published}</updated>
<category scheme='http://schemas.google.com/g/2005#kind' term='${KIND}post'/>
<title type='text'>${xml(title)}</title><content type='html'>${xml(html(body))}</content>
<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/${SYNTHETIC_BLOG_ID}/posts/default/${id}'/>
<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/${SYNTHETIC_BLOG_ID}/posts/default/${id}'/>
<link rel='alternate' type='text/html' href='${xml(url)}' title='${xml(title)}'/>
<author><name>Jim Brown</name><uri>https://www.blogger.com/profile/01</uri><email>noreply@blogger.com</email></author>
</entry>
`;
}

function commentEntry(
  c: GeneratedComment,
  id: string,
  parentId: string | null,
  postId: string,
  postUrl: string,
  published: string,
): string {
  const text = c.removed ? 'This comment has been removed by the author.' : c.text;
  const related = parentId
    ? `<link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/${SYNTHETIC_BLOG_ID}/${postId}/comments/default/${parentId}'/>\n`
    : '';
  const author =
    c.author && !c.removed
      ? `<name>${xml(c.author)}</name><uri>https://www.blogger.com/profile/${c.author.length}</uri>`
      : '<name>Anonymous</name>';
  return `<entry><id>${entryId(id)}</id><published>${published}</published><updated>${published}</updated>
<category scheme='http://schemas.google.com/g/2005#kind' term='${KIND}comment'/>
<title type='text'>${xml(text.slice(0, 30))}</title><content type='html'>${xml(html(text))}</content>
<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/${SYNTHETIC_BLOG_ID}/${postId}/comments/default/${id}'/>
<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/${SYNTHETIC_BLOG_ID}/${postId}/comments/default/${id}'/>
${related}<author>${author}<email>noreply@blogger.com</email></author>
<thr:in-reply-to href='${xml(postUrl)}' ref='${entryId(postId)}' source='https://www.blogger.com/feeds/${SYNTHETIC_BLOG_ID}/posts/default/${postId}' type='text/html'/>
${c.removed ? "<gd:extendedProperty name='blogger.contentRemoved' value='true'/>\n" : ''}</entry>
`;
}

/** Writes the backup of a `posts`-post synthetic archive to `file`. */
export async function writeSyntheticBackup(
  file: string,
  options: { posts: number; seed?: number; commentsPerPost?: number },
): Promise<BackupManifest> {
  const stream = createWriteStream(file);
  const manifest: BackupManifest = { posts: 0, comments: 0, bytes: 0 };
  const write = async (chunk: string) => {
    manifest.bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  await write(`<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:gd='http://schemas.google.com/g/2005' xmlns:thr='http://purl.org/syndication/thread/1.0'>
<id>tag:blogger.com,1999:blog-${SYNTHETIC_BLOG_ID}.archive</id><updated>2024-01-01T00:00:00.000Z</updated><title type='text'>On Probation</title>
<link rel='alternate' type='text/html' href='${SYNTHETIC_BLOG_URL}/'/>
<entry><id>tag:blogger.com,1999:blog-${SYNTHETIC_BLOG_ID}.settings.BLOG_NAME</id><category scheme='http://schemas.google.com/g/2005#kind' term='${KIND}settings'/><content type='text'>On Probation</content></entry>
<entry><id>tag:blogger.com,1999:blog-${SYNTHETIC_BLOG_ID}.layout</id><category scheme='http://schemas.google.com/g/2005#kind' term='${KIND}template'/><content type='text'>&lt;html/&gt;</content></entry>
`);
  let index = 0;
  for (const { post, date } of planArchive(options)) {
    const postId = String(7000000000000000000n + BigInt(index));
    const title = post.title ?? post.body.split(/\s+/).slice(0, 6).join(' ');
    const published = `${date}T07:30:00.000Z`;
    const url = `${SYNTHETIC_BLOG_URL}/${date.slice(0, 4)}/${date.slice(5, 7)}/${slug(title)}.html`;
    await write(postEntry(postId, title, post.body, published, url));
    const ids = new Map<string, string>();
    const start = Date.parse(published);
    for (let k = 0; k < post.comments.length; k++) {
      const c = post.comments[k];
      const id = String(9000000000000000000n + BigInt(index) * 10000n + BigInt(k));
      ids.set(c.position, id);
      const at = new Date(start + (k + 1) * 60_000).toISOString();
      await write(commentEntry(c, id, c.parentPosition ? (ids.get(c.parentPosition) ?? null) : null, postId, url, at));
      manifest.comments++;
    }
    manifest.posts++;
    index++;
  }
  await write('</feed>\n');
  stream.end();
  await once(stream, 'finish');
  return manifest;
}
