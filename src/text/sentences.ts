/**
 * Sentence splitting for snippets and extractive summaries. A small rule set is enough for this archive's prose and
 * keeps every sentence a verbatim slice of its source (callers quote them, and a quote must never alter a word).
 */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'prof',
  'sr',
  'jr',
  'vs',
  'etc',
  'eg',
  'ie',
  'no',
  'cf',
  'approx',
  'hon',
  'rt',
  'gov',
  'dept',
  'e.g',
  'i.e',
]);

/** Splits text into sentences. Line breaks always end a sentence (comments are often written one thought per line). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) out.push({ text: text.slice(start, end), start, end });
  };
  let start = 0;
  const boundary = /([.!?…]+)(["'”’)\]]*)(\s+)(?=["'“‘([]?[\p{Lu}\p{N}])|\n+/gu;
  for (const m of text.matchAll(boundary)) {
    const at = m.index;
    if (m[0].startsWith('\n')) {
      push(start, at);
      start = at + m[0].length;
      continue;
    }
    if (m[1] === '.') {
      const before = text.slice(Math.max(start, at - 12), at);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
      // "Mr. Raab", "e.g. OASys", and single initials ("J. Barton") are not sentence ends.
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
    }
    const end = at + m[1].length + m[2].length;
    push(start, end);
    start = end;
  }
  push(start, text.length);
  return out;
}
