/**
 * Voices in a text: which parts are the writer's own words and which are a passage they quote, with its speaker when
 * the text says who. A post that quotes a letter must never read as if the blogger wrote the letter, and a comment
 * that pastes a tweet must never be quoted as the commenter's view.
 *
 * The text is read paragraph by paragraph. A quoted passage opens at an introduction (see `introAt`), at a heading
 * that names its author, or at a paragraph wholly in quotation marks; it closes at a sign-off of name and role lines,
 * at its closing quotation mark when it opened with one, or at a separator (`--oo00oo--`) unless the introduction
 * announced several passages ("the following contributions"). A sign-off with no opening before it marks the
 * section above it as the signer's. What cannot be attributed is left to the writer only when nothing says otherwise.
 */
import type { Intro, QuoteKind } from './speakers';
import { headingSpeaker, introAt, isSeparator, signOffAt } from './speakers';

export type { QuoteKind } from './speakers';

/** A passage the writer quotes: its speaker when the text names one, else null ("quoted", source not named). */
export interface Voice {
  speaker: string | null;
  kind: QuoteKind;
}

/** A stretch of the text, `[start, end)`: the writer's own words (`voice` null) or a quoted passage. */
export interface VoiceSegment {
  start: number;
  end: number;
  voice: Voice | null;
}

interface Paragraph {
  start: number;
  end: number;
  text: string;
  lines: string[];
}

const OPENING_QUOTE = /^\s*["“]/;
const CLOSING_QUOTE = /["”][.!?,;:)\]]*\s*$/;
/** A paragraph wholly in quotation marks is a quotation only when it is more than a phrase. */
const QUOTED_PARAGRAPH_MIN_WORDS = 8;

/** Lines that can only be separators start with one of these (checked before the pattern: most lines are prose). */
const SEPARATOR_START = /^\s*[-–—*~=_•·]/;
/** A line that introduces what follows it: "…LinkedIn page:-". */
const INTRODUCING_LINE = /:\s*[-–—]?\s*$/;

function separatorLine(line: string): boolean {
  return SEPARATOR_START.test(line) && isSeparator(line);
}

function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | null = null;
  // Whether the current paragraph's last line ends it: a separator, or a line introducing what follows.
  let closed = false;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const lineStart = start;
    start = end + 1;
    if (raw.trim().length === 0) {
      current = null;
      continue;
    }
    // A separator is a paragraph of its own even when not set off by blank lines, and so is a line that introduces
    // what follows it ("…LinkedIn page:-" with the quotation on the next line).
    const separator = separatorLine(raw);
    if (current && !closed && !separator) {
      current.end = lineStart + raw.length;
      current.lines.push(raw);
    } else {
      current = { start: lineStart, end: lineStart + raw.length, text: '', lines: [raw] };
      out.push(current);
    }
    closed = separator || INTRODUCING_LINE.test(raw);
  }
  for (const p of out) p.text = p.lines.length === 1 ? p.lines[0] : text.slice(p.start, p.end);
  return out;
}

function whollyQuoted(p: Paragraph): boolean {
  return OPENING_QUOTE.test(p.text) && CLOSING_QUOTE.test(p.text) && p.text.split(/\s+/).length >= QUOTED_PARAGRAPH_MIN_WORDS;
}

interface OpenPassage {
  first: number;
  voice: Voice;
  series: boolean;
  /** Opened with a quotation mark: the paragraph that closes it ends the passage. */
  closesOnQuote: boolean;
}

export interface VoicesOptions {
  /**
   * The writer may sign the whole text (a comment signed "Jane Smith / Napo rep"): a sign-off with nothing of the
   * writer's own above it is then theirs, not a quoted passage. A post is not signed by its blogger that way.
   */
  writerSigns?: boolean;
}

/**
 * Splits `text` into segments covering it from its first paragraph to its last, in order. Adjacent paragraphs of the
 * same voice are one segment; blank lines between segments belong to neither.
 */
