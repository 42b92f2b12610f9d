/**
 * Reads a blog's public feeds: what is new or changed since a FeedState, plus the state to start from next time. It
 * writes nothing, so the CLI import and a poller in the running bot can both use it (`fetchFeedChanges`).
 *
 * Both feeds are asked in `orderby=updated` order with `updated-min` at the cursor (Blogger honours `updated-min` only
 * in that order), so a second run fetches only posts and comments created or changed since the first: a comment
 * removed since comes back with `blogger.contentRemoved`. Pages are walked with `start-index` / `max-results` until
 * `openSearch$totalResults` is reached or a page comes back empty (Blogger caps a page below what was asked, so the
 * next index counts the entries actually received). Every request has a timeout; 5xx answers, 429, timeouts and
 * network errors are retried with backoff; anything else is an ImportError naming the URL.
 */
import { silentLogger, type Logger } from '../log';
import { parseBlogId } from './bloggerIds';
import type { EntryResult } from './entryResult';
import { readFeedComment, readFeedPost, wrapped } from './feedEntries';
import { countSkip, ImportError, type FeedState, type ImportBatch } from './types';

export interface FeedClientOptions {
  /** Injected for tests and for a caller with its own agent; the global fetch by default. */
  fetch?: typeof fetch;
  /** Per request, until the whole answer is read (default 30 s). */
  timeoutMs?: number;
  /** `max-results` asked for (default 100, Blogger's cap since 2019). */
  pageSize?: number;
  /** Further tries after a failure worth retrying (default 2). */
  retries?: number;
  /** Wait before the first retry, doubled each time (default 1 s). */
  retryDelayMs?: number;
  /** Stop after this many pages of one feed (default 10,000): a server that never stops paging is an error, not a hang. */
  maxPages?: number;
  logger?: Logger;
}

export interface FeedChanges extends ImportBatch {
  nextState: FeedState;
  /** Every URL fetched, in order (for logs and tests). */
  requests: string[];
}

