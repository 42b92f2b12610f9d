/**
 * The fixed /search query mix: the same few hundred queries on every run (fixed seed, fixed vocabulary), in the
 * shapes people type: common words, rare words, phrases, several words, filters and typos. Each kind stresses a
 * different part of the engine (long posting lists, the vocabulary tail, the phrase check, filtering, fuzzy match).
 */
import { createRng } from './prng';
import { COMMON_WORDS, PHRASES, PROBATION_TERMS, RANKED_WORDS } from './vocabulary';

export type QueryKind = 'common' | 'rare' | 'phrase' | 'multi' | 'filter' | 'typo';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

const QUERY_SEED = 0xbe9c4;
/** Warm-up queries: the same kinds from another seed, so the timed queries are not already cached anywhere. */
const WARMUP_SEED = 0x3a11;
/** How many of each kind: 300 in all. */
const MIX: Record<QueryKind, number> = { common: 70, rare: 50, phrase: 40, multi: 50, filter: 50, typo: 40 };

const CONTENT_WORDS = [...PROBATION_TERMS, ...COMMON_WORDS].filter((w) => w.length > 2);
/** Invented words from the vocabulary's tail (ranks past the real words): each occurs a handful of times or less. */
const FIRST_RARE_RANK = 2_000;

function typo(word: string, r: () => number): string {
  const i = 1 + Math.floor(r() * (word.length - 2));
  const kind = Math.floor(r() * 3);
  if (kind === 0) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap two letters
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1); // drop one
  return word.slice(0, i) + word[i] + word.slice(i); // double one
}

/** The fixed query mix; another seed gives different queries of the same kinds (e.g. for warming up). */
export function benchQueries(seed = QUERY_SEED): BenchQuery[] {
  const rng = createRng(seed);
  const content = () => rng.pick(CONTENT_WORDS).toLowerCase();
  const rare = () => RANKED_WORDS[rng.int(FIRST_RARE_RANK, RANKED_WORDS.length - 1)];
  const out: BenchQuery[] = [];
  for (let i = 0; i < MIX.common; i++) out.push({ kind: 'common', text: content() });
  for (let i = 0; i < MIX.rare; i++) out.push({ kind: 'rare', text: rare() });
  for (let i = 0; i < MIX.phrase; i++) {
    out.push({ kind: 'phrase', text: i < PHRASES.length ? `"${PHRASES[i]}"` : `"${content()} ${content()}"` });
  }
  for (let i = 0; i < MIX.multi; i++) {
    const words = [content(), rng.chance(0.5) ? content() : rare()];
    if (rng.chance(0.4)) words.push(content());
    out.push({ kind: 'multi', text: words.join(' ') });
  }
  const filters = [
    () => `author:Getafix ${content()}`,
    () => `author:"Probation Officer" ${content()}`,
    () => `author:Jim ${content()}`,
    () => `year:${rng.int(2010, 2023)} ${content()}`,
    () => `before:${rng.int(2011, 2016)} ${content()}`,
    () => `after:${rng.int(2018, 2023)}-${String(rng.int(1, 12)).padStart(2, '0')} ${content()}`,
    () => `year:${rng.int(2012, 2022)} "${rng.pick(PHRASES)}"`,
    () => `${content()} -${content()}`,
  ];
  for (let i = 0; i < MIX.filter; i++) out.push({ kind: 'filter', text: filters[i % filters.length]() });
  const longWords = CONTENT_WORDS.filter((w) => w.length >= 6);
  for (let i = 0; i < MIX.typo; i++) out.push({ kind: 'typo', text: typo(rng.pick(longWords).toLowerCase(), rng.next) });
  return out;
}

/** `count` queries of every kind in proportion (another seed than the timed ones): what warms up before timing. */
export function warmupQueries(count: number): BenchQuery[] {
  const all = benchQueries(WARMUP_SEED);
  return Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]);
}
