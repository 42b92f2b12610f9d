/**
 * Where a query's words occur in one unit's text, and how: as a form of the word typed, only through the stemmer
 * (a different word with the same stem: "moral" for "morale"), or as a near miss or completion the loose stage
 * reached ("Guilfoyle" for "Guilfoile"); and where the common words typed with them stand ("where", "are"), which
 * the index leaves out but proximity counts. Both the ranking's evidence step and the highlighter read these, so what
 * is marked in a quote is exactly what counted for its rank.
 *
 * Finding them costs one regular-expression pass per unit: a pattern of every term's first letters finds the
 * candidate words, and only those are stemmed and checked.
 */
import { foldWord, isStopWord, processTerm, tokenize } from '../../text';
import type { Span } from '../units';
import { inSpans } from './boilerplate';
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

/** `common`: a common word that was typed (not indexed, not a query word: `word` is -1). */
export type OccurrenceKind = 'form' | 'variant' | 'collision' | 'common';

export interface Occurrence extends Span {
  /** Index into the query's words; -1 for a common word. */
  word: number;
  kind: OccurrenceKind;
  /** What proximity compares (proximityKey of the word typed it stands for). */
  key: string;
  /** Written exactly as typed (case and apostrophes aside). */
  exact: boolean;
  /** Part of a hyphenated compound ("one" of "no-one"). */
  compoundPart: boolean;
  /** On a line that is not the writer's own words (see boilerplate.ts). */
  boilerplate: boolean;
}

/** How a distinct word of a text matches the query (the part of an Occurrence that does not depend on where). */
type TokenMatch = Pick<Occurrence, 'word' | 'kind' | 'key' | 'exact'>;

/**
 * A letter or digit, for the candidate pattern: anything but spaces and punctuation. Not `[\p{L}\p{N}]`: a pattern
 * with Unicode property classes (and the u flag they need) costs about half a millisecond to compile, and every
 * query compiles a new one; this class needs no flag. Candidates are checked by the tokenizer's own rules after.
 */
const WORD_CHAR = '[^\\s!-/:-@\\[-`{-~\\u00a0-\\u00bf\\u2000-\\u206f\\u3000-\\u303f]';
/** A word with its inner apostrophes, as the tokenizer reads one (src/text/tokens.ts). */
const WORD_TAIL = `${WORD_CHAR}*(?:['’]${WORD_CHAR}+)*`;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern matching every word that could process to one of the terms. Porter2 changes at most
 * a word's last two letters on the way to its stem (happy → happi, hoping → hope, ability → abil-ity → …ble), so a
 * word whose term is T starts with T less its last two letters; the candidates are then stemmed to be sure.
 */
export function candidatePattern(terms: Iterable<string>, wholeWords: Iterable<string> = []): RegExp | null {
  const prefixes = new Set<string>(wholeWords);
  for (const term of terms) prefixes.add(term.slice(0, Math.max(2, term.length - 2)));
  if (prefixes.size === 0) return null;
  // Longest first, and a prefix already covered by a shorter one is dropped: fewer alternatives, same matches.
  const sorted = [...prefixes].sort((a, b) => a.length - b.length);
  const kept = sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
  // No lookbehind for "starts a word": a pattern starting with one is tried at every position of the text, while
  // without it the engine skips to where a prefix can start. scan() checks the character before instead.
  return new RegExp(`(?:${kept.map(escape).join('|')})${WORD_TAIL}`, 'gi');
}

const WORD_CHAR_BEFORE = /[\p{L}\p{N}]$/u;

/** Whether a match at `index` starts a word (two characters back: the one before may be a surrogate pair). */
function startsWord(text: string, index: number): boolean {
  return index === 0 || !WORD_CHAR_BEFORE.test(text.slice(Math.max(0, index - 2), index));
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
  /** The common words typed, folded ("where", "are"). */
  private readonly common: ReadonlySet<string>;
  /** What each distinct word of the texts scanned is to this query (the same words recur from unit to unit). */
  private readonly seen = new Map<string, TokenMatch[] | null>();

  /** `typed`: what was typed as words and phrases, for proximity (common words count there). */
  constructor(
    readonly words: readonly QueryWord[],
    typed: readonly string[] = [],
  ) {
    const tokens = typed.flatMap((t) => tokenize(t).map((token) => token.text));
    this.keys = new Set(tokens.map(proximityKey));
    this.common = new Set(tokens.filter((t) => processTerm(t) === null).map(foldWord));
    const terms = new Set<string>();
    words.forEach((w, i) => {
      for (const t of [w.term, ...w.variants]) {
        terms.add(t);
        const list = this.byTerm.get(t) ?? [];
        if (!list.includes(i)) list.push(i);
        this.byTerm.set(t, list);
      }
    });
    this.pattern = candidatePattern(terms, this.common);
  }

  /** Every occurrence of the query's words in `text`, in order; `boilerplate` is the text's boilerplateSpans. */
  scan(text: string, boilerplate: readonly Span[] = []): Occurrence[] {
    const out: Occurrence[] = [];
    const pattern = this.pattern;
    if (!pattern) return out;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      // Inside a word: the match ran to the word's end, so scanning goes on from there.
      if (!startsWord(text, m.index)) continue;
      const token = m[0];
      let matches = this.seen.get(token);
      if (matches === undefined) this.seen.set(token, (matches = this.classify(token)));
      if (matches === null) continue;
      const start = m.index;
      const end = start + token.length;
      if (matches[0].kind === 'common') {
        out.push({ start, end, word: -1, kind: 'common', key: matches[0].key, exact: false, compoundPart: false, boilerplate: false });
        continue;
      }
      const compoundPart = isJoined(text, start - 1, -1) || isJoined(text, end, 1);
      const inBoilerplate = boilerplate.length > 0 && inSpans(boilerplate, start);
      for (const { word, kind, key, exact } of matches) {
        out.push({
          start,
          end,
          word,
          kind: kind === 'collision' && this.formless.has(word) ? 'form' : kind,
          key,
          exact,
          compoundPart,
          boilerplate: inBoilerplate,
        });
      }
    }
    return out;
  }

  /** What a word of a text is to this query: one entry per query word it stands for, or null when none. */
  private classify(token: string): TokenMatch[] | null {
    const term = processTerm(token);
    if (term === null) {
      const folded = foldWord(token);
      return this.common.has(folded) ? [{ word: -1, kind: 'common', key: folded, exact: false }] : null;
    }
    const owners = this.byTerm.get(term);
    if (!owners) return null;
    return owners.map((i) => {
      const word = this.words[i];
      const kind: OccurrenceKind = word.term === term ? (this.isForm(word, token) ? 'form' : 'collision') : 'variant';
      return { word: i, kind, key: word.term, exact: word.typed !== null && foldForm(token) === foldForm(word.typed) };
    });
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

/**
 * Runs of query words standing together: occurrences of different words with nothing between them but spaces,
 * punctuation and common words ("pay offer", "Advise, Assist and Befriend", "fire-alarms"). Returns the indexes into
 * `occurrences` (which must be in text order) that belong to a run.
 */
export function inRuns(text: string, occurrences: readonly Occurrence[]): Set<number> {
  const out = new Set<number>();
  const usable = occurrences.map((o, i) => ({ o, i })).filter(({ o }) => o.kind !== 'collision' && o.kind !== 'common');
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
