/**
 * The relevance evaluation behind `npm run eval:search`: graded queries (scripts/relevance/relevance-set.json, judged by
 * reading the units) run through our engine and through SQLite FTS5's bm25 over the same units in the same run, each
 * scored by nDCG@5. The set is what ranking changes are tuned on (never a single query): see docs/relevance.md.
 *
 * Grades: 3 the comment or passage a reader wants quoted, 2 relevant, 1 marginal (a passing mention, pasted
 * boilerplate that happens to contain the words), 0 not relevant. Units nobody judged count as 0, so every run also
 * reports how many of each system's top 5 were judged: a ranking change that surfaces unjudged units must be judged
 * (`--pool`) before its figure means anything.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import type { Archive } from '../../src/corpus/types';
import { silentLogger } from '../../src/log';
import { buildSearchIndex, parseQuery, QueryError, SearchIndex } from '../../src/search';
import type { RankingWeights } from '../../src/search/ranking/ranker';
import { ensureBenchArchive } from './benchArchive';
import { buildFtsBaseline, type FtsBaseline } from './ftsBaseline';
import { GENERATOR_VERSION } from './syntheticArchive';

export const RELEVANCE_SET_FILE = path.resolve(__dirname, '..', 'relevance', 'relevance-set.json');
const SEEDS_DIR = path.resolve(__dirname, '..', '..', 'seeds');
/** Cut-off of the measure: the first page of /search. */
export const DEPTH = 5;

export type ArchiveName = 'seeds' | 'synthetic';

export interface JudgedQuery {
  archive: ArchiveName;
  query: string;
  /** What a reader looking for this wants, and how the grades were decided. */
  need: string;
  /** Unit id → grade (0–3). Units not listed are grade 0. */
  grades: Record<string, number>;
}

export interface RelevanceSet {
  /** The synthetic archive the `synthetic` queries were judged on (scripts/lib/syntheticArchive.ts). */
  synthetic: { posts: number; seed: number; generatorVersion: number };
  queries: JudgedQuery[];
}

export interface QueryOutcome {
  judged: JudgedQuery;
  ours: string[];
  fts: string[];
  oursNdcg: number;
  ftsNdcg: number;
  /** How many of each top DEPTH carry a judgment (grade 0 included). */
  oursJudged: number;
  ftsJudged: number;
}

export interface EvaluationReport {
  outcomes: QueryOutcome[];
  oursMean: number;
  ftsMean: number;
  /** Queries skipped, with why (e.g. the synthetic archive's generator changed since they were judged). */
  skipped: Array<{ query: string; reason: string }>;
}

export function loadRelevanceSet(file = RELEVANCE_SET_FILE): RelevanceSet {
  const set = JSON.parse(readFileSync(file, 'utf8')) as RelevanceSet;
  for (const q of set.queries) {
    for (const [id, grade] of Object.entries(q.grades)) {
      if (![0, 1, 2, 3].includes(grade)) throw new Error(`${file}: "${q.query}" grades ${id} ${grade}: grades are 0–3`);
    }
  }
  return set;
}

