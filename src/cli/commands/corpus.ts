/**
 * `corpus`: what the parser makes of an archive folder. `--json` prints the machine contract
 * (`{"posts": [...], "problems": [...]}`); without it, one line per post and the problems as `file:line: message`.
 */
import { formatProblem } from '../../corpus/loadArchive';
import type { Archive, Comment, Post } from '../../corpus/types';
import type { CliCommand } from '../types';

function commentJson(c: Comment) {
  return {
    id: c.id,
    parentId: c.parentId,
    author: c.author,
    text: c.text,
    removed: c.removed,
    position: c.position,
    order: c.order,
    line: c.line,
    published: c.published ?? null,
    url: c.url ?? null,
  };
}

function postJson(p: Post) {
  return {
    id: p.id,
    source: p.source,
    title: p.title,
    titleDerived: p.titleDerived,
    date: p.date,
    published: p.published ?? null,
    url: p.url,
    declaredCommentCount: p.declaredCommentCount,
    body: p.body,
    comments: p.comments.map(commentJson),
  };
}

export function archiveJson(archive: Archive) {
  return {
    posts: archive.posts.map(postJson),
    problems: archive.problems.map((p) => ({ file: p.file, line: p.line, message: p.message })),
  };
}

function humanSummary(archive: Archive): string {
  const lines: string[] = [];
  let comments = 0;
  for (const post of archive.posts) {
    const top = post.comments.filter((c) => c.parentId === null).length;
    const replies = post.comments.length - top;
    const removed = post.comments.filter((c) => c.removed).length;
    comments += post.comments.length;
    const counts = `${post.comments.length} comments (${top} top level, ${replies} replies${removed ? `, ${removed} removed` : ''})`;
    const mismatch =
      post.declaredCommentCount !== null && post.declaredCommentCount !== post.comments.length
        ? `  [declares ${post.declaredCommentCount}]`
        : '';
    const title = `${post.title ?? '(untitled)'}${post.titleDerived ? ' (title derived)' : ''}`;
    lines.push(`${(post.date ?? 'undated').padEnd(10)}  ${title}`);
    lines.push(`            ${post.source}  ${counts}${mismatch}`);
  }
  lines.push('', `${archive.posts.length} posts, ${comments} comments from ${archive.dir}`);
  if (archive.problems.length > 0) {
    lines.push('', `Problems (${archive.problems.length}):`);
    for (const problem of archive.problems) lines.push(`  ${formatProblem(problem)}`);
  }
  return lines.join('\n');
}

export const command: CliCommand = {
  name: 'corpus',
  summary: 'Parse the archive folder and show its posts, comment counts and problems',
  usage: 'corpus [--archive <dir>] [--json]',
  async run(ctx) {
    const archive = await ctx.loadArchive();
    ctx.out(ctx.json ? JSON.stringify(archiveJson(archive)) : humanSummary(archive));
    return 0;
  },
};
