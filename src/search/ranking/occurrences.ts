/**
 * Where a query's words occur in one unit's text, and how: as a form of the word typed, only through the stemmer
 * (a different word with the same stem: "moral" for "morale"), or as a near miss or completion the loose stage
 * reached ("Guilfoyle" for "Guilfoile"). Both the ranking's evidence step and the highlighter read these, so what is
 * marked in a quote is exactly what counted for its rank.
 *
 * Finding them costs one regular-expression pass per unit: a pattern of every term's first letters finds the
 * candidate words, and only those are stemmed and checked.
 */
import { isStopWord, processTerm, tokenize } from '../../text';
import type { Span } from '../units';
import { isBoilerplateAt } from './boilerplate';
import { proximityKey } from './proximity';
import { foldForm, sameWordFamily } from './wordFamily';

/** One word of the query as the ranking and the highlighter see it. */
export interface QueryWord {
  /** Its index term. */
  term: string;
  /** As typed; null for a word that is only part of a quoted phrase (phrases are matched and marked whole). */
  typed: string | null;
  /** Still being typed: any word starting with it is a form of it. */
  prefix: boolean;
  /** Index terms the loose stage also accepted for it (completions, near misses); empty in the exact stage. */
  variants: ReadonlySet<string>;
  /** Searched in signatures too: a bare name (see searchIndex.ts, NAME_RATIO). */
  name: boolean;
}

export type OccurrenceKind = 'form' | 'variant' | 'collision';

export interface Occurrence extends Span {
  /** Index into the query's words. */
  word: number;
  kind: OccurrenceKind;
  /** Written exactly as typed (case and apostrophes aside). */
  exact: boolean;
  /** Part of a hyphenated compound ("one" of "no-one"). */
  compoundPart: boolean;
  /** On a line that is not the writer's own words (see boilerplate.ts). */
  boilerplate: boolean;
}

/** A word with its inner apostrophes, as the tokenizer reads one (src/text/tokens.ts). */
const WORD_TAIL = "[\\p{L}\\p{N}]*(?:['’][\\p{L}]+)*";

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern matching every word that could process to one of the terms. Porter2 only changes a word's last letters
 * (happy → happi, hoping → hope), so a word whose term is T starts with T less its last three letters; the candidates
 * are then stemmed to be sure.
 */
export function candidatePattern(terms: Iterable<string>): RegExp | null {
  const prefixes = new Set<string>();
  for (const term of terms) prefixes.add(term.slice(0, Math.max(2, term.length - 3)));
  if (prefixes.size === 0) return null;
  // Longest first, and a prefix already covered by a shorter one is dropped: fewer alternatives, same matches.
  const sorted = [...prefixes].sort((a, b) => a.length - b.length);
  const kept = sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${kept.map(escape).join('|')})${WORD_TAIL}`, 'giu');
}

export class QueryWords {
  readonly pattern: RegExp | null;
  /**
   * Words no unit among the best matches has in a form of the typed word (a misspelling such as "omnishambls", or a
   * word the archive only has in another form): for them a word with the same stem is the best there is, and counts
   * as a form. Set by the evidence step (ranker.ts) before highlighting reads it.
   */
  readonly formless = new Set<number>();
  /** Term → the query words it belongs to (as itself, or as one of their variants). */
  private readonly byTerm = new Map<string, number[]>();
  /** Every word typed, common words included, as proximity.ts compares them. */
  readonly keys: ReadonlySet<string>;

  /** `typed`: what was typed as words and phrases, for proximity (common words count there). */
  constructor(readonly words: readonly QueryWord[], typed: readonly string[] = []) {
    this.keys = new Set(typed.flatMap((t) => tokenize(t).map((token) => proximityKey(token.text))));
    const terms = new Set<string>();
    words.forEach((w, i) => {
      for (const t of [w.term, ...w.variants]) {
        terms.add(t);
        const list = this.byTerm.get(t) ?? [];
        if (!list.includes(i)) list.push(i);
        this.byTerm.set(t, list);
      }
    });
    this.pattern = candidatePattern(terms);
  }

  /** Every occurrence of the query's words in `text`, in order. */
  scan(text: string): Occurrence[] {
    const out: Occurrence[] = [];
    if (!this.pattern) return out;
    this.pattern.lastIndex = 0;
    const boilerplate = new Map<number, boolean>();
    for (let m = this.pattern.exec(text); m !== null; m = this.pattern.exec(text)) {
      const token = m[0];
      const term = processTerm(token);
      if (term === null) continue;
      const owners = this.byTerm.get(term);
      if (!owners) continue;
      const start = m.index;
      const end = start + token.length;
      const compoundPart = isJoined(text, start - 1, -1) || isJoined(text, end, 1);
      let inBoilerplate: boolean | undefined;
      for (const i of owners) {
        const word = this.words[i];
        const kind = word.term === term ? (this.formless.has(i) || this.isForm(word, token) ? 'form' : 'collision') : 'variant';
        inBoilerplate ??= lineBoilerplate(text, start, boilerplate);
        out.push({ start, end, word: i, kind, exact: word.typed !== null && foldForm(token) === foldForm(word.typed), compoundPart, boilerplate: inBoilerplate });
      }
    }
    return out;
  }

  private isForm(word: QueryWord, token: string): boolean {
    if (word.typed === null) return true;
    if (word.prefix && foldForm(token).startsWith(foldForm(word.typed))) return true;
    return sameWordFamily(word.typed, token);
  }
}

/** A hyphen (or slash-free dash) joining the word to another at `at` (the character before or after the word). */
function isJoined(text: string, at: number, direction: -1 | 1): boolean {
  if (at < 0 || at >= text.length || text[at] !== '-') return false;
  const beyond = text[at + direction];
  return beyond !== undefined && /[\p{L}\p{N}]/u.test(beyond);
}

/** Whether the line holding `offset` is boilerplate, remembered per line start for this text. */
function lineBoilerplate(text: string, offset: number, memo: Map<number, boolean>): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let known = memo.get(lineStart);
  if (known === undefined) memo.set(lineStart, (known = isBoilerplateAt(text, offset)));
  return known;
}

/**
 * Runs of query words standing together: occurrences of different words with nothing between them but spaces,
 * punctuation and common words ("pay offer", "Advise, Assist and Befriend", "fire-alarms"). Returns the indexes into
 * `occurrences` (which must be in text order) that belong to a run.
 */
export function inRuns(text: string, occurrences: readonly Occurrence[]): Set<number> {
  const out = new Set<number>();
  const usable = occurrences.map((o, i) => ({ o, i })).filter(({ o }) => o.kind !== 'collision');
  for (let k = 1; k < usable.length; k++) {
    const a = usable[k - 1];
    const b = usable[k];
    if (a.o.word === b.o.word || b.o.start < a.o.end) continue;
    const between = text.slice(a.o.end, b.o.start);
    // A part of a hyphenated word stands with the word it is joined to, or with nothing: "no-one" is not "one".
    const joined = between === '-';
    if ((a.o.compoundPart || b.o.compoundPart) && !joined) continue;
    if (joined || onlyGlue(between)) {
      out.add(a.i);
      out.add(b.i);
    }
  }
  return out;
}

/** Nothing but spaces, punctuation and at most two common words ("and", "of the"). */
function onlyGlue(between: string): boolean {
  if (between.length > 24 || between.includes('\n\n')) return false;
  const words = between.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
  return words.length <= 2 && words.every((w) => isStopWord(w));
}
