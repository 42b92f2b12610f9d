/**
 * /search query author after before only ephemeral: a page of quoted hits (matched words in bold), previous/next
 * buttons that only the searcher can use, and select menus to open a hit's thread or find more like it.
 *
 * custom_ids (stable; see src/discord/customId.ts). <state> is the search packed inline, or `~<key>` for a record
 * kept STATE_TTL_MS in the store when it is too long (fields: owner id, query, author, after, before, ephemeral, only):
 *   search:page:<page>:<state>     previous / next (0-based page)
 *   search:read:<page>:<state>     select: value = hit id → a comment hit read in full, in place, with Back to page
 *                                  <page> (see commentView.ts); a post hit's thread summary (new message)
 *   search:open:<state>            (messages from before read:) the same as a new message, without the way back
 *   search:similar:<state>         select: value = comment id → comments like it (new message)
 */
import { ApplicationIntegrationType, ButtonStyle, InteractionContextType, SlashCommandBuilder, type APIEmbedField } from 'discord.js';
import type { SearchHit, UnitKind } from '../src/search';
import type { AutocompleteCall, Choice, CommandCall, ComponentCall, ComponentResult } from '../src/discord/commandTypes';
import type { BotContext } from '../src/discord/context';
import { buildStatefulCustomId, escapeArg, packState, parseCustomId, stateBudget, unpackState, type PackedState } from '../src/discord/customId';
import { BAD_DATE_MESSAGE, UserError } from '../src/discord/errors';
import { StoreUnavailableError } from '../src/store/guardStore';
import { button, EMBED_COLOUR, row, selectMenu, type ActionRow, type ReplySpec } from '../src/discord/messageBuilder';
import { escapeArchiveText, inCodeSpan, renderQuote } from '../src/discord/quote';
import { postTitle } from '../src/discord/threadView';
import { parseDate } from '../src/text';
import { threadSummaryReply } from './thread';
import { commentReply, searchBackBudget } from '../src/discord/commentView';
import { commentInContext } from '../src/corpus/commentContext';

export const cooldownSeconds = 3;
export const PAGE_SIZE = 5;
/** Room for each quote on a page: 5 × (heading + 900) stays under the 6,000 characters of one message. */
const QUOTE_BUDGET = 900;

export const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Search the archive: quoted comments with the matched words in bold')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
  .addStringOption((o) => o.setName('query').setDescription('Words, "exact phrase", -exclude, author:Name, after:2021, before:2022-06, is:comment').setRequired(true).setMaxLength(300))
  .addStringOption((o) => o.setName('author').setDescription('Only comments signed like this').setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('after').setDescription('On or after this date (2022-10-25, 25/10/2022, Oct 2022)').setMaxLength(40))
  .addStringOption((o) => o.setName('before').setDescription('Before this date (2022-10-25, 25/10/2022, Oct 2022)').setMaxLength(40))
  .addStringOption((o) =>
    o
      .setName('only')
      .setDescription('Only comments, or only the posts themselves (default: both)')
      .addChoices({ name: 'comments', value: 'comment' }, { name: 'posts', value: 'post' }),
  )
  .addBooleanOption((o) => o.setName('ephemeral').setDescription('Only you see the results'));

export interface SearchState {
  ownerId: string;
  query: string;
  author: string | null;
  after: string | null;
  before: string | null;
  ephemeral: boolean;
  /** The `only` option: comments or post passages; null or absent for both. */
  kind?: UnitKind | null;
}

/** One line for /help (commands/help.ts). */
export const helpLine =
  '`/search query` quoted comments and post passages with the matched words in bold; `only` keeps comments or posts; page with the buttons, read a hit in full or find more like it.';

/**
 * A date option read by the one date parser (2022-10-25, 25/10/2022, Oct 2022, 2022): null when empty, else the date
 * written the unambiguous way (YYYY-MM-DD, YYYY-MM or YYYY). A day that does not exist (2021-02-30) is refused.
 */
export function checkDate(value: string | null): string | null {
  const v = value?.trim();
  if (!v) return null;
  try {
    return parseDate(v).iso;
  } catch {
    throw new UserError(BAD_DATE_MESSAGE);
  }
}

