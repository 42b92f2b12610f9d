/**
 * The benchmark's result and how it is printed: every figure with its target beside it (and, given an earlier run
 * with `--against`, how much it grew since), then the machine. The JSON form is the contract the checks read
 * (`npm run --silent bench -- --json`).
 */
import type { InsightsBench } from './benchInsights';
import type { MachineInfo } from './machine';
import { roundFigure, type LatencySummary } from './benchStats';

/** The targets (issue 14) on a 2-core machine, for the real archive's scale and twice it; a figure must not exceed its target. */
export interface Targets {
  readyMs: number;
  noCacheStartMs: number;
  rssMB: number;
  /** /search p99 through the handler ÷ the FTS5 baseline's p99 in the same run: below 1. */
  searchToBaselineP99Ratio: number;
  threadP99Ms: number;
  autocompleteP99Ms: number;
  /** /trend including counting and rendering the chart (cold cache). */
  trendP99Ms: number;
}

/** The real archive's size: up to it, the first targets; beyond it (up to twice it), the second. */
export const ARCHIVE_SCALE_POSTS = 4_500;

export function targetsFor(posts: number): Targets {
  const twice = posts > ARCHIVE_SCALE_POSTS;
  return {
    readyMs: twice ? 3_000 : 1_500,
    noCacheStartMs: twice ? 60_000 : 30_000,
    rssMB: twice ? 600 : 400,
    searchToBaselineP99Ratio: 1,
    threadP99Ms: 100,
    autocompleteP99Ms: 20,
    trendP99Ms: 300,
  };
}

export interface BenchResult {
  archiveDir: string;
  archiveMB: number;
  seed: number | null;
  posts: number;
  comments: number;
  units: number;
  /** loadArchive: read and parse every file. */
  parseMs: number;
  /** Index built without a cache (loadOrBuildSearchIndex on an empty cache folder: build + write the cache). */
  buildMs: number;
  /** parseMs + buildMs: a start without a cache, before the summaries' corpus statistics. */
  noCacheStartMs: number;
  /** Bytes of the serialised index in the cache folder. */
  indexBytes: number;
  /** Index loaded from the cache (in createBotContext, after a fresh parse). */
  loadMs: number;
  /** Whole createBotContext with a valid cache (parse + load + thread finder + corpus statistics), in this process. */
  contextMs: number;
  /** Child process: spawn → ready to answer, with a valid cache, as `npm start` would be before logging in. */
  readyMs: number;
  /** Child process at ready. */
  rssMB: number;
  heapUsedMB: number;
  /** Child process after a full GC once ready (the live set). */
  rssAfterGcMB: number;
  heapUsedAfterGcMB: number;
  /** Child process: where readyMs went. */
  readyModulesMs: number;
  readyContextMs: number;
  readyArchiveMs: number;
  readyIndexMs: number;
  /** This benchmark process after loading (holds more than the bot: kept for comparison). */
  benchRssMB: number;
  benchHeapUsedMB: number;
  search: LatencySummary;
  searchByKind: Record<string, LatencySummary>;
  /** Replies that were the error reply (a QueryError is a normal answer to some typed queries; crashes would show here too). */
  searchErrorReplies: number;
  baselineBuildMs: number;
  baseline: LatencySummary;
  baselineByKind: Record<string, LatencySummary>;
  /** Cold: the first /thread of each of the 100 largest threads (summary computed). */
  thread: LatencySummary;
  /** Warm: the same threads again (summary cached). */
  threadWarm: LatencySummary;
  largestThreadComments: number;
  autocomplete: LatencySummary;
  insights: InsightsBench;
  machine: MachineInfo;
  totalMs: number;
}