/** `https://blog.example.com/anything` → `https://blog.example.com`: a blog's feeds live at its root. */
export function blogOrigin(blogUrl: string): string {
  let url: URL;
  try {
    url = new URL(blogUrl);
  } catch {
    throw new ImportError(`"${blogUrl}" is not a URL (expected the blog's address, like https://example.blogspot.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImportError(`"${blogUrl}" is not an http(s) address`);
  return url.origin;
}

class RetryableError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeFailure(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  if (err instanceof RetryableError) return err.message;
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return err.cause?.message ?? err.message ?? String(e);
}

/** One page of a feed as parsed JSON, with retries. */
async function getJson(
  url: string,
  options: Required<Omit<FeedClientOptions, 'logger' | 'fetch'>> & { fetch: typeof fetch; logger: Logger },
): Promise<Record<string, unknown>> {
  let lastFailure = '';
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(options.retryDelayMs * 2 ** (attempt - 1));
    let text: string;
    try {
      const response = await options.fetch(url, {
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: { accept: 'application/json' },
      });
      if (response.status >= 500 || response.status === 429) {
        await response.body?.cancel().catch(() => undefined);
        throw new RetryableError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        const hint = response.status === 404 ? ': is this the address of a Blogger blog?' : '';
        throw new ImportError(`GET ${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${hint}`);
      }
      text = await response.text();
    } catch (e) {
      if (e instanceof ImportError) throw e;
      lastFailure = describeFailure(e, options.timeoutMs);
      options.logger.warn('blog feed request failed', { url, attempt: attempt + 1, reason: lastFailure });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ImportError(
        `GET ${url} did not answer with JSON (it starts ${JSON.stringify(text.slice(0, 40))}): is this the address of a Blogger blog?`,
      );
    }
    const feed = (json as { feed?: unknown })?.feed;
    if (!feed || typeof feed !== 'object') throw new ImportError(`GET ${url} answered JSON that is not a Blogger feed (no "feed" object)`);
    return feed as Record<string, unknown>;
  }
  throw new ImportError(`GET ${url} failed after ${options.retries + 1} tries: ${lastFailure}`);
}

function newest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * Posts and comments created or changed since `since` (everything when null), and the state for the next call.
 * Throws ImportError when the blog cannot be read; a partly read feed is never returned as if it were complete.
 */
export async function fetchFeedChanges(blogUrl: string, since: FeedState | null, options: FeedClientOptions = {}): Promise<FeedChanges> {
  const origin = blogOrigin(blogUrl);
  const state = since && since.blogUrl === origin ? since : null;
  const opts = {
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    pageSize: options.pageSize ?? 100,
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 1000,
    maxPages: options.maxPages ?? 10_000,
    logger: (options.logger ?? silentLogger).child({ component: 'blog-feed', blog: origin }),
  };
  const changes: FeedChanges = {
    posts: [],
    comments: [],
    problems: [],
    skipped: {},
    skippedPostIds: new Set(),
    blogUrl: origin,
    blogId: null,
    format: 'feed',
    requests: [],
    nextState: { blogUrl: origin, postsUpdatedMin: state?.postsUpdatedMin ?? null, commentsUpdatedMin: state?.commentsUpdatedMin ?? null },
  };

  const walk = async (
    feedPath: string,
    updatedMin: string | null,
    read: (entry: Record<string, unknown>) => EntryResult,
  ): Promise<string | null> => {
    let cursor = updatedMin;
    let start = 1;
    for (let page = 0; ; page++) {
      if (page >= opts.maxPages) throw new ImportError(`${origin}${feedPath} was still paging after ${opts.maxPages} pages; stopped`);
      const params = new URLSearchParams({
        alt: 'json',
        orderby: 'updated',
        'start-index': String(start),
        'max-results': String(opts.pageSize),
      });
      if (updatedMin) params.set('updated-min', updatedMin);
      const url = `${origin}${feedPath}?${params.toString()}`;
      changes.requests.push(url);
      const feed = await getJson(url, opts);
      changes.blogId ??= parseBlogId(wrapped(feed.id));
      if (page === 0 && !/blog-\d+/.test(wrapped(feed.id) ?? '')) {
        throw new ImportError(`${url} is not a Blogger feed (its id is ${JSON.stringify(wrapped(feed.id))})`);
      }
      const entries = Array.isArray(feed.entry) ? (feed.entry as Record<string, unknown>[]) : [];
      for (const entry of entries) {
        const result = read(entry);
        if (result.kind === 'post') {
          changes.posts.push(result.post);
          cursor = newest(cursor, result.post.updated);
          for (const m of result.problems) changes.problems.push({ file: url, message: `post ${result.post.postId}: ${m}` });
        } else if (result.kind === 'comment') {
          changes.comments.push(result.comment);
          cursor = newest(cursor, result.comment.updated);
          for (const m of result.problems) changes.problems.push({ file: url, message: `comment ${result.comment.commentId}: ${m}` });
        } else if (result.kind === 'skip') countSkip(changes.skipped, result.reason);
        else if (result.kind === 'problem') changes.problems.push({ file: url, message: result.message });
      }
      const total = Number(wrapped(feed['openSearch$totalResults']));
      start += entries.length;
      if (entries.length === 0 || (Number.isFinite(total) && start > total)) return cursor;
    }
  };

  changes.nextState.postsUpdatedMin = await walk('/feeds/posts/default', state?.postsUpdatedMin ?? null, readFeedPost);
  changes.nextState.commentsUpdatedMin = await walk('/feeds/comments/default', state?.commentsUpdatedMin ?? null, readFeedComment);
  opts.logger.info('blog feed read', {
    posts: changes.posts.length,
    comments: changes.comments.length,
    requests: changes.requests.length,
    incremental: state !== null,
  });
  return changes;
}
