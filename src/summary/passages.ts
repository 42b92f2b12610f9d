/**
 * The passages of a comment that can be quoted as the commenter's: each sentence that is their own words and prose,
 * and a short one joined with the next when both are ("Horseshit and platitudes. I’m alright Jack but…": the first
 * alone says little, and is the heat of the comment).
 *
 * What is needed of each sentence (its words, how many are own, whether it names someone) is read in one walk over
 * the comment's words, which are in text order like its sentences: no search and no pattern per sentence.
 */
import type { AnalyzedText } from './analysis';

/** A sentence must be at least this much the commenter's own words to be quoted as theirs. */
export const OWN_SHARE_MIN = 0.8;
/** A quote is read in a Discord field (1,024 characters): keep each well inside it. */
export const QUOTE_MAX_CHARS = 400;
const QUOTE_MIN_TERMS = 3;
const QUOTE_MIN_CHARS = 20;
const QUOTE_MIN_WORDS = 5;
/** A short sentence reads better with the one that follows it ("Vote No." alone says little). */
const SHORT_SENTENCE_CHARS = 90;
/** Fewer words than this without closing punctuation is a heading, a job title or a signature, not prose. */
const HEADING_MAX_WORDS = 12;

export interface Passage {
  /** Its first and last sentence (the same for one sentence). */
  index: number;
  last: number;
  text: string;
  terms: number[];
  /** Two capitalised words in a row after its first word: it names someone ("David Brent"). */
  named: boolean;
}

function isUpper(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code >= 65 && code <= 90) return true;
  if (code <= 127) return false;
  const char = text[at];
  return char.toLowerCase() !== char;
}

/** Closing punctuation (as in sentenceShape.ts): a line ending so is a sentence, not a heading. */
const CLOSING = new Set('.!?…:;,)]"\'”’-');

function closes(text: string): boolean {
  return CLOSING.has(text[text.length - 1]);
}

/**
 * Per-sentence counters, reused from one comment to the next by whoever reads a thread's passages: a long thread is
 * hundreds of comments, and small typed arrays are costly to allocate one by one.
 */
export class PassageScratch {
  private arrays = { words: new Int32Array(64), mine: new Int32Array(64), named: new Uint8Array(64), prose: new Uint8Array(64) };

  /** The counters, zeroed for the first `n` sentences. */
  for(n: number) {
    let arrays = this.arrays;
    if (arrays.words.length < n) {
      const size = Math.max(n, arrays.words.length * 2);
      arrays = this.arrays = {
        words: new Int32Array(size),
        mine: new Int32Array(size),
        named: new Uint8Array(size),
        prose: new Uint8Array(size),
      };
    }
    arrays.words.fill(0, 0, n);
    arrays.mine.fill(0, 0, n);
    arrays.named.fill(0, 0, n);
    arrays.prose.fill(0, 0, n);
    return arrays;
  }
}

function lineBreakBetween(text: string, from: number, to: number): boolean {
  const at = text.indexOf('\n', from);
  return at >= 0 && at < to;
}

/**
 * `text` is the comment's text as analysed, `own` 1 for each of its words that is the commenter's own. Returns its
 * quotable passages in order, and how many of its words are its own.
 */
export function passagesOf(
  text: string,
  analysis: AnalyzedText,
  own: Uint8Array,
  scratch = new PassageScratch(),
): { passages: Passage[]; ownWords: number } {
  const { sentences, sentenceTerms, starts } = analysis;
  const n = sentences.length;
  const { words, mine, named, prose } = scratch.for(n);
  let ownWords = 0;
  let s = 0;
  let previousUpper = false;
  for (let k = 0; k < starts.length; k++) {
    const at = starts[k];
    while (s < n && sentences[s].end <= at) {
      s++;
      previousUpper = false;
    }
    ownWords += own[k];
    if (s >= n || at < sentences[s].start) continue;
    const upper = isUpper(text, at);
    if (upper && previousUpper && words[s] > 1 && text.charCodeAt(at - 1) === 32) named[s] = 1;
    previousUpper = upper && words[s] > 0;
    words[s]++;
    mine[s] += own[k];
  }

  for (let i = 0; i < n; i++) {
    const t = sentences[i].text;
    if (t.length > QUOTE_MAX_CHARS || (!closes(t) && words[i] < HEADING_MAX_WORDS) || t.includes('http') || t.includes('www.')) continue;
    prose[i] = words[i] === 0 || mine[i] >= OWN_SHARE_MIN * words[i] ? 1 : 0;
  }

  const passages: Passage[] = [];
  for (let i = 0; i < n; i++) {
    if (!prose[i]) continue;
    const sentence = sentences[i];
    const next = sentences[i + 1];
    const joins =
      sentence.text.length < SHORT_SENTENCE_CHARS &&
      next !== undefined &&
      prose[i + 1] === 1 &&
      next.end - sentence.start <= QUOTE_MAX_CHARS &&
      !lineBreakBetween(text, sentence.end, next.start);
    const last = joins ? i + 1 : i;
    const terms = joins ? sentenceTerms[i].concat(sentenceTerms[i + 1]) : sentenceTerms[i];
    const passageWords = joins ? words[i] + words[i + 1] : words[i];
    const passage = joins ? text.slice(sentence.start, next.end) : sentence.text;
    if (passage.length < QUOTE_MIN_CHARS || terms.length < QUOTE_MIN_TERMS || passageWords < QUOTE_MIN_WORDS) continue;
    passages.push({ index: i, last, text: passage, terms, named: named[i] === 1 || (joins && named[i + 1] === 1) });
  }
  return { passages, ownWords };
}
