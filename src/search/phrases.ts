/**
 * Exact words and phrases in a text. MiniSearch has no positions, so a phrase is found by an AND search on its words
 * and then confirmed here on the text; the spans found are also what the snippet highlights.
 */
import { tokenize } from '../text';
import type { Span } from './units';

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';

function escapeWord(word: string): string {
  // Straight and curly apostrophes are the same letter to a reader.
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]");
}

/**
 * A matcher for the words of `phrase` in order, separated by anything that is not a letter or digit
 * ("pay offer is mustard" matches "Pay offer is... mustard"), case-insensitively. Null when the phrase has no words.
 */
export function phraseMatcher(phrase: string): RegExp | null {
  const words = tokenize(phrase).map((t) => escapeWord(t.text));
  if (words.length === 0) return null;
  return new RegExp(NOT_WORD_BEFORE + words.join('[^\\p{L}\\p{N}]+') + NOT_WORD_AFTER, 'giu');
}

/** Every occurrence of the matcher in text. */
export function findSpans(text: string, matcher: RegExp): Span[] {
  const spans: Span[] = [];
  matcher.lastIndex = 0;
  for (const m of text.matchAll(matcher)) spans.push({ start: m.index!, end: m.index! + m[0].length });
  return spans;
}

export function containsMatch(text: string, matcher: RegExp): boolean {
  matcher.lastIndex = 0;
  const found = matcher.test(text);
  matcher.lastIndex = 0;
  return found;
}
