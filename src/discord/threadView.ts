/**
 * How a thread looks on Discord: the summary card and the comment pages (thread order, replies indented under their
 * parent). Shared by /thread, the search results' "open thread" and /random's "open thread".
 *
 * custom_ids (stable; see customId.ts):
 *   thread:comments:<postId>:<page>:<ownerId>   show comment page <page> (0-based)
 *   thread:sub:<postId>:<page>:<ownerId>        the same, from the "liveliest sub-thread" button (a distinct id:
 *                                               Discord refuses two components with one custom_id)
 *   thread:summary:<postId>:<ownerId>           back to the summary card
 *   thread:open:<ownerId>                        select menu: value = post id → its summary, as a new message
 *   thread:pick:<ownerId>[:m]                    select menu on the comments page (and, with `m`, on the summary):
 *                                               value = comment id → that comment read in full (commentView.ts)
 * A click by someone other than the owner shows them the same view ephemerally instead of changing the message.
 */
import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { Comment, Post } from '../corpus/types';
import type { ThreadSummary } from '../summary';
import { truncateText } from '../text';
import { buildCustomId } from './customId';
import { button, EMBED_COLOUR, linkButton, row, selectMenu, type ActionRow, type ReplySpec } from './messageBuilder';
import { escapeArchiveText, formatDate, formatTime, renderGist, renderQuote } from './quote';
import { LIMITS } from './limits';
import { commentPickId } from './commentView';

export const COMMENTS_PER_PAGE = 6;
/** Room for one comment on a page: the description holds 4,096 characters, shared by COMMENTS_PER_PAGE comments. */
const COMMENT_BUDGET = Math.floor((LIMITS.embedDescription - 200) / COMMENTS_PER_PAGE);
/** Room for each of a summary's (at most five) quotes, so they and the gist stay within the 6,000-character total. */
const SUMMARY_QUOTE_MAX = 950;

const n = (value: number) => value.toLocaleString('en-GB');
/** `1 reply`, `3 replies`. */
const count = (value: number, one: string, many: string) => `${n(value)} ${value === 1 ? one : many}`;

export function postTitle(post: Pick<Post, 'title' | 'source'>): string {
  return post.title ?? post.source;
}

function numbersLine(summary: ThreadSummary): string {
  const s = summary.stats;
  const parts = [`**${n(s.comments)}** ${s.comments === 1 ? 'comment' : 'comments'}`, `${n(s.topLevel)} top-level`, count(s.replies, 'reply', 'replies')];
  if (s.removed) parts.push(`${n(s.removed)} removed`);
  parts.push(count(s.voices, 'signed voice', 'signed voices'), `${n(s.anonymous)} anonymous`);
  let line = parts.join(' · ');
  if (s.declaredMismatch && s.declared !== null) line += `\nThe blog said ${n(s.declared)} comments; ${n(s.comments)} are in the archive.`;
  return line;
}

