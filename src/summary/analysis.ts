/**
 * One pass of tokenising, stemming and sentence splitting per text, shared by every part of a summary (gist, terms,
 * quotes). On a thread of several hundred comments (tens of thousands of words), tokenising was most of the cost of a
 * summary: now each word is read once, straight from the text, into a table of spellings kept by the summarizer (see
 * WordTable and Lexicon) and from then on is a small integer. Stemming runs once per distinct spelling per summarizer.
 */
import { splitSentences, TermCache, WordTable } from '../text';
import type { Sentence } from '../text';

/**
 * Every spelling met in the summaries that share it, with its index term, both numbered: the archive's vocabulary is a
 * few hundred thousand spellings, so after the first few summaries a word costs one probe of this table and nothing
 * else (no stemming, no term lookup).
 */
class Lexicon {
  readonly table = new WordTable();
  /** Term id of each spelling id, -1 when the spelling is no index term (stop words, single letters). */
  readonly termOfWord: number[] = [];
  readonly terms: string[] = [];
  private readonly termIds = new Map<string, number>();
  /** Spellings differing only in case ("Probation", "probation") are stemmed once. */
  private readonly termCache = new TermCache();
  /** Which vocabulary last used each spelling / term, and the id that vocabulary gave it. */
  wordStamp: Int32Array = new Int32Array(1024);
  wordLocal: Int32Array = new Int32Array(1024);
  termStamp: Int32Array = new Int32Array(1024);
  termLocal: Int32Array = new Int32Array(1024);
  generation = 0;

  readonly addWord = (word: string): void => {
    // processTerm folds case first, so the lower-cased spelling has the same term and is stemmed once for every case.
    const term = this.termCache.term(word.toLowerCase());
    let id = -1;
    if (term !== null) {
      id = this.termIds.get(term) ?? -1;
      if (id < 0) {
        id = this.terms.length;
        this.termIds.set(term, id);
        this.terms.push(term);
        if (id >= this.termStamp.length) {
          this.termStamp = grown(this.termStamp);
          this.termLocal = grown(this.termLocal);
        }
      }
    }
    this.termOfWord.push(id);
    if (this.termOfWord.length > this.wordStamp.length) {
      this.wordStamp = grown(this.wordStamp);
      this.wordLocal = grown(this.wordLocal);
    }
  };
}

function grown(array: Int32Array): Int32Array {
  const out = new Int32Array(array.length * 2);
  out.set(array);
  return out;
}

const LEXICON_MAX_WORDS = 2_000_000;

/**
 * The lexicon summaries share, held by whoever makes them (the summarizer of a bot context). Bounded: past
 * `LEXICON_MAX_WORDS` spellings (text that is not the archive's) the next thread starts a fresh one.
 */
export class SharedLexicon {
  private lexicon = new Lexicon();

  /** The lexicon for the next thread. */
  take(): Lexicon {
    if (this.lexicon.table.words.length > LEXICON_MAX_WORDS) this.lexicon = new Lexicon();
    return this.lexicon;
  }
}

/**
 * The spellings and index terms of one thread, numbered in the order first met in the thread (so that what depends on
 * the order, such as which spelling of a term is shown, depends on this thread alone, never on earlier summaries).
 */
export class ThreadVocabulary {
  private readonly lexicon: Lexicon;
  private readonly generation: number;
  private readonly shared: number[] = [];
  /** Each distinct spelling, by spelling id. */
  readonly words: string[] = [];
  /** The term id of each spelling, or -1 when it is no index term (stop words, single letters). */
  readonly termOfWord: number[] = [];
  /** Each distinct index term (stemmed), by term id. */
  readonly terms: string[] = [];

  /** Without a shared lexicon the thread has one of its own: the same ids and terms, only no stemming saved. */
  constructor(shared?: SharedLexicon) {
    this.lexicon = shared ? shared.take() : new Lexicon();
    this.generation = ++this.lexicon.generation;
  }

  /** Appends the spelling id and offset of each word of `text` (the words of `tokenize`). */
  read(text: string, ids: number[], starts: number[]): void {
    const lex = this.lexicon;
    const shared = this.shared;
    shared.length = 0;
    lex.table.idsOf(text, shared, starts, lex.addWord);
    const gen = this.generation;
    const { wordStamp, wordLocal, termStamp, termLocal } = lex;
    for (let k = 0; k < shared.length; k++) {
      const g = shared[k];
      if (wordStamp[g] === gen) {
        ids.push(wordLocal[g]);
        continue;
      }
      const local = this.words.length;
      wordStamp[g] = gen;
      wordLocal[g] = local;
      this.words.push(lex.table.words[g]);
      const gt = lex.termOfWord[g];
      let lt = -1;
      if (gt >= 0) {
        if (termStamp[gt] === gen) lt = termLocal[gt];
        else {
          lt = this.terms.length;
          termStamp[gt] = gen;
          termLocal[gt] = lt;
          this.terms.push(lex.terms[gt]);
        }
      }
      this.termOfWord.push(lt);
      ids.push(local);
    }
  }
}

export interface AnalyzedText {
  text: string;
  /** The spelling id of each word, in text order. */
  words: number[];
  /** The offset of each word in `text`, parallel to `words`. */
  starts: number[];
  sentences: Sentence[];
  /** The term ids of each sentence's index terms, in order, parallel to `sentences`. */
  sentenceTerms: number[][];
}

export function analyzeText(text: string, vocabulary: ThreadVocabulary): AnalyzedText {
  const words: number[] = [];
  const starts: number[] = [];
  vocabulary.read(text, words, starts);
  const sentences = splitSentences(text);
  const sentenceTerms: number[][] = sentences.map(() => []);
  const termOfWord = vocabulary.termOfWord;
  // Both lists are in text order and sentences never cut a word, so one merge walk assigns words to sentences.
  let s = 0;
  for (let k = 0; k < words.length && s < sentences.length; k++) {
    const term = termOfWord[words[k]];
    while (s < sentences.length && sentences[s].end <= starts[k]) s++;
    if (s < sentences.length && term >= 0 && starts[k] >= sentences[s].start) sentenceTerms[s].push(term);
  }
  return { text, words, starts, sentences, sentenceTerms };
}
