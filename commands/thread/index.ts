/**
 * /thread post: the summary of one post and its discussion, with buttons to read the comments in thread order and
 * to jump to the liveliest sub-thread. `post` autocompletes titles and dates (served from memory: Discord gives
 * autocomplete 3 s and no deferral); free text that autocomplete did not resolve is looked up the same way on
 * execution. Dates are read by the one date parser (25 October 2022, 25/10/2022, Oct 2022) and only ever match by date.
 *
 * Also handles the thread's ids (threadIds in src/discord/customIds.ts: its comment pages in view.ts, the shared
 * summary card, and a comment read in full, wherever they were opened from).
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import {
  onComponent,
  type AutocompleteCall,
  type Choice,
  type ComponentCall,
  type ComponentResult,
  type RoutedCommandCall,
} from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import { threadIds, type CommentPart, type CommentPick, type PostPage, type PostView } from '../../src/discord/customIds';
import { UserError } from '../../src/discord/errors';
import type { ReplySpec } from '../../src/discord/messageBuilder';
import { threadLabel, threadMentions, type Mention } from '../../src/summary';
import { parseQuery } from '../../src/search';
import type { Post } from '../../src/corpus/types';
import { escapeArchiveText } from '../../src/discord/quote';
import { commentReply } from '../../src/discord/views/commentInFull';
import { threadSummaryReply } from '../../src/discord/views/threadSummary';
import { commentInContext } from '../../src/corpus/commentContext';
import { chooseThreadReply, commentsReply } from './view';

export const data = new SlashCommandBuilder()
  .setName('thread')
  .setDescription('Summarise one post and its comment thread')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addStringOption((o) =>
    o
      .setName('post')
      .setDescription('Title words, a date (25 October 2022, 25/10/2022, Oct 2022) or a post id')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(200),
  )
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the answer'));

/** One line for /help (commands/help). */
export const helpLine =
  '`/thread post` a summary of one post and its discussion: the gist, the numbers, telling quotes, the liveliest sub-thread. Find it by title words or a date (25 October 2022, 25/10/2022, Oct 2022).';

export function autocomplete(call: AutocompleteCall, ctx: BotContext): Choice[] {
  return ctx.threads.autocomplete(call.focused.value, 25);
}

/**
 * Posts whose text or comments contain `query`'s words, best first, with how they contain them: the search finds
 * candidates (stemmed, loose), and each is kept only if its own words really include what was typed. Empty when the
 * query is not a valid search.
 */
function postsMentioning(ctx: BotContext, query: string): { posts: Post[]; asPhrase: boolean } {
  let hits;
  let parsed;
  try {
    parsed = parseQuery(query);
    hits = ctx.search.search(query, { limit: 100 }).hits;
  } catch {
    return { posts: [], asPhrase: false };
  }
  const found = new Map<string, { post: Post; mention: Mention }>();
  for (const hit of hits) {
    const post = ctx.lookup.post(hit.postId);
    if (!post || found.has(post.id)) continue;
    const mention = threadMentions(post, { words: parsed.words, phrases: parsed.phrases });
    if (mention) found.set(post.id, { post, mention });
  }
  // Threads with the words side by side first: they are more likely the one meant.
  const ranked = [...found.values()].sort((a, b) => Number(b.mention === 'phrase') - Number(a.mention === 'phrase'));
  const posts = ranked.slice(0, 25);
  return { posts: posts.map((r) => r.post), asPhrase: posts.every((r) => r.mention === 'phrase') };
}

