/**
 * /search's buttons and selects (searchIds in src/discord/customIds.ts): paging for the searcher, a hit opened (a
 * comment read in full in place with Back to the page, or a post's summary), and comments like a hit.
 */
import { onComponent, type ComponentCall, type ComponentResult } from '../../src/discord/commandTypes';
import type { BotContext } from '../../src/discord/context';
import type { PackedState } from '../../src/discord/customId';
import { searchIds, type PagedState, type SearchState, type Stateful } from '../../src/discord/customIds';
import { UserError } from '../../src/discord/errors';
import { EMBED_COLOUR, type ReplySpec } from '../../src/discord/messageBuilder';
import { escapeArchiveText, inCodeSpan, postTitle } from '../../src/discord/quote';
import { StoreUnavailableError } from '../../src/store/guardStore';
import { commentReply, searchBackBudget } from '../../src/discord/views/commentInFull';
import { hitQuote, pack, PAGE_SIZE, QUOTE_BUDGET, resultsPage, unpackSearch } from '../../src/discord/views/searchResults';
import { threadSummaryReply } from '../../src/discord/views/threadSummary';
import { commentInContext } from '../../src/corpus/commentContext';

function similarReply(ctx: BotContext, commentId: string, ephemeral: boolean): ReplySpec {
  const hits = ctx.search.similar(commentId, PAGE_SIZE);
  const source = ctx.lookup.comment(commentId);
  const what = source ? `#${source.comment.position} in “${escapeArchiveText(postTitle(source.post))}”` : escapeArchiveText(commentId);
  if (hits.length === 0) return { ephemeral: true, content: `Nothing in the archive is much like ${what}.` };
  return {
    ephemeral,
    embeds: [{ title: `More like ${what}`, color: EMBED_COLOUR, fields: hits.map((hit, i) => hitQuote(hit, i + 1, QUOTE_BUDGET)) }],
  };
}

async function page(call: ComponentCall, { page, state: packed }: PagedState, ctx: BotContext): Promise<ComponentResult> {
  const state = await unpackSearch(ctx, packed);
  if (call.user.id !== state.ownerId)
    return {
      reply: {
        ephemeral: true,
        content: `Only the person who searched can page these results. Run \`/search query:${inCodeSpan(state.query, 100)}\` to get your own.`,
      },
    };
  return { update: await resultsPage(ctx, state, page, packed) };
}

/** The picked hit; private when the search was, or when someone else asked. */
function picked(call: ComponentCall, state: SearchState): { value: string; ephemeral: boolean } {
  const value = call.values[0];
  if (!value) throw new UserError('Pick one of the hits from the list.');
  return { value, ephemeral: state.ephemeral || call.user.id !== state.ownerId };
}

/**
 * A hit opened. `read` from the searcher: a comment in place, with Back to this page (the search's state goes along
 * in the comment's ids, stored once more only when it does not fit beside the comment id; a state already stored is
 * referred to by its key). Otherwise a new message: the comment, or a post hit's thread summary.
 */
async function openHit(
  call: ComponentCall,
  ctx: BotContext,
  packed: PackedState,
  inPlaceFromPage: number | null,
): Promise<ComponentResult> {
  const state = await unpackSearch(ctx, packed);
  const { value, ephemeral } = picked(call, state);
  const found = ctx.lookup.comment(value);
  const view = found ? commentInContext(found.post, value) : null;
  if (view && inPlaceFromPage !== null && call.user.id === state.ownerId) {
    const budget = searchBackBudget(value, state.ownerId);
    let back: PackedState | null = packed;
    if (packed.rawArgs.join(':').length > budget) {
      try {
        back = await pack(ctx, state, budget);
      } catch (err) {
        // No store for the way back: the comment still opens, as a new message, like `open`.
        if (!(err instanceof StoreUnavailableError)) throw err;
        ctx.logger.warn('search state for Back could not be stored; opening the comment as a new message', { err });
        back = null;
      }
    }
    if (back) return { update: commentReply(view, 0, state.ownerId, { kind: 'search', page: inPlaceFromPage, state: back }) };
  }
  if (view) return { reply: commentReply(view, 0, call.user.id, { kind: 'comments' }, ephemeral) };
  const postId = ctx.search.unit(value)?.post.id ?? value.split('#')[0];
  await call.deferUpdate();
  return { reply: threadSummaryReply(ctx, postId, call.user.id, ephemeral) };
}

async function similar(call: ComponentCall, { state: packed }: Stateful, ctx: BotContext): Promise<ComponentResult> {
  const { value, ephemeral } = picked(call, await unpackSearch(ctx, packed));
  return { reply: similarReply(ctx, value, ephemeral) };
}

export const components = [
  onComponent(searchIds.page, page),
  onComponent(searchIds.read, (call, v: PagedState, ctx) => openHit(call, ctx, v.state, v.page)),
  onComponent(searchIds.open, (call, v: Stateful, ctx) => openHit(call, ctx, v.state, null)),
  onComponent(searchIds.similar, similar),
];
