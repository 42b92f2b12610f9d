/**
 * One pass of tokenising, stemming and sentence splitting per text, shared by every part of a summary (gist, terms,
 * quotes). On a thread of several hundred comments, tokenising is most of the cost of a summary: do it once.
 */
import { processTerm, splitSentences, tokenize } from '../text';
import type { Sentence, Token } from '../text';

export interface AnalyzedText {
  text: string;
  tokens: Token[];
  /** The index term of each token (null for stop words), parallel to `tokens`. */
  terms: (string | null)[];
  sentences: Sentence[];
  /** The index terms of each sentence, in order, parallel to `sentences`. */
  sentenceTerms: string[][];
}

export function analyzeText(text: string): AnalyzedText {
  const tokens = tokenize(text);
  const terms = tokens.map((t) => processTerm(t.text));
  const sentences = splitSentences(text);
  const sentenceTerms: string[][] = sentences.map(() => []);
  // Both lists are in text order and sentences never cut a word, so one merge walk assigns tokens to sentences.
  let s = 0;
  for (let k = 0; k < tokens.length && s < sentences.length; k++) {
    const term = terms[k];
    while (s < sentences.length && sentences[s].end <= tokens[k].start) s++;
    if (s < sentences.length && term && tokens[k].start >= sentences[s].start) sentenceTerms[s].push(term);
  }
  return { text, tokens, terms, sentences, sentenceTerms };
}
