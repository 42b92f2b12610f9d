/**
 * The one tokenizer and term processor. The search index, query parsing, snippet highlighting and summary term
 * statistics all go through these two functions, so a word highlighted in a quote is exactly a word the index matched.
 * Texts read in bulk (summaries, corpus statistics) are read by WordTable (wordTable.ts), which splits exactly as
 * `tokenize` does but yields word ids instead of strings.
 */
import stem from 'wink-porter2-stemmer';
import { STOP_WORDS } from './stopWords';

export interface Token {
  /** The word as written. */
  text: string;
  /** UTF-16 offsets into the source string: [start, end). */
  start: number;
  end: number;
}

// Letters and digits, with inner apostrophes ("don't", "probation’s") and inner hyphens kept apart as separate words.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Splits text into words with their offsets. Offsets never fall inside a word or a surrogate pair. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return tokens;
}

/** The words of a text without their offsets: what the index needs, without an object per word. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Lower case, curly apostrophes straightened, accents removed: "Café’s" → "cafe's". */
export function foldWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/’/g, "'")
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(foldWord(word));
}

/**
 * The index term for a word, or null when the word should not be indexed (stop words, stray single letters).
 * Porter2 stemming makes "privatise" find "privatisation" and "offers" find "offer".
 */
export function processTerm(word: string): string | null {
  let w = foldWord(word);
  if (STOP_WORDS.has(w)) return null;
  w = w.replace(/'s$/, '').replace(/'/g, '');
  if (w.length === 0 || (w.length === 1 && !/\d/.test(w))) return null;
  if (/^\d+$/.test(w)) return w;
  return stem(w);
}

/**
 * processTerm with a memory, for whoever processes many words (an index build, a search index's highlighting):
 * folding and stemming cost a few microseconds a word, and the archive's 10 million words are a vocabulary of a few
 * hundred thousand, so remembering each word's term makes indexing and highlighting several times faster. Held by its
 * user, not by this module.
 */
export class TermCache {
  private readonly terms = new Map<string, string | null>();
  constructor(private readonly maxWords = 500_000) {}

  /** processTerm(word), remembered. Bound, so it can be passed as a function. */
  readonly term = (word: string): string | null => {
    const cached = this.terms.get(word);
    if (cached !== undefined) return cached;
    const term = processTerm(word);
    // Bounded so a stream of unique strings (numbers, URLs) cannot grow it without limit.
    if (this.terms.size >= this.maxWords) this.terms.clear();
    this.terms.set(word, term);
    return term;
  };
}

/** Processed terms of a text, in order (stop words dropped). */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const term = processTerm(t.text);
    if (term) out.push(term);
  }
  return out;
}
