/**
 * Splitting a long text into parts that each fit a limit, for reading a comment in full on Discord: where truncateText
 * drops the rest, this keeps all of it. Parts are cut where a reader would pause (a paragraph, a line, a sentence, a
 * word) and never inside a word or a surrogate pair; only the whitespace at a cut is dropped, so the parts read in
 * order are the text.
 */
import { safeIndex } from './truncate';

/** How long a piece of text is where it will be shown (e.g. once escaped for Discord). Must grow with the text. */
export type Measure = (text: string) => number;

const plainLength: Measure = (text) => text.length;

/** A cut this far into the room (or further) is preferred at the stronger boundary: a paragraph over a sentence. */
const BOUNDARY_FRACTION = 0.5;

/** The longest prefix length of `text` whose measure is at most `max` (binary search: measure grows with the text). */
function longestFitting(text: string, max: number, measure: Measure): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(text.slice(0, mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where to cut `text` at or before `room` characters: the strongest boundary far enough in, else a word, else anywhere. */
function cutPoint(text: string, room: number): number {
  const window = text.slice(0, room + 1);
  const min = Math.floor(room * BOUNDARY_FRACTION);
  const lastMatch = (pattern: RegExp, at: (m: RegExpMatchArray) => number) => {
    let best = -1;
    for (const m of window.matchAll(pattern)) {
      const i = at(m);
      if (i <= room && i > 0) best = i;
    }
    return best;
  };
  for (const [pattern, at] of [
    [/\n[ \t]*\n/g, (m: RegExpMatchArray) => m.index!],
    [/\n/g, (m: RegExpMatchArray) => m.index!],
    [/[.!?…]["'”’)\]]*(?=\s)/g, (m: RegExpMatchArray) => m.index! + m[0].length],
  ] as const) {
    const i = lastMatch(pattern, at);
    if (i >= min) return i;
  }
  const space = lastMatch(/\s/g, (m) => m.index!);
  if (space > 0) return space;
  // One enormous word (a URL): cut between code points rather than not at all.
  return Math.max(1, safeIndex(text, room));
}

/**
 * Consecutive parts of `text`, each with `measure(part) <= max`, cut at the strongest boundary that keeps a part at
 * least half full. `max` must leave room for a few characters (a part is at least one code point).
 */
export function splitIntoParts(text: string, max: number, measure: Measure = plainLength): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest) {
    if (measure(rest) <= max) {
      parts.push(rest);
      break;
    }
    let room = longestFitting(rest, max, measure);
    let part = '';
    let cut = 0;
    // A cut at a boundary is shorter than the room, so it fits; the loop only guards a measure that is not monotonic.
    do {
      cut = cutPoint(rest, room);
      part = rest.slice(0, cut).trimEnd();
      room = cut - 1;
    } while (measure(part) > max && room > 0);
    parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  return parts;
}

/**
 * As splitIntoParts, in as few parts, but of similar lengths: a 4,000-character comment reads as two halves rather
 * than a full part and a stub of one sentence.
 */
export function splitIntoEvenParts(text: string, max: number, measure: Measure = plainLength): string[] {
  const greedy = splitIntoParts(text, max, measure);
  if (greedy.length <= 1) return greedy;
  const total = measure(text.trim());
  const step = Math.max(20, Math.ceil(max / 40));
  for (let size = Math.ceil(total / greedy.length) + step; size < max; size += step) {
    const even = splitIntoParts(text, size, measure);
    if (even.length === greedy.length) return even;
  }
  return greedy;
}
