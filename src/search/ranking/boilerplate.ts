/**
 * Lines of a unit that are not its writer's words: link lists, signature blocks, and what gets pasted along with a
 * job advert or a web page (salary ranges, bands, closing dates, "Posted by:" bylines). A query word found only there
 * is weak evidence that the unit is about it ("Sonia Flynn CBE / Chief Probation Officer" under her own message says
 * nothing about her), and they do not count towards how substantive a unit is. See docs/relevance.md.
 *
 * The tests are on whole lines and deliberately narrow: a false positive only lowers a unit a little, but a pattern
 * that catches ordinary prose would skew every search.
 *
 * Not src/summary/pasted.ts, which answers another question: which words are not the commenter's own, so a summary
 * never quotes them as theirs. It takes a pasted article or advert whole, and that is right for quoting but wrong for
 * finding: a comment that pastes the inquest report on Amman and argues about it IS about recall. Here only the
 * furniture around what people write counts: links, signature blocks, an advert's headings, a byline.
 */
import type { Span } from '../units';

const URL = /\b(?:https?:\/\/|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|uk|io|info)(?:\/\S*)?(?=\s|$)/gi;
/** Something every URL or bare domain has: most lines have none, and the URL pattern is dear to run. */
const URL_HINT = /https?:|www\.|\.(?:com|org|net|gov|uk|io|info)\b/i;

/** A line that is a link with at most a word or two of label (`PDF`, `https://… › download_file_opp`). */
function isLinkLine(line: string): boolean {
  if (!URL_HINT.test(line)) return false;
  if (!URL.test(line)) {
    URL.lastIndex = 0;
    return false;
  }
  URL.lastIndex = 0;
  const rest = line.replace(URL, ' ').replace(/[›»>|:;,.()[\]-]/g, ' ');
  return rest.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length <= 2;
}

/**
 * Pasted job adverts and web-page furniture. Each pattern is specific enough that prose rarely meets it on a line
 * of its own: a salary range in pounds, a line that starts with a civil service band or grade, the headings of an
 * advert, a blog byline.
 */
const PASTED = [
  /£\s?\d[\d,]*(?:\.\d+)?\s*(?:k\b)?\s*(?:-|–|—|to)\s*\.?\s*£?\s?\d/i,
  /\bsalary (?:range|band)\b/i,
  /^(?:band|grade)\s+\d+\b/i,
  /^(?:closing date|interviews?|location|job reference|reference number|vacancy reference|contract type|working pattern)\s*:/i,
  /\b(?:posts? (?:are )?available|vacanc(?:y|ies) (?:is|are) open|apply (?:now|online|here|via))\b/i,
  /\bthis workstream\b/i,
  /\bposted (?:by|on)\s*:|\bcategories\s*:/i,
];

/** A word or sign every PASTED pattern needs: one test instead of seven on the lines that have none. */
const PASTED_HINT =
  /£|\b(?:salary|band|grade|closing|interviews?|location|job|reference|vacanc|contract|working|posts?|apply|workstream|categories)\b/i;

function isPastedLine(line: string): boolean {
  return PASTED_HINT.test(line) && PASTED.some((p) => p.test(line));
}

/** Small words allowed in lower case inside a name or role line ("Director General for Probation and Women"). */
const SMALL = new Set(['of', 'for', 'and', 'the', 'at', 'in', 'on', 'to', '&', 'de', 'la', 'von', 'van']);

