/**
 * What a character is to the tokenizer, by code point: the classes the word pattern of tokens.ts uses (\p{L} letters,
 * \p{N} digits), read from a table instead of a regular expression per character by the scanners that turn text into
 * word ids (wordTable.ts, and the phrase index's atoms in src/search/atoms.ts).
 */

export const OTHER = 1;
export const NUMBER = 2;
export const LETTER = 3;
export type CharClass = typeof OTHER | typeof NUMBER | typeof LETTER;

const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;

/**
 * Every BMP code point's class, made once when the module loads (a constant, like a regular expression's tables): one
 * pass of two regular expressions over the whole plane. Lone surrogates are no character at all: OTHER.
 */
const BMP_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(0x10000).fill(OTHER);
  const plane: string[] = [];
  for (let cp = 0; cp < 0x10000; cp++) plane.push(cp >= 0xd800 && cp <= 0xdfff ? ' ' : String.fromCharCode(cp));
  const text = plane.join('');
  for (const m of text.matchAll(/\p{N}/gu)) table[m.index] = NUMBER;
  for (const m of text.matchAll(/\p{L}/gu)) table[m.index] = LETTER;
  return table;
})();

/** The class of the character at code point `cp` (astral ones, rare in this archive, are asked of the regexes). */
export function charClass(cp: number): CharClass {
  if (cp < 0x10000) return BMP_CLASS[cp] as CharClass;
  const char = String.fromCodePoint(cp);
  return IS_LETTER.test(char) ? LETTER : IS_NUMBER.test(char) ? NUMBER : OTHER;
}
