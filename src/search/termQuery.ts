/**
 * The query evaluator behind /search: required and optional words scored with MiniSearch's own BM25+ (same
 * parameters, field boosts and prefix/fuzzy weights, so rankings are what MiniSearch would give), but read straight
 * from the posting lists. Why not MiniSearch's search(): it builds a result object (terms array, match object) for
 * every unit containing ANY of the words, runs the filter on each, and sorts them all, which made a two-word phrase of
 * common words cost hundreds of milliseconds at archive scale. Here a query walks the rarest required word's list,
 * keeps the units the other required words also reach (probing their lists when that is cheaper than walking them),
 * runs the filters and phrase checks only on those, and keeps just a unit number and a score per survivor. Scratch
 * arrays are per index and reused, so a query allocates almost nothing per unit.
 */
import type { IndexView, Postings } from './miniSearchInternals';

/** A word of the query: its processed term, and whether the loose stage may match it fuzzily or as a prefix. */
export interface TermSpec {
  term: string;
  fuzzy: boolean;
  prefix: boolean;
}

interface Variant {
  term: string;
  weight: number;
  postings: Postings;
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

// MiniSearch 7.2's defaults (SearchOptions.weights, bm25), kept equal so relevance is unchanged.
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
const BM25_K = 1.2;
const BM25_B = 0.7;
const BM25_D = 0.5;
/** Fuzziness as a share of the term's length, capped at MAX_FUZZY edits (as the search stages always asked). */
const FUZZY = 0.2;
const MAX_FUZZY = 2;

/** The indexed terms a query word matches: exact always; in the loose stage completions (prefix) and near misses (fuzzy). */
export function expandTerm(view: IndexView, spec: TermSpec, loose: boolean): ExpandedTerm {
  const variants: Variant[] = [];
  const exact = view.postings(spec.term);
  if (exact) variants.push({ term: spec.term, weight: 1, postings: exact });
  if (!loose) return { source: spec.term, variants };
  const completions = new Set<string>();
  if (spec.prefix) {
    for (const [term, postings] of view.withPrefix(spec.term)) {
      const distance = term.length - spec.term.length;
      if (distance === 0) continue;
      completions.add(term);
      variants.push({ term, weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance), postings });
    }
  }
  if (spec.fuzzy) {
    const maxDistance = Math.min(MAX_FUZZY, Math.round(spec.term.length * FUZZY));
    if (maxDistance > 0) {
      for (const [term, [postings, distance]] of view.fuzzy(spec.term, maxDistance)) {
        if (distance === 0 || completions.has(term)) continue;
        variants.push({ term, weight: (FUZZY_WEIGHT * term.length) / (term.length + distance), postings });
      }
    }
  }
  return { source: spec.term, variants };
}

