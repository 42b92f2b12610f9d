/**
 * Query evaluation: required and optional words scored with MiniSearch's own BM25+ (its default parameters and
 * prefix/fuzzy weights, read from MiniSearch by the adapter; the same field boosts), read straight from the frozen
 * posting lists (segments.ts). MiniSearch's search() builds a result object for every unit containing ANY of the words
 * and sorts them all; here a query walks the rarest required word's lists, keeps the units the other required words
 * also reach (galloping through their lists when that is cheaper than walking them), runs the filters and phrase
 * checks only on those, and keeps just a unit number and a score per survivor. Scratch arrays are per index and
 * reused, so a query allocates almost nothing per unit.
 */
import { SCORING } from './miniSearchAdapter';
import type { PostingList, Segments, TermPostings } from './segments';
import { seek } from './gallop';

/** A word of the query: its processed term, and whether the loose stage may match it fuzzily or as a prefix. */
export interface TermSpec {
  term: string;
  fuzzy: boolean;
  prefix: boolean;
}

interface Variant {
  term: string;
  weight: number;
  postings: TermPostings;
}

/** A query word with the indexed terms it matches (itself, and in the loose stage its completions and near misses). */
export interface ExpandedTerm {
  source: string;
  variants: Variant[];
}

/** The units that match, unordered: unit numbers and their scores, `count` of each in use. */
export interface Matches {
  units: Int32Array;
  scores: Float64Array;
  count: number;
}

/** Fuzziness as a share of the term's length, capped at MAX_FUZZY edits (as the search stages always asked). */
const FUZZY = 0.2;
const MAX_FUZZY = 2;

/** The indexed terms a query word matches: exact always; in the loose stage completions (prefix) and near misses (fuzzy). */
export function expandTerm(segments: Segments, spec: TermSpec, loose: boolean): ExpandedTerm {
  const variants: Variant[] = [];
  const exact = segments.lookup(spec.term);
  if (exact) variants.push({ term: spec.term, weight: 1, postings: exact });
  if (!loose) return { source: spec.term, variants };
  const completions = new Set<string>();
  if (spec.prefix) {
    for (const [term, postings] of segments.withPrefix(spec.term)) {
      const distance = term.length - spec.term.length;
      if (distance === 0) continue;
      completions.add(term);
      variants.push({ term, weight: (SCORING.prefixWeight * term.length) / (term.length + 0.3 * distance), postings });
    }
  }
  if (spec.fuzzy) {
    const maxDistance = Math.min(MAX_FUZZY, Math.round(spec.term.length * FUZZY));
    if (maxDistance > 0) {
      for (const [term, [postings, distance]] of segments.fuzzy(spec.term, maxDistance)) {
        if (distance === 0 || completions.has(term)) continue;
        variants.push({ term, weight: (SCORING.fuzzyWeight * term.length) / (term.length + distance), postings });
      }
    }
  }
  return { source: spec.term, variants };
}

