/**
 * `comment <comment id>`: one comment read in full, with the comment it answers and its replies, as "read in full"
 * shows it on Discord (there over several parts; here the terminal takes it whole). Ids are the ones search shows
 * (`b9f170a77a-2.3`). An unknown id is an error on stderr with exit status 1.
 */
import { commentDetails, findCommentInArchive, type CommentInContext } from '../../corpus/commentContext';
import type { Comment } from '../../corpus/types';
import { cliCacheDir } from '../cacheDir';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

function commentJson(comment: Comment) {
  const { url, published } = commentDetails(comment);
  return {
    id: comment.id,
    parentId: comment.parentId,
    position: comment.position,
    author: comment.author,
    text: comment.text,
    removed: comment.removed,
    ...(url ? { url } : {}),
    ...(published ? { published } : {}),
  };
}

export function commentDocument(found: CommentInContext) {
  const { post, comment, parent, replies } = found;
  return {
    post: { id: post.id, title: post.title, date: post.date, url: post.url },
    comment: commentJson(comment),
    parent: parent ? commentJson(parent) : null,
    replies: replies.map(commentJson),
  };
}

function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((l) => (l ? prefix + l : l))
    .join('\n');
}

function heading(comment: Comment): string {
  const { published } = commentDetails(comment);
  return [`#${comment.position}`, comment.author ?? 'Anonymous', published].filter(Boolean).join(' · ');
}

const textOf = (comment: Comment, what = 'comment') => (comment.removed ? `(This ${what} was removed.)` : comment.text);

export function humanComment(found: CommentInContext): string {
  const { post, comment, parent, replies } = found;
  const lines = [
    post.title ?? '(untitled)',
    [post.date ?? 'undated', commentDetails(comment).url ?? post.url, `comment ${comment.id}`].filter(Boolean).join(' · '),
    '',
  ];
  if (parent) lines.push(`In reply to ${heading(parent)}:`, indent(textOf(parent)), '');
  lines.push(`${heading(comment)}:`, indent(textOf(comment)));
  if (replies.length) {
    lines.push('', `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}:`);
    for (const reply of replies) lines.push('', indent(`↳ ${heading(reply)}:`), indent(textOf(reply, 'reply'), '    '));
  }
  return lines.join('\n');
}

export const command: CliCommand = {
  name: 'comment',
  summary: 'One comment in full, with the comment it answers and its replies',
  usage: 'comment <comment id> [--cache-dir <dir>] [--archive <dir>] [--json]',
  options: { 'cache-dir': { type: 'string' } },
  async run(ctx) {
    const id = ctx.positionals.join(' ').trim();
    if (!id) throw new UsageError('Say which comment, by its id (as search shows it), e.g. comment b9f170a77a-2.3.');
    const archive = await ctx.loadArchive({ cacheDir: cliCacheDir(ctx) });
    const found = findCommentInArchive(archive, id);
    if (!found) {
      const post = archive.posts.find((p) => id.startsWith(`${p.id}-`) || id === p.id);
      const hint = post
        ? post.comments.length
          ? ` Post ${post.id} ("${post.title ?? post.source}") has comments #1 to #${post.comments.filter((c) => c.parentId === null).length}, e.g. ${post.comments[0].id}.`
          : ` Post ${post.id} has no comments.`
        : ' Comment ids look like b9f170a77a-2.3: the post id, a dash, and the comment’s place in the thread (search shows them).';
      ctx.err(`No comment has the id "${id}".${hint}`);
      return 1;
    }
    ctx.out(ctx.json ? JSON.stringify(commentDocument(found)) : humanComment(found));
    return 0;
  },
};
