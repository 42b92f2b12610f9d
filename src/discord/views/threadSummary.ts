/**
 * A thread's summary card: opened by /thread, a search hit, /author's and /trend's thread lists, and (through its
 * ids) /random and the daily post, so it is shared here rather than owned by commands/thread, which handles its ids
 * (threadIds in customIds.ts) and owns the comment pages. Also the paging of comments that the card's buttons and a
 * comment read in full link to. A click by someone other than the owner shows them the same view ephemerally.
 */
import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { Post } from '../../corpus/types';
import type { ThreadSummary } from '../../summary';
import type { ComponentCall, ComponentResult } from '../commandTypes';
import type { BotContext } from '../context';
import { threadIds } from '../customIds';
import { UserError } from '../errors';
import { button, EMBED_COLOUR, linkButton, row, selectMenu, type ActionRow, type ReplySpec } from '../messageBuilder';
import { escapeArchiveText, formatDate, postTitle, renderGist, renderQuote } from '../quote';
import { LIMITS } from '../limits';

export const COMMENTS_PER_PAGE = 6;
/** Room for each of a summary's (at most five) quotes, so they and the gist stay within the 6,000-character total. */
const SUMMARY_QUOTE_MAX = 950;

const n = (value: number) => value.toLocaleString('en-GB');
/** `1 reply`, `3 replies`. */
export const count = (value: number, one: string, many: string) => `${n(value)} ${value === 1 ? one : many}`;

function numbersLine(summary: ThreadSummary): string {
  const s = summary.stats;
  const parts = [
    `**${n(s.comments)}** ${s.comments === 1 ? 'comment' : 'comments'}`,
    `${n(s.topLevel)} top-level`,
    count(s.replies, 'reply', 'replies'),
  ];
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
      {
        text: quote.text.replace(/\s+/g, ' '),
        author: quote.author,
        position: quote.path.replace(/^#/, ''),
        postTitle: null,
        postDate: null,
        url: comment?.url ?? null,
        published: comment?.published,
      },
      SUMMARY_QUOTE_MAX,
    );
    fields.push({ name: `${quote.path} · ${quote.author ? escapeArchiveText(quote.author) : 'Anonymous'}`, value: body });
  }
  const sub = summary.subthreads[0];
  if (sub)
    fields.push({
      name: 'Liveliest sub-thread',
      value: `#${sub.position} (${count(sub.replies, 'reply', 'replies')}) — ${sub.author ? escapeArchiveText(sub.author) : 'Anonymous'}: ${escapeArchiveText(sub.opening)}`,
    });
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
  const buttons = [
    button(threadIds.comments.encode({ postId: post.id, page: 0, ownerId }), `Read the comments (${n(post.comments.length)})`, {
      style: ButtonStyle.Primary,
      disabled: post.comments.length === 0,
    }),
  ];
  const sub = summary.subthreads[0];
  if (sub)
    buttons.push(
      button(
        threadIds.sub.encode({ postId: post.id, page: pageOfComment(post, sub.commentId), ownerId }),
        `Liveliest sub-thread: #${sub.position} (${count(sub.replies, 'reply', 'replies')})`,
      ),
    );
  if (post.url) buttons.push(linkButton(post.url, 'Original post'));
  const rows = [row(...buttons)];
  const quoted = summary.quotes.filter((q) => post.comments.some((c) => c.id === q.commentId));
  if (quoted.length) {
    const options = quoted.map((q) => ({ label: `${q.path} · ${q.author ?? 'Anonymous'}`, value: q.commentId }));
    rows.push(row(selectMenu(threadIds.pick.encode({ ownerId, back: { kind: 'summary' } }), 'Read a quoted comment in full…', options)));
  }
  return rows;
}

export function summaryReply(post: Post, summary: ThreadSummary, ownerId: string, ephemeral = false): ReplySpec {
  return { ephemeral, embeds: [summaryEmbed(post, summary)], components: summaryButtons(post, summary, ownerId) };
}

/** Opens a post's summary; summarising a very long thread can take a moment, so the caller may defer first. */
export function threadSummaryReply(
  ctx: Pick<BotContext, 'lookup' | 'summaries'>,
  postId: string,
  ownerId: string,
  ephemeral: boolean,
): ReplySpec {
  const post = ctx.lookup.post(postId);
  const summary = post ? ctx.summaries.summarize(post.id) : null;
  if (!post || !summary) throw new UserError('That post is no longer in the archive. Try /thread with its title.');
  return summaryReply(post, summary, ownerId, ephemeral);
}

/** A thread picked from a list of threads (select value = post id): its summary as a new message for the picker. */
export async function pickedThreadReply(
  call: ComponentCall,
  ctx: Pick<BotContext, 'lookup' | 'summaries'>,
  ephemeral: boolean,
): Promise<ComponentResult> {
  const postId = call.values[0];
  if (!postId) throw new UserError('Pick one of the threads from the list.');
  await call.deferUpdate();
  return { reply: threadSummaryReply(ctx, postId, call.user.id, ephemeral) };
}
