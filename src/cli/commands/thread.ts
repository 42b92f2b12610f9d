/**
 * `thread "<id, title words or date>"`: the extractive summary of one post and its discussion, as `/thread` shows it.
 * Dates are read as people write them (25 October 2022, 25/10/2022, Oct 2022, 2022-10-25). Several matching posts are
 * listed on stderr (exit 2: say which one); none gives suggestions, the nearest dated posts for a date (exit 1); a date
 * that does not exist (31/02/2022) is a usage error (exit 2).
 */

import type { Post } from '../../corpus/types';
import path from 'node:path';
import {
  groupByVoice,
  loadOrBuildCorpusStats,
  STATS_CACHE_FILE_NAME,
  summarizeThread,
  threadLabel,
  ThreadFinder,
  voiceLabelText,
} from '../../summary';
import { cliCacheDir } from '../cacheDir';
import type { ThreadSummary } from '../../summary';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

export function threadJson(post: Post, summary: ThreadSummary) {
  return {
    post: {
      id: post.id,
      title: post.title,
      date: post.date,
      url: post.url,
      source: post.source,
      declaredCommentCount: post.declaredCommentCount,
    },
    summary: {
      // Each sentence says whose words it is: speaker null for the blogger's own, else the quoted source's name.
      gist: summary.gist.map((g) => ({ text: g.text, speaker: g.speaker, quoted: g.quoted })),
      stats: summary.stats,
      terms: summary.terms,
      quotes: summary.quotes.map((q) => ({ commentId: q.commentId, author: q.author, text: q.text, path: q.path })),
      subthreads: summary.subthreads,
      empty: summary.empty,
      note: summary.note,
    },
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

export function humanThread(post: Post, s: ThreadSummary): string {
  const lines: string[] = [];
  lines.push(post.title ?? '(untitled)');
  lines.push([post.date ?? 'undated', post.url, `id ${post.id} (${post.source})`].filter(Boolean).join(' · '));
  if (s.gist.length > 0) {
    lines.push('', 'The post');
    for (const group of groupByVoice(s.gist)) {
      const label = voiceLabelText(group.speaker, group.quoted);
      if (label) lines.push(indent(`${label}:`), indent(`“${group.texts.join(' ')}”`, '    '));
      else lines.push(...group.texts.map((t) => indent(t)));
    }
  }

  const n = s.stats;
  lines.push('', 'The discussion');
  const parts = [`${plural(n.comments, 'comment')}: ${n.topLevel} top-level, ${plural(n.replies, 'reply', 'replies')}`];
  if (n.removed) parts.push(`${n.removed} removed`);
  lines.push(indent(parts.join(', ') + '.'));
  if (n.comments > n.removed) lines.push(indent(`${plural(n.voices, 'signed voice')}, ${n.anonymous} anonymous.`));
  if (n.declaredMismatch) lines.push(indent(`The export declares ${plural(n.declared!, 'comment')}.`));
  if (n.busiest) lines.push(indent(`Busiest: #${n.busiest.position} (${plural(n.busiest.replies, 'reply', 'replies')}).`));
  if (n.deepest)
    lines.push(
      indent(
        `Longest sub-thread: #${n.deepest.position} (${plural(n.deepest.replies, 'reply', 'replies')}, ${plural(n.deepest.chars, 'character')}).`,
      ),
    );
  if (s.note) lines.push(indent(s.note + '.'));
  if (s.terms.length > 0) lines.push(indent(`Talked about: ${s.terms.join(', ')}`));

  if (s.quotes.length > 0) {
    lines.push('', 'Voices');
    for (const q of s.quotes) lines.push(indent(`${q.path} ${q.author ?? 'Anonymous'}:`), indent(`“${q.text}”`, '    '));
  }
  if (s.subthreads.length > 0) {
    lines.push('', 'Read on');
    for (const t of s.subthreads)
      lines.push(indent(`#${t.position} (${plural(t.replies, 'reply', 'replies')}) ${t.author ?? 'Anonymous'}: ${t.opening}`));
  }
  return lines.join('\n');
}

function listPosts(posts: Post[]): string {
  return posts.map((p) => `  ${p.id}  ${threadLabel(p)}`).join('\n');
}

export const command: CliCommand = {
  name: 'thread',
  summary: 'Summarise one post and its discussion (find it by id, title words or date)',
  usage: 'thread "<id, title words or date>" [--cache-dir <dir>] [--archive <dir>] [--json]',
  options: { 'cache-dir': { type: 'string' } },
  async run(ctx) {
    const query = ctx.positionals.join(' ').trim();
    if (!query) throw new UsageError('Say which thread: an id, some title words or a date like 25 October 2022.');
    const cacheDir = cliCacheDir(ctx);
    const archive = await ctx.loadArchive({ cacheDir });
    const found = new ThreadFinder(archive.posts).find(query);
    if (found.kind === 'badDate') throw new UsageError(found.message);
    if (found.kind === 'choices') {
      const more = found.total > found.posts.length ? `\n  ... and ${found.total - found.posts.length} more` : '';
      const what = found.date ? `${found.total} threads are dated ${found.date}` : `${found.total} threads match "${query}"`;
      ctx.err(`${what}; say which one (by id or a longer title):\n${listPosts(found.posts)}${more}`);
      return 2;
    }
    if (found.kind === 'none') {
      if (found.date) {
        ctx.err(
          `No thread is dated ${found.date}.${found.suggestions.length > 0 ? `\nThe nearest dated threads:\n${listPosts(found.suggestions)}` : ''}`,
        );
        return 1;
      }
      const hint = found.suggestions.length > 0 ? `\nDid you mean:\n${listPosts(found.suggestions)}` : '';
      ctx.err(`No thread matches "${query}".${hint}`);
      return 1;
    }
    const { stats } = await loadOrBuildCorpusStats(archive, path.join(cacheDir, STATS_CACHE_FILE_NAME));
    const summary = summarizeThread(found.post, stats);
    ctx.out(ctx.json ? JSON.stringify(threadJson(found.post, summary)) : humanThread(found.post, summary));
    return 0;
  },
};
