/**
 * `import --from <backup.xml | feed.atom | Takeout folder | http(s) blog URL> --out <dir>`: Blogger's formats into an
 * import folder the bot loads (on its own, or inside the archive folder next to text exports). `--json` prints
 * `{posts, comments, problems: [{file?, line?, message}], ...}`; the exit status is 1 when nothing could be imported.
 */
import { DEFAULT_BLOG_URL } from '../../corpus/postLink';
import { runImport, type ImportReport } from '../../import/runImport';
import { ImportError, type ImportProblem } from '../../import/types';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

function problemText(p: ImportProblem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
  return `${where}${p.message}`;
}

function reportJson(r: ImportReport) {
  return {
    posts: r.posts,
    comments: r.comments,
    problems: r.problems,
    out: r.out,
    source: r.source,
    incremental: r.incremental,
    added: r.added,
    updated: r.updated,
    removedSince: r.removedSince,
    skipped: r.skipped,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function reportText(r: ImportReport): string {
  const lines = [`${r.out}: ${plural(r.posts, 'post')}, ${plural(r.comments, 'comment')} (from ${r.source.location})`];
  const changes = [
    `${plural(r.added.posts, 'new post')}, ${plural(r.added.comments, 'new comment')}`,
    r.updated.posts || r.updated.comments ? `${plural(r.updated.posts, 'post')} and ${plural(r.updated.comments, 'comment')} updated` : '',
    r.removedSince ? `${plural(r.removedSince, 'comment')} removed on the blog since the last run` : '',
  ].filter(Boolean);
  lines.push(
    `This run: ${changes.join('; ')}${r.incremental ? ` (asked the feed only for what changed, ${plural(r.requests, 'request')})` : ''}.`,
  );
  const skipped = Object.entries(r.skipped).map(([why, n]) => `${n} ${why}`);
  if (skipped.length) lines.push(`Skipped: ${skipped.join(', ')}.`);
  if (r.problems.length) {
    lines.push('', `Problems (${r.problems.length}):`);
    for (const p of r.problems) lines.push(`  ${problemText(p)}`);
  }
  return lines.join('\n');
}

function timeoutOption(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a number of seconds (got ${String(value)})`);
  return seconds * 1000;
}

export const command: CliCommand = {
  name: 'import',
  summary: "Import Blogger's backup XML, Takeout feed.atom or a blog's public feed into an archive folder",
  usage: 'import --from <file.xml | feed.atom | https://blog> --out <dir> [--blog-url <url>] [--timeout <s>] [--json]',
  options: {
    from: { type: 'string' },
    out: { type: 'string' },
    'blog-url': { type: 'string' },
    timeout: { type: 'string' },
  },
  async run(ctx) {
    const from = ctx.options.from;
    const out = ctx.options.out;
    if (typeof from !== 'string' || !from.trim())
      throw new UsageError("--from is required: a Blogger backup .xml, a Takeout feed.atom, or the blog's address");
    if (typeof out !== 'string' || !out.trim()) throw new UsageError('--out is required: the folder to import into (created if missing)');
    const blogUrl = typeof ctx.options['blog-url'] === 'string' ? ctx.options['blog-url'] : null;
    const timeoutMs = timeoutOption(ctx.options.timeout);
    try {
      const report = await runImport({
        from,
        out,
        blogUrl,
        fallbackBlogUrl: process.env.BLOG_URL?.trim() || DEFAULT_BLOG_URL,
        feed: timeoutMs ? { timeoutMs } : undefined,
      });
      ctx.out(ctx.json ? JSON.stringify(reportJson(report)) : reportText(report));
      return report.posts > 0 ? 0 : 1;
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      const problem: ImportProblem = { ...(e.file ? { file: e.file } : {}), ...(e.line ? { line: e.line } : {}), message: e.message };
      if (ctx.json) ctx.out(JSON.stringify({ posts: 0, comments: 0, problems: [problem], out, imported: false }));
      ctx.err(`import failed, nothing was written: ${problemText(problem)}`);
      return 1;
    }
  },
};
