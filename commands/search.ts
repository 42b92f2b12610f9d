/**
 * /search query author after before only ephemeral: a page of quoted hits (matched words in bold), previous/next
 * buttons that only the searcher can use, and select menus to open a hit's thread or find more like it.
 *
 * custom_ids (stable; see src/discord/customId.ts). <state> is the search packed inline, or `~<key>` for a record
 * kept STATE_TTL_MS in the store when it is too long (fields: owner id, query, author, after, before, ephemeral, only):
 *   search:page:<page>:<state>     previous / next (0-based page)
 *   search:open:<state>            select: value = hit id → that hit's thread summary (new message)
 *   search:similar:<state>         select: value = comment id → comments like it (new message)
 */
import { ApplicationIntegrationType, ButtonStyle, InteractionContextType, SlashCommandBuilder, type APIEmbedField } from 'discord.js';
import { parseQuery, withFilters, type SearchHit, type UnitKind } from '../src/search';
import type { AutocompleteCall, Choice, CommandCall, ComponentCall, ComponentResult } from '../src/discord/commandTypes';
import type { BotContext } from '../src/discord/context';
import { buildStatefulCustomId, packState, parseCustomId, stateBudget, unpackState, type PackedState } from '../src/discord/customId';
import { BAD_DATE_MESSAGE, UserError } from '../src/discord/errors';
import { button, EMBED_COLOUR, row, selectMenu, type ActionRow, type ReplySpec } from '../src/discord/messageBuilder';
import { escapeArchiveText, formatDate, renderQuote } from '../src/discord/quote';
import { postTitle } from '../src/discord/threadView';
import { threadSummaryReply } from './thread';

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
  .addStringOption((o) => o.setName('after').setDescription('On or after this date (YYYY-MM-DD)').setMaxLength(10))
  .addStringOption((o) => o.setName('before').setDescription('Before this date (YYYY-MM-DD)').setMaxLength(10))
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
  /** The `only` option: comments or post passages; null for both. */
  kind: UnitKind | null;
}

/** One line for /help (commands/help.ts). */
export const helpLine =
  '`/search query` quoted comments and post passages with the matched words in bold; `only` keeps comments or posts; page with the buttons, open a thread or find more like a hit.';

/** Strict YYYY-MM-DD that is a real calendar day (2021-02-30 is refused). */
export function checkDate(value: string | null): string | null {
  const v = value?.trim();
  if (!v) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) throw new UserError(BAD_DATE_MESSAGE);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.getUTCFullYear() !== Number(m[1]) || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) throw new UserError(BAD_DATE_MESSAGE);
  return v;
}

export function autocomplete(call: AutocompleteCall, ctx: BotContext): Choice[] {
  if (call.focused.name !== 'author') return [];
  return ctx.search
    .autocompleteAuthors(call.focused.value, 25)
    .filter((a) => a.name.length <= 100)
    .map((a) => ({ name: `${a.name} (${a.count})`, value: a.name }));
}

function stateFields(s: SearchState): (string | null)[] {
  return [s.ownerId, s.query, s.author, s.after, s.before, s.ephemeral ? '1' : null, s.kind];
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
 * One packing for every component of the page; the budget is the tightest id (`search:page:<page>:`), with room for
 * a five-digit page (the full archive's broadest searches run to about 31,000 pages).
 */
async function pack(ctx: BotContext, state: SearchState): Promise<PackedState> {
  return packState(ctx.store, stateFields(state), stateBudget('search', 'page', ['99999']));
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
  if (words.length > 1) tips.push(`try fewer words, e.g. \`/search query:${words.slice(0, Math.max(1, words.length - 1)).join(' ')}\``);
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
  packed ??= await pack(ctx, state);
  const fields = results.hits.map((hit, i) => hitQuote(hit, current * PAGE_SIZE + i + 1, QUOTE_BUDGET));
  const components: ActionRow[] = [
    row(
      button(buildStatefulCustomId('search', 'page', [current - 1], packed), 'Previous', { disabled: current === 0 }),
      button(buildStatefulCustomId('search', 'page', [current + 1], packed), 'Next', { style: ButtonStyle.Primary, disabled: current >= pages - 1 }),
    ),
    row(
      selectMenu(
        buildStatefulCustomId('search', 'open', [], packed),
        'Open the thread of a hit…',
        results.hits.map((hit, i) => ({ label: `${current * PAGE_SIZE + i + 1}. ${hit.postTitle ?? 'Untitled'}${hit.position ? ` #${hit.position}` : ''}`, value: hit.id })),
      ),
    ),
  ];
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
  const summary = `**${results.total.toLocaleString('en-GB')}** result${results.total === 1 ? '' : 's'}${filters ? ` · ${filters}` : ''}`;
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
  // Mistakes in the query are reported before deferring, so the message can still be private.
  withFilters(parseQuery(state.query), { kind: state.kind ?? undefined });
  await call.defer({ ephemeral: state.ephemeral });
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
  const stateArgs = action === 'page' ? rawArgs.slice(1) : rawArgs;
  const state = stateOf(await unpackState(ctx.store, stateArgs, '/search'));
  const isOwner = call.user.id === state.ownerId;
  if (action === 'page') {
    if (!isOwner) return { reply: { ephemeral: true, content: `Only the person who searched can page these results. Run \`/search query:${state.query.slice(0, 100)}\` to get your own.` } };
    return { update: await resultsPage(ctx, state, Math.max(0, Number(args[0]) || 0), { rawArgs: stateArgs }) };
  }
  const value = call.values[0];
  if (!value) throw new UserError('Pick one of the hits from the list.');
  // A new message either way; private when the search was, or when someone else asked.
  const ephemeral = state.ephemeral || !isOwner;
  if (action === 'open') {
    const postId = ctx.search.unit(value)?.post.id ?? ctx.lookup.comment(value)?.post.id ?? value.split('#')[0];
    await call.deferUpdate();
    const reply = threadSummaryReply(ctx, postId, call.user.id, ephemeral);
    const hit = ctx.lookup.comment(value);
    if (hit) reply.content = `The thread of #${hit.comment.position} (${formatDate(hit.post.date) ?? 'undated'}):`;
    return { reply };
  }
  if (action === 'similar') return { reply: similarReply(ctx, value, ephemeral) };
  throw new Error(`unknown search action ${action}`);
}
