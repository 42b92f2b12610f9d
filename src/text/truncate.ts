/**
 * Length limits without damage: Discord rejects over-long fields, and a quote cut mid-word (or mid-emoji, which
 * corrupts the surrogate pair) reads as a bug. Every cut in the bot goes through here.
 */
export const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Largest index ≤ i that does not split a surrogate pair. */
export function safeIndex(text: string, i: number): number {
  if (i <= 0) return 0;
  if (i >= text.length) return text.length;
  return isHighSurrogate(text.charCodeAt(i - 1)) ? i - 1 : i;
}

export interface TruncateOptions {
  /** Prefer ending at a sentence end when one is at least this fraction of the way in (default 0.5). */
  sentenceFraction?: number;
  ellipsis?: string;
}

/**
 * Returns text of at most `max` UTF-16 units: unchanged if it fits; otherwise cut at the last sentence end (if it keeps
 * enough), else at the last word boundary, with an ellipsis appended.
 */
export function truncateText(text: string, max: number, options: TruncateOptions = {}): string {
  if (text.length <= max) return text;
  const ellipsis = options.ellipsis ?? ELLIPSIS;
  if (max <= ellipsis.length) return ellipsis.slice(0, Math.max(0, max));
  const room = max - ellipsis.length;
  const window = text.slice(0, safeIndex(text, room + 1));
  const minSentence = Math.floor(room * (options.sentenceFraction ?? 0.5));
  let sentenceEnd = -1;
  for (const m of window.matchAll(/[.!?]["'”’)]*(?=\s)/g)) {
    const end = m.index + m[0].length;
    if (end <= room - 1) sentenceEnd = end;
  }
  // A whole sentence followed by " …" reads as "the quote goes on", not as a cut-off word.
  if (sentenceEnd >= minSentence && sentenceEnd > 0) return text.slice(0, sentenceEnd) + ' ' + ellipsis;
  // Last whitespace at or before `room`: the cut falls between words.
  let cut = -1;
  for (let i = Math.min(room, window.length - 1); i > 0; i--) {
    if (/\s/.test(window[i])) {
      cut = i;
      break;
    }
  }
  if (cut > 0) return text.slice(0, cut).replace(/[\s,;:–—-]+$/u, '') + ellipsis;
  // One enormous word (a URL): cut at a code point boundary rather than not at all.
  return text.slice(0, safeIndex(text, room)) + ellipsis;
}
