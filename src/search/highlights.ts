/**
 * What a search hit marks in bold: the words that made it match, and only those.
 *
 * Marking every token whose stem is a matched index term (as the first version did) marks too much: the stemmer
 * conflates different words ("moral" for `morale`), the tokenizer splits hyphenated words ("one" of "no-one"), and a
 * common word of a name means nothing on its own ("one's", "a worthy one" for `One HMPPS`). So, per word of the query:
 *  - only forms of the word typed (see ranking/wordFamily.ts), never a different word with the same stem;
 *  - a completion or near miss of the loose stage only when the unit does not have the word itself;
 *  - in a query of several words, where the unit has the words together ("One HMPPS", "pay offer"), only there;
 *    otherwise the word where it stands on its own, and a part of a hyphenated word only when there is nothing else.
 * Quoted phrases are marked whole wherever they occur.
 */
import { findSpans } from './phrases';
import { inRuns, type Occurrence, type QueryWords } from './ranking/occurrences';
import type { Span } from './units';

export function queryHighlights(text: string, words: QueryWords, phrases: readonly RegExp[] = []): Span[] {
  const occurrences = words.scan(text);
  const runs = inRuns(text, occurrences);
  const typedWords = new Set(words.words.filter((w) => w.typed !== null).map((w) => w.term));
  const several = typedWords.size >= 2;
  const spans: Span[] = [];
  words.words.forEach((word, i) => {
    if (word.typed === null) return;
    const mine = occurrences.map((o, k) => ({ o, k })).filter(({ o }) => o.word === i);
    const forms = mine.filter(({ o }) => o.kind === 'form');
    const candidates = forms.length > 0 ? forms : mine.filter(({ o }) => o.kind === 'variant');
    const together = candidates.filter(({ k }) => runs.has(k));
    const alone = candidates.filter(({ o }) => !o.compoundPart);
    const chosen = several && together.length > 0 ? together : alone.length > 0 ? alone : candidates;
    for (const { o } of chosen) spans.push(spanOf(o));
  });
  for (const phrase of phrases) spans.push(...findSpans(text, phrase));
  return merge(text, spans);
}

function spanOf(o: Occurrence): Span {
  return { start: o.start, end: o.end };
}

/** Sorted, overlapping spans merged, and two marked words joined by a hyphen marked as one ("fire-alarms"). */
function merge(text: string, spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && (span.start <= last.end || (span.start === last.end + 1 && text[last.end] === '-')))
      last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}
