import { processTerm, splitSentences, TermCache, termsOf, tokenize, truncateText, words } from '../../src/text';

test('a TermCache gives the answer of processTerm, remembered and bounded', () => {
  const cache = new TermCache(3);
  const sample = ['Privatisation', 'the', 'offers', '2022', 'Probation’s', 'x', 'offers', 'Café'];
  for (const word of sample) expect(cache.term(word)).toBe(processTerm(word));
  for (const word of sample) expect(cache.term(word)).toBe(processTerm(word));
});

describe('processTerm', () => {
  test('stems so that a verb finds its noun', () => {
    expect(processTerm('privatise')).toBe(processTerm('privatisation'));
    expect(processTerm('offers')).toBe(processTerm('offer'));
  });
  test('drops stop words and folds curly apostrophes and accents', () => {
    expect(processTerm('The')).toBeNull();
    expect(processTerm('don’t')).toBeNull();
    expect(processTerm('Café')).toBe(processTerm('cafe'));
    expect(processTerm('Napo’s')).toBe(processTerm('Napo'));
  });
  test('keeps numbers', () => {
    expect(termsOf('pay rise of 2022')).toEqual(['pay', 'rise', '2022']);
  });
});

describe('tokenize', () => {
  test('gives offsets that slice back to the word, across emoji and curly quotes', () => {
    const text = '😀 “Probation’s” future — 2022!';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokenize(text).map((t) => t.text)).toEqual(['Probation’s', 'future', '2022']);
  });
});

describe('splitSentences', () => {
  test('splits on sentence ends and line breaks, not on abbreviations', () => {
    const s = splitSentences('Mr. Raab is back. Is it good? No!\nNew line here');
    expect(s.map((x) => x.text)).toEqual(['Mr. Raab is back.', 'Is it good?', 'No!', 'New line here']);
  });
  test('every sentence is a verbatim slice of the source', () => {
    const text = 'One “quoted.” Two… three. 4 more';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('truncateText', () => {
  test('leaves short text alone', () => {
    expect(truncateText('short', 10)).toBe('short');
  });
  test('cuts at a sentence end when that keeps enough', () => {
    const out = truncateText('First sentence here. Second sentence goes on and on.', 30);
    expect(out).toBe('First sentence here. …');
  });
  test('cuts at a word boundary, never mid-word', () => {
    const out = truncateText('alpha beta gamma delta epsilon', 14);
    expect(out).toBe('alpha beta…');
    expect(out.length).toBeLessThanOrEqual(14);
  });
  test('never splits a surrogate pair', () => {
    const out = truncateText('😀'.repeat(10), 6);
    expect(out.length).toBeLessThanOrEqual(6);
    expect(() => encodeURIComponent(out)).not.toThrow();
  });
});

describe('words', () => {
  test('are exactly the texts of tokenize', () => {
    const text = 'Napo’s “pay offer” — rejected in 2022! Don’t 😀 café';
    expect(words(text)).toEqual(tokenize(text).map((t) => t.text));
    expect(words('')).toEqual([]);
  });
});