export function autocomplete(call: AutocompleteCall, ctx: BotContext): Choice[] {
  if (call.focused.name !== 'author') return [];
  return ctx.search
    .autocompleteAuthors(call.focused.value, 25)
    .filter((a) => a.name.length <= 100)
    .map((a) => ({ name: `${a.name} (${a.count})`, value: a.name }));
}

function stateFields(s: SearchState): (string | null)[] {
  return [s.ownerId, s.query, s.author, s.after, s.before, s.ephemeral ? '1' : null, s.kind ?? null];
}

function stateOf(fields: (string | null)[]): SearchState {
  const [ownerId, query, author, after, before, ephemeral, kind] = fields;
  return {
    ownerId: ownerId ?? '',
    query: query ?? '',
    author: author ?? null,
    after: after ?? null,
    before: before ?? null,
    ephemeral: ephemeral === '1',
    kind: kindOption(kind ?? null),
  };
}

/** The `only` option's value (state packed before the option existed has none). */
function kindOption(value: string | null): UnitKind | null {
  return value === 'comment' || value === 'post' ? value : null;
}

/**
 * One packing for every component of the page; the budget is the tightest id (`search:page:<page>:`, as long as
 * `search:read:<page>:`), with room for a five-digit page (the full archive's broadest searches run to about 31,000
 * pages). A comment read in full from the page packs it again with its own, smaller budget.
 */
const STATE_BUDGET = stateBudget('search', 'page', ['99999']);

async function pack(ctx: BotContext, state: SearchState, budget = STATE_BUDGET): Promise<PackedState> {
  return packState(ctx.store, stateFields(state), budget);
}

/** The longest query whose search still fits inline in the buttons, with this state's other fields. */
function longestInlineQuery(state: SearchState): number {
  const others = stateFields({ ...state, query: '' }).map((f) => escapeArg(f ?? '')).join(':').length;
  return Math.max(0, STATE_BUDGET - others);
}

/**
 * State for a page whose search could not be stored: only what opening a hit or "more like this" need (who searched,
 * and whether privately), which always fits inline. Paging, which needs the whole search, is left out.
 */
function withoutPaging(state: SearchState): SearchState {
  return { ownerId: state.ownerId, query: '', author: null, after: null, before: null, ephemeral: state.ephemeral };
}

