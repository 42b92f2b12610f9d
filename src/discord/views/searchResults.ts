/**
 * A page of search results: quoted hits (matched words in bold), previous/next buttons that only the searcher can
 * use, and select menus to open a hit or find more like it. /search's own view, and also what /author's "Search their
 * comments" and /trend's peaks open, so it is shared here; commands/search handles its ids (searchIds in customIds.ts).
 */
import { ButtonStyle, type APIEmbedField } from 'discord.js';
import type { SearchHit } from '../../search';
import type { Choice } from '../commandTypes';
import type { BotContext } from '../context';
import { escapeArg, packShape, stateBudget, unpackShape, type PackedState } from '../customId';
import { searchIds, searchState, type SearchState } from '../customIds';
import { StoreUnavailableError } from '../../store/guardStore';
import { button, EMBED_COLOUR, row, selectMenu, type ActionRow, type ReplySpec } from '../messageBuilder';
import { escapeArchiveText, inCodeSpan, renderQuote } from '../quote';

export const PAGE_SIZE = 5;
/** Room for each quote on a page (and of "more like this"): 5 × (heading + 900) stays under the 6,000 of a message. */
export const QUOTE_BUDGET = 900;

/** The archive's signatures starting like `typed`, with their comment counts (/search's author, /author's name). */
export function signatureChoices(ctx: Pick<BotContext, 'search'>, typed: string): Choice[] {
  return ctx.search
    .autocompleteAuthors(typed, 25)
    .filter((a) => a.name.length <= 100)
    .map((a) => ({ name: `${a.name} (${a.count})`, value: a.name }));
}

/**
 * One packing for every component of the page; the budget is the tightest id (`search:page:<page>:`, as long as
 * `search:read:<page>:`), with room for a five-digit page (the full archive's broadest searches run to about 31,000
 * pages). A comment read in full from the page packs it again with its own, smaller budget.
 */
const STATE_BUDGET = stateBudget('search', 'page', ['99999']);

export async function pack(ctx: BotContext, state: SearchState, budget = STATE_BUDGET): Promise<PackedState> {
  return packShape(ctx.store, searchState, state, budget);
}

/** The longest query whose search still fits inline in the buttons, with this state's other fields. */
function longestInlineQuery(state: SearchState): number {
  const others = searchState
    .write({ ...state, query: '' })
    .map((f) => escapeArg(f ?? ''))
    .join(':').length;
  return Math.max(0, STATE_BUDGET - others);
}

/**
 * State for a page whose search could not be stored: only what opening a hit or "more like this" need (who searched,
 * and whether privately), which always fits inline. Paging, which needs the whole search, is left out.
 */
function withoutPaging(state: SearchState): SearchState {
  return { ownerId: state.ownerId, query: '', author: null, after: null, before: null, ephemeral: state.ephemeral };
}

export function hitQuote(hit: SearchHit, index: number, budget: number): APIEmbedField {
  const quote = renderQuote(
    {
      text: hit.snippet.text,
      highlights: hit.snippet.highlights,
      author: hit.kind === 'post' ? (hit.author ?? 'the post itself') : hit.author,
      position: hit.position,
      postTitle: hit.postTitle,
      postDate: hit.postDate,
      url: hit.url,
      published: hit.published,
    },
    budget,
  );
  return { name: `${index}. ${quote.heading}`, value: quote.body };
}

function filtersLine(state: SearchState): string {
  const parts: string[] = [];
  if (state.author) parts.push(`author: ${escapeArchiveText(state.author)}`);
  if (state.after) parts.push(`after: ${state.after}`);
  if (state.before) parts.push(`before: ${state.before}`);
  if (state.kind) parts.push(state.kind === 'comment' ? 'comments only' : 'posts only');
  return parts.join(' · ');
}