/** A short line of capitalised words: a name, a role, an organisation (`Sonia Flynn CBE`, `HM Chief Inspector of Probation`). */
function isTitleLine(line: string): boolean {
  const text = line.trim().replace(/[,.]$/, '');
  if (text.length === 0 || text.length > 60 || /[!?:;"“”()]/.test(text)) return false;
  const words = text.split(/\s+/);
  if (words.length > 7) return false;
  let capitalised = 0;
  for (const w of words) {
    if (SMALL.has(w.toLowerCase())) continue;
    if (!/^[\p{Lu}\p{N}]/u.test(w)) return false;
    capitalised++;
  }
  return capitalised > 0;
}

type LineKind = 'link' | 'pasted' | 'title' | 'blank' | 'prose';

function classify(line: string): LineKind {
  const text = line.trim();
  if (text.length === 0) return 'blank';
  if (isLinkLine(text)) return 'link';
  if (isPastedLine(text)) return 'pasted';
  if (isTitleLine(text)) return 'title';
  return 'prose';
}

/** The text's lines, read lazily around one line: what the block rule below needs to see of its neighbours. */
class Lines {
  private readonly kinds = new Map<number, LineKind>();
  constructor(private readonly text: string) {}

  /** Start of the line holding `offset`. */
  startOf(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }
  endOf(start: number): number {
    const end = this.text.indexOf('\n', start);
    return end < 0 ? this.text.length : end;
  }
  /** Start of the line before the one starting at `start`, or -1. */
  previous(start: number): number {
    return start === 0 ? -1 : this.startOf(start - 1);
  }
  /** Start of the line after the one starting at `start`, or -1. */
  next(start: number): number {
    const end = this.endOf(start);
    return end >= this.text.length ? -1 : end + 1;
  }
  kind(start: number): LineKind | null {
    if (start < 0) return null;
    let kind = this.kinds.get(start);
    if (kind === undefined) this.kinds.set(start, (kind = classify(this.text.slice(start, this.endOf(start)))));
    return kind;
  }
}

/**
 * Whether the line starting at `start` is boilerplate. Links and pasted lines always are. Name and role lines are as
 * a signature block (two or more of them ending a paragraph, or a paragraph of one), or next to a link or pasted line
 * (the job title above a pasted advert's link).
 */
function lineIsBoilerplate(lines: Lines, start: number): boolean {
  const kind = lines.kind(start);
  if (kind === 'link' || kind === 'pasted') return true;
  if (kind !== 'title') return false;
  let first = start;
  for (let p = lines.previous(first); p >= 0 && lines.kind(p) === 'title'; p = lines.previous(p)) first = p;
  let last = start;
  for (let n = lines.next(last); n >= 0 && lines.kind(n) === 'title'; n = lines.next(n)) last = n;
  const before = lines.kind(lines.previous(first));
  const after = lines.kind(lines.next(last));
  const marked = (k: LineKind | null) => k === 'link' || k === 'pasted';
  if (marked(before) || marked(after)) return true;
  const paragraphStart = before === null || before === 'blank';
  const paragraphEnd = after === null || after === 'blank';
  return paragraphEnd && (first !== last || paragraphStart);
}

/** Whether `offset` falls inside one of the spans (boilerplateSpans' result: few, in order). */
export function inSpans(spans: readonly Span[], offset: number): boolean {
  for (const s of spans) {
    if (offset < s.start) return false;
    if (offset < s.end) return true;
  }
  return false;
}

/** A civil service band or grade opening a line ("Band 6/HEO Project…"): the one PASTED pattern without a sign. */
const BAND_LINE = /(?:^|\n)\s*(?:band|grade)\s+\d/i;

/**
 * Whether a text may have a link or pasted line at all: a URL or domain, a pound sign, a colon (every heading and
 * byline of PASTED has one), or a band line. Plain substring searches first: this runs on every unit that reaches
 * an evidence window, and most are prose.
 */
function mayHavePastedLines(text: string): boolean {
  return text.includes(':') || text.includes('£') || text.includes('www.') || URL_HINT.test(text) || BAND_LINE.test(text);
}

/** A short line starting with a capital: what name and role lines look like. */
const SHORT_CAPITAL_LINE = /(?:^|\n)[^\S\n]*[\p{Lu}\p{N}][^\n]{0,59}(?:\n|$)/u;

/** Offsets of the boilerplate lines of a unit's text, merged, in order. Empty for most units. */
export function boilerplateSpans(text: string): Span[] {
  // Cheap exits first: most comments are paragraphs of prose with none of these markers and no short lines.
  if (!mayHavePastedLines(text) && !(text.includes('\n') && SHORT_CAPITAL_LINE.test(text))) return [];
  const lines = new Lines(text);
  const spans: Span[] = [];
  for (let start = 0; start >= 0; start = lines.next(start)) {
    if (!lineIsBoilerplate(lines, start)) continue;
    const end = lines.endOf(start);
    const last = spans[spans.length - 1];
    if (last && text.slice(last.end, start).trim() === '') last.end = end;
    else spans.push({ start, end });
  }
  return spans;
}