/** Discounted cumulative gain of a ranking at DEPTH, over the ideal ordering of every judged unit. */
export function ndcg(ranked: readonly string[], grades: Readonly<Record<string, number>>, depth = DEPTH): number {
  const gain = (g: number) => 2 ** g - 1;
  let dcg = 0;
  ranked.slice(0, depth).forEach((id, i) => (dcg += gain(grades[id] ?? 0) / Math.log2(i + 2)));
  const ideal = Object.values(grades)
    .sort((a, b) => b - a)
    .slice(0, depth)
    .reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

export interface Engines {
  archive: Archive;
  index: SearchIndex;
  fts: FtsBaseline;
}

/** Our index and the FTS5 baseline over the same units, for one archive of the set. */
export async function openEngines(name: ArchiveName, set: RelevanceSet): Promise<Engines> {
  const dir = name === 'seeds' ? SEEDS_DIR : ensureBenchArchive(set.synthetic.posts, set.synthetic.seed).dir;
  const archive = await loadArchive(dir, { logger: silentLogger });
  const index = buildSearchIndex(archive);
  return { archive, index, fts: buildFtsBaseline(index.units) };
}

/**
 * Runs the set's queries on our engine (with the given ranking weights, default the shipped ones) and on FTS5.
 * Archives and their indexes are built once per run object, so a tuner can try many weights cheaply.
 */
export class RelevanceRun {
  private readonly engines = new Map<ArchiveName, Engines>();
  private readonly baseline = new Map<JudgedQuery, string[]>();

  constructor(readonly set: RelevanceSet) {}

  async evaluate(options: { ranking?: RankingWeights; only?: (q: JudgedQuery) => boolean } = {}): Promise<EvaluationReport> {
    const outcomes: QueryOutcome[] = [];
    const skipped: EvaluationReport['skipped'] = [];
    const indexes = new Map<ArchiveName, SearchIndex>();
    for (const judged of this.set.queries) {
      if (options.only && !options.only(judged)) continue;
      if (judged.archive === 'synthetic' && this.set.synthetic.generatorVersion !== GENERATOR_VERSION) {
        skipped.push({
          query: judged.query,
          reason: `judged on generator v${this.set.synthetic.generatorVersion}, the generator is now v${GENERATOR_VERSION}`,
        });
        continue;
      }
      const engine = await this.engine(judged.archive);
      let index = indexes.get(judged.archive);
      if (!index) {
        index = options.ranking ? new SearchIndex(engine.index.data, { ranking: options.ranking }) : engine.index;
        indexes.set(judged.archive, index);
      }
      const unknown = Object.keys(judged.grades).filter((id) => !engine.index.unit(id));
      if (unknown.length > 0)
        throw new Error(`"${judged.query}" judges units the ${judged.archive} archive does not have: ${unknown.join(', ')}`);
      const ours = searchIds(index, judged.query);
      let fts = this.baseline.get(judged);
      if (!fts) this.baseline.set(judged, (fts = ftsIds(engine, judged.query)));
      const judgedCount = (ids: string[]) => ids.filter((id) => id in judged.grades).length;
      outcomes.push({
        judged,
        ours,
        fts,
        oursNdcg: ndcg(ours, judged.grades),
        ftsNdcg: ndcg(fts, judged.grades),
        oursJudged: judgedCount(ours),
        ftsJudged: judgedCount(fts),
      });
    }
    const mean = (f: (o: QueryOutcome) => number) =>
      outcomes.length === 0 ? 0 : outcomes.reduce((sum, o) => sum + f(o), 0) / outcomes.length;
    return { outcomes, oursMean: mean((o) => o.oursNdcg), ftsMean: mean((o) => o.ftsNdcg), skipped };
  }

  close(): void {
    for (const e of this.engines.values()) e.fts.close();
    this.engines.clear();
  }

  private async engine(name: ArchiveName): Promise<Engines> {
    let engine = this.engines.get(name);
    if (!engine) this.engines.set(name, (engine = await openEngines(name, this.set)));
    return engine;
  }
}

/** Our top DEPTH; a query the engine refuses (an older engine without is:) finds nothing. */
function searchIds(index: SearchIndex, query: string): string[] {
  try {
    return index.search(query, { limit: DEPTH }).hits.map((h) => h.id);
  } catch (e) {
    if (e instanceof QueryError) return [];
    throw e;
  }
}

function ftsIds(engine: Engines, query: string): string[] {
  try {
    return engine.fts.rank(parseQuery(query), DEPTH).map((n) => engine.index.units[n].id);
  } catch (e) {
    if (e instanceof QueryError) return [];
    throw e;
  }
}

/** Runs every query of the set on both engines, once. */
export async function evaluate(set: RelevanceSet, only?: (q: JudgedQuery) => boolean): Promise<EvaluationReport> {
  const run = new RelevanceRun(set);
  try {
    return await run.evaluate({ only });
  } finally {
    run.close();
  }
}
