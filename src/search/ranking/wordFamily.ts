/**
 * Whether a word in a text is a form of the word that was typed, beyond sharing its index term.
 *
 * The index conflates words by their Porter2 stem, which is what lets "privatise" find "privatisation" and "offers"
 * find "offer". But Porter2 also strips endings that make a different word: it drops a final "e" ("morale" and "moral"
 * are both `moral`, "humane"/"human", "finale"/"final") and cuts suffixes down to a shared root ("officer" and
 * "office" are both `offic`, "probation" and "probate" both `probat`). A reader who typed "morale" did not ask for
 * "moral dilemmas". So a word counts as a form of the typed word when both reduce to the same base by inflection
 * (plural, possessive, -ed, -ing), or when one is the other plus a derivational ending that keeps the meaning
 * (privatise → privatisation, union → unionism, sick → sickness). A bare "e", "er" or "ion" is not such an ending.
 */

/** Endings that turn a word into a close relative of itself. "er", "ion", "e" are deliberately absent (see above). */
const DERIVATIONS = [
  'ation',
  'ations',
  'isation',
  'ization',
  'isations',
  'izations',
  'ise',
  'ize',
  'ised',
  'ized',
  'ises',
  'izes',
  'ising',
  'izing',
  'ment',
  'ments',
  'al',
  'ally',
  'ly',
  'ity',
  'ities',
  'ness',
  'ist',
  'ists',
  'ism',
  'isms',
  'ive',
  'ful',
  'less',
  'ship',
];
const DERIVATION_SET = new Set(DERIVATIONS);

/** Lower case, curly apostrophes straightened, accents removed, a possessive dropped: "Napo’s" → "napo". */
export function foldForm(word: string): string {
  return word
    .toLowerCase()
    .replace(/’/g, "'")
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/'s$|'$/, '');
}

interface Base {
  base: string;
  /** True when -ed or -ing was removed: the base may have lost a final "e" ("moderating" → "moderat"). */
  verbal: boolean;
}

const VOWEL = /[aeiouy]/;

/** The word without its inflection: plural and verb endings. Both words of a comparison go through the same rules. */
function inflectionBase(word: string): Base {
  const w = word;
  if (w.length > 4 && w.endsWith('ies')) return { base: `${w.slice(0, -3)}y`, verbal: false };
  if (w.length > 4 && w.endsWith('ied')) return { base: `${w.slice(0, -3)}y`, verbal: true };
  if (w.length > 4 && /(?:ss|x|z|ch|sh)es$/.test(w)) return { base: w.slice(0, -2), verbal: false };
  if (w.length > 5 && w.endsWith('ing') && VOWEL.test(w.slice(0, -3))) return { base: undouble(w.slice(0, -3)), verbal: true };
  if (w.length > 4 && w.endsWith('ed') && VOWEL.test(w.slice(0, -2))) return { base: undouble(w.slice(0, -2)), verbal: true };
  if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) return { base: w.slice(0, -1), verbal: false };
  return { base: w, verbal: false };
}

/** "stopp" (from "stopping") → "stop"; "fill" stays. */
function undouble(stem: string): string {
  return /([bdfgmnprt])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}

function sameBase(a: Base, b: Base): boolean {
  if (a.base === b.base) return true;
  // "moderating" (moderat, verbal) and "moderate": the -ing took the "e" away.
  if (a.verbal && `${a.base}e` === b.base) return true;
  if (b.verbal && `${b.base}e` === a.base) return true;
  return false;
}

/** `longer` is `shorter` (or `shorter` less its final e or y) plus one derivational ending. */
function derives(shorter: string, longer: string): boolean {
  const roots = [shorter];
  if (shorter.endsWith('e') || shorter.endsWith('y')) roots.push(shorter.slice(0, -1));
  for (const root of roots) {
    if (root.length < 3 || !longer.startsWith(root)) continue;
    if (DERIVATION_SET.has(longer.slice(root.length))) return true;
  }
  return false;
}

/** Whether `word` (as written in a text) is a form of `typed` (as typed in a query). See the top of the file. */
export function sameWordFamily(typed: string, word: string): boolean {
  const a = foldForm(typed);
  const b = foldForm(word);
  if (a === b) return true;
  const ba = inflectionBase(a);
  const bb = inflectionBase(b);
  if (sameBase(ba, bb)) return true;
  // Siblings derived from one root: "privatise" and "privatisation" (privatis + e / + ation).
  for (const x of [ba.base, a]) {
    for (const y of [bb.base, b]) {
      const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
      if (derives(shorter, longer) || siblings(x, y)) return true;
    }
  }
  return false;
}

/** Both words are one root (4+ letters) plus a derivational ending each: "unionism" and "unionist". */
function siblings(x: string, y: string): boolean {
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  for (let k = common; k >= 4; k--) {
    const ex = x.slice(k);
    const ey = y.slice(k);
    if ((ex === '' || DERIVATION_SET.has(ex)) && (ey === '' || DERIVATION_SET.has(ey))) return true;
  }
  return false;
}