/** A looser version of what was asked, for the zero-results message. */
export function looserSuggestion(state: SearchState): string {
  const tips: string[] = [];
  const q = state.query;
  if (/["“”]/.test(q)) tips.push('drop the quotes so the words need not be side by side');
  if (/(^|\s)-\S/.test(q)) tips.push('remove the -excluded words');
  if (/\b(author|after|before|year|in|is):/i.test(q) || state.author || state.after || state.before || state.kind)
    tips.push('remove a filter (author, after, before, year, in, is, only)');
  const words = q
    .replace(/\b\w+:("[^"]*"|\S+)/g, '')
    .replace(/["“”]/g, '')
    .split(/\s+/)
    .filter((w) => w && !w.startsWith('-'));
  if (words.length > 1)
    tips.push(`try fewer words, e.g. \`/search query:${inCodeSpan(words.slice(0, Math.max(1, words.length - 1)).join(' '), 200)}\``);
  tips.push('check the spelling');
  return tips.join('; ');
}

/**
 * `packed` is the state as the clicked component already carries it: paging reuses it, so a long search is stored
 * once (at /search) rather than once more for every click.
 */
export async function resultsPage(ctx: BotContext, state: SearchState, page: number, packed?: PackedState): Promise<ReplySpec> {
  const results = ctx.search.search(state.query, {
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
    filters: {
      author: state.author ?? undefined,
      after: state.after ?? undefined,
      before: state.before ?? undefined,
      kind: state.kind ?? undefined,
    },
  });
  const title = `Search: ${state.query}`;
  const filters = filtersLine(state);
  if (results.total === 0) {
    return {
      ephemeral: true,
      embeds: [
        {
          title: escapeArchiveText(title),
          color: EMBED_COLOUR,
          description: `No ${state.kind === 'post' ? 'post passages' : 'comments'} match${filters ? ` (${filters})` : ''}. To widen the search: ${looserSuggestion(state)}.`,
        },
      ],
    };
  }
  const pages = Math.ceil(results.total / PAGE_SIZE);
  const current = Math.min(page, pages - 1);
  if (results.hits.length === 0 && current !== page) return resultsPage(ctx, state, current, packed);
  let pagingNote: string | null = null;
  if (!packed) {
    try {
      packed = await pack(ctx, state);
    } catch (err) {
      // The results need no store; only paging a long query does. Answer with them rather than with an error.
      if (!(err instanceof StoreUnavailableError)) throw err;
      ctx.logger.warn('search paging state could not be stored; answering without paging', { err, queryLength: state.query.length });
      packed = await pack(ctx, withoutPaging(state));
      pagingNote = `Paging is unavailable right now (the bot's storage isn't working): a search of up to ${longestInlineQuery(state)} characters can still be paged.`;
    }
  }
  const fields = results.hits.map((hit, i) => hitQuote(hit, current * PAGE_SIZE + i + 1, QUOTE_BUDGET));
  const components: ActionRow[] = [];
  if (!pagingNote) {
    components.push(
      row(
        button(searchIds.page.encode({ page: current - 1, state: packed }), 'Previous', { disabled: current === 0 }),
        button(searchIds.page.encode({ page: current + 1, state: packed }), 'Next', {
          style: ButtonStyle.Primary,
          disabled: current >= pages - 1,
        }),
      ),
    );
  }
  components.push(
    row(
      selectMenu(
        // Without paging there is no page to go back to: a hit opens as a new message (`open`), not in place.
        pagingNote ? searchIds.open.encode({ state: packed }) : searchIds.read.encode({ page: current, state: packed }),
        'Open a hit: a comment in full, or a post’s thread…',
        results.hits.map((hit, i) => ({
          label: `${current * PAGE_SIZE + i + 1}. ${hit.postTitle ?? 'Untitled'}${hit.position ? ` #${hit.position}` : ''}`,
          value: hit.id,
        })),
      ),
    ),
  );
  const commentHits = results.hits.map((hit, i) => ({ hit, n: current * PAGE_SIZE + i + 1 })).filter(({ hit }) => hit.kind === 'comment');
  if (commentHits.length) {
    components.push(
      row(
        selectMenu(
          searchIds.similar.encode({ state: packed }),
          'More like this…',
          commentHits.map(({ hit, n }) => ({ label: `${n}. More like #${hit.position} (${hit.author ?? 'Anonymous'})`, value: hit.id })),
        ),
      ),
    );
  }
  const summary = `**${results.total.toLocaleString('en-GB')}** result${results.total === 1 ? '' : 's'}${filters ? ` · ${filters}` : ''}${pagingNote ? `\n${pagingNote}` : ''}`;
  return {
    ephemeral: state.ephemeral,
    embeds: [
      {
        title: escapeArchiveText(title),
        color: EMBED_COLOUR,
        description: summary,
        fields,
        footer: { text: `Page ${current + 1} of ${pages}` },
      },
    ],
    components,
  };
}

/** The search a component carries (from the store when it was too long for the id). */
export async function unpackSearch(ctx: Pick<BotContext, 'store'>, state: PackedState): Promise<SearchState> {
  return unpackShape(ctx.store, searchState, state, '/search');
}