/** The flat JSON object of the contract (plus details), every figure a number; `growth` when an earlier run is given. */
export function toJson(r: BenchResult, earlier?: Record<string, unknown>): Record<string, unknown> {
  const round = (n: number) => roundFigure(n);
  const byKind = (m: Record<string, LatencySummary>) =>
    Object.fromEntries(
      Object.entries(m).map(([k, s]) => [k, { p50Ms: round(s.p50), p99Ms: round(s.p99), maxMs: round(s.max), count: s.count }]),
    );
  const out: Record<string, unknown> = {
    posts: r.posts,
    comments: r.comments,
    units: r.units,
    parseMs: round(r.parseMs),
    buildMs: round(r.buildMs),
    noCacheStartMs: round(r.noCacheStartMs),
    indexBytes: r.indexBytes,
    indexMB: round(r.indexBytes / 1024 ** 2),
    loadMs: round(r.loadMs),
    contextMs: round(r.contextMs),
    readyMs: round(r.readyMs),
    rssMB: round(r.rssMB),
    heapUsedMB: round(r.heapUsedMB),
    rssAfterGcMB: round(r.rssAfterGcMB),
    heapUsedAfterGcMB: round(r.heapUsedAfterGcMB),
    readyModulesMs: round(r.readyModulesMs),
    readyContextMs: round(r.readyContextMs),
    readyArchiveMs: round(r.readyArchiveMs),
    readyIndexMs: round(r.readyIndexMs),
    benchRssMB: round(r.benchRssMB),
    benchHeapUsedMB: round(r.benchHeapUsedMB),
    searchP50Ms: round(r.search.p50),
    searchP95Ms: round(r.search.p95),
    searchP99Ms: round(r.search.p99),
    searchMaxMs: round(r.search.max),
    searchQueries: r.search.count,
    searchErrorReplies: r.searchErrorReplies,
    autocompleteP50Ms: round(r.autocomplete.p50),
    autocompleteP99Ms: round(r.autocomplete.p99),
    threadP50Ms: round(r.thread.p50),
    threadP99Ms: round(r.thread.p99),
    threadMaxMs: round(r.thread.max),
    threadWarmP99Ms: round(r.threadWarm.p99),
    largestThreadComments: r.largestThreadComments,
    trendP50Ms: round(r.insights.trend.p50),
    trendP99Ms: round(r.insights.trend.p99),
    trendMaxMs: round(r.insights.trend.max),
    trendCalls: r.insights.trend.count,
    trendWarmP99Ms: round(r.insights.trendWarm.p99),
    trendErrorReplies: r.insights.errorReplies,
    trendToBaselineP99Ratio: round(r.insights.trend.p99 / r.baseline.p99),
    authorP50Ms: round(r.insights.author.p50),
    authorP99Ms: round(r.insights.author.p99),
    chartRenderP50Ms: round(r.insights.render.p50),
    chartRenderP99Ms: round(r.insights.render.p99),
    baselineBuildMs: round(r.baselineBuildMs),
    baselineSearchP50Ms: round(r.baseline.p50),
    baselineSearchP99Ms: round(r.baseline.p99),
    searchToBaselineP50Ratio: round(r.search.p50 / r.baseline.p50),
    searchToBaselineP99Ratio: round(r.search.p99 / r.baseline.p99),
    searchByKind: byKind(r.searchByKind),
    baselineByKind: byKind(r.baselineByKind),
    archiveMB: round(r.archiveMB),
    archiveDir: r.archiveDir,
    seed: r.seed,
    targets: targetsFor(r.posts),
    machine: r.machine,
    totalMs: round(r.totalMs),
  };
  if (earlier) out.growth = growth(out, earlier);
  return out;
}

/** Each top-level figure of this run ÷ the same figure of an earlier run (e.g. 9,000 posts against 4,500). */
export function growth(run: Record<string, unknown>, earlier: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(run)) {
    const before = earlier[key];
    if (typeof value === 'number' && typeof before === 'number' && before !== 0 && key !== 'seed') out[key] = roundFigure(value / before);
  }
  return out;
}

/** A figure with its target (ok when not above it) and, with an earlier run, its growth since. */
function rowOf(grown: Record<string, number> | null) {
  return (name: string, value: number, unit: string, target?: number, key?: string): string => {
    const v = `${roundFigure(value)} ${unit}`;
    const g = grown && key && grown[key] !== undefined ? `   ×${grown[key]}`.padEnd(10) : grown ? ''.padEnd(10) : '';
    if (target === undefined) return `  ${name.padEnd(50)} ${v.padStart(14)}${g}`;
    const ok = value <= target ? 'ok  ' : 'MISS';
    return `  ${name.padEnd(50)} ${v.padStart(14)}${g}   target ≤ ${target} ${unit}   ${ok}`;
  };
}

