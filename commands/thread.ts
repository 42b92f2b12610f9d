/**
 * /thread post: the summary of one post and its discussion, with buttons to read the comments in thread order and
 * to jump to the liveliest sub-thread. `post` autocompletes titles (served from memory: Discord gives autocomplete
 * 3 s and no deferral); free text that autocomplete did not resolve is looked up the same way on execution.
 */
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { AutocompleteCall, Choice, CommandCall, ComponentCall, ComponentResult } from '../src/discord/commandTypes';
import type { BotContext } from '../src/discord/context';
import { parseCustomId } from '../src/discord/customId';
import { UserError } from '../src/discord/errors';
import type { ReplySpec } from '../src/discord/messageBuilder';
import { chooseThreadReply, commentsReply, summaryReply } from '../src/discord/threadView';
import { threadLabel } from '../src/summary';
import type { Post } from '../src/corpus/types';
import { escapeArchiveText } from '../src/discord/quote';

export const data = new SlashCommandBuilder()
  .setName('thread')
  .setDescription('Summarise one post and its comment thread')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addStringOption((o) => o.setName('post').setDescription('Title words, a date (YYYY-MM-DD) or a post id').setRequired(true).setAutocomplete(true).setMaxLength(200))
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the answer'));

/** One line for /help (commands/help.ts). */
export const helpLine = '`/thread post` a summary of one post and its discussion: the gist, the numbers, telling quotes, the liveliest sub-thread.';

export function autocomplete(call: AutocompleteCall, ctx: BotContext): Choice[] {
  return ctx.threads.autocomplete(call.focused.value, 25);
}

/** Opens a post's summary; summarising a very long thread can take a moment, so the caller may defer first. */
export function threadSummaryReply(ctx: BotContext, postId: string, ownerId: string, ephemeral: boolean): ReplySpec {
  const post = ctx.lookup.post(postId);
  const summary = post ? ctx.summaries.summarize(post.id) : null;
  if (!post || !summary) throw new UserError('That post is no longer in the archive. Try /thread with its title.');
  return summaryReply(post, summary, ownerId, ephemeral);
}

/** Posts whose text or comments match `query` as a search, best first (empty when it is not a valid search). */
function postsMentioning(ctx: BotContext, query: string): Post[] {
  let hits;
  try {
    hits = ctx.search.search(query, { limit: 100 }).hits;
  } catch {
    return [];
  }
  const posts = new Map<string, Post>();
  for (const hit of hits) {
    const post = ctx.lookup.post(hit.postId);
    if (post) posts.set(post.id, post);
  }
  return [...posts.values()].slice(0, 25);
}

export async function execute(call: CommandCall, ctx: BotContext): Promise<ReplySpec> {
  const query = call.options.getString('post') ?? '';
  const ephemeral = call.options.getBoolean('ephemeral') ?? false;
  const found = ctx.threads.find(query);
  if (found.kind === 'none') {
    // No title matches: people remember threads by what was said in them ("the mustard one"), so look in the text.
    const mentioning = postsMentioning(ctx, query);
    if (mentioning.length === 1) {
      await call.defer({ ephemeral });
      const reply = threadSummaryReply(ctx, mentioning[0].id, call.user.id, ephemeral);
      return { ...reply, content: `No title matches "${escapeArchiveText(query.slice(0, 100))}"; this is the thread that mentions it.` };
    }
    if (mentioning.length > 1) {
      return chooseThreadReply(`No title matches "${escapeArchiveText(query.slice(0, 100))}", but these threads mention it. Which one?`, mentioning, call.user.id, (p) => threadLabel(p));
    }
    const message = found.suggestions.length
      ? `No post matches "${escapeArchiveText(query.slice(0, 100))}". Did you mean one of these?`
      : `No post matches "${escapeArchiveText(query.slice(0, 100))}". Try words from its title, or a date like 2022-09-02.`;
    return chooseThreadReply(message, found.suggestions, call.user.id, (p) => threadLabel(p));
  }
  if (found.kind === 'choices') {
    const more = found.total > found.posts.length ? ` (showing ${found.posts.length} of ${found.total}; add words to narrow it down)` : '';
    return chooseThreadReply(`${found.total} posts match "${escapeArchiveText(query.slice(0, 100))}"${more}. Which one?`, found.posts, call.user.id, (p) => threadLabel(p));
  }
  await call.defer({ ephemeral });
  return threadSummaryReply(ctx, found.post.id, call.user.id, ephemeral);
}

export async function handleComponent(call: ComponentCall, ctx: BotContext): Promise<ComponentResult> {
  const { action, args } = parseCustomId(call.customId);
  if (action === 'open') {
    const postId = call.values[0];
    if (!postId) throw new UserError('Pick a post from the list.');
    // A new message for the picker: a choice list is ephemeral, so this is too.
    return { reply: threadSummaryReply(ctx, postId, call.user.id, true) };
  }
  const [postId, ...rest] = args;
  const ownerId = rest[rest.length - 1];
  const post = ctx.lookup.post(postId ?? '');
  if (!post) throw new UserError('That post is no longer in the archive. Try /thread with its title.');
  const isOwner = call.user.id === ownerId;
  let view: ReplySpec;
  if (action === 'comments' || action === 'sub') view = commentsReply(post, Number(rest[0]) || 0, isOwner ? ownerId : call.user.id, !isOwner);
  else if (action === 'summary') view = threadSummaryReply(ctx, post.id, isOwner ? ownerId : call.user.id, !isOwner);
  else throw new Error(`unknown thread action ${action}`);
  // Someone else's click must not change the owner's message under them: they get their own private copy.
  return isOwner ? { update: view } : { reply: view };
}
