/**
 * A fake Blogger blog on 127.0.0.1 serving the public JSON feeds the way Blogger does: GData JSON (`{"$t": ...}`
 * wrappers, `thr$in-reply-to`, `gd$extendedProperty`), `=` and `&` written as `\u003d` / `\u0026`, paging with
 * `start-index` / `max-results` capped at `pageCap`, `openSearch$totalResults`, and `orderby=updated` with an
 * inclusive `updated-min`. It records every request, and can be told to fail (HTTP 500), hang, or answer with
 * something that is not a Blogger feed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const BLOG_ID = '4242424242424242424';

export interface FakePost {
  id: string;
  title: string;
  html: string;
  published: string;
  updated: string;
  slug: string;
  /** Served as Blogger does when the blog's feed setting is "Short": a summary, no content. */
  summaryOnly?: boolean;
}

export interface FakeComment {
  id: string;
  postId: string;
  parentId?: string;
  /** "Anonymous" for an anonymous comment, as Blogger writes it. */
  author: string;
  html: string;
  published: string;
  updated: string;
  removed?: boolean;
}

export type FakeMode = 'ok' | 'error500' | 'hang' | 'html' | 'notBlogger';

export interface FakeBlog {
  url: string;
  posts: FakePost[];
  comments: FakeComment[];
  /** Paths with query strings, in order. */
  requests: string[];
  mode: FakeMode;
  /** With mode 'error500': fail only this many requests, then answer normally (Infinity: always). */
  failuresLeft: number;
  pageCap: number;
  permalink(post: FakePost): string;
  close(): Promise<void>;
}

const t = (value: string) => ({ $t: value });

function postEntry(blog: FakeBlog, p: FakePost) {
  return {
    id: t(`tag:blogger.com,1999:blog-${BLOG_ID}.post-${p.id}`),
    published: t(p.published),
    updated: t(p.updated),
    category: [{ scheme: 'http://www.blogger.com/atom/ns#', term: 'news' }],
    title: { type: 'text', $t: p.title },
    ...(p.summaryOnly ? { summary: { type: 'text', $t: p.html.slice(0, 20) } } : { content: { type: 'html', $t: p.html } }),
    link: [
      { rel: 'replies', type: 'application/atom+xml', href: `${blog.url}/feeds/${p.id}/comments/default`, title: 'Post Comments' },
      { rel: 'edit', type: 'application/atom+xml', href: `https://www.blogger.com/feeds/${BLOG_ID}/posts/default/${p.id}` },
      { rel: 'self', type: 'application/atom+xml', href: `https://www.blogger.com/feeds/${BLOG_ID}/posts/default/${p.id}` },
      { rel: 'alternate', type: 'text/html', href: blog.permalink(p), title: p.title },
    ],
    author: [{ name: t('Jim Brown'), uri: t('https://www.blogger.com/profile/01'), email: t('noreply@blogger.com') }],
  };
}

function commentEntry(blog: FakeBlog, c: FakeComment) {
  const post = blog.posts.find((p) => p.id === c.postId)!;
  const permalink = blog.permalink(post);
  const links: Record<string, string>[] = [
    { rel: 'edit', type: 'application/atom+xml', href: `https://www.blogger.com/feeds/${BLOG_ID}/${c.postId}/comments/default/${c.id}` },
    { rel: 'self', type: 'application/atom+xml', href: `https://www.blogger.com/feeds/${BLOG_ID}/${c.postId}/comments/default/${c.id}` },
    { rel: 'alternate', type: 'text/html', href: `${permalink}?showComment=${Date.parse(c.published)}#c${c.id}`, title: '' },
  ];
  if (c.parentId)
    links.push({
      rel: 'related',
      type: 'application/atom+xml',
      href: `https://www.blogger.com/feeds/${BLOG_ID}/${c.postId}/comments/default/${c.parentId}`,
    });
  const properties = [
    { name: 'blogger.itemClass', value: 'pid-1' },
    { name: 'blogger.displayTime', value: c.published },
  ];
  if (c.removed) properties.push({ name: 'blogger.contentRemoved', value: 'true' });
  return {
    id: t(`tag:blogger.com,1999:blog-${BLOG_ID}.post-${c.id}`),
    published: t(c.published),
    updated: t(c.updated),
    title: { type: 'text', $t: c.removed ? 'This comment has been removed by the author.' : c.html.slice(0, 20) },
    content: { type: 'html', $t: c.removed ? 'This comment has been removed by the author.' : c.html },
    link: links,
    author: [
      {
        name: t(c.author),
        uri: c.author === 'Anonymous' ? undefined : t(`https://www.blogger.com/profile/${c.author.length}`),
        email: t('noreply@blogger.com'),
      },
    ],
    'thr$in-reply-to': {
      xmlns$thr: 'http://purl.org/syndication/thread/1.0',
      href: permalink,
      ref: `tag:blogger.com,1999:blog-${BLOG_ID}.post-${c.postId}`,
      source: `https://www.blogger.com/feeds/${BLOG_ID}/posts/default/${c.postId}`,
      type: 'text/html',
    },
    gd$extendedProperty: properties,
  };
}