/** The human-readable report; with an earlier run (its JSON), each figure's growth since (×, this ÷ that). */
export function formatReport(r: BenchResult, earlier?: Record<string, unknown>): string {
  const m = r.machine;
  const kinds = Object.keys(r.searchByKind);
  const TARGETS = targetsFor(r.posts);
  const grown = earlier ? growth(toJson(r), earlier) : null;
  const row = rowOf(grown);
  const lines = [
    `Archive: ${r.posts} posts, ${r.comments} comments, ${r.units} search units, ${roundFigure(r.archiveMB)} MB (${r.archiveDir}${r.seed !== null ? `, seed ${r.seed}` : ''})`,
    ...(earlier
      ? [
          `Growth: each figure ÷ the earlier run's (${String(earlier.posts)} posts, ${String(earlier.comments)} comments): ×${grown?.posts ?? '?'} posts`,
        ]
      : []),
    '',
    'Start-up',
    row('parse (loadArchive)', r.parseMs, 'ms', undefined, 'parseMs'),
    row('index build without cache (incl. writing it)', r.buildMs, 'ms', undefined, 'buildMs'),
    row('first start without any cache (new process)', r.noCacheStartMs, 'ms', TARGETS.noCacheStartMs, 'noCacheStartMs'),
    row('serialised index size', r.indexBytes / 1024 ** 2, 'MB', undefined, 'indexMB'),
    row('index load from cache', r.loadMs, 'ms', undefined, 'loadMs'),
    row('createBotContext with cache (in process)', r.contextMs, 'ms', undefined, 'contextMs'),
    row('ready with cache (new process)', r.readyMs, 'ms', TARGETS.readyMs, 'readyMs'),
    row('  of which: loading modules (tsx, discord.js, bot)', r.readyModulesMs, 'ms', undefined, 'readyModulesMs'),
    row('  of which: createBotContext', r.readyContextMs, 'ms', undefined, 'readyContextMs'),
    row('    archive (from its cache)', r.readyArchiveMs, 'ms', undefined, 'readyArchiveMs'),
    row('    index load from cache', r.readyIndexMs, 'ms', undefined, 'readyIndexMs'),
    row('    rest (statistics cache, thread finder, lookups)', r.readyContextMs - r.readyArchiveMs - r.readyIndexMs, 'ms'),
    row('RSS at ready (new process)', r.rssMB, 'MB', TARGETS.rssMB, 'rssMB'),
    row('heap used at ready (new process)', r.heapUsedMB, 'MB', undefined, 'heapUsedMB'),
    row('RSS after a full GC once ready (live set)', r.rssAfterGcMB, 'MB', undefined, 'rssAfterGcMB'),
    row('heap used after a full GC once ready', r.heapUsedAfterGcMB, 'MB', undefined, 'heapUsedAfterGcMB'),
    row('RSS of this benchmark process after load', r.benchRssMB, 'MB', undefined, 'benchRssMB'),
    '',
    `/search through the command handler and renderer (${r.search.count} queries, ${r.searchErrorReplies} answered with an error message)`,
    row('p50', r.search.p50, 'ms', undefined, 'searchP50Ms'),
    row('p95', r.search.p95, 'ms', undefined, 'searchP95Ms'),
    row('p99', r.search.p99, 'ms', undefined, 'searchP99Ms'),
    row('max', r.search.max, 'ms', undefined, 'searchMaxMs'),
    ...kinds.map((k) => row(`  ${k}: p50 / p99 ${roundFigure(r.searchByKind[k].p50)} /`, r.searchByKind[k].p99, 'ms')),
    '',
    `Baseline: SQLite FTS5 (porter, bm25, top 10 + snippet) over the same units, same queries`,
    row('build (insert + optimize)', r.baselineBuildMs, 'ms', undefined, 'baselineBuildMs'),
    row('p50', r.baseline.p50, 'ms', undefined, 'baselineSearchP50Ms'),
    row('p99', r.baseline.p99, 'ms', undefined, 'baselineSearchP99Ms'),
    ...kinds.map((k) => row(`  ${k}: p50 / p99 ${roundFigure(r.baselineByKind[k].p50)} /`, r.baselineByKind[k].p99, 'ms')),
    row('ratio /search ÷ FTS5 at p50', r.search.p50 / r.baseline.p50, '×', undefined, 'searchToBaselineP50Ratio'),
    row('ratio /search ÷ FTS5 at p99', r.search.p99 / r.baseline.p99, '×', TARGETS.searchToBaselineP99Ratio, 'searchToBaselineP99Ratio'),
    '',
    `/trend through the command handler: count every match, draw and render the chart (${r.insights.trend.count} calls, cold cache, ${r.insights.errorReplies} error replies)`,
    row('p50', r.insights.trend.p50, 'ms'),
    row('p99', r.insights.trend.p99, 'ms', TARGETS.trendP99Ms),
    row('max', r.insights.trend.max, 'ms'),
    row('same calls again, from the chart cache: p99', r.insights.trendWarm.p99, 'ms'),
    row('ratio /trend ÷ FTS5 search at p99 (same run)', r.insights.trend.p99 / r.baseline.p99, '×'),
    row('of which SVG → PNG alone: p50', r.insights.render.p50, 'ms'),
    row('of which SVG → PNG alone: p99', r.insights.render.p99, 'ms'),
    row(`/author, ${r.insights.author.count} most frequent signatures: p50`, r.insights.author.p50, 'ms'),
    row(`/author: p99`, r.insights.author.p99, 'ms'),
    '',
    `/thread summary, the ${r.thread.count} largest threads (largest: ${r.largestThreadComments} comments)`,
    row('first view p50', r.thread.p50, 'ms', undefined, 'threadP50Ms'),
    row('first view p99', r.thread.p99, 'ms', TARGETS.threadP99Ms, 'threadP99Ms'),
    row('cached p99', r.threadWarm.p99, 'ms', undefined, 'threadWarmP99Ms'),
    '',
    `/thread autocomplete over title prefixes (${r.autocomplete.count} calls)`,
    row('p50', r.autocomplete.p50, 'ms', undefined, 'autocompleteP50Ms'),
    row('p99', r.autocomplete.p99, 'ms', TARGETS.autocompleteP99Ms, 'autocompleteP99Ms'),
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.platform}`,
    `Benchmark took ${roundFigure(r.totalMs / 1000)} s`,
  ];
  return lines.join('\n');
}