export function voicesOf(text: string, options: VoicesOptions = {}): VoiceSegment[] {
  const paragraphs = paragraphsOf(text);
  const voiceOf: (Voice | null)[] = paragraphs.map(() => null);
  let open: OpenPassage | null = null;
  /** Where the current section began: the first paragraph after the last separator or closed passage. */
  let sectionStart = 0;

  const close = (last: number) => {
    if (open) for (let i = open.first; i <= last; i++) voiceOf[i] = open.voice;
    open = null;
    sectionStart = last + 1;
  };

  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    if (isSeparator(p.text)) {
      if (open && !open.series) close(i - 1);
      if (!open) sectionStart = i + 1;
      continue;
    }
    const signOff = signOffAt(p.lines) ?? (i > 0 && p.lines.length === 1 ? withValediction(paragraphs[i - 1], p) : null);
    if (open) {
      if (signOff) {
        open.voice = { speaker: signOff.speaker, kind: signOff.valediction ? 'letter' : open.voice.kind };
        close(i);
      } else if (open.closesOnQuote && CLOSING_QUOTE.test(p.text)) {
        close(i);
      }
      continue;
    }
    if (signOff && i > sectionStart) {
      // A signed passage with no introduction: the section above the signature is the signer's, back to the last
      // paragraph that speaks in the writer's own voice (a question or an exclamation to the reader).
      let first = i;
      while (first > sectionStart && !/[?!]["”]?\s*$/.test(paragraphs[first - 1].text)) first--;
      if (options.writerSigns && first === 0) continue;
      open = {
        first,
        voice: { speaker: signOff.speaker, kind: signOff.valediction ? 'letter' : 'quotation' },
        series: false,
        closesOnQuote: false,
      };
      close(i);
      continue;
    }
    const heading = p.lines.length === 1 ? headingSpeaker(p.text) : null;
    if (heading) {
      open = { first: i, voice: { speaker: heading.speaker, kind: heading.kind }, series: false, closesOnQuote: false };
      continue;
    }
    const next = paragraphs[i + 1];
    const intro = next ? introAt(p.text, OPENING_QUOTE.test(next.text)) : null;
    if (intro) {
      open = passageAfter(intro, paragraphs, i + 1);
      continue;
    }
    if (whollyQuoted(p)) {
      voiceOf[i] = { speaker: null, kind: 'quotation' };
      continue;
    }
    const closing = OPENING_QUOTE.test(p.text) ? closingParagraph(paragraphs, i) : -1;
    if (closing > i) {
      open = { first: i, voice: { speaker: null, kind: 'quotation' }, series: false, closesOnQuote: true };
      close(closing);
      i = closing;
    }
  }
  if (open) close(paragraphs.length - 1);
  return merge(paragraphs, voiceOf);
}

/** Paragraphs a quotation that opens and does not close in its first paragraph may run over. */
const QUOTATION_MAX_PARAGRAPHS = 8;

/**
 * The paragraph that closes a quotation opened at the start of paragraph `first` and left open there, or -1 (it
 * closes in its own paragraph, or nowhere near: then it is no passage, just a stray mark).
 */
function closingParagraph(paragraphs: Paragraph[], first: number): number {
  const text = paragraphs[first].text;
  const straight = (text.match(/"/g) ?? []).length;
  const opens = (text.match(/“/g) ?? []).length;
  const closes = (text.match(/”/g) ?? []).length;
  if (straight % 2 === 0 && opens <= closes) return -1;
  for (let j = first + 1; j < paragraphs.length && j <= first + QUOTATION_MAX_PARAGRAPHS; j++) {
    if (isSeparator(paragraphs[j].text) || OPENING_QUOTE.test(paragraphs[j].text)) return -1;
    if (CLOSING_QUOTE.test(paragraphs[j].text)) return j;
  }
  return -1;
}

/** "Best wishes," then a name on the next paragraph's only line. */
function withValediction(before: Paragraph, p: Paragraph) {
  const signOff = signOffAt([before.lines[before.lines.length - 1], p.lines[0]]);
  return signOff && signOff.line === 1 && signOff.valediction ? signOff : null;
}

/** The passage an introduction opens, starting at paragraph `first` (a separator right after it is skipped). */
function passageAfter(intro: Intro, paragraphs: Paragraph[], first: number): OpenPassage {
  let at = first;
  while (at < paragraphs.length && isSeparator(paragraphs[at].text)) at++;
  const opening = paragraphs[at];
  // A heading under the introduction may name the speaker the introduction only described.
  const heading = opening && opening.lines.length === 1 ? headingSpeaker(opening.text) : null;
  const speaker = intro.speaker ?? heading?.speaker ?? null;
  const kind = intro.kind === 'quotation' && heading ? heading.kind : intro.kind;
  return { first: at, voice: { speaker, kind }, series: intro.series, closesOnQuote: !!opening && OPENING_QUOTE.test(opening.text) };
}

function sameVoice(a: Voice | null, b: Voice | null): boolean {
  return a === b || (a !== null && b !== null && a.speaker === b.speaker && a.kind === b.kind);
}

function merge(paragraphs: Paragraph[], voiceOf: (Voice | null)[]): VoiceSegment[] {
  const out: VoiceSegment[] = [];
  paragraphs.forEach((p, i) => {
    const last = out[out.length - 1];
    // Two passages of one speaker stay apart when separated: they may be two different quotations.
    if (last && sameVoice(last.voice, voiceOf[i]) && (voiceOf[i] === null || voiceOf[i - 1] === voiceOf[i])) last.end = p.end;
    else out.push({ start: p.start, end: p.end, voice: voiceOf[i] });
  });
  return out;
}

/** The voice at offset `at` of the text `segments` came from (null: the writer's own, or between segments). */
export function voiceAt(segments: readonly VoiceSegment[], at: number): Voice | null {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid];
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s.voice;
  }
  return null;
}
