import fc from 'fast-check';
import { tokenize } from '../../src/text';
import { compilePhrase, PhraseIndex, PhraseIndexBuilder } from '../../src/search/phraseIndex';
import { containsMatch, phraseMatcher } from '../../src/search/phrases';

/** Does the phrase index say what the phrase's regular expression says on this text? (null: not checkable on atoms) */
function onAtoms(index: PhraseIndex, n: number, phrase: string): boolean | null {
  const compiled = compilePhrase(tokenize(phrase).map((t) => t.text));
  if (!compiled) return null;
  const ids = index.resolve(compiled);
  return ids !== null && index.unitsContaining(ids, compiled.joined)[n - index.firstUnit] === 1;
}

function indexOf(texts: string[], firstUnit = 0): PhraseIndex {
  const builder = new PhraseIndexBuilder(firstUnit);
  for (const t of texts) builder.add(t);
  return builder.finish();
}

describe('the phrase index', () => {
  // Letters that fold unusually (Kelvin sign, long s, dotted capital I, a precomposed and a combining accent), an
  // astral letter, apostrophes of both kinds, digits and separators.
  const alphabet = [
    'a',
    'b',
    'B',
    's',
    'S',
    'k',
    ' ',
    '-',
    "'",
    '’',
    "''",
    'é',
    'e\u0301',
    'K',
    'ſ',
    'İ',
    'i',
    '1',
    '\n',
    '𝐀',
    'ab',
    'a b',
    'ß',
  ];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((parts) => parts.join(''));
  const phrases = ['a b', 'ab', "b'a", 'B-a', 'a', '1 a', 'a’b a', 'sk', 'ks a', 'b s', "a'b'a", 'i a', 'e'];

  it('answers exactly as the phrase regex does, for every phrase of ASCII words', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), fc.constantFrom(...phrases), (texts, phrase) => {
        const index = indexOf(texts, 7);
        texts.forEach((t, i) =>
          expect({ t, phrase, found: onAtoms(index, 7 + i, phrase) }).toEqual({
            t,
            phrase,
            found: containsMatch(t, phraseMatcher(phrase)!),
          }),
        );
      }),
      { numRuns: 1500 },
    );
  });

  it('leaves phrases with other letters to the text check', () => {
    expect(compilePhrase(['café'])).toBeNull();
    expect(compilePhrase(['straße'])).toBeNull();
    expect(compilePhrase([])).toBeNull();
    expect(compilePhrase(["don't", 'know'])).toEqual({ keys: ['don', 't', 'know'], joined: [false, true, false] });
  });

  it('needs the words in order, whole, and an apostrophe where the phrase has one', () => {
    const index = indexOf(['The Pay  Offer is mustard', 'repay offer', 'I don’t know', 'I don t know', "pay'offer"]);
    expect(onAtoms(index, 0, 'pay offer')).toBe(true);
    expect(onAtoms(index, 1, 'pay offer')).toBe(false);
    expect(onAtoms(index, 2, "don't know")).toBe(true);
    expect(onAtoms(index, 3, "don't know")).toBe(false);
    expect(onAtoms(index, 4, 'pay offer')).toBe(true);
    expect(onAtoms(index, 0, 'offer pay')).toBe(false);
  });

  it('merges consecutive ranges into one that answers the same', () => {
    const a = indexOf(['pay offer here', 'nothing'], 0);
    const b = indexOf(['an offer of pay', 'the pay offer again'], 2);
    const merged = PhraseIndex.merge([a, b]);
    expect([0, 1, 2, 3].map((n) => onAtoms(merged, n, 'pay offer'))).toEqual([true, false, false, true]);
  });
});
