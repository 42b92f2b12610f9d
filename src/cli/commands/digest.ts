/**
 * `digest --date YYYY-MM-DD [--server <id>]`: the item the daily post would make on that date for a server with no
 * history, exactly as the bot would choose it (same selection, same summariser). `--json` prints
 * `{"date", "onThisDay", "item": {"kind", "postId", "postTitle", "postDate", "commentId", "text", "speaker"}}` (`speaker`
 * for a post item only: null when `text` is the blogger's own words, else the quoted source's name).
 */

import { DigestDateError, parseLocalDate } from '../../digest/dates';
import { digestSummarizeWith, selectDigestItem } from '../../digest/select';
import { shownCommentId, type DigestItem } from '../../digest/types';
import path from 'node:path';
import { createSummarizer, groupByVoice, loadOrBuildCorpusStats, STATS_CACHE_FILE_NAME, voiceLabelText } from '../../summary';
import { cliCacheDir } from '../cacheDir';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

/** The server id used when none is given: selection varies by server, so the CLI names one. */
export const DEFAULT_CLI_SERVER = 'cli';

export function digestJson(date: string, item: DigestItem) {
  return {
    date,
    onThisDay: item.onThisDay,
    item: {
      kind: item.kind,
      postId: item.postId,
      postTitle: item.postTitle,
      postDate: item.postDate,
      commentId: shownCommentId(item),
      text: item.text,
      // A post item says whose words `text` is: null for the blogger's own, else the quoted source.
      ...(item.kind === 'post' ? { speaker: item.speaker } : {}),
    },
  };
}

function humanDigest(date: string, item: DigestItem): string {
  const heading =
    item.onThisDay && item.postDate ? `On this day in ${item.postDate.slice(0, 4)}` : `From the archive — ${item.postDate ?? 'undated'}`;
  const lines = [`${date}: ${heading}`, `${item.postTitle}${item.postUrl ? ` · ${item.postUrl}` : ''}`, ''];
  if (item.kind === 'comment') {
    if (item.context?.kind === 'comment')
      lines.push(`In reply to #${item.context.position} ${item.context.author ?? 'Anonymous'}: ${item.context.excerpt}`, '');
    lines.push(`#${item.position} ${item.author ?? 'Anonymous'}:`, item.text);
  } else {
    for (const group of groupByVoice(item.gist)) {
      const label = voiceLabelText(group.speaker, group.quoted);
      lines.push(label ? `${label}:\n“${group.texts.join(' ')}”` : group.texts.join(' '));
    }
    if (item.quote) lines.push('', `#${item.quote.position} ${item.quote.author ?? 'Anonymous'}:`, `“${item.quote.text}”`);
  }
  return lines.join('\n');
}

export const command: CliCommand = {
  name: 'digest',
  summary: 'The daily post that would be made on a date (for a server with no history)',
  usage: 'digest --date YYYY-MM-DD [--server <id>] [--cache-dir <dir>]',
  options: { date: { type: 'string' }, server: { type: 'string' }, 'cache-dir': { type: 'string' } },
  async run(ctx) {
    const rawDate = ctx.options.date;
    if (typeof rawDate !== 'string' || rawDate.trim() === '') throw new UsageError('Give the date to preview: --date YYYY-MM-DD.');
    let date: string;
    try {
      date = parseLocalDate(rawDate.trim());
    } catch (err) {
      if (err instanceof DigestDateError) throw new UsageError(err.message);
      throw err;
    }
    const server = typeof ctx.options.server === 'string' && ctx.options.server.trim() ? ctx.options.server.trim() : DEFAULT_CLI_SERVER;
    const cacheDir = cliCacheDir(ctx);
    const archive = await ctx.loadArchive({ cacheDir });
    const { stats } = await loadOrBuildCorpusStats(archive, path.join(cacheDir, STATS_CACHE_FILE_NAME));
    const summaries = createSummarizer(archive, { stats });
    const item = selectDigestItem({ archive, date, serverId: server, history: { entries: [] }, summarize: digestSummarizeWith(summaries) });
    if (!item) {
      ctx.err(`The archive in ${ctx.archiveDir} has no post or comment that could be a daily post.`);
      return 1;
    }
    ctx.out(ctx.json ? JSON.stringify(digestJson(date, item)) : humanDigest(date, item));
    return 0;
  },
};
