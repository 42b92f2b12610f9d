/**
 * /thread's comment pages (thread order, replies indented under their parent) and the chooser shown when a title
 * matches several posts. Ids: threadIds (src/discord/customIds.ts).
 */
import type { Comment, Post } from '../../src/corpus/types';
import { threadIds } from '../../src/discord/customIds';
import { LIMITS } from '../../src/discord/limits';
import { button, EMBED_COLOUR, row, selectMenu, type ReplySpec } from '../../src/discord/messageBuilder';
import { escapeArchiveText, formatDate, formatTime, postTitle } from '../../src/discord/quote';
import { COMMENTS_PER_PAGE, pageCount } from '../../src/discord/views/threadSummary';
import { truncateText } from '../../src/text';

/** Room for one comment on a page: the description holds 4,096 characters, shared by COMMENTS_PER_PAGE comments. */
const COMMENT_BUDGET = Math.floor((LIMITS.embedDescription - 200) / COMMENTS_PER_PAGE);

/** One comment as it appears on a page, and whether its text had to be cut to fit. */
function threadCommentOnPage(comment: Comment, budget: number): { text: string; cut: boolean } {
  const name = comment.author ? escapeArchiveText(truncateText(comment.author, 80)) : 'Anonymous';
  const time = formatTime(comment.published);
  const who = time ? `${name} · ${time}` : name;
  // The position links to the comment on the blog where the archive knows its permalink.
  const at = comment.url ? `[#${comment.position}](${comment.url})` : `#${comment.position}`;
  const flat = comment.text.replace(/\n{2,}/g, '\n');
  if (comment.parentId === null) {
    const head = `**${at}** · ${who}`;
    const shown = comment.removed ? '' : truncateText(flat, budget - head.length - 20);
    const body = comment.removed ? '*This comment was removed.*' : escapeArchiveText(shown);
    return { text: `${head}\n${body}`, cut: shown !== flat && !comment.removed };
  }
  const head = `> ↳ **${at}** · ${who}`;
  const shown = comment.removed ? '' : truncateText(flat, budget - head.length - 40);
  const text = comment.removed ? '*This reply was removed.*' : escapeArchiveText(shown);
  return {
    text: `${head}\n${text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n')}`,
    cut: shown !== flat && !comment.removed,
  };
}

/** One comment as it appears on a page: replies are block-quoted under their parent with an arrow. */
export function renderThreadComment(comment: Comment, budget = COMMENT_BUDGET): string {
  return threadCommentOnPage(comment, budget).text;
}

export function commentsReply(post: Post, page: number, ownerId: string, ephemeral = false): ReplySpec {
  const pages = pageCount(post);
  const current = Math.min(Math.max(0, page), pages - 1);
  const comments = post.comments.slice(current * COMMENTS_PER_PAGE, (current + 1) * COMMENTS_PER_PAGE);
  const first = comments[0];
  // A page that starts with a reply names the comment it answers, so the indentation makes sense.
  const context = first && first.parentId ? `*…continuing the replies to #${first.position.split('.')[0]}*\n\n` : '';
  const shown = comments.map((c) => ({ comment: c, ...threadCommentOnPage(c, COMMENT_BUDGET) }));
  const description = comments.length ? context + shown.map((c) => c.text).join('\n\n') : '*No comments.*';
  // The comments this page had to cut can be read in full from here.
  const cut = shown
    .filter((c) => c.cut)
    .map(({ comment: c }) => ({ label: `Read #${c.position} in full · ${c.author ?? 'Anonymous'}`, value: c.id }));
  return {
    ephemeral,
    embeds: [
      {
        title: `Comments: ${escapeArchiveText(postTitle(post))}`,
        ...(post.url ? { url: post.url } : {}),
        color: EMBED_COLOUR,
        description,
        footer: { text: `Page ${current + 1} of ${pages} · ${formatDate(post.date) ?? 'Undated'} · post ${post.id}` },
      },
    ],
    components: [
      row(
        button(threadIds.comments.encode({ postId: post.id, page: current - 1, ownerId }), 'Previous', { disabled: current === 0 }),
        button(threadIds.comments.encode({ postId: post.id, page: current + 1, ownerId }), 'Next', { disabled: current >= pages - 1 }),
        button(threadIds.summary.encode({ postId: post.id, ownerId }), 'Summary'),
      ),
      ...(cut.length
        ? [row(selectMenu(threadIds.pick.encode({ ownerId, back: { kind: 'comments' } }), 'Read a cut comment in full…', cut))]
        : []),
    ],
  };
}

/** When a title matched several posts: a select menu to pick one (its summary arrives as a new message). */
export function chooseThreadReply(message: string, posts: Post[], ownerId: string, labelOf: (p: Post) => string): ReplySpec {
  return {
    ephemeral: true,
    content: message,
    components: posts.length
      ? [
          row(
            selectMenu(
              threadIds.open.encode({ ownerId }),
              'Pick a post',
              posts.map((p) => ({ label: labelOf(p), value: p.id })),
            ),
          ),
        ]
      : [],
  };
}