export function summaryEmbed(post: Post, summary: ThreadSummary): APIEmbed {
  const fields: APIEmbed['fields'] = [{ name: 'The discussion in numbers', value: numbersLine(summary) }];
  if (summary.terms.length) fields.push({ name: 'What it was about', value: summary.terms.map((t) => escapeArchiveText(t)).join(', ') });
  if (summary.note) fields.push({ name: 'Comments', value: escapeArchiveText(summary.note) });
  for (const quote of summary.quotes) {
    const comment = post.comments.find((c) => c.id === quote.commentId);
    const { body } = renderQuote(
      { text: quote.text.replace(/\s+/g, ' '), author: quote.author, position: quote.path.replace(/^#/, ''), postTitle: null, postDate: null, url: comment?.url ?? null, published: comment?.published },
      SUMMARY_QUOTE_MAX,
    );
    fields.push({ name: `${quote.path} · ${quote.author ? escapeArchiveText(quote.author) : 'Anonymous'}`, value: body });
  }
  const sub = summary.subthreads[0];
  if (sub) fields.push({ name: 'Liveliest sub-thread', value: `#${sub.position} (${count(sub.replies, 'reply', 'replies')}) — ${sub.author ? escapeArchiveText(sub.author) : 'Anonymous'}: ${escapeArchiveText(sub.opening)}` });
  const gist = renderGist(summary.gist, LIMITS.embedDescription);
  return {
    title: escapeArchiveText(postTitle(post)),
    ...(post.url ? { url: post.url } : {}),
    color: EMBED_COLOUR,
    description: gist || '*The post has no text of its own.*',
    fields,
    footer: { text: [formatDate(post.date) ?? 'Undated', `post ${post.id}`].join(' · ') },
  };
}

/** The page (0-based) on which a comment appears. */
export function pageOfComment(post: Post, commentId: string): number {
  const index = post.comments.findIndex((c) => c.id === commentId);
  return index < 0 ? 0 : Math.floor(index / COMMENTS_PER_PAGE);
}

export function pageCount(post: Post): number {
  return Math.max(1, Math.ceil(post.comments.length / COMMENTS_PER_PAGE));
}

export function summaryButtons(post: Post, summary: ThreadSummary, ownerId: string): ActionRow[] {
  const buttons = [button(buildCustomId('thread', 'comments', post.id, 0, ownerId), `Read the comments (${n(post.comments.length)})`, { style: ButtonStyle.Primary, disabled: post.comments.length === 0 })];
  const sub = summary.subthreads[0];
  if (sub) buttons.push(button(buildCustomId('thread', 'sub', post.id, pageOfComment(post, sub.commentId), ownerId), `Liveliest sub-thread: #${sub.position} (${count(sub.replies, 'reply', 'replies')})`));
  if (post.url) buttons.push(linkButton(post.url, 'Original post'));
  const rows = [row(...buttons)];
  const quoted = summary.quotes.filter((q) => post.comments.some((c) => c.id === q.commentId));
  if (quoted.length) {
    const options = quoted.map((q) => ({ label: `${q.path} · ${q.author ?? 'Anonymous'}`, value: q.commentId }));
    rows.push(row(selectMenu(commentPickId(ownerId, { kind: 'summary' }), 'Read a quoted comment in full…', options)));
  }
  return rows;
}

export function summaryReply(post: Post, summary: ThreadSummary, ownerId: string, ephemeral = false): ReplySpec {
  return { ephemeral, embeds: [summaryEmbed(post, summary)], components: summaryButtons(post, summary, ownerId) };
}

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
  return { text: `${head}\n${text.split('\n').map((l) => `> ${l}`).join('\n')}`, cut: shown !== flat && !comment.removed };
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
  const cut = shown.filter((c) => c.cut).map(({ comment: c }) => ({ label: `Read #${c.position} in full · ${c.author ?? 'Anonymous'}`, value: c.id }));
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
        button(buildCustomId('thread', 'comments', post.id, current - 1, ownerId), 'Previous', { disabled: current === 0 }),
        button(buildCustomId('thread', 'comments', post.id, current + 1, ownerId), 'Next', { disabled: current >= pages - 1 }),
        button(buildCustomId('thread', 'summary', post.id, ownerId), 'Summary'),
      ),
      ...(cut.length ? [row(selectMenu(commentPickId(ownerId, { kind: 'comments' }), 'Read a cut comment in full…', cut))] : []),
    ],
  };
}

/** When a title matched several posts: a select menu to pick one (its summary arrives as a new message). */
export function chooseThreadReply(message: string, posts: Post[], ownerId: string, labelOf: (p: Post) => string): ReplySpec {
  return {
    ephemeral: true,
    content: message,
    components: posts.length
      ? [row(selectMenu(buildCustomId('thread', 'open', ownerId), 'Pick a post', posts.map((p) => ({ label: labelOf(p), value: p.id }))))]
      : [],
  };
}
