/**
 * `search "<query>"`: what /search answers, on the command line. The index is cached in --cache-dir (default
 * $DATA_DIR/index, or ./data/index: the bot's own cache), so only the first run on an archive pays for building it.
 */

import type { Archive } from '../../corpus/types';
import { formatQuery, formatSnippet, loadOrBuildSearchIndex, QueryError, type SearchHit, type SearchIndex } from '../../search';
import { formatTime } from '../../discord/quote';
import { cliCacheDir } from '../cacheDir';
import type { CliCommand, CliContext } from '../types';
import { UsageError } from '../types';

export function hitJson(hit: SearchHit) {
  return {
    id: hit.id,
    kind: hit.kind,
    postId: hit.postId,
    postTitle: hit.postTitle,
    postDate: hit.postDate,
    author: hit.author,
    position: hit.position,
    text: hit.text,
    snippet: hit.snippet.text,
    highlights: hit.snippet.highlights,
    score: hit.score,
    url: hit.url,
    published: hit.published,
  };
}

export function humanHit(hit: SearchHit, rank: number): string {
  const where = hit.kind === 'comment' ? `#${hit.position}` : 'the post';
  const head = [
    hit.postTitle ?? '(untitled)',
    hit.postDate ?? 'undated',
    where,
    hit.kind === 'comment' ? (hit.author ?? 'Anonymous') : null,
    formatTime(hit.published),
  ];
  return [
    `${rank}. ${head.filter(Boolean).join(' · ')}`,
    `   “${formatSnippet(hit.snippet).replace(/\n/g, '\n    ')}”`,
    `   ${[`id ${hit.id}`, hit.url].filter(Boolean).join(' · ')}`,
  ].join('\n');
}

export function integerOption(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}.`);
  }
  return n;
}

/** Loads the archive and its index (from the cache the bot also uses, DATA_DIR/index, when it matches). */
export async function openIndex(ctx: CliContext): Promise<{ archive: Archive; index: SearchIndex; built: boolean; ms: number }> {
  const cacheDir = cliCacheDir(ctx);
  const archive = await ctx.loadArchive({ cacheDir });
  const { index, built, ms } = await loadOrBuildSearchIndex(archive, { cacheDir });
  return { archive, index, built, ms };
}

export const command: CliCommand = {
  name: 'search',
  summary: 'Search comments and posts: words, "phrases", -exclusions, author:, before:, after:, year:, in:',
  usage: 'search "<query>" [--limit N] [--offset N] [--cache-dir <dir>] [--archive <dir>] [--json]',
  options: {
    limit: { type: 'string' },
    offset: { type: 'string' },
    'cache-dir': { type: 'string' },
  },
  async run(ctx) {
    const query = ctx.positionals.join(' ');
    if (!query.trim()) throw new UsageError('Say what to search for, e.g. search "pay offer" or search "author:Getafix relationship".');
    const limit = integerOption(ctx.options.limit, 'limit', 1, 100, 5);
    const offset = integerOption(ctx.options.offset, 'offset', 0, 1_000_000, 0);
    const opened = await openIndex(ctx);
    let results;
    try {
      results = opened.index.search(query, { limit, offset });
    } catch (error) {
      if (error instanceof QueryError) throw new UsageError(error.message);
      throw error;
    }
    if (ctx.json) {
      ctx.out(JSON.stringify({ query: formatQuery(results.query), total: results.total, offset, hits: results.hits.map(hitJson) }));
      return 0;
    }
    if (results.total === 0) {
      ctx.out(`No results for ${formatQuery(results.query)}.`);
      return 0;
    }
    const shown = results.hits.length > 0 ? ` (showing ${offset + 1}–${offset + results.hits.length})` : ' (none on this page)';
    const lines = [`${results.total} result${results.total === 1 ? '' : 's'} for ${formatQuery(results.query)}${shown}`, ''];
    results.hits.forEach((hit, i) => lines.push(humanHit(hit, offset + i + 1), ''));
    ctx.out(lines.join('\n').trimEnd());
    return 0;
  },
};
