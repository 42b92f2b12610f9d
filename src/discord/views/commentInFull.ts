/**
 * One comment read in full: all of its text, over as many parts (messages, paged in place) as Discord's limits need,
 * with the comment it answers above it, its replies after it, and a way back to where the reader came from. Opened
 * from a search hit, a summary quote, the comments view, /random and the daily post.
 *
 * A shared view (thread, search): its ids are threadIds.full and threadIds.pick (customIds.ts), handled by
 * commands/thread. Their <back> is where "Back" goes: absent → the comments page holding the comment; `m` → the
 * thread's summary; `s:<page>:<state>` → page <page> of a search, <state> being the search's packed state.
 * As everywhere, a click by someone other than the owner gets its own private copy, and Back to a search (which only
 * the searcher may page) becomes Back to the comments for them.
 */
import { ButtonStyle, type APIEmbed, type APIEmbedField, type APISelectMenuOption } from 'discord.js';
import { commentDetails, type CommentInContext } from '../../corpus/commentContext';
import type { Comment } from '../../corpus/types';
import { splitIntoEvenParts, truncateText } from '../../text';
import { stateBudget } from '../customId';
import { searchIds, threadIds, type CommentBack } from '../customIds';
import { LIMITS } from '../limits';
import { button, EMBED_COLOUR, embedLength, linkButton, row, selectMenu, type ActionRow, type ReplySpec } from '../messageBuilder';
import { escapeArchiveText, escapedCharCost, formatDate, formatTime, postTitle, renderQuote } from '../quote';
import { pageOfComment } from './threadSummary';

export { parseBack, type CommentBack } from '../customIds';

/** The comment it answers, quoted above the comment on its first part. */
const PARENT_QUOTE_MAX = 700;
const REPLIES_SHOWN = 5;
const REPLY_EXCERPT_MAX = 180;
/** Grey: the context embed recedes behind the comment itself. */
const CONTEXT_COLOUR = 0x99aab5;
/** Slack under the 6,000 total: the footer's part numbers are measured at their widest, this covers the rest. */
const TOTAL_SLACK = 16;

const who = (comment: Comment) => comment.author ?? 'Anonymous';

/** Room for a search's packed state in this comment's ids: pack it with this budget (see packState). */
export function searchBackBudget(commentId: string, ownerId: string): number {
  return stateBudget('thread', 'full', [commentId, 999, ownerId, 's', 99999]);
}

export function commentPartId(commentId: string, part: number, ownerId: string, back: CommentBack): string {
  return threadIds.full.encode({ commentId, part, ownerId, back });
}

export function commentPickId(ownerId: string, back: CommentBack): string {
  return threadIds.pick.encode({ ownerId, back });
}

function parentEmbed(parent: Comment): APIEmbed {
  const description = parent.removed
    ? `*#${parent.position} was removed.*`
    : renderQuote(
        {
          text: parent.text,
          author: parent.author,
          position: parent.position,
          postTitle: null,
          postDate: null,
          url: commentDetails(parent).url ?? null,
          published: commentDetails(parent).published,
        },
        PARENT_QUOTE_MAX,
      ).body;
  return { title: `In reply to #${parent.position}`, color: CONTEXT_COLOUR, description };
}

function replyFields(replies: Comment[]): APIEmbedField[] {
  const fields = replies.slice(0, REPLIES_SHOWN).map((r) => ({
    // 70 characters stay within a field name's 256 even if escaping triples them.
    name: `↳ #${r.position} · ${escapeArchiveText(truncateText(who(r), 70))}`,
    value: r.removed ? '*This reply was removed.*' : escapeArchiveText(truncateText(r.text.replace(/\s+/g, ' '), REPLY_EXCERPT_MAX)),
  }));
  const more = replies.length - REPLIES_SHOWN;
  if (more > 0)
    fields.push({
      name: `…and ${more} more ${more === 1 ? 'reply' : 'replies'}`,
      value: 'Pick one from the list below to read it in full.',
    });
  return fields;
}

function relatedOptions({ parent, replies }: CommentInContext): APISelectMenuOption[] {
  const options: APISelectMenuOption[] = [];
  const oneLine = (c: Comment) => truncateText(c.text.replace(/\s+/g, ' '), LIMITS.selectOptionDescription);
  // Labels render no markdown: the author as signed, short enough that the label is never cut mid-name.
  const name = (c: Comment) => truncateText(who(c), 60);
  if (parent && !parent.removed)
    options.push({
      label: `#${parent.position} · ${name(parent)} (the comment this answers)`,
      value: parent.id,
      description: oneLine(parent),
    });
  for (const r of replies) if (!r.removed) options.push({ label: `↳ #${r.position} · ${name(r)}`, value: r.id, description: oneLine(r) });
  return options.slice(0, LIMITS.selectOptions);
}