function feedPage(blog: FakeBlog, kind: 'posts' | 'comments', query: URLSearchParams) {
  const all = kind === 'posts' ? blog.posts : blog.comments;
  let items = [...all] as Array<FakePost | FakeComment>;
  const orderby = query.get('orderby') ?? 'published';
  const updatedMin = query.get('updated-min');
  if (orderby === 'updated' && updatedMin) items = items.filter((i) => Date.parse(i.updated) >= Date.parse(updatedMin));
  // Newest first, as Blogger answers.
  items.sort(
    (a, b) => Date.parse(orderby === 'updated' ? b.updated : b.published) - Date.parse(orderby === 'updated' ? a.updated : a.published),
  );
  const start = Math.max(1, Number(query.get('start-index') ?? '1'));
  const max = Math.min(blog.pageCap, Math.max(1, Number(query.get('max-results') ?? '25')));
  const page = items.slice(start - 1, start - 1 + max);
  const entries = page.map((i) => (kind === 'posts' ? postEntry(blog, i as FakePost) : commentEntry(blog, i as FakeComment)));
  const feed: Record<string, unknown> = {
    xmlns: 'http://www.w3.org/2005/Atom',
    id: t(`tag:blogger.com,1999:blog-${BLOG_ID}${kind === 'comments' ? '.comments' : '.posts'}`),
    updated: t('2023-01-01T00:00:00.000Z'),
    title: { type: 'text', $t: 'Fake Blog' },
    link: [{ rel: 'alternate', type: 'text/html', href: `${blog.url}/` }],
    openSearch$totalResults: t(String(items.length)),
    openSearch$startIndex: t(String(start)),
    openSearch$itemsPerPage: t(String(max)),
  };
  if (entries.length) feed.entry = entries;
  return { version: '1.0', encoding: 'UTF-8', feed };
}

/** Blogger escapes these inside JSON strings; a client that does not really parse JSON trips on them. */
function bloggerJson(value: unknown): string {
  return JSON.stringify(value).replace(/=/g, '\\u003d').replace(/&/g, '\\u0026');
}

export async function startFakeBlog(init: { posts?: FakePost[]; comments?: FakeComment[]; pageCap?: number } = {}): Promise<FakeBlog> {
  const sockets = new Set<import('node:net').Socket>();
  const blog: FakeBlog = {
    url: '',
    posts: init.posts ?? [],
    comments: init.comments ?? [],
    requests: [],
    mode: 'ok',
    failuresLeft: Infinity,
    pageCap: init.pageCap ?? 100,
    permalink: (p) => `${blog.url}/${p.published.slice(0, 4)}/${p.published.slice(5, 7)}/${p.slug}.html`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    blog.requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', blog.url);
    if (blog.mode === 'hang') return; // never answers
    if (blog.mode === 'error500' && blog.failuresLeft > 0) {
      blog.failuresLeft--;
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Server Error</body></html>');
      return;
    }
    if (blog.mode === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Not a blog</body></html>');
      return;
    }
    if (blog.mode === 'notBlogger') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ feed: { id: { $t: 'urn:example:some-other-feed' }, entry: [] } }));
      return;
    }
    const match = /^\/feeds\/(posts|comments)\/default$/.exec(url.pathname);
    if (!match || url.searchParams.get('alt') !== 'json') {
      res.writeHead(404, { 'content-type': 'text/html' }).end('Not found');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json; charset=UTF-8' })
      .end(bloggerJson(feedPage(blog, match[1] as 'posts' | 'comments', url.searchParams)));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  blog.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return blog;
}

/** `n` posts a day apart from 1 Oct 2022, each with `perPost` comments (every third a reply to the one before). */
export function makeBlogContent(n: number, perPost: number): { posts: FakePost[]; comments: FakeComment[] } {
  const posts: FakePost[] = [];
  const comments: FakeComment[] = [];
  for (let i = 0; i < n; i++) {
    const published = new Date(Date.UTC(2022, 9, 1 + i, 7, 30)).toISOString();
    const id = String(7100000000000000000n + BigInt(i));
    posts.push({
      id,
      title: `Post number ${i + 1}`,
      html: `<p>Body of post ${i + 1} &amp; more.</p>`,
      published,
      updated: published,
      slug: `post-number-${i + 1}`,
    });
    for (let k = 0; k < perPost; k++) {
      const at = new Date(Date.UTC(2022, 9, 1 + i, 9, k)).toISOString();
      const cid = String(9100000000000000000n + BigInt(i * 1000 + k));
      const parentId = k % 3 === 2 ? comments[comments.length - 1].id : undefined;
      comments.push({
        id: cid,
        postId: id,
        parentId,
        author: k % 2 === 0 ? 'Anonymous' : `Reader ${k}`,
        html: `Comment ${k + 1} on post ${i + 1}<br />second line`,
        published: at,
        updated: at,
      });
    }
  }
  return { posts, comments };
}