export async function execute(call: RoutedCommandCall, ctx: BotContext): Promise<ReplySpec> {
  const query = call.options.getString('post') ?? '';
  const ephemeral = call.ephemeral;
  const asked = `"${escapeArchiveText(query.slice(0, 100))}"`;
  const found = ctx.threads.find(query);
  if (found.kind === 'badDate') throw new UserError(found.message);
  if (found.kind === 'none' && found.date) {
    // A date is never looked for in the text: a thread that merely mentions a date is not the post of that day.
    const message = found.suggestions.length
      ? `No post is dated ${found.date}. The nearest dated posts:`
      : `No post is dated ${found.date}, and no post in the archive has a date.`;
    return chooseThreadReply(message, found.suggestions, call.user.id, (p) => threadLabel(p));
  }
  if (found.kind === 'none') {
    // No title matches: people remember threads by what was said in them ("the mustard one"), so look in the text.
    const { posts: mentioning, asPhrase } = postsMentioning(ctx, query);
    if (mentioning.length === 1) {
      await call.defer({ ephemeral });
      const reply = threadSummaryReply(ctx, mentioning[0].id, call.user.id, ephemeral);
      return {
        ...reply,
        content: `No title matches ${asked}; this is the thread that ${asPhrase ? 'mentions it' : 'uses all of those words'}.`,
      };
    }
    if (mentioning.length > 1) {
      return chooseThreadReply(
        `No title matches ${asked}, but these threads ${asPhrase ? 'mention it' : 'use all of those words'}. Which one?`,
        mentioning,
        call.user.id,
        (p) => threadLabel(p),
      );
    }
    const message = found.suggestions.length
      ? `No post matches ${asked}. Did you mean one of these?`
      : `No post matches ${asked}. Try words from its title, or a date like 25 October 2022.`;
    return chooseThreadReply(message, found.suggestions, call.user.id, (p) => threadLabel(p));
  }
  if (found.kind === 'choices') {
    const more = found.total > found.posts.length ? ` (showing ${found.posts.length} of ${found.total}; add words to narrow it down)` : '';
    const what = found.date ? `${found.total} posts are dated ${found.date}${more}.` : `${found.total} posts match ${asked}${more}.`;
    return chooseThreadReply(`${what} Which one?`, found.posts, call.user.id, (p) => threadLabel(p));
  }
  await call.defer({ ephemeral });
  return threadSummaryReply(ctx, found.post.id, call.user.id, ephemeral);
}

/**
 * A comment read in full (see views/commentInFull.ts). The owner's message changes in place; anyone else gets a
 * private copy of their own, whose Back leads to the comments (someone else's search is not theirs to page).
 */
function readInFull(
  call: ComponentCall,
  ctx: BotContext,
  commentId: string | undefined,
  part: number,
  ownerId: string,
  back: CommentPart['back'],
): ComponentResult {
  if (!commentId) throw new UserError('Pick a comment from the list.');
  const found = ctx.lookup.comment(commentId);
  const view = found ? commentInContext(found.post, commentId) : null;
  if (!view) throw new UserError('That comment is no longer in the archive. Try /search with some of its words.');
  if (call.user.id === ownerId) return { update: commentReply(view, part, ownerId, back) };
  return { reply: commentReply(view, part, call.user.id, back.kind === 'search' ? { kind: 'comments' } : back, true) };
}

function postOf(ctx: BotContext, postId: string): Post {
  const post = ctx.lookup.post(postId);
  if (!post) throw new UserError('That post is no longer in the archive. Try /thread with its title.');
  return post;
}

/** Someone else's click must not change the owner's message under them: they get their own private copy. */
function commentsPage(call: ComponentCall, { postId, page, ownerId }: PostPage, ctx: BotContext): ComponentResult {
  const post = postOf(ctx, postId);
  const isOwner = call.user.id === ownerId;
  const view = commentsReply(post, page, isOwner ? ownerId : call.user.id, !isOwner);
  return isOwner ? { update: view } : { reply: view };
}

function summary(call: ComponentCall, { postId, ownerId }: PostView, ctx: BotContext): ComponentResult {
  const post = postOf(ctx, postId);
  const isOwner = call.user.id === ownerId;
  const view = threadSummaryReply(ctx, post.id, isOwner ? ownerId : call.user.id, !isOwner);
  return isOwner ? { update: view } : { reply: view };
}

export const components = [
  onComponent(threadIds.comments, commentsPage),
  onComponent(threadIds.sub, commentsPage),
  onComponent(threadIds.summary, summary),
  onComponent(threadIds.full, (call, v: CommentPart, ctx) => readInFull(call, ctx, v.commentId, v.part, v.ownerId, v.back)),
  onComponent(threadIds.pick, (call, v: CommentPick, ctx) => readInFull(call, ctx, call.values[0], 0, v.ownerId, v.back)),
  onComponent(threadIds.open, (call, _v, ctx) => {
    const postId = call.values[0];
    if (!postId) throw new UserError('Pick a post from the list.');
    // A new message for the picker: a choice list is ephemeral, so this is too.
    return { reply: threadSummaryReply(ctx, postId, call.user.id, true) };
  }),
];