function postingCount(term: ExpandedTerm): number {
  let n = 0;
  for (const v of term.variants) for (const docs of v.postings.values()) n += docs.size;
  return n;
}

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

  constructor(
    private readonly view: IndexView,
    /** Boost per field id. */
    private readonly fieldBoosts: readonly number[],
  ) {
    const n = view.idLimit;
    this.score = new Float64Array(n);
    this.required = new Uint16Array(n);
    this.optional = new Uint16Array(n);
    this.gen = new Int32Array(n);
    this.tick = new Int32Array(n);
    this.live = new Int32Array(n);
  }

  /**
   * The units containing every required word and, when there are optional words, at least one of them, that `accept`
   * keeps (it gets the unit number). Score: the sum of each matched term's BM25+ over the fields, times the number of
   * query words matched (MiniSearch's "quality").
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
      for (let i = 1; i < ordered.length && liveCount > 0; i++) {
        this.add(ordered[i], gen, liveCount, this.required);
        liveCount = this.keep(liveCount, (id) => this.required[id] === i + 1);
      }
    }
    if (optional.length > 0) {
      if (ordered.length === 0) {
        for (const term of optional) liveCount = this.walk(term, gen, true, this.optional, liveCount);
      } else {
        for (const term of optional) this.add(term, gen, liveCount, this.optional);
        liveCount = this.keep(liveCount, (id) => this.optional[id] > 0);
      }
    }
    const units = new Int32Array(liveCount);
    const scores = new Float64Array(liveCount);
    let count = 0;
    for (let i = 0; i < liveCount; i++) {
      const id = this.live[i];
      const unit = this.view.unitOf[id];
      if (unit < 0 || !accept(unit)) continue;
      units[count] = unit;
      scores[count] = this.score[id] * (this.required[id] + this.optional[id]);
      count++;
    }
    return { units, scores, count };
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

  /**
   * The per-list constants of MiniSearch's BM25+ for one variant of a word in one field (null for an unboosted
   * field), so the loops over postings only do the per-unit part.
   */
  private listScoring(weight: number, fieldId: number, listSize: number): { factor: number; norm: number; lengthFactor: number; lengths: Float64Array } | null {
    const boost = this.fieldBoosts[fieldId];
    if (!boost) return null;
    const idf = Math.log(1 + (this.view.documentCount - listSize + 0.5) / (listSize + 0.5));
    return {
      factor: weight * boost * idf,
      norm: BM25_K * (1 - BM25_B),
      lengthFactor: (BM25_K * BM25_B) / this.view.avgFieldLength[fieldId],
      lengths: this.view.fieldLength[fieldId],
    };
  }

  /**
   * Walks every posting of the word. With `open`, units not yet seen in this query join the live list (fresh
   * counters); otherwise only units already live are scored. Returns the new live count.
   */
  private walk(term: ExpandedTerm, gen: number, open: boolean, counter: Uint16Array, liveCount = 0): number {
    const tick = this.nextTick();
    const { score, tick: ticks, gen: gens, live } = this;
    for (const v of term.variants) {
      for (const [fieldId, docs] of v.postings) {
        const list = this.listScoring(v.weight, fieldId, docs.size);
        if (!list) continue;
        const { factor, norm, lengthFactor, lengths } = list;
        for (const [id, tf] of docs) {
          if (gens[id] !== gen) {
            if (!open) continue;
            gens[id] = gen;
            score[id] = 0;
            this.required[id] = 0;
            this.optional[id] = 0;
            live[liveCount++] = id;
          }
          score[id] += factor * (BM25_D + (tf * (BM25_K + 1)) / (tf + norm + lengthFactor * lengths[id]));
          if (ticks[id] !== tick) {
            ticks[id] = tick;
            counter[id]++;
          }
        }
      }
    }
    return liveCount;
  }

  /** Scores the word into the live units only: by probing its lists per unit when that is cheaper than walking them. */
  private add(term: ExpandedTerm, gen: number, liveCount: number, counter: Uint16Array): void {
    let lists = 0;
    for (const v of term.variants) lists += v.postings.size;
    if (liveCount * lists >= postingCount(term)) {
      this.walk(term, gen, false, counter);
      return;
    }
    const tick = this.nextTick();
    const { score, tick: ticks, live } = this;
    for (const v of term.variants) {
      for (const [fieldId, docs] of v.postings) {
        const list = this.listScoring(v.weight, fieldId, docs.size);
        if (!list) continue;
        const { factor, norm, lengthFactor, lengths } = list;
        for (let i = 0; i < liveCount; i++) {
          const id = live[i];
          const tf = docs.get(id);
          if (tf === undefined) continue;
          score[id] += factor * (BM25_D + (tf * (BM25_K + 1)) / (tf + norm + lengthFactor * lengths[id]));
          if (ticks[id] !== tick) {
            ticks[id] = tick;
            counter[id]++;
          }
        }
      }
    }
  }

  /** Compacts the live list to the units passing `keep`. */
  private keep(liveCount: number, keep: (id: number) => boolean): number {
    let out = 0;
    for (let i = 0; i < liveCount; i++) {
      const id = this.live[i];
      if (keep(id)) this.live[out++] = id;
    }
    return out;
  }
}
