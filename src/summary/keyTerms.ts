/**
 * What a thread was about, as a reader would say it: its distinctive phrases ("sick leave", "fire alarm", "pay offer",
 * "One HMPPS") and names ("Sonia Flynn", "Raab") before single words, and only from the writers' own words. A word
 * that occurs only inside a pasted letter or advert says what was pasted, not what the thread talked about.
 *
 * Scoring is TF-IDF of the thread as one document against the archive's threads. The archive's statistics count
 * single terms only (counting every pair of words at archive scale costs more than it tells), so a phrase is scored
 * from its parts: how rare its rarest word is, and how often the thread uses the words together rather than apart.
 */
import { processTerm } from '../text';
import type { ThreadVocabulary } from './analysis';
import type { CorpusStats } from './corpusStats';
import { countPhrases, joined, phraseRarity, WEAK_WORDS, type OwnedText } from './phrases';

export type { OwnedText } from './phrases';

export interface KeyTerm {
  /** As written in the thread ("sick leave", "One HMPPS", "Raab"). */
  text: string;
  /** Its index terms, in order. */
  termIds: number[];
}

/** A single word (not a name) must be used this often, by more than one writer, to be a term. */
const UNIGRAM_MIN_COUNT = 3;
/** A single word that is no name weighs less than a phrase or a name: "What it was about" should not be a word list. */
const WORD_WEIGHT = 0.5;
/** Terms scoring below this share of the best one are filler: fewer, better terms read better than eight. */
const MIN_SHARE_OF_BEST = 0.2;
/** …but a thread that has them gets at least this many. */
const MIN_TERMS = 4;
/** Words used capitalised mid-sentence are names; names are how regulars recognise a thread. */
const NAME_BOOST = 1.3;

interface Candidate {
  termIds: number[];
  count: number;
  spread: number;
  score: number;
  /** Name to show as is (a quoted speaker), instead of reading it back from the text. */
  fixed?: string;
  /** Uses of a phrase that run from a lower-case word into a capitalised one. */
  intoName?: number;
}

function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const first = word[0];
  return first.toLowerCase() !== first;
}