function hitQuote(hit: SearchHit, index: number, budget: number): APIEmbedField {
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
  if (/\b(author|after|before|year|in|is):/i.test(q) || state.author || state.after || state.before || state.kind) tips.push('remove a filter (author, after, before, year, in, is, only)');
  const words = q.replace(/\b\w+:("[^"]*"|\S+)/g, '').replace(/["“”]/g, '').split(/\s+/).filter((w) => w && !w.startsWith('-'));
  if (words.length > 1) tips.push(`try fewer words, e.g. \`/search query:${inCodeSpan(words.slice(0, Math.max(1, words.length - 1)).join(' '), 200)}\``);
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
    filters: { author: state.author ?? undefined, after: state.after ?? undefined, before: state.before ?? undefined, kind: state.kind ?? undefined },
  });
  const title = `Search: ${state.query}`;
  const filters = filtersLine(state);
  if (results.total === 0) {
    return {
      ephemeral: true,
      embeds: [{ title: escapeArchiveText(title), color: EMBED_COLOUR, description: `No ${state.kind === 'post' ? 'post passages' : 'comments'} match${filters ? ` (${filters})` : ''}. To widen the search: ${looserSuggestion(state)}.` }],
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
        button(buildStatefulCustomId('search', 'page', [current - 1], packed), 'Previous', { disabled: current === 0 }),
        button(buildStatefulCustomId('search', 'page', [current + 1], packed), 'Next', { style: ButtonStyle.Primary, disabled: current >= pages - 1 }),
      ),
    );
  }
  components.push(
    row(
      selectMenu(
        // Without paging there is no page to go back to: a hit opens as a new message (`open`), not in place.
        pagingNote ? buildStatefulCustomId('search', 'open', [], packed) : buildStatefulCustomId('search', 'read', [current], packed),
        'Open a hit: a comment in full, or a post’s thread…',
        results.hits.map((hit, i) => ({ label: `${current * PAGE_SIZE + i + 1}. ${hit.postTitle ?? 'Untitled'}${hit.position ? ` #${hit.position}` : ''}`, value: hit.id })),
      ),
    ),
  );
  const commentHits = results.hits.map((hit, i) => ({ hit, n: current * PAGE_SIZE + i + 1 })).filter(({ hit }) => hit.kind === 'comment');
  if (commentHits.length) {
    components.push(
      row(
        selectMenu(
          buildStatefulCustomId('search', 'similar', [], packed),
          'More like this…',
          commentHits.map(({ hit, n }) => ({ label: `${n}. More like #${hit.position} (${hit.author ?? 'Anonymous'})`, value: hit.id })),
        ),
      ),
    );
  }
  const summary = `**${results.total.toLocaleString('en-GB')}** result${results.total === 1 ? '' : 's'}${filters ? ` · ${filters}` : ''}${pagingNote ? `\n${pagingNote}` : ''}`;
  return {
    ephemeral: state.ephemeral,
    embeds: [{ title: escapeArchiveText(title), color: EMBED_COLOUR, description: summary, fields, footer: { text: `Page ${current + 1} of ${pages}` } }],
    components,
  };
}

export async function execute(call: CommandCall, ctx: BotContext): Promise<ReplySpec> {
  const state: SearchState = {
    ownerId: call.user.id,
    query: (call.options.getString('query') ?? '').trim(),
    author: call.options.getString('author')?.trim() || null,
    after: checkDate(call.options.getString('after')),
    before: checkDate(call.options.getString('before')),
    ephemeral: call.options.getBoolean('ephemeral') ?? false,
    kind: kindOption(call.options.getString('only')),
  };
  // The search itself finds every mistake in the query (punctuation only, an `in:` naming no post, ...), so it runs
  // before anything is sent: the error can then still be private, never a public "thinking…" turned into one. It
  // takes milliseconds; should storing a long query's paging state be slow, the router's own deferral (at 1.5 s) covers it.
  return resultsPage(ctx, state, 0);
}

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

export async function handleComponent(call: ComponentCall, ctx: BotContext): Promise<ComponentResult> {
  const { action, args, rawArgs } = parseCustomId(call.customId);
  // `page` and `read` carry a page number before the state.
  const stateArgs = action === 'page' || action === 'read' ? rawArgs.slice(1) : rawArgs;
  const state = stateOf(await unpackState(ctx.store, stateArgs, '/search'));
  const isOwner = call.user.id === state.ownerId;
  if (action === 'page') {
    if (!isOwner) return { reply: { ephemeral: true, content: `Only the person who searched can page these results. Run \`/search query:${inCodeSpan(state.query, 100)}\` to get your own.` } };
    return { update: await resultsPage(ctx, state, Math.max(0, Number(args[0]) || 0), { rawArgs: stateArgs }) };
  }
  const value = call.values[0];
  if (!value) throw new UserError('Pick one of the hits from the list.');
  // A new message either way; private when the search was, or when someone else asked.
  const ephemeral = state.ephemeral || !isOwner;
  if (action === 'read' || action === 'open') {
    const found = ctx.lookup.comment(value);
    const view = found ? commentInContext(found.post, value) : null;
    if (view && action === 'read' && isOwner) {
      // In place, with Back to this page: the search's state goes along in the comment's ids (stored once more only
      // when it does not fit beside the comment id; a state already stored is referred to by its key).
      const budget = searchBackBudget(value, state.ownerId);
      let back: PackedState | null = { rawArgs: stateArgs };
      if (stateArgs.join(':').length > budget) {
        try {
          back = await pack(ctx, state, budget);
        } catch (err) {
          // No store for the way back: the comment still opens, as a new message, like `open`.
          if (!(err instanceof StoreUnavailableError)) throw err;
          ctx.logger.warn('search state for Back could not be stored; opening the comment as a new message', { err });
          back = null;
        }
      }
      if (back) return { update: commentReply(view, 0, state.ownerId, { kind: 'search', page: Math.max(0, Number(args[0]) || 0), state: back }) };
    }
    if (view) return { reply: commentReply(view, 0, call.user.id, { kind: 'comments' }, ephemeral) };
    const postId = ctx.search.unit(value)?.post.id ?? value.split('#')[0];
    await call.deferUpdate();
    return { reply: threadSummaryReply(ctx, postId, call.user.id, ephemeral) };
  }
  if (action === 'similar') return { reply: similarReply(ctx, value, ephemeral) };
  throw new Error(`unknown search action ${action}`);
}
