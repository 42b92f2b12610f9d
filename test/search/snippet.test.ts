import { formatSnippet, highlightSpans, makeSnippet } from '../../src/search';
import { processTerm } from '../../src/text';

const marked = (text: string, words: string[], max?: number) => {
  const terms = new Set(words.map((w) => processTerm(w)!));
  return makeSnippet(text, highlightSpans(text, terms), { maxLength: max });
};
const highlighted = (s: { text: string; highlights: { start: number; end: number }[] }) =>
  s.highlights.map((h) => s.text.slice(h.start, h.end));

describe('highlightSpans', () => {
  it('marks every form of a matched term, as written', () => {
    const text = 'Privatisation failed. They privatised it, and privatising again is madness.';
    const spans = highlightSpans(text, new Set([processTerm('privatise')!]));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Privatisation', 'privatised', 'privatising']);
  });

  it('marks a phrase as one span, merged with the words inside it', () => {
    const text = 'This pay offer is mustard. The pay is not.';
    const spans = highlightSpans(text, new Set(['pay']), [/pay offer is mustard/giu]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['pay offer is mustard', 'pay']);
  });
});

describe('makeSnippet', () => {
  it('returns a short text whole, with whitespace runs collapsed and marks still on the words', () => {
    const s = marked('  Mike   Guilfoyle was\n\n a gentleman.  ', ['Guilfoyle']);
    expect(s.text).toBe('Mike Guilfoyle was\na gentleman.');
    expect(highlighted(s)).toEqual(['Guilfoyle']);
    expect(s.truncatedStart || s.truncatedEnd).toBe(false);
  });

  it('picks the sentences with the matches out of a long text, with ellipses where cut', () => {
    const filler = 'Nothing to see in this sentence at all. '.repeat(12);
    const text = `${filler}The pay offer is mustard and I am chuffed. ${filler}`;
    const s = marked(text, ['mustard'], 120);
    expect(s.text.length).toBeLessThanOrEqual(120);
    expect(s.text).toContain('The pay offer is mustard and I am chuffed.');
    expect(s.text.startsWith('… ')).toBe(true);
    expect(s.truncatedStart && s.truncatedEnd).toBe(true);
    expect(highlighted(s)).toEqual(['mustard']);
  });

  it('prefers the window with more of the different query words', () => {
    const text = 'Pay is late. '.repeat(10) + 'Here pay and the offer meet. ' + 'Offer withdrawn. '.repeat(10);
    const s = marked(text, ['pay', 'offer'], 60);
    expect(s.text).toContain('Here pay and the offer meet.');
  });

  it('starts at the beginning when nothing is highlighted', () => {
    const text = 'First sentence here. ' + 'More words follow on. '.repeat(30);
    const s = makeSnippet(text, [], { maxLength: 80 });
    expect(s.text.startsWith('First sentence here.')).toBe(true);
    expect(s.truncatedStart).toBe(false);
    expect(s.truncatedEnd).toBe(true);
  });

  it('cuts an overlong sentence at spaces, never inside a word', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`);
    words[120] = 'Guilfoyle';
    const text = words.join(' ');
    const s = marked(text, ['Guilfoyle'], 100);
    expect(s.text.length).toBeLessThanOrEqual(100);
    expect(highlighted(s)).toEqual(['Guilfoyle']);
    const inner = s.text.replace(/^… /, '').replace(/…$/, '');
    for (const w of inner.split(' ')) expect(w).toMatch(/^(word\d+|Guilfoyle)$/);
  });

  it('never splits an emoji or cuts inside a word of accented text', () => {
    const text = 'Café 😀 crème brûlée 👩‍👩‍👧 naïve 😀 '.repeat(30) + 'Probation 😀 matters.';
    for (const max of [40, 41, 57, 99, 120]) {
      const s = marked(text, ['probation'], max);
      expect(s.text.length).toBeLessThanOrEqual(max);
      // A lone surrogate would fail to round-trip through UTF-8.
      expect(Buffer.from(s.text, 'utf8').toString('utf8')).toBe(s.text);
      for (const w of s.text.replace(/[…]/g, ' ').split(/\s+/).filter(Boolean)) expect(text).toContain(w);
    }
  });

  it('handles a single giant word by cutting at a code point boundary', () => {
    const text = 'https://example.com/' + 'a😀'.repeat(200);
    const s = makeSnippet(text, [], { maxLength: 50 });
    expect(s.text.length).toBeLessThanOrEqual(50);
    expect(Buffer.from(s.text, 'utf8').toString('utf8')).toBe(s.text);
  });

  it('formats highlights as bold or however the caller says', () => {
    const s = marked('The pay offer is mustard.', ['pay', 'mustard']);
    expect(formatSnippet(s)).toBe('The **pay** offer is **mustard**.');
    expect(formatSnippet(s, { plain: (t) => t.toUpperCase(), mark: (t) => `[${t}]` })).toBe('THE [pay] OFFER IS [mustard].');
  });
});
