/**
 * The words that set a thread apart: TF-IDF of the thread as one document against the archive's threads, shown as
 * a reader would write them (the stem "privatis" is shown as "privatisation" if that is how the thread spelt it).
 */
import type { AnalyzedText, ThreadVocabulary } from './analysis';
import type { CorpusStats } from './corpusStats';

/** "Napo’s" and "Napo's" are shown as "Napo": the possessive is not part of the word. */
function surfaceOf(word: string): string {
  return word.replace(/['’]s$/i, '');
}

function usable(term: string): boolean {
  // Numbers ("2022") and two-letter stems are rarely what a thread is about.
  if (term.length < 3) return false;
  const first = term.charCodeAt(0);
  // Index terms that start with a digit are numbers (processTerm keeps digit-only words whole).
  return !(first >= 48 && first <= 57 && /^\d+$/.test(term));
}

/**
 * `texts` are the thread's readable texts (title, body, comments that were not removed), analysed in this order with
 * `vocabulary`; `documentFrequency` is by term id (see `documentFrequencies`). Counting runs over integer ids in typed
 * arrays: no string is hashed per word.
 */
export function distinguishingTerms(texts: AnalyzedText[], vocabulary: ThreadVocabulary, stats: CorpusStats, documentFrequency: Int32Array, max = 8): string[] {
  const { terms, termOfWord, words } = vocabulary;
  const isUsable = new Uint8Array(terms.length);
  for (let t = 0; t < terms.length; t++) isUsable[t] = usable(terms[t]) ? 1 : 0;
  const count = new Int32Array(terms.length);
  /** How many texts (body, title, comments) use it: a word one commenter repeats is less the thread's than one many use. */
  const spread = new Int32Array(terms.length);
  const lastText = new Int32Array(terms.length).fill(-1);
  const wordCount = new Int32Array(words.length);
  for (let textIndex = 0; textIndex < texts.length; textIndex++) {
    const ids = texts[textIndex].words;
    for (let k = 0; k < ids.length; k++) {
      const w = ids[k];
      wordCount[w]++;
      const t = termOfWord[w];
      if (t < 0 || isUsable[t] === 0) continue;
      count[t]++;
      if (lastText[t] !== textIndex) {
        spread[t]++;
        lastText[t] = textIndex;
      }
    }
  }

  const scored: { term: number; score: number; count: number }[] = [];
  for (let t = 0; t < terms.length; t++) {
    if (count[t] === 0) continue;
    const df = documentFrequency[t];
    // Unsmoothed: a term every thread uses scores 0, however often this thread says it.
    const rarity = Math.log((stats.documents + 1) / (df + 1));
    if (rarity <= 0) continue;
    scored.push({ term: t, score: (1 + Math.log(count[t])) * rarity * (spread[t] >= 2 ? 1 : 0.6), count: count[t] });
  }
  // A word used once is noise on a long thread; keep such words only when the thread is too short to offer better.
  const repeated = scored.filter((s) => s.count >= 2);
  const pool = repeated.length >= max ? repeated : scored;
  pool.sort((a, b) => b.score - a.score || b.count - a.count || (terms[a.term] < terms[b.term] ? -1 : terms[a.term] > terms[b.term] ? 1 : 0));
  // Twice what is needed: two stems can share a spelling ("Probation" / "probation's"), and those are shown once.
  const chosen = pool.slice(0, max * 2).map((s) => s.term);

  // Spellings of the chosen terms only. Spelling ids are numbered in the order first met in the thread, so a Map filled
  // in id order holds each shown form in the order first met: ties go to the spelling met first, deterministically.
  const slot = new Int32Array(terms.length).fill(-1);
  chosen.forEach((t, i) => (slot[t] = i));
  const surfaces = chosen.map(() => new Map<string, number>());
  for (let w = 0; w < words.length; w++) {
    const t = termOfWord[w];
    if (t < 0 || slot[t] < 0 || wordCount[w] === 0) continue;
    const forTerm = surfaces[slot[t]];
    const surface = surfaceOf(words[w]);
    forTerm.set(surface, (forTerm.get(surface) ?? 0) + wordCount[w]);
  }

  const out: string[] = [];
  const shown = new Set<string>();
  for (let i = 0; i < chosen.length; i++) {
    if (out.length >= max) break;
    const word = mostFrequent(surfaces[i]);
    const key = word.toLowerCase();
    if (!word || shown.has(key)) continue;
    shown.add(key);
    out.push(word);
  }
  return out;
}

function mostFrequent(counts: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [surface, count] of counts) {
    if (count > bestCount) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}
