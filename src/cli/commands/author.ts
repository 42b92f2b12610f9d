/**
 * `author "<name>" [--png <file>]`: what /author answers, on the command line: comments signed like the name (exactly
 * those `search 'author:"<name>"'` finds), first and last dates, comments per year, the threads they spoke most in.
 */
import { chartFonts, chartSvg, rasterise } from '../../charts';
import { archiveSpan, authorChartSpec, authorProfile, authorTextChart, bucketsWithUndated } from '../../insights';
import { QueryError } from '../../search';
import { writePng } from '../chartFile';
import type { CliCommand } from '../types';
import { UsageError } from '../types';
import { openIndex } from './search';

export const command: CliCommand = {
  name: 'author',
  summary: "A commenter's part in the archive: comments per year, first and last dates, their busiest threads",
  usage: 'author "<name>" [--png <file>] [--cache-dir <dir>] [--archive <dir>] [--json]',
  options: {
    png: { type: 'string' },
    'cache-dir': { type: 'string' },
  },
  async run(ctx) {
    const name = ctx.positionals.join(' ').trim();
    if (!name) throw new UsageError('Say whose comments to count, e.g. author "Getafix".');
    const { archive, index } = await openIndex(ctx);
    let profile;
    try {
      profile = authorProfile(index, archiveSpan(archive.posts), name);
    } catch (error) {
      if (error instanceof QueryError) throw new UsageError(error.message);
      throw error;
    }
    if (typeof ctx.options.png === 'string') {
      const fonts = chartFonts();
      const written = await writePng(ctx.options.png, await rasterise(chartSvg(authorChartSpec(profile)), fonts));
      ctx.err(`Chart written to ${written}${fonts.found ? '' : ' (DejaVu Sans not found: drawn with the system fonts)'}.`);
    }
    if (ctx.json) {
      ctx.out(
        JSON.stringify({
          author: profile.author,
          comments: profile.comments,
          firstDate: profile.firstDate,
          lastDate: profile.lastDate,
          buckets: bucketsWithUndated(profile.buckets, profile.undated),
          threads: profile.threads.map((t) => ({ postId: t.postId, postTitle: t.postTitle, count: t.count, postDate: t.postDate })),
          signatures: profile.signatures,
        }),
      );
      return 0;
    }
    if (profile.comments === 0) {
      ctx.out(`No comments are signed like “${name}”.`);
      return 0;
    }
    const when = profile.firstDate ? `from ${profile.firstDate} to ${profile.lastDate}` : 'all under undated posts';
    const lines = [`${profile.author}: ${profile.comments} comment${profile.comments === 1 ? '' : 's'}, ${when}`];
    if (profile.signatures.length > 1) lines.push(`Signed as: ${profile.signatures.map((s) => `${s.name} (${s.count})`).join(', ')}`);
    lines.push('', authorTextChart(profile), '', 'Threads they spoke most in:');
    for (const t of profile.threads) lines.push(`  ${t.count} · “${t.postTitle ?? t.postId}” (${t.postDate ?? 'undated'}), id ${t.postId}`);
    ctx.out(lines.join('\n'));
    return 0;
  },
};
