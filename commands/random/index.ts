/**
 * /random: one good comment from the archive with its context (the post, and the comment it answers), and an
 * "Another" button. "Good" means readable on its own: not removed, and long enough to say something.
 *
 * Ids (src/discord/customIds.ts): randomIds.another (a new comment in place; someone else gets their own,
 * ephemerally; it shares /random's cooldown), threadIds.full via "Read in full" (the comment whole, with its replies
 * and the comment it answers) and threadIds.summary via "Open the thread", both handled by commands/thread.
 */
import { ApplicationIntegrationType, ButtonStyle, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Comment, Post } from '../../src/corpus/types';
import { onComponent, type RoutedCommandCall } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { memoKey } from '../../src/util/memo';
import { randomIds, threadIds } from '../../src/discord/customIds';
import { UserError } from '../../src/discord/errors';
import { button, EMBED_COLOUR, linkButton, row, type ReplySpec } from '../../src/discord/messageBuilder';
import { cooldown } from '../../src/discord/preconditions';
import { escapeArchiveText, postTitle, renderQuote } from '../../src/discord/quote';

/** One use of /random or "Another" per 3 s. */
export const preconditions = [cooldown(3)];

export const data = new SlashCommandBuilder()
  .setName('random')
  .setDescription('One good comment from the archive, with its context')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the answer'));

/** One line for /help (commands/help). */
export const helpLine = '`/random` one good comment from the archive, with its context.';

/** Shorter than this, a comment rarely stands on its own ("Well said.", "+1"). */
export const MIN_GOOD_LENGTH = 160;
const MIN_GOOD_WORDS = 25;

export interface RandomPick {
  post: Post;
  comment: Comment;
  parent: Comment | null;
}

const GOOD_COMMENTS = memoKey<RandomPick[]>('random: good comments');

/** Every comment worth showing, computed once per context (a scan of ~150,000 comments). */
export function goodComments(ctx: Pick<BotContext, 'archive' | 'memo'>): RandomPick[] {
  return ctx.memo.get(GOOD_COMMENTS, ctx.archive, (archive) => {
    const picks: RandomPick[] = [];
    for (const post of archive.posts) {
      const byId = new Map(post.comments.map((c) => [c.id, c]));
      for (const comment of post.comments) {
        if (comment.removed || comment.text.length < MIN_GOOD_LENGTH) continue;
        if (comment.text.split(/\s+/).length < MIN_GOOD_WORDS) continue;
        picks.push({ post, comment, parent: comment.parentId ? (byId.get(comment.parentId) ?? null) : null });
      }
    }
    return picks;
  });
}

export function randomReply(ctx: BotContext, ownerId: string, ephemeral: boolean): ReplySpec {
  const picks = goodComments(ctx);
  if (picks.length === 0) throw new UserError('The archive has no comments long enough to show yet.');
  const { post, comment, parent } = picks[Math.floor(ctx.random() * picks.length) % picks.length];
  const quote = renderQuote(
    {
      text: comment.text,
      author: comment.author,
      position: comment.position,
      postTitle: post.title,
      postDate: post.date,
      url: comment.url ?? post.url,
      published: comment.published,
    },
    3000,
  );
  const fields = [];
  if (parent) {
    const context = parent.removed
      ? { heading: '', body: `*#${parent.position} was removed.*` }
      : renderQuote(
          {
            text: parent.text,
            author: parent.author,
            position: parent.position,
            postTitle: null,
            postDate: null,
            url: parent.url ?? null,
            published: parent.published,
          },
          700,
        );
    fields.push({ name: `In reply to #${parent.position}`, value: context.body });
  }
  fields.push({ name: 'From the post', value: `${quote.heading}\n${post.comments.length} comments · \`/thread post:${post.id}\`` });
  return {
    ephemeral,
    embeds: [
      {
        title: escapeArchiveText(postTitle(post)),
        ...(post.url ? { url: post.url } : {}),
        color: EMBED_COLOUR,
        description: quote.body,
        fields,
      },
    ],
    components: [
      row(
        button(randomIds.another.encode({ ownerId }), 'Another', { style: ButtonStyle.Primary }),
        button(threadIds.full.encode({ commentId: comment.id, part: 0, ownerId, back: { kind: 'comments' } }), 'Read in full'),
        button(threadIds.summary.encode({ postId: post.id, ownerId }), 'Open the thread'),
        ...(post.url ? [linkButton(post.url, 'Original post')] : []),
      ),
    ],
  };
}

export async function execute(call: RoutedCommandCall, ctx: BotContext): Promise<ReplySpec> {
  return randomReply(ctx, call.user.id, call.ephemeral);
}

export const components = [
  onComponent(
    randomIds.another,
    (call, { ownerId }, ctx) =>
      ownerId === call.user.id ? { update: randomReply(ctx, call.user.id, false) } : { reply: randomReply(ctx, call.user.id, true) },
    preconditions,
  ),
];