/** "Napo’s" and "Napo's" are shown as "Napo": the possessive is not part of the word. */
function surfaceOf(word: string): string {
  return word.replace(/['’]s$/i, '');
}

function usable(term: string): boolean {
  // Numbers ("2022") and two-letter stems are rarely what a thread is about.
  if (term.length < 3) return false;
  // Index terms that start with a digit are numbers (processTerm keeps digit-only words whole): test only those.
  const first = term.charCodeAt(0);
  return !(first >= 48 && first <= 57 && /^\d+$/.test(term));
}

/** Keeps the `keep` best-scoring candidates (all when there are fewer), so the choice sorts a few dozen, not thousands. */
function best(candidates: Candidate[], keep: number): Candidate[] {
  if (candidates.length <= keep) return candidates;
  const scores = Float64Array.from(candidates, (c) => c.score).sort();
  const threshold = scores[scores.length - keep];
  return candidates.filter((c) => c.score >= threshold);
}

/** Not at the start of a sentence or line (where every word is capitalised). */
function capitalisedMidSentence(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const p = text[i];
    if (p === ' ' || p === '"' || p === '“' || p === "'" || p === '‘' || p === '(') continue;
    return !(p === '.' || p === '!' || p === '?' || p === '\n' || p === ':');
  }
  return false;
}

/**
 * `texts` are the thread's readable texts (title, body, comments) read with `vocabulary`; `documentFrequency` is by
 * term id; `speakers` are the names of the sources the post quotes. Returns at most `max` terms, best first.
 */
export function keyTerms(
  texts: readonly OwnedText[],
  vocabulary: ThreadVocabulary,
  stats: CorpusStats,
  documentFrequency: Int32Array,
  speakers: readonly string[],
  max = 8,
): KeyTerm[] {
  const { terms, termOfWord, words } = vocabulary;
  const size = terms.length;
  const rarity = new Float64Array(size);
  const isUsable = new Uint8Array(size);
  for (let t = 0; t < size; t++) {
    rarity[t] = Math.max(0, Math.log((stats.documents + 1) / (documentFrequency[t] + 1)));
    isUsable[t] = usable(terms[t]) ? 1 : 0;
  }
  const count = new Int32Array(size);
  const spread = new Int32Array(size);
  const lastText = new Int32Array(size).fill(-1);
  /** Occurrences written with a capital in mid-sentence, and in lower case: names are the first and never the second. */
  const capitalised = new Int32Array(size);
  const lowerCase = new Int32Array(size);
  const wordCount = new Int32Array(words.length);
  // Whether each spelling starts with a capital, once per spelling rather than once per occurrence.
  const upper = new Uint8Array(words.length);
  for (let w = 0; w < words.length; w++) upper[w] = startsUpper(words[w]) ? 1 : 0;
  texts.forEach(({ analysis, own }, textIndex) => {
    for (let k = 0; k < analysis.words.length; k++) {
      if (own && own[k] === 0) continue;
      const w = analysis.words[k];
      wordCount[w]++;
      const t = termOfWord[w];
      if (t < 0 || isUsable[t] === 0) continue;
      count[t]++;
      if (upper[w] === 0) lowerCase[t]++;
      else if (capitalisedMidSentence(analysis.text, analysis.starts[k])) capitalised[t]++;
      if (lastText[t] !== textIndex) {
        spread[t]++;
        lastText[t] = textIndex;
      }
    }
  });
  const isName = (t: number) => capitalised[t] > 0 && capitalised[t] >= 4 * lowerCase[t];

  const candidates: Candidate[] = [];
  for (let t = 0; t < size; t++) {
    if (count[t] < 2 || rarity[t] <= 0) continue;
    if (WEAK_WORDS.has(terms[t])) continue;
    // A single word must recur across the thread to say what it was about ("cook" twice is chance); a name need not.
    if (!isName(t) && (spread[t] < 2 || count[t] < UNIGRAM_MIN_COUNT)) continue;
    candidates.push({
      termIds: [t],
      count: count[t],
      spread: spread[t],
      score: use(count[t], spread[t]) * rarity[t] * (isName(t) ? NAME_BOOST : WORD_WEIGHT),
    });
  }
  const rarityOf = (termIds: readonly number[]) => phraseRarity(termIds, documentFrequency, stats.documents);
  for (const phrase of countPhrases(texts, vocabulary, {
    count,
    upper,
    usable: isUsable,
    isName,
    documentFrequency,
    documents: stats.documents,
  })) {
    const c: Candidate = { ...phrase, score: 0 };
    // A phrase of names ("Amy Rees") reads as one name; a word running into a name ("late Professor Paul") as neither.
    c.score =
      phraseScore(c, rarityOf(c.termIds), count) * (c.termIds.every(isName) ? NAME_BOOST : 1) * (c.intoName! * 2 > c.count ? 0.5 : 1);
    candidates.push(c);
  }
  for (const s of speakerTerms(speakers, vocabulary, count, spread, rarity)) {
    // The speaker's name may also be a phrase of the thread: one candidate, the better score, shown as the post names them.
    const same = candidates.find((c) => c.termIds.length === s.termIds.length && c.termIds.every((t, i) => s.termIds[i] === t));
    if (same) {
      same.score = Math.max(same.score, s.score);
      same.fixed = s.fixed;
    } else candidates.push(s);
  }

  // A chosen phrase can replace the words inside it, so a few times `max` compete: enough for any thread.
  const chosen = choose(best(candidates, max * 6), max);
  const top = chosen[0]?.score ?? 0;
  while (chosen.length > MIN_TERMS && chosen[chosen.length - 1].score < MIN_SHARE_OF_BEST * top) chosen.pop();
  const shown = surfaces(chosen, texts, vocabulary, wordCount);
  return chosen.map((c, i) => ({ text: shown[i], termIds: c.termIds }));
}

/**
 * A phrase counts for more the more its words keep together ("fire" is nearly always "fire alarm" here): cohesion, the
 * phrase's count over its rarest word's, lifts it by up to twice.
 */
/**
 * How much the thread uses a term: how often, and by how many of its writers. What many people in a thread say is
 * what it was about; one writer's favourite word is not.
 */
function use(count: number, spread: number): number {
  return (1 + Math.log(count)) * (1 + Math.log(Math.max(1, spread)));
}

function phraseScore(c: Candidate, rarity: number, count: Int32Array): number {
  const cohesion = Math.min(1, c.count / Math.min(...c.termIds.map((t) => count[t])));
  return use(c.count, c.spread) * rarity * (1 + cohesion);
}

/**
 * The people the post quotes are part of what it is about ("Sonia Flynn"), even when the thread calls them by one
 * name ("Shove it Sonia!"): each counts as often as the thread uses the most used of its words, once more for the
 * quotation itself.
 */
function speakerTerms(
  speakers: readonly string[],
  vocabulary: ThreadVocabulary,
  count: Int32Array,
  spread: Int32Array,
  rarity: Float64Array,
): Candidate[] {
  if (speakers.length === 0) return [];
  const idOf = new Map(vocabulary.terms.map((t, i) => [t, i]));
  const out: Candidate[] = [];
  for (const name of new Set(speakers)) {
    const termIds: number[] = [];
    for (const word of name.split(/\s+/)) {
      const term = processTerm(word.replace(/^['‘]/, ''));
      const id = term === null ? undefined : idOf.get(term);
      if (id !== undefined) termIds.push(id);
    }
    if (termIds.length === 0) continue;
    const used = Math.max(...termIds.map((t) => count[t]));
    const c: Candidate = { termIds, count: used + 1, spread: Math.max(...termIds.map((t) => spread[t])) + 1, score: 0, fixed: name };
    const r = Math.max(...termIds.map((t) => rarity[t]));
    c.score = use(c.count, c.spread) * r * NAME_BOOST * (termIds.length > 1 ? 2 : 1);
    out.push(c);
  }
  return out;
}

/** Best first; a term inside a chosen phrase is not shown again, and a phrase replaces a chosen word it contains. */
function choose(candidates: Candidate[], max: number): Candidate[] {
  candidates.sort((a, b) => b.score - a.score || b.count - a.count || b.termIds.length - a.termIds.length || a.termIds[0] - b.termIds[0]);
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (chosen.some((p) => c.termIds.every((t) => p.termIds.includes(t)))) continue;
    const inside = chosen.findIndex((p) => p.termIds.every((t) => c.termIds.includes(t)));
    if (inside >= 0) {
      // "Amy Rees" takes the place of "Amy" and of "Rees", wherever each was.
      chosen[inside] = c;
      for (let i = chosen.length - 1; i > inside; i--) if (chosen[i].termIds.every((t) => c.termIds.includes(t))) chosen.splice(i, 1);
      continue;
    }
    // Overlapping phrases ("late Professor Paul", "Professor Paul Senior") say one thing twice: the better one stays.
    if (c.termIds.length > 1 && chosen.some((p) => p.termIds.length > 1 && p.termIds.some((t) => c.termIds.includes(t)))) continue;
    if (chosen.length < max) chosen.push(c);
  }
  return chosen;
}

/** The form used most (ties: the form met first, as a Map keeps insertion order). */
function mostUsed(forms: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [form, n] of forms) {
    if (n > bestCount) {
      best = form;
      bestCount = n;
    }
  }
  return best;
}

/**
 * How the thread most often wrote each chosen term or phrase. Single words are read off the spelling counts; phrases
 * in one walk over the own words for all of them together.
 */
function surfaces(
  chosen: readonly Candidate[],
  texts: readonly OwnedText[],
  vocabulary: ThreadVocabulary,
  wordCount: Int32Array,
): string[] {
  const { termOfWord, words } = vocabulary;
  const forms = chosen.map(() => new Map<string, number>());
  const byFirstTerm = new Map<number, number[]>();
  const single = new Map<number, number>();
  chosen.forEach((c, i) => {
    if (c.fixed) return;
    if (c.termIds.length === 1) single.set(c.termIds[0], i);
    else byFirstTerm.set(c.termIds[0], [...(byFirstTerm.get(c.termIds[0]) ?? []), i]);
  });
  // Spelling ids are numbered in the order first met, so Maps filled in id order break ties by first use.
  if (single.size > 0) {
    for (let w = 0; w < words.length; w++) {
      const i = wordCount[w] === 0 ? undefined : single.get(termOfWord[w]);
      if (i === undefined) continue;
      const form = surfaceOf(words[w]);
      forms[i].set(form, (forms[i].get(form) ?? 0) + wordCount[w]);
    }
  }
  if (byFirstTerm.size > 0) {
    for (const { analysis, own } of texts) {
      const ids = analysis.words;
      for (let k = 0; k < ids.length; k++) {
        const starting = byFirstTerm.get(termOfWord[ids[k]]);
        if (!starting || (own && own[k] === 0)) continue;
        for (const i of starting) {
          const n = chosen[i].termIds.length;
          if (k + n > ids.length) continue;
          let match = true;
          for (let q = 1; q < n && match; q++)
            match =
              termOfWord[ids[k + q]] === chosen[i].termIds[q] &&
              (!own || own[k + q] === 1) &&
              joined(analysis.text, analysis.starts[k + q - 1] + words[ids[k + q - 1]].length, analysis.starts[k + q]);
          if (!match) continue;
          const last = k + n - 1;
          const form = surfaceOf(analysis.text.slice(analysis.starts[k], analysis.starts[last] + words[ids[last]].length));
          forms[i].set(form, (forms[i].get(form) ?? 0) + 1);
        }
      }
    }
  }
  return chosen.map((c, i) => c.fixed ?? mostUsed(forms[i]));
}
