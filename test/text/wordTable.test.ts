import fc from 'fast-check';
import { tokenize, WordTable } from '../../src/text';
import { charClass, LETTER, NUMBER, OTHER } from '../../src/text/charClass';

function scan(text: string, table = new WordTable()): { text: string; start: number }[] {
  const ids: number[] = [];
  const starts: number[] = [];
  table.idsOf(text, ids, starts, () => undefined);
  return ids.map((id, k) => ({ text: table.words[id], start: starts[k] }));
}

const expected = (text: string) => tokenize(text).map((t) => ({ text: t.text, start: t.start }));

describe('WordTable', () => {
  test('splits like the shared tokenizer on the awkward cases', () => {
    const samples = [
      "Don't privatise probation’s work; the 90's, rock'n'roll and O'Neill's team-leader",
      'Café naïve – 2022/23 £1,500 e.g. Mr. Raab',
      "trailing apostrophe' and 'quoted' words, 'tis, x'1 a''b",
      'emoji 👍🏽 between words, 𝐁𝐨𝐥𝐝 letters, ①② circled numbers, ١٢٣ Arabic digits',
      'lone surrogate \ud800 here and \udc00 there',
      '',
    ];
    for (const text of samples) expect(scan(text)).toEqual(expected(text));
  });

  test('the same spelling gets the same id, another spelling another id, across texts', () => {
    const table = new WordTable();
    const a: number[] = [];
    const b: number[] = [];
    table.idsOf('pay offer pay Pay', a, [], () => undefined);
    table.idsOf('offer pay', b, [], () => undefined);
    expect(a[0]).toBe(a[2]);
    expect(a[3]).not.toBe(a[0]);
    expect(b).toEqual([a[1], a[0]]);
    expect(table.words).toEqual(['pay', 'offer', 'Pay']);
  });

  test('matches the tokenizer on arbitrary text, and keeps ids consistent while its table grows', () => {
    const alphabet = fc.constantFrom(..."abcXYZé9 0'’-.\n\t😀𝐀١Ⅻßİ\u0301\ud800".split(''), '😀', '𝐀');
    const text = fc.array(alphabet, { maxLength: 200 }).map((cs) => cs.join(''));
    const table = new WordTable();
    fc.assert(
      fc.property(text, (t) => {
        expect(scan(t, table)).toEqual(expected(t));
      }),
      { numRuns: 500 },
    );
    // Thousands of distinct spellings force the table to grow; each must still map back to itself.
    const many = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    expect(scan(many, table)).toEqual(expected(many));
    expect(scan(many, table)).toEqual(expected(many));
  });
});

test('the character table agrees with the word pattern on every BMP code point and on astral letters and digits', () => {
  const expectedClass = (char: string) => (/^\p{L}$/u.test(char) ? LETTER : /^\p{N}$/u.test(char) ? NUMBER : OTHER);
  for (let cp = 0; cp < 0x10000; cp++) {
    const want = cp >= 0xd800 && cp <= 0xdfff ? OTHER : expectedClass(String.fromCharCode(cp));
    if (charClass(cp) !== want) throw new Error(`U+${cp.toString(16)}: ${charClass(cp)}, expected ${want}`);
  }
  for (const char of ['𝐀', '😀', '𝟙', '𐒠']) expect(charClass(char.codePointAt(0)!)).toBe(expectedClass(char));
});
