/**
 * The ONE quote renderer: every piece of archive text shown on Discord goes through `escapeArchiveText`, every
 * quoted comment through `renderQuote`, and every post passage with its speaker through `renderGist`. Archive text is other people's writing: its `*`, `_` and `>` must show as
 * typed, and a quoted `@everyone` or `<@123>` must neither ping (replies also carry `allowedMentions: { parse: [] }`)
 * nor render as a mention pill, so it is neutralised in the text too. Button and select labels, footers and autocomplete
 * choices render no markdown (a `\*` would show as typed), so archive text there is deliberately left unescaped.
 */
import { escapeMarkdown } from 'discord.js';
import { groupByVoice, voiceLabel, type GistSentence } from '../summary';
import { truncateText } from '../text';

const ZWSP = '\u200b';

/** Breaks mention syntax with a zero-width space: `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&id>`, `<#id>`. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#)(\d+)>/g, `<${ZWSP}$1$2>`);
}

/**
 * Text to put inside a `code span` (a command to copy), at most `max` long: inside one, markdown escapes show as
 * typed, so escaping cannot help; a backtick would end the span early and is dropped instead (to a search it is
 * punctuation, which it ignores anyway). Cut with truncateText, so an emoji is never split in half.
 */
export function inCodeSpan(text: string, max: number): string {
  return truncateText(text.replace(/`+/g, ' ').replace(/\s+/g, ' ').trim(), max);
}

/** Archive text made safe to show: markdown escaped, mentions neutralised. */
export function escapeArchiveText(text: string): string {
  return neutraliseMentions(escapeMarkdown(text));
}

/**
 * Characters escapeArchiveText may lengthen: markdown escapes put a `\` before each, mention-breaking a ZWSP. Runs of
 * `*` or `_` can come out with more (discord.js escapes `***a****` to `\*\*\*a\*\*\\*\*`), so those count thrice.
 */
const LENGTHENED: Record<string, number> = { '*': 3, _: 3, '\\': 2, '`': 2, '~': 2, '|': 2, '@': 2, '#': 2 };

/**
 * An upper bound on what escapeArchiveText makes of one character, so that long text can be split into parts that
 * fit once escaped without escaping it again for every candidate cut (see splitIntoParts).
 */
export function escapedCharCost(char: string): number {
  return LENGTHENED[char] ?? 1;
}

export interface Highlight {
  start: number;
  end: number;
}

/** What a quote needs; a SearchHit, a Comment with its Post, or a summary quote all map onto it. */
export interface QuoteSource {
  text: string;
  /** Ranges of `text` to show in bold (matched words). */
  highlights?: Highlight[];
  author: string | null;
  /** `12.3`; null for a passage of the post itself. */
  position: string | null;
  postTitle: string | null;
  postDate: string | null;
  /** The comment's own permalink where known, else the post's. */
  url: string | null;
  /** When the comment was posted (ISO 8601), where the archive says (imported comments). */
  published?: string | null;
}

export interface RenderedQuote {
  /** "Post title · 25 Oct 2022": an embed field name or a line above the quote. */
  heading: string;
  /** The quote as a block quote with bold highlights, then "— Author · #12.3 · [original](url)". */
  body: string;
}

/** `2022-10-25` → `25 Oct 2022`: unambiguous for readers on both sides of the Atlantic. */
export function formatDate(date: string | null): string | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/**
 * When a comment was posted, as the blog showed it: `2022-10-25T09:05:00.000+01:00` → `25 Oct 2022 09:05 UTC+1`,
 * `…T14:03:00Z` → `25 Oct 2022 14:03 UTC`, a bare date → `25 Oct 2022`. The time stays in the offset the export
 * gives (the blog's own zone), and the zone is named, so nobody reads a summer time as winter time.
 */
export function formatTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/.exec(iso);
  if (!m) return null;
  if (!m[2]) return formatDate(m[1]);
  return `${formatDate(m[1])} ${m[2]}:${m[3]}${m[4] ? ` ${zoneName(m[4])}` : ''}`;
}

/** `Z` and `+00:00` → `UTC`; `+01:00` → `UTC+1`; `-03:30` → `UTC-3:30`. */
function zoneName(offset: string): string {
  if (offset === 'Z') return 'UTC';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
  const hours = Number(m[2]);
  if (hours === 0 && m[3] === '00') return 'UTC';
  return `UTC${m[1]}${hours}${m[3] === '00' ? '' : `:${m[3]}`}`;
}

export function quoteHeading(postTitle: string | null, postDate: string | null): string {
  const title = escapeArchiveText(postTitle ?? 'Untitled post');
  const date = formatDate(postDate);
  return date ? `${title} · ${date}` : title;
}

export function attribution(source: Pick<QuoteSource, 'author' | 'position' | 'url' | 'published'>): string {
  const parts = [`— ${source.author ? escapeArchiveText(source.author) : 'Anonymous'}`];
  if (source.position) parts.push(`#${source.position}`);
  const time = formatTime(source.published);
  if (time) parts.push(time);
  if (source.url) parts.push(`[original](${source.url})`);
  return parts.join(' · ');
}

/** Escapes `text` and wraps the highlighted ranges in `**`, clipping ranges to the text. */
export function boldHighlights(text: string, highlights: Highlight[] = []): string {
  const ranges = highlights
    .map((h) => ({ start: Math.max(0, h.start), end: Math.min(text.length, h.end) }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  // Overlapping or touching ranges merge, else `****` would appear between them.
  const merged: Highlight[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  let out = '';
  let at = 0;
  for (const r of merged) {
    out += escapeArchiveText(text.slice(at, r.start));
    const word = text.slice(r.start, r.end);
    out += word.trim() ? `**${escapeArchiveText(word)}**` : escapeArchiveText(word);
    at = r.end;
  }
  return out + escapeArchiveText(text.slice(at));
}

/** Block-quotes every line; blank lines inside the quote keep the `>` so the quote stays one block. */
function blockQuote(text: string): string {
  return text
    .replace(/\n{3,}/g, '\n\n')
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * Renders one quoted comment so that `body` is at most `max` characters (escaping included): the text is cut at a
 * sentence or word with an ellipsis, never mid-word or mid-surrogate; the attribution line is always kept.
 */
export function renderQuote(source: QuoteSource, max: number): RenderedQuote {
  const heading = quoteHeading(source.postTitle, source.postDate);
  const footer = attribution(source);
  const text = source.text.trim();
  let budget = Math.max(1, max - footer.length - 1);
  let body = '';
  // Escaping and bold markers lengthen the text by an amount known only after rendering: shrink until it fits.
  for (let attempt = 0; attempt < 12; attempt++) {
    const cut = truncateText(text, budget);
    // Highlights beyond the cut are dropped; one straddling it is clipped (the ellipsis stays plain).
    const keep = cut.length < text.length ? cut.length - 1 : cut.length;
    const quoted = blockQuote(
      boldHighlights(
        cut.slice(0, keep),
        (source.highlights ?? []).filter((h) => h.start < keep),
      ) + cut.slice(keep),
    );
    body = `${quoted}\n${footer}`;
    if (body.length <= max) return { heading, body };
    // Shrink from what was kept, not from the budget: a cut at a sentence end stays put while the budget shrinks
    // above it, and the quote would be lost to the attribution-only fallback.
    budget = Math.max(1, Math.min(budget, cut.length) - (body.length - max) - 1);
  }
  return { heading, body: truncateText(footer, max) };
}

/** "**Sonia Flynn**, in the letter the post quotes:" (escaped; the name in bold, as a reader's eye looks for it). */
function speakerLine(speaker: string | null, quoted: GistSentence['quoted']): string | null {
  const label = voiceLabel(speaker, quoted);
  if (!label) return null;
  return label.name ? `**${escapeArchiveText(label.name)}**${escapeArchiveText(label.rest)}:` : `*${escapeArchiveText(label.rest)}:*`;
}

/**
 * A post's gist as it is shown: the blogger's own sentences as plain text, each passage the post quotes under a line
 * naming its speaker ("**Sonia Flynn**, in the letter the post quotes:") and block-quoted, so nobody's words read as
 * the blogger's. At most `max` characters, escaping included: the longest passage is cut first, at a sentence or word.
 */
export function renderGist(gist: readonly GistSentence[], max: number): string {
  const groups = groupByVoice(gist).map((g) => ({ line: speakerLine(g.speaker, g.quoted), text: g.texts.join(' ') }));
  const render = (texts: string[]) =>
    groups
      .map((g, i) => {
        const body = escapeArchiveText(texts[i]);
        return g.line ? `${g.line}\n${blockQuote(body)}` : body;
      })
      .join('\n');
  const texts = groups.map((g) => g.text);
  let out = render(texts);
  // Escaping and labels lengthen the text by an amount known only after rendering: shorten the longest until it fits.
  for (let attempt = 0; attempt < 24 && out.length > max; attempt++) {
    const longest = texts.reduce((best, t, i) => (t.length > texts[best].length ? i : best), 0);
    texts[longest] = truncateText(texts[longest], Math.max(1, texts[longest].length - (out.length - max) - 1));
    out = render(texts);
  }
  return out.length > max ? truncateText(out, max) : out;
}

/** A post's title, or its source file when it has none. */
export function postTitle(post: { title: string | null; source: string }): string {
  return post.title ?? post.source;
}
