/**
 * Splitting a long text into parts that each fit a limit, for reading a comment in full on Discord: where truncateText
 * drops the rest, this keeps all of it. Parts are cut where a reader would pause (a paragraph, a line, a sentence, a
 * word) and never inside a word or a surrogate pair; only the whitespace at a cut is dropped, so the parts read in
 * order are the text.
 */
import { safeIndex } from './truncate';

/**
 * What one UTF-16 unit of the text costs where it will be shown: 1 for plain text; for text escaped before showing,
 * an upper bound on what escaping makes of it. Costs are summed once, so splitting a 100,000-character comment never
 * escapes it piece by piece.
 */
export type CharCost = (char: string) => number;

const unitCost: CharCost = () => 1;

/** A cut this far into the room (or further) is preferred at the stronger boundary: a paragraph over a sentence. */
const BOUNDARY_FRACTION = 0.5;

/** Where to cut `window` at or before `room` characters: the strongest boundary far enough in, else a word, else anywhere. */
function cutPoint(window: string, room: number): number {
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
  return Math.max(1, safeIndex(window, room));
}

/**
 * Consecutive parts of `text`, each costing at most `max`, cut at the strongest boundary that keeps a part at least
 * half full. A part is at least one code point, so `max` must be at least the cost of the costliest one.
 */
export function splitIntoParts(text: string, max: number, cost: CharCost = unitCost): string[] {
  const source = text.trim();
  // prefix[i]: the cost of source.slice(0, i).
  const prefix = new Float64Array(source.length + 1);
  for (let i = 0; i < source.length; i++) prefix[i + 1] = prefix[i] + cost(source[i]);
  const parts: string[] = [];
  let start = 0;
  while (start < source.length) {
    if (prefix[source.length] - prefix[start] <= max) {
      parts.push(source.slice(start));
      break;
    }
    // The furthest end whose part fits (costs only grow, so a binary search finds it).
    let lo = start;
    let hi = source.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (prefix[mid] - prefix[start] <= max) lo = mid;
      else hi = mid - 1;
    }
    const room = lo - start;
    const cut = cutPoint(source.slice(start, lo + 1), room);
    parts.push(source.slice(start, start + cut).trimEnd());
    start += cut;
    while (start < source.length && /\s/.test(source[start])) start++;
  }
  return parts;
}

/**
 * As splitIntoParts, in as few parts, but of similar size: a 10,000-character comment reads as three thirds rather
 * than two full parts and a remnant of one sentence.
 */
export function splitIntoEvenParts(text: string, max: number, cost: CharCost = unitCost): string[] {
  const greedy = splitIntoParts(text, max, cost);
  if (greedy.length <= 1) return greedy;
  const source = text.trim();
  let total = 0;
  for (let i = 0; i < source.length; i++) total += cost(source[i]);
  // The smallest part size that still needs no more parts than the greedy split.
  let lo = Math.ceil(total / greedy.length);
  let hi = max;
  let best = greedy;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const parts = splitIntoParts(text, mid, cost);
    if (parts.length <= greedy.length) {
      best = parts;
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return best;
}
