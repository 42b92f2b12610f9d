/**
 * Quoted snippets: the best-matching window of a unit's text, in whole sentences where they fit, with an ellipsis
 * where it was cut and the matched words marked so the Discord layer can bold them. Cuts fall on whitespace only,
 * so a snippet never ends inside a word or splits an emoji's surrogate pair.
 */
import { ELLIPSIS, processTerm, safeIndex, splitSentences, tokenize } from '../text';
import { findSpans } from './phrases';
import type { Span } from './units';

export interface Snippet {
  text: string;
  /** Offsets into `text`, sorted, not overlapping. */
  highlights: Span[];
  truncatedStart: boolean;
  truncatedEnd: boolean;
}

export interface SnippetOptions {
  /** Longest snippet in UTF-16 units, ellipses included (default 300). */
  maxLength?: number;
}

export const DEFAULT_SNIPPET_LENGTH = 300;

/**
 * The spans of text to highlight: every word whose processed term is one the index matched, and every phrase match
 * as one span. Sorted and merged where they overlap.
 */
export function highlightSpans(
  text: string,
  terms: ReadonlySet<string>,
  phrases: readonly RegExp[] = [],
  termOf: (word: string) => string | null = processTerm,
): Span[] {
  const spans: Span[] = [];
  if (terms.size > 0) {
    for (const token of tokenize(text)) {
      const term = termOf(token.text);
      if (term !== null && terms.has(term)) spans.push({ start: token.start, end: token.end });
    }
  }
  for (const matcher of phrases) spans.push(...findSpans(text, matcher));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

interface Window extends Span {
  score: number;
}

/** Distinct highlighted words count most, repeats a little: a window with both query words beats one with one twice. */
function scoreRange(text: string, highlights: readonly Span[], start: number, end: number): number {
  const distinct = new Set<string>();
  let count = 0;
  for (const h of highlights) {
    if (h.start >= start && h.end <= end) {
      distinct.add(text.slice(h.start, h.end).toLowerCase());
      count++;
    }
  }
  return distinct.size * 10 + Math.min(count, 9);
}

/** A window of at most `budget` inside [lo, hi) around the densest highlights, cut on whitespace. */
function charWindow(text: string, highlights: readonly Span[], lo: number, hi: number, budget: number): Window {
  const inside = highlights.filter((h) => h.start >= lo && h.end <= hi);
  let anchor = lo;
  let best = -1;
  for (const h of inside) {
    const score = scoreRange(text, inside, h.start, h.start + budget);
    if (score > best) {
      best = score;
      anchor = h.start;
    }
  }
  // Some context before the first matched word reads better than starting on it.
  let start = Math.max(lo, anchor - Math.floor(budget * 0.25));
  let end = Math.min(hi, start + budget);
  if (end - start < budget) start = Math.max(lo, end - budget);
  if (start > lo) {
    let s = start;
    while (s < end && !/\s/.test(text[s - 1])) s++;
    start = s < end ? s : safeIndex(text, start);
  }
  if (end < hi) {
    let e = end;
    while (e > start && !/\s/.test(text[e])) e--;
    end = e > start ? e : safeIndex(text, end);
  }
  return { start, end, score: scoreRange(text, highlights, start, end) };
}

function bestWindow(text: string, highlights: readonly Span[], budget: number): Span {
  const sentences = splitSentences(text);
  let best: Window | null = null;
  const consider = (w: Window) => {
    if (best === null || w.score > best.score) best = w;
  };
  for (let i = 0; i < sentences.length; i++) {
    const first = sentences[i];
    if (first.end - first.start > budget) {
      // A sentence too long to quote whole: quote the part of it around its matches.
      if (highlights.some((h) => h.start >= first.start && h.end <= first.end) || i === 0) {
        const w = charWindow(text, highlights, first.start, first.end, budget);
        consider({ ...w, score: w.score - 0.5 });
      }
      continue;
    }
    let j = i;
    while (j + 1 < sentences.length && sentences[j + 1].end - first.start <= budget) j++;
    consider({ start: first.start, end: sentences[j].end, score: scoreRange(text, highlights, first.start, sentences[j].end) });
  }
  if (best === null) return charWindow(text, highlights, 0, text.length, budget);
  const chosen: Window = best;
  // Near the end of the text the window may have room left: take whole sentences before it too.
  let start = chosen.start;
  for (let i = sentences.findIndex((s) => s.start === chosen.start) - 1; i >= 0; i--) {
    if (chosen.end - sentences[i].start > budget) break;
    start = sentences[i].start;
  }
  return { start, end: chosen.end };
}

/**
 * Renders `text[start, end)` with whitespace runs collapsed (a line break where the run had one), mapping the
 * highlights that fall inside onto the output.
 */
function render(text: string, start: number, end: number, highlights: readonly Span[]): { text: string; highlights: Span[] } {
  const slice = text.slice(start, end);
  // Each collapsed run: where it starts in the slice, how long it was, and where it starts in the output.
  const runs: { at: number; length: number; outAt: number }[] = [];
  let out = '';
  let last = 0;
  for (const m of slice.matchAll(/\s+/g)) {
    const at = m.index;
    out += slice.slice(last, at);
    if (m[0].length > 1 || m[0] !== ' ') {
      runs.push({ at, length: m[0].length, outAt: out.length });
      out += m[0].includes('\n') ? '\n' : ' ';
    } else out += ' ';
    last = at + m[0].length;
  }
  out += slice.slice(last);
  const map = (p: number): number => {
    let shift = 0;
    for (const run of runs) {
      if (run.at >= p) break;
      if (p < run.at + run.length) return run.outAt + (p > run.at ? 1 : 0);
      shift += run.length - 1;
    }
    return p - shift;
  };
  const mapped: Span[] = [];
  for (const h of highlights) {
    const s = Math.max(h.start, start);
    const e = Math.min(h.end, end);
    if (e > s) mapped.push({ start: map(s - start), end: map(e - start) });
  }
  return { text: out, highlights: mapped };
}

/** The snippet of `text` showing the given highlights (see highlightSpans). */
export function makeSnippet(text: string, highlights: readonly Span[], options: SnippetOptions = {}): Snippet {
  const maxLength = Math.max(20, options.maxLength ?? DEFAULT_SNIPPET_LENGTH);
  let lo = 0;
  let hi = text.length;
  while (lo < hi && /\s/.test(text[lo])) lo++;
  while (hi > lo && /\s/.test(text[hi - 1])) hi--;
  // Collapsing whitespace only shortens, so most long texts need no trial render to know they do not fit.
  if (hi - lo <= maxLength || text.slice(lo, hi).replace(/\s+/g, ' ').length <= maxLength) {
    return { ...render(text, lo, hi, highlights), truncatedStart: false, truncatedEnd: false };
  }
  // Room for "… " before and " …" after.
  const budget = maxLength - 4;
  const window = bestWindow(text, highlights, budget);
  const start = window.start;
  let end = window.end;
  const truncatedStart = start > lo;
  // Do not end on a dangling comma or dash when cut mid-sentence.
  if (end < hi) while (end > start && /[\s,;:–—-]/.test(text[end - 1])) end--;
  const truncatedEnd = end < hi;
  const body = render(text, start, end, highlights);
  const prefix = truncatedStart ? `${ELLIPSIS} ` : '';
  const suffix = truncatedEnd ? (/[.!?]["'”’)]*$/.test(body.text) ? ` ${ELLIPSIS}` : ELLIPSIS) : '';
  let out = prefix + body.text + suffix;
  let marks = body.highlights.map((h) => ({ start: h.start + prefix.length, end: h.end + prefix.length }));
  if (out.length > maxLength) {
    // Collapsing can only shorten, so this is a guard against a miscount rather than an expected path.
    out = out.slice(0, safeIndex(out, maxLength));
    marks = marks.filter((h) => h.end <= out.length);
  }
  return { text: out, highlights: marks, truncatedStart, truncatedEnd };
}

export interface SnippetFormat {
  /** Text between highlights (e.g. escape markdown). */
  plain: (text: string) => string;
  /** A highlighted span (e.g. `**${escape(text)}**`). */
  mark: (text: string) => string;
}

/** The snippet as one string with its highlights marked, for the CLI (**bold**) or a Discord quote. */
export function formatSnippet(snippet: Snippet, format: SnippetFormat = { plain: (t) => t, mark: (t) => `**${t}**` }): string {
  let out = '';
  let at = 0;
  for (const h of snippet.highlights) {
    out += format.plain(snippet.text.slice(at, h.start)) + format.mark(snippet.text.slice(h.start, h.end));
    at = h.end;
  }
  return out + format.plain(snippet.text.slice(at));
}
