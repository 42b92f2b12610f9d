/**
 * Words a comment copied from the post or from an earlier comment: runs of SHINGLE index terms that appeared, in the
 * same order, earlier in the thread. Commenters quote the post and each other (often without quotation marks, or
 * with "…" cuts); those words are not theirs to be quoted by. Index terms rather than raw words make the match
 * indifferent to case, punctuation and the stop words people drop when they quote loosely.
 *
 * The same pass tells which comments others copied from: being quoted is a sign a comment drew the discussion.
 */
import type { AnalyzedText } from './analysis';

/** Five index terms in a row, in the same order, are a quotation; fewer can be two people using a common phrase. */
export const SHINGLE = 5;

export interface CopiedSpans {
  /** Per text after the first (the comments, in thread order): 1 for each word inside a copied run. */
  copied: Uint8Array[];
  /** Per text after the first: how many later comments copied from it. */
  copiedBy: Int32Array;
}

/**
 * A set of shingle hashes with the text each was first seen in: open addressing over typed arrays, because a long
 * thread is tens of thousands of shingles and a Map of them costs more than the rest of the pass.
 */
class ShingleTable {
  private hashA: Int32Array;
  private hashB: Int32Array;
  /** Text index + 1 of the first occurrence; 0 = free. */
  private owner: Int32Array;
  private readonly mask: number;

  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.hashA = new Int32Array(size);
    this.hashB = new Int32Array(size);
    this.owner = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The text that first had this shingle, or -1; adds it as `text`'s when new. */
  seenOrAdd(a: number, b: number, text: number): number {
    for (let slot = a & this.mask; ; slot = (slot + 1) & this.mask) {
      const owner = this.owner[slot];
      if (owner === 0) {
        this.hashA[slot] = a;
        this.hashB[slot] = b;
        this.owner[slot] = text + 1;
        return -1;
      }
      if (this.hashA[slot] === a && this.hashB[slot] === b) return owner - 1;
    }
  }
}

/** Buffers reused from one text of a thread to the next (a thread is hundreds of texts). */
class StreamBuffers {
  terms = new Int32Array(1024);
  at = new Int32Array(1024);
}

/**
 * The term ids of a text's words in order (stop words dropped) and, parallel, each one's word index, in `buffers`,
 * which the next call overwrites.
 */
function termStream(
  text: AnalyzedText,
  termOfWord: readonly number[],
  buffers: StreamBuffers,
): { terms: Int32Array; at: Int32Array; length: number } {
  if (buffers.terms.length < text.words.length) {
    buffers.terms = new Int32Array(text.words.length * 2);
    buffers.at = new Int32Array(text.words.length * 2);
  }
  const terms = buffers.terms;
  const at = buffers.at;
  let length = 0;
  for (let k = 0; k < text.words.length; k++) {
    const t = termOfWord[text.words[k]];
    if (t < 0) continue;
    terms[length] = t;
    at[length++] = k;
  }
  return { terms, at, length };
}

/**
 * `texts[0]` is the post's body, then the readable comments in thread order; `termOfWord` maps their word ids to term
 * ids (see ThreadVocabulary). A word is copied when a shingle covering it was in an earlier text, or earlier in the
 * same text (a comment repeating a passage it already holds).
 */
export function copiedSpans(texts: readonly AnalyzedText[], termOfWord: readonly number[]): CopiedSpans {
  let total = 0;
  for (const t of texts) total += t.words.length;
  const table = new ShingleTable(total);
  const copied: Uint8Array[] = [];
  const copiedBy = new Int32Array(Math.max(0, texts.length - 1));
  const buffers = new StreamBuffers();
  texts.forEach((text, index) => {
    const mask = new Uint8Array(text.words.length);
    const { terms, at, length } = termStream(text, termOfWord, buffers);
    const sources = new Set<number>();
    for (let p = 0; p + SHINGLE <= length; p++) {
      // Two independent 32-bit hashes of the same five ids: a false match needs both to collide.
      let a = 0x811c9dc5;
      let b = 0x01000193;
      for (let q = p; q < p + SHINGLE; q++) {
        a = Math.imul(a ^ terms[q], 16777619);
        b = Math.imul(b + terms[q] + 0x9e3779b9, 0x85ebca6b) ^ (b >>> 13);
      }
      const source = table.seenOrAdd(a, b, index);
      if (source < 0 || index === 0) continue;
      // Every word from the shingle's first term to its last, the stop words between them included.
      for (let w = at[p]; w <= at[p + SHINGLE - 1]; w++) mask[w] = 1;
      if (source !== index && source > 0) sources.add(source);
    }
    for (const s of sources) copiedBy[s - 1]++;
    if (index > 0) copied.push(mask);
  });
  return { copied, copiedBy };
}