function isAscending(values: Int32Array, count: number): boolean {
  for (let i = 1; i < count; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

function postingCount(term: ExpandedTerm): number {
  let n = 0;
  for (const v of term.variants) n += v.postings.size;
  return n;
}

/** The per-list constants of BM25+, so the loops over postings only do the per-unit part. */
interface ListScoring {
  factor: number;
  norm: number;
  lengthFactor: number;
}

const { k: K, b: B, d: D } = SCORING;

export class TermEvaluator {
  private readonly score: Float64Array;
  /** Distinct required words seen in the unit during this query. */
  private readonly required: Uint16Array;
  private readonly optional: Uint16Array;
  /** Which query (gen) touched the unit, and which word (tick) last counted it. */
  private readonly gen: Int32Array;
  private readonly tick: Int32Array;
  private readonly live: Int32Array;
  private currentGen = 0;
  private currentTick = 0;
  /** Whether the live list is ascending (as galloping needs); walking one list keeps it so, walking several may not. */
  private liveSorted = true;

  constructor(
    private readonly segments: Segments,
    /** Boost per field id. */
    private readonly fieldBoosts: readonly number[],
  ) {
    const n = segments.unitLimit;
    this.score = new Float64Array(n);
    this.required = new Uint16Array(n);
    this.optional = new Uint16Array(n);
    this.gen = new Int32Array(n);
    this.tick = new Int32Array(n);
    this.live = new Int32Array(n);
  }

  /**
   * The units containing every required word and, when there are optional words, at least one of them, that `accept`
   * keeps. Score: the sum of each matched term's BM25+ over the fields, times the number of query words matched
   * (MiniSearch's "quality").
   */
  run(required: readonly ExpandedTerm[], optional: readonly ExpandedTerm[], accept: (unit: number) => boolean): Matches {
    const empty: Matches = { units: new Int32Array(0), scores: new Float64Array(0), count: 0 };
    if (required.length + optional.length === 0) return empty;
    if (required.some((t) => t.variants.length === 0)) return empty;
    const gen = this.nextGen();
    let liveCount = 0;
    const ordered = [...required].sort((a, b) => postingCount(a) - postingCount(b));
    if (ordered.length > 0) {
      liveCount = this.walk(ordered[0], gen, true, this.required);
      this.liveSorted = isAscending(this.live, liveCount);
      for (let i = 1; i < ordered.length && liveCount > 0; i++) {
        this.add(ordered[i], gen, liveCount, this.required);
        liveCount = this.keep(liveCount, (n) => this.required[n] === i + 1);
      }
    }
    if (optional.length > 0) {
      if (ordered.length === 0) {
        for (const term of optional) liveCount = this.walk(term, gen, true, this.optional, liveCount);
      } else {
        for (const term of optional) this.add(term, gen, liveCount, this.optional);
        liveCount = this.keep(liveCount, (n) => this.optional[n] > 0);
      }
    }
    const units = new Int32Array(liveCount);
    const scores = new Float64Array(liveCount);
    let count = 0;
    for (let i = 0; i < liveCount; i++) {
      const n = this.live[i];
      if (!accept(n)) continue;
      units[count] = n;
      scores[count] = this.score[n] * (this.required[n] + this.optional[n]);
      count++;
    }
    return { units, scores, count };
  }

  /** The indexed terms of `terms` that unit n contains (what its snippet highlights). */
  matchedTerms(n: number, terms: readonly ExpandedTerm[]): string[] {
    const out: string[] = [];
    for (const term of terms) {
      for (const v of term.variants) {
        if (out.includes(v.term)) continue;
        if (
          v.postings.fields.some((f) =>
            f.lists.some(
              (list) => seek(list.docs, list.start, list.end, n) < list.end && list.docs[seek(list.docs, list.start, list.end, n)] === n,
            ),
          )
        ) {
          out.push(v.term);
        }
      }
    }
    return out;
  }

  private nextGen(): number {
    this.currentGen++;
    if (this.currentGen >= 0x7fffffff) {
      this.gen.fill(0);
      this.currentGen = 1;
    }
    return this.currentGen;
  }

  private nextTick(): number {
    this.currentTick++;
    if (this.currentTick >= 0x7fffffff) {
      this.tick.fill(0);
      this.currentTick = 1;
    }
    return this.currentTick;
  }

  /** BM25+ constants of a variant's list in one field (null for an unboosted field). */
  private listScoring(weight: number, field: number, documentFrequency: number): ListScoring | null {
    const boost = this.fieldBoosts[field];
    if (!boost) return null;
    const total = this.segments.documentCount;
    const idf = Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
    return { factor: weight * boost * idf, norm: K * (1 - B), lengthFactor: (K * B) / this.segments.avgFieldLength[field] };
  }

  /**
   * Walks every posting of the word. With `open`, units not yet seen in this query join the live list (fresh
   * counters); otherwise only units already live are scored. Returns the new live count.
   */
  private walk(term: ExpandedTerm, gen: number, open: boolean, counter: Uint16Array, liveCount = 0): number {
    const tick = this.nextTick();
    const { score, tick: ticks, gen: gens, live } = this;
    const fieldCount = this.segments.fieldCount;
    for (const v of term.variants) {
      for (const field of v.postings.fields) {
        const scoring = this.listScoring(v.weight, field.field, field.size);
        if (!scoring) continue;
        const { factor, norm, lengthFactor } = scoring;
        for (const list of field.lists) {
          const { docs, tfs, lengths, end } = list;
          const base = field.field - list.firstId * fieldCount;
          for (let i = list.start; i < end; i++) {
            const n = docs[i];
            if (gens[n] !== gen) {
              if (!open) continue;
              gens[n] = gen;
              score[n] = 0;
              this.required[n] = 0;
              this.optional[n] = 0;
              live[liveCount++] = n;
            }
            const tf = tfs[i];
            score[n] += factor * (D + (tf * (K + 1)) / (tf + norm + lengthFactor * lengths[n * fieldCount + base]));
            if (ticks[n] !== tick) {
              ticks[n] = tick;
              counter[n]++;
            }
          }
        }
      }
    }
    return liveCount;
  }

  /**
   * Scores the word into the live units only (ascending): galloping through its lists when that is cheaper than
   * walking them.
   */
  private add(term: ExpandedTerm, gen: number, liveCount: number, counter: Uint16Array): void {
    let lists = 0;
    for (const v of term.variants) for (const f of v.postings.fields) lists += f.lists.length;
    if (liveCount * lists * 4 >= postingCount(term)) {
      this.walk(term, gen, false, counter);
      return;
    }
    if (!this.liveSorted) {
      this.live.subarray(0, liveCount).sort();
      this.liveSorted = true;
    }
    const tick = this.nextTick();
    const { score, tick: ticks } = this;
    const fieldCount = this.segments.fieldCount;
    for (const v of term.variants) {
      for (const field of v.postings.fields) {
        const scoring = this.listScoring(v.weight, field.field, field.size);
        if (!scoring) continue;
        const { factor, norm, lengthFactor } = scoring;
        for (const list of field.lists) {
          this.probe(list, liveCount, (n, i) => {
            const tf = list.tfs[i];
            score[n] +=
              factor * (D + (tf * (K + 1)) / (tf + norm + lengthFactor * list.lengths[(n - list.firstId) * fieldCount + field.field]));
            if (ticks[n] !== tick) {
              ticks[n] = tick;
              counter[n]++;
            }
          });
        }
      }
    }
  }

  /** Calls `found(unit, posting)` for each live unit (ascending) the list holds. */
  private probe(list: PostingList, liveCount: number, found: (n: number, i: number) => void): void {
    const { docs, end } = list;
    const live = this.live;
    let at = list.start;
    for (let i = 0; i < liveCount && at < end; i++) {
      const n = live[i];
      at = seek(docs, at, end, n);
      if (at < end && docs[at] === n) found(n, at);
    }
  }

  /** Compacts the live list to the units passing `keep`, in order. */
  private keep(liveCount: number, keep: (n: number) => boolean): number {
    let out = 0;
    for (let i = 0; i < liveCount; i++) {
      const n = this.live[i];
      if (keep(n)) this.live[out++] = n;
    }
    return out;
  }
}