function navigation(view: CommentInContext, current: number, count: number, ownerId: string, back: CommentBack): ActionRow[] {
  const { post, comment } = view;
  const buttons = [];
  if (count > 1) {
    buttons.push(
      button(commentPartId(comment.id, current - 1, ownerId, back), 'Previous part', { disabled: current === 0 }),
      button(commentPartId(comment.id, current + 1, ownerId, back), 'Next part', {
        style: ButtonStyle.Primary,
        disabled: current >= count - 1,
      }),
    );
  }
  const inThread = threadIds.comments.encode({ postId: post.id, page: pageOfComment(post, comment.id), ownerId });
  if (back.kind === 'search')
    buttons.push(
      button(searchIds.page.encode({ page: back.page, state: back.state }), 'Back to results'),
      button(inThread, 'See it in the thread'),
    );
  else if (back.kind === 'summary')
    buttons.push(
      button(threadIds.summary.encode({ postId: post.id, ownerId }), 'Back to the summary'),
      button(inThread, 'See it in the thread'),
    );
  else buttons.push(button(inThread, 'Back to the comments'));
  const link = commentDetails(comment).url ?? post.url;
  if (link) buttons.push(linkButton(link, 'Original'));
  const rows = [row(...buttons)];
  const options = relatedOptions(view);
  if (options.length) {
    const placeholder =
      view.parent && options.length > 1
        ? 'Read the comment it answers, or a reply…'
        : view.parent
          ? 'Read the comment it answers…'
          : 'Read a reply in full…';
    rows.push(row(selectMenu(commentPickId(ownerId, back), placeholder, options)));
  }
  return rows;
}

/** The comment's text in the parts it is read in (empty for a removed comment), for `room` characters a part. */
export function commentTextParts(comment: Comment, room: number): string[] {
  return comment.removed ? [] : splitIntoEvenParts(comment.text, room, escapedCharCost);
}

/**
 * Part `part` (0-based, clamped) of the comment. Every part is one message within Discord's limits with nothing cut:
 * the room for text is what the 6,000-character total leaves after the context, the replies, the heading and the
 * footer, so the parts together are the whole comment.
 */
export function commentReply(view: CommentInContext, part: number, ownerId: string, back: CommentBack, ephemeral = false): ReplySpec {
  const { post, comment, parent, replies } = view;
  const details = commentDetails(comment);
  const context = parent ? parentEmbed(parent) : null;
  const fields = replyFields(replies);
  const author = { name: `#${comment.position} · ${truncateText(who(comment), 100)}` };
  // Escaping can triple a title of asterisks: the shorter cut is for that.
  const fullTitle = escapeArchiveText(truncateText(postTitle(post), 180));
  const title = fullTitle.length <= LIMITS.embedTitle ? fullTitle : escapeArchiveText(truncateText(postTitle(post), 80));
  const footer = (i: number, n: number) =>
    [
      n > 1 ? `Part ${i + 1} of ${n}` : null,
      formatDate(post.date) ?? 'Undated',
      details.published ? `posted ${formatTime(details.published) ?? details.published}` : null,
      `comment ${comment.id}`,
    ]
      .filter(Boolean)
      .join(' · ');
  const fixed = (context ? embedLength(context) : 0) + embedLength({ author, title, fields, footer: { text: footer(998, 999) } });
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - fixed - TOTAL_SLACK);
  const parts = commentTextParts(comment, room);
  const count = Math.max(1, parts.length);
  const current = Math.min(Math.max(0, Math.trunc(part) || 0), count - 1);
  const embed: APIEmbed = {
    author,
    title,
    ...((details.url ?? post.url) ? { url: (details.url ?? post.url)! } : {}),
    color: EMBED_COLOUR,
    description: comment.removed ? '*This comment was removed.*' : escapeArchiveText(parts[current]),
    footer: { text: footer(current, count) },
  };
  if (current === count - 1 && fields.length) embed.fields = fields;
  return {
    ephemeral,
    embeds: context && current === 0 ? [context, embed] : [embed],
    components: navigation(view, current, count, ownerId, back),
  };
}
