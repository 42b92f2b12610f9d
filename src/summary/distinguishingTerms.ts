/**
 * The words that set a thread apart: TF-IDF of the thread as one document against the archive's threads, shown as
 * a reader would write them (the stem "privatis" is shown as "privatisation" if that is how the thread spelt it).
 */
import type { AnalyzedText } from './analysis';
import type { CorpusStats } from './corpusStats';

interface TermTally {
  count: number;
  /** How many texts (body, title, comments) use it: a word one commenter repeats is less the thread's than one many use. */
  spread: number;
  lastText: number;
}

/** "Napo’s" and "Napo's" are shown as "Napo": the possessive is not part of the word. */
function surfaceOf(word: string): string {
  return word.replace(/['’]s$/i, '');
}

function usable(term: string | null): term is string {
  // Numbers ("2022") and two-letter stems are rarely what a thread is about.
  if (term === null || term.length < 3) return false;
  const first = term.charCodeAt(0);
  // Index terms that start with a digit are numbers (processTerm keeps digit-only words whole).
  return !(first >= 48 && first <= 57 && /^\d+$/.test(term));
}

/** `texts` are the thread's readable texts (title, body, comments that were not removed). */
export function distinguishingTerms(texts: AnalyzedText[], stats: CorpusStats, max = 8): string[] {
  const tallies = new Map<string, TermTally>();
  for (let textIndex = 0; textIndex < texts.length; textIndex++) {
    const terms = texts[textIndex].terms;
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k];
      if (!usable(term)) continue;
      let tally = tallies.get(term);
      if (!tally) {
        tally = { count: 0, spread: 0, lastText: -1 };
        tallies.set(term, tally);
      }
      tally.count++;
      if (tally.lastText !== textIndex) {
        tally.spread++;
        tally.lastText = textIndex;
      }
    }
  }

  const scored: { term: string; score: number; count: number }[] = [];
  for (const [term, tally] of tallies) {
    const df = stats.documentFrequency.get(term) ?? 0;
    // Unsmoothed: a term every thread uses scores 0, however often this thread says it.
    const rarity = Math.log((stats.documents + 1) / (df + 1));
    if (rarity <= 0) continue;
    scored.push({ term, score: (1 + Math.log(tally.count)) * rarity * (tally.spread >= 2 ? 1 : 0.6), count: tally.count });
  }
  // A word used once is noise on a long thread; keep such words only when the thread is too short to offer better.
  const repeated = scored.filter((s) => s.count >= 2);
  const pool = repeated.length >= max ? repeated : scored;
  pool.sort((a, b) => b.score - a.score || b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  // Twice what is needed: two stems can share a spelling ("Probation" / "probation's"), and those are shown once.
  const chosen = pool.slice(0, max * 2).map((s) => s.term);

  // Spellings are only counted for the chosen terms: one more pass over the tokens, no work for the rest.
  const surfaces = new Map<string, Map<string, number>>(chosen.map((t) => [t, new Map()]));
  for (const text of texts) {
    for (let k = 0; k < text.terms.length; k++) {
      const term = text.terms[k];
      const forTerm = term === null ? undefined : surfaces.get(term);
      if (!forTerm) continue;
      const surface = surfaceOf(text.tokens[k].text);
      forTerm.set(surface, (forTerm.get(surface) ?? 0) + 1);
    }
  }

  const out: string[] = [];
  const shown = new Set<string>();
  for (const term of chosen) {
    if (out.length >= max) break;
    const word = mostFrequent(surfaces.get(term)!);
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
  // Map iteration is insertion order, so ties go to the spelling met first: deterministic.
  for (const [surface, count] of counts) {
    if (count > bestCount) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}
