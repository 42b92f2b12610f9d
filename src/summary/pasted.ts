/**
 * Pasted material in a comment that carries no quotation marks: links, search results, job adverts and articles
 * pasted above their link. Commenters paste these to make a point, and the point is in the words around them; the
 * pasted words are a job advert's or a newspaper's, and quoting them as the commenter's view misleads.
 */
import type { TextRange } from './quotations';

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
/** A whole paragraph that is a link (perhaps with a word or two: "PDF", a breadcrumb). */
const LINK_ONLY = /^\s*(?:\S*(?:https?:\/\/|www\.)\S*|\S+\s+›.*|PDF)\s*$/i;
/** Marks of a job advert, each alone enough: a salary range, a closing date, interview dates, a grade. */
const ADVERT_STRONG =
  /£\s?\d[\d,]*(?:\.\d+)?\s*(?:k\b)?\s*[-–.]+\s*\.?\s*£?\s?\d|\bclosing date\b|\binterviews?\s*:|\bband \d+\s*\/|\bgrade \d+ equivalent\b|\bsalary range\b/i;
/** Weaker marks: two in one paragraph make it an advert. */
const ADVERT_WEAK =
  /\bsalary\b|\bapply\b|\bapplications?\b|\bposts? available\b|\bworkstreams?\b|\bsuccessful candidate\b|\bon-?boarding\b|\bsecondment\b|\bjob description\b|\bvacanc(?:y|ies)\b|\bper annum\b|\bdeliverables?\b/gi;
/**
 * What a paste nearly always holds: a link, a pound sign, a breadcrumb, or an advert's or blog header's words. Most
 * comments hold none, and plain substring searches (native, fast) say so before any pattern runs.
 */
const PASTE_MARKS = [
  'http',
  'www.',
  '£',
  '›',
  'PDF',
  'losing',
  'nterview',
  'alary',
  'orkstream',
  'econdment',
  'acanc',
  'per annum',
  'eliverable',
  'osted ',
];
const GRADE = /[Bb]and \d|[Gg]rade \d/;

/** Shorter than this, a comment holds no pasted advert or article (they run to paragraphs), only perhaps a link. */
const PASTE_MIN_CHARS = 200;

function maybePasted(text: string): boolean {
  if (text.length < PASTE_MIN_CHARS) return text.includes('http') || text.includes('www.');
  for (const mark of PASTE_MARKS) if (text.includes(mark)) return true;
  return (text.includes('Band ') || text.includes('band ') || text.includes('Grade ') || text.includes('grade ')) && GRADE.test(text);
}
/** The header a blog platform puts on a post ("Posted by: Amy Rees, Posted on: 9 July 2015"). */
const BLOG_HEADER = /\bposted (?:by|on)\s*:/i;
/** A paragraph that points at the link under it ("to be found in the following", "see here:"). */
const POINTER = /(?:\bthe following|\bhere|\bbelow|\blink|\bsee)\W*$|:\s*[-–—]?\s*$/i;
/** The writer's own voice: first person singular outside quotation marks, or a question or exclamation. */
const PERSONAL = /(?:^|[^\p{L}'’])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|me)(?=[^\p{L}'’]|$)|[?!]\s*$/u;
/** An article pasted above its link is more than a line of the writer's own. */
const ARTICLE_MIN_PARAGRAPHS = 2;
const ARTICLE_MIN_CHARS = 300;

interface Paragraph {
  start: number;
  end: number;
  text: string;
}

function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const m of text.matchAll(re)) {
    if (m[0].trim().length === 0) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

function isAdvert(text: string): boolean {
  return ADVERT_STRONG.test(text) || (text.match(ADVERT_WEAK)?.length ?? 0) >= 2;
}

/** The text with its quotations blanked, so a quoted "I" is not taken for the writer's. */
function outsideQuotes(text: string): string {
  return text.replace(/“[^”]*”?|"[^"]*"?/g, ' ');
}

/**
 * Paragraphs `[first, last]` pasted above the link paragraph `link`: going up while nothing is in the writer's own
 * voice; when quoted paragraphs are among them, the paste starts at the first quoted one (the writer's own
 * words usually introduce what they paste). Null when that is too little to be an article, or when the paragraph
 * above the link points at it ("…to be found in the following.").
 */
function articleAbove(paragraphs: Paragraph[], link: number, pasted: boolean[]): [number, number] | null {
  const last = link - 1;
  if (last < 0 || pasted[last] || POINTER.test(paragraphs[last].text.trim())) return null;
  let first = last;
  while (first > 0 && !pasted[first - 1] && !PERSONAL.test(outsideQuotes(paragraphs[first - 1].text).trim())) first--;
  if (PERSONAL.test(outsideQuotes(paragraphs[first].text).trim())) first++;
  const quoted = paragraphs.slice(first, last + 1).findIndex((p) => /^\s*["“]/.test(p.text));
  if (quoted > 0) first += quoted;
  if (first > last) return null;
  const chars = paragraphs.slice(first, last + 1).reduce((sum, p) => sum + p.text.length, 0);
  return last - first + 1 >= ARTICLE_MIN_PARAGRAPHS || chars >= ARTICLE_MIN_CHARS ? [first, last] : null;
}

/** Ranges of `text` that were pasted, in order, not overlapping. */
export function pastedRanges(text: string): TextRange[] {
  // Most comments hold no link and no advert: one scan of the whole text says so.
  if (!maybePasted(text)) return [];
  const paragraphs = paragraphsOf(text);
  const pasted = paragraphs.map((p) => LINK_ONLY.test(p.text) || isAdvert(p.text) || BLOG_HEADER.test(p.text));
  const links = paragraphs.map((p) => LINK_ONLY.test(p.text));
  for (let i = 0; i < paragraphs.length; i++) {
    if (!links[i]) continue;
    const article = articleAbove(paragraphs, i, pasted);
    if (article) for (let k = article[0]; k <= article[1]; k++) pasted[k] = true;
  }
  // An advert is pasted whole: what lies between two pasted paragraphs is part of the same paste, unless it is
  // plainly the writer's own aside.
  let lastPasted = -1;
  for (let i = 0; i < paragraphs.length; i++) {
    if (!pasted[i]) continue;
    if (lastPasted >= 0)
      for (let k = lastPasted + 1; k < i; k++) if (!PERSONAL.test(outsideQuotes(paragraphs[k].text).trim())) pasted[k] = true;
    lastPasted = i;
  }
  const out: TextRange[] = [];
  paragraphs.forEach((p, i) => {
    if (pasted[i]) out.push({ start: p.start, end: p.end });
    else for (const m of p.text.matchAll(URL)) out.push({ start: p.start + m.index, end: p.start + m.index + m[0].length });
  });
  return out;
}
