import fc from 'fast-check';
import { escapeArchiveText, escapedCharCost } from '../../src/discord/quote';
import { splitIntoEvenParts, splitIntoParts } from '../../src/text/parts';

const escaped = (s: string) => escapeArchiveText(s).length;

/** What must hold for any split: each part fits, nothing is lost or reordered, no part is padded with spaces. */
function splitError(text: string, parts: string[], max: number, measure: (s: string) => number): string | null {
  for (const part of parts) {
    if (measure(part) > max) return `part of ${measure(part)} > ${max}`;
    if (part !== part.trim() || part === '') return `part ${JSON.stringify(part.slice(0, 20))} is blank or padded`;
  }
  // Read the text back part by part: each part is the text from where the last one ended, less the whitespace between.
  let at = 0;
  for (const part of parts) {
    while (at < text.length && /\s/.test(text[at])) at++;
    if (!text.startsWith(part, at)) return `part ${JSON.stringify(part.slice(0, 20))} is not the text at ${at}`;
    at += part.length;
  }
  if (text.slice(at).trim() !== '') return 'the parts stop before the text does';
  return null;
}

describe('splitIntoParts', () => {
  test('keeps a text that fits whole', () => {
    expect(splitIntoParts('  One short comment.  ', 100)).toEqual(['One short comment.']);
  });

  test('cuts at a paragraph, else a sentence, else a word, never inside a word', () => {
    expect(splitIntoParts('First paragraph here.\n\nSecond one, which is longer.', 40)).toEqual([
      'First paragraph here.',
      'Second one, which is longer.',
    ]);
    expect(splitIntoParts('One sentence here. Another sentence follows it.', 30)).toEqual([
      'One sentence here.',
      'Another sentence follows it.',
    ]);
    expect(splitIntoParts('words without any sentence ending at all', 16)).toEqual(['words without', 'any sentence', 'ending at all']);
  });

  test('cuts one enormous word between code points rather than not at all', () => {
    const parts = splitIntoParts('😀'.repeat(10), 5);
    expect(parts.join('')).toBe('😀'.repeat(10));
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(5);
  });

  test('measures parts the way they will be shown: escaped markdown and broken mentions still fit', () => {
    const text = Array.from({ length: 200 }, (_, i) => `**bold ${i}** and _under_score @everyone <#123> ~~x~~ ||y|| \\`).join(' ');
    const parts = splitIntoParts(text, 500, escapedCharCost);
    expect(parts.length).toBeGreaterThan(10);
    expect(splitError(text, parts, 500, escaped)).toBeNull();
  });

  test('for any text and limit, every part fits once escaped and the parts read as the text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'b', ' ', '\n', '.', '*', '_', '`', '~', '|', '\\', '@', '#', '<', '>', '😀', 'é'),
          maxLength: 400,
        }),
        fc.integer({ min: 12, max: 120 }),
        (text, max) => {
          expect(splitError(text, splitIntoParts(text, max, escapedCharCost), max, escaped)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  test('escapedCharCost bounds what escaping does to any text', () => {
    const specials = fc.constantFrom(
      '*',
      '**',
      '***',
      '****',
      '_',
      '__',
      '___',
      '____',
      'a',
      '`',
      '``',
      '```',
      '~~',
      '||',
      '\\',
      '@everyone',
      '@here',
      '<@123456789012345678>',
      '<@&1234>',
      '<#1234>',
      'https://x.org/a_b*c',
      ' ',
      'word',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(specials, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const bound = [...text].reduce((n, ch) => n + (ch.length === 2 ? 2 : escapedCharCost(ch)), 0);
        expect(escapeArchiveText(text).length).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 1000 },
    );
  });

  test('splits a 100,000-character comment quickly, without escaping it piece by piece', () => {
    const text = Array.from({ length: 1400 }, (_, i) => `Sentence ${i} has *stars* and _underscores_ to escape.`).join(' ');
    expect(text.length).toBeGreaterThan(70_000);
    const parts = splitIntoEvenParts(text, 3900, escapedCharCost);
    expect(splitError(text, parts, 3900, escaped)).toBeNull();
  });
});

describe('splitIntoEvenParts', () => {
  test('as few parts as the greedy split, but of similar length', () => {
    const text = Array.from({ length: 60 }, (_, i) => `This is sentence number ${i} of a long comment.`).join(' ');
    const greedy = splitIntoParts(text, 2000);
    const even = splitIntoEvenParts(text, 2000);
    expect(even).toHaveLength(greedy.length);
    expect(greedy.length).toBe(2);
    expect(greedy[1].length).toBeLessThan(greedy[0].length / 2);
    expect(Math.abs(even[0].length - even[1].length)).toBeLessThan(200);
    expect(splitError(text, even, 2000, (s) => s.length)).toBeNull();
  });
});
