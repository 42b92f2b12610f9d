/**
 * How the daily post looks: "On this day in 2022" or "From the archive — 25 Oct 2022", the quote with its position
 * and author, the post's title and link, a "Read the thread" button that opens the /thread view privately for
 * whoever clicks it, and "Read in full" for the quoted comment (its whole text and replies, privately too). Built from the shared quote renderer and message builder, so the limits and escaping are the
 * same as every other reply; the channel post's body is made by respond.ts (toChannelMessageBody), pinging nobody.
 */
import { ButtonStyle, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { DigestItem } from '../../digest/types';
import { threadIds } from '../customIds';
import { button, EMBED_COLOUR, linkButton, row, type ReplySpec } from '../messageBuilder';
import { escapeArchiveText, formatDate, renderGist, renderQuote } from '../quote';
import { truncateText } from '../../text';
import { LIMITS } from '../limits';

/**
 * The thread view's owner for a channel post: nobody, so every click gets its own private copy of the thread
 * (commands/thread: a click by someone other than the owner is answered ephemerally) and the post itself never changes.
 */
export const DIGEST_THREAD_OWNER = '0';

/** The daily post's description: room left for the quote field and the post link within the 6,000 total. */
const DESCRIPTION_MAX = 3000;

export function digestHeading(item: Pick<DigestItem, 'onThisDay' | 'postDate'>): string {
  if (item.onThisDay && item.postDate) return `On this day in ${item.postDate.slice(0, 4)}`;
  const date = formatDate(item.postDate);
  return date ? `From the archive — ${date}` : 'From the archive';
}

/** The daily post as a reply spec (also what `/digest preview` shows, ephemerally). */
export function digestMessage(item: DigestItem): ReplySpec {
  const fields: APIEmbedField[] = [];
  let description: string;
  if (item.kind === 'comment') {
    description = renderQuote(
      {
        text: item.text,
        author: item.author,
        position: item.position,
        postTitle: null,
        postDate: null,
        url: item.commentUrl,
        published: item.published,
      },
      DESCRIPTION_MAX,
    ).body;
    if (item.context?.kind === 'comment') {
      const context = renderQuote(
        {
          text: item.context.excerpt,
          author: item.context.author,
          position: item.context.position,
          postTitle: null,
          postDate: null,
          url: null,
        },
        LIMITS.fieldValue,
      );
      fields.push({
        name: `In reply to #${item.context.position} — ${truncateText(item.context.author ?? 'Anonymous', 100)}`,
        value: context.body,
      });
    }
  } else {
    // The gist with its speakers: a quoted letter's sentence is shown under its writer's name, never as the blog's.
    description = renderGist(item.gist, DESCRIPTION_MAX) || '*The post has no text of its own.*';
    if (item.quote) {
      const quote = renderQuote(
        {
          text: item.quote.text,
          author: item.quote.author,
          position: item.quote.position,
          postTitle: null,
          postDate: null,
          url: item.quote.url ?? null,
          published: item.quote.published,
        },
        LIMITS.fieldValue,
      );
      fields.push({ name: 'From the discussion', value: quote.body });
    }
  }
  const title = escapeArchiveText(item.postTitle);
  const dated = formatDate(item.postDate);
  fields.push({ name: 'The post', value: `${item.postUrl ? `[${title}](${item.postUrl})` : title}${dated ? ` · ${dated}` : ''}` });
  const embed: APIEmbed = {
    title: digestHeading(item),
    ...(item.postUrl ? { url: item.postUrl } : {}),
    color: EMBED_COLOUR,
    description,
    fields,
    footer: { text: 'A daily post from the On Probation archive · /digest show' },
  };
  const buttons = [
    button(threadIds.summary.encode({ postId: item.postId, ownerId: DIGEST_THREAD_OWNER }), 'Read the thread', {
      style: ButtonStyle.Primary,
    }),
  ];
  // The quoted comment whole, with its replies: answered privately to whoever clicks, like the thread.
  const quoted = item.kind === 'comment' ? item.commentId : (item.quote?.commentId ?? null);
  if (quoted)
    buttons.push(
      button(
        threadIds.full.encode({ commentId: quoted, part: 0, ownerId: DIGEST_THREAD_OWNER, back: { kind: 'comments' } }),
        item.kind === 'comment' ? 'Read in full' : `Read #${item.quote!.position} in full`,
      ),
    );
  if (item.postUrl) buttons.push(linkButton(item.postUrl, 'Original post'));
  return { embeds: [embed], components: [row(...buttons)] };
}
