/**
 * One benchmark run, in one process: parse, build without cache, load with cache (here and in a fresh child process
 * for `readyMs`), then latencies through the real command handlers (router → command module → renderer → Discord
 * payload), and the FTS5 baseline over the same units with the same queries.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadArchive } from '../../src/corpus/loadArchive';
import type { Post } from '../../src/corpus/types';
import type { AutocompleteCall, CommandCall } from '../../src/discord/commandTypes';
import { createBotContext, type BotContext } from '../../src/discord/context';
import { toDiscordPayload } from '../../src/discord/respond';
import { loadCommands, runAutocomplete, runCommand, type CommandRegistry } from '../../src/discord/router';
import { silentLogger } from '../../src/log';
import { loadOrBuildSearchIndex, parseQuery, QueryError, type ParsedQuery } from '../../src/search';
import { openStore } from '../../src/store/openStore';
import { warmUpSummaries } from '../../src/summary/warmUp';
import { benchQueries, warmupQueries, type BenchQuery } from './benchQueries';
import type { BenchResult } from './benchReport';
import { summarise, type LatencySummary } from './benchStats';
import { buildFtsBaseline } from './ftsBaseline';
import { benchInsights } from './benchInsights';
import { machineInfo } from './machine';
import type { ReadyReport } from './readyProbe';
import { benchConfig } from './benchConfig';
import { createRng } from './prng';

export interface BenchRunOptions {
  archiveDir: string;
  seed: number | null;
  archiveBytes?: number;
  /** Progress lines (stderr in the CLI). */
  progress: (line: string) => void;
  /** How many of the largest threads /thread is timed on (default 100). */
  threads?: number;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PROBE = path.join(__dirname, 'readyProbe.ts');
const WARMUP_QUERIES = 20;
const AUTOCOMPLETE_POSTS = 150;

/** A full GC between phases, so memory figures and timings are not paying for the previous phase's garbage. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
})();

function dirBytes(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir)) {
    const s = statSync(path.join(dir, f));
    if (s.isFile()) total += s.size;
  }
  return total;
}

function mb(bytes: number): number {
  return bytes / 1024 ** 2;
}

/** Spawns the readiness probe and times spawn → its READY line. */
function measureReady(archiveDir: string, dataDir: string): Promise<{ ms: number; report: ReadyReport }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', PROBE, archiveDir, dataDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let done = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the readiness probe did not become ready within 600 s'));
    }, 600_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line && !done) {
        done = true;
        const ms = performance.now() - started;
        resolve({ ms, report: JSON.parse(line.slice('READY '.length)) as ReadyReport });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!done) reject(new Error(`the readiness probe exited with status ${code}: ${err.trim().slice(-2000)}`));
    });
  });
}

let callCounter = 0;
function nextCallId(): string {
  callCounter += 1;
  return `bench-${callCounter}`;
}

function options(values: Record<string, string | boolean>): CommandCall['options'] {
  return {
    getString: (name) => (typeof values[name] === 'string' ? values[name] : null),
    getBoolean: (name) => (typeof values[name] === 'boolean' ? values[name] : null),
  };
}

/** A command call as the Discord edge builds it; each call a new user, so cooldowns never refuse a timed call. */
function commandCall(commandName: string, values: Record<string, string | boolean>): CommandCall {
  const id = nextCallId();
  return { id, commandName, user: { id: `user-${id}`, name: 'bench' }, options: options(values), defer: async () => undefined };
}

/** Router → command → finishReply → Discord payload → JSON (what discord.js would send). Returns ms and whether it failed. */
async function timeCommand(registry: CommandRegistry, ctx: BotContext, call: CommandCall): Promise<{ ms: number; failed: boolean }> {
  const started = performance.now();
  const routed = await runCommand(registry, call, ctx);
  JSON.stringify(toDiscordPayload(routed.reply));
  return { ms: performance.now() - started, failed: routed.failed };
}

function byKind(queries: readonly BenchQuery[], samples: readonly number[]): Record<string, LatencySummary> {
  const groups = new Map<string, number[]>();
  queries.forEach((q, i) => {
    if (Number.isNaN(samples[i])) return;
    const list = groups.get(q.kind) ?? [];
    list.push(samples[i]);
    groups.set(q.kind, list);
  });
  return Object.fromEntries([...groups].map(([k, v]) => [k, summarise(v)]));
}

/** Title prefixes as people type them: the first few letters, a word or two, most of the title. */
function titlePrefixes(posts: readonly Post[]): string[] {
  const rng = createRng(0xac0);
  const titled = posts.filter((p) => p.title);
  const out: string[] = [];
  for (let i = 0; i < AUTOCOMPLETE_POSTS && titled.length > 0; i++) {
    const title = titled[rng.int(0, titled.length - 1)].title!;
    for (const n of [2, 4, 8, 15]) if (title.length > n) out.push(title.slice(0, n));
    out.push(title.toLowerCase());
  }
  return out;
}

export async function runBenchmark(opts: BenchRunOptions): Promise<BenchResult> {
  const totalStarted = performance.now();
  const log = opts.progress;
  const work = mkdtempSync(path.join(os.tmpdir(), 'archive-bot-bench-run-'));
  try {
    // 1. Parse.
    log('parsing the archive…');
    let started = performance.now();
    let archive: Awaited<ReturnType<typeof loadArchive>> | null = await loadArchive(opts.archiveDir, { logger: silentLogger });
    const parseMs = performance.now() - started;
    const posts = archive.posts.length;
    const comments = archive.posts.reduce((n, p) => n + p.comments.length, 0);
    log(`  ${posts} posts, ${comments} comments in ${Math.round(parseMs)} ms`);

    // 2. Build without a cache (and write it where createBotContext will look: <dataDir>/index).
    const dataDir = path.join(work, 'data');
    const cacheDir = path.join(dataDir, 'index');
    log('building the search index without a cache…');
    started = performance.now();
    let built: Awaited<ReturnType<typeof loadOrBuildSearchIndex>> | null = await loadOrBuildSearchIndex(archive, {
      cacheDir,
      logger: silentLogger,
    });
    const buildMs = performance.now() - started;
    if (!built.built) throw new Error('expected a build on an empty cache folder, but the index was loaded');
    const units = built.index.size;
    const indexBytes = dirBytes(cacheDir);
    log(`  ${units} units in ${Math.round(buildMs)} ms, cache ${mb(indexBytes).toFixed(1)} MB`);
    built = null;
    archive = null;
    collectGarbage();

    // 3. A first start in a fresh process with an empty data folder (a new install: parse, build, count statistics,
    //    write every cache), then a restart with those caches, which is what readyMs measures.
    log('first start in a fresh process with no cache (noCacheStartMs)…');
    const freshDataDir = path.join(work, 'fresh-data');
    const firstStart = await measureReady(opts.archiveDir, freshDataDir);
    log(`  ready in ${Math.round(firstStart.ms)} ms`);
    log('restart in a fresh process with the caches (readyMs)…');
    const ready = await measureReady(opts.archiveDir, freshDataDir);
    log(`  ready in ${Math.round(ready.ms)} ms, RSS ${ready.report.rssMB} MB`);
    if (ready.report.indexBuilt) throw new Error('the restart rebuilt the index instead of loading its cache');

    // 4. The same context in this process, from the caches the first start wrote, for the latency runs.
    log('loading the bot context with the cache in this process…');
    const store = await openStore(`sqlite://${path.join(freshDataDir, 'bot.sqlite')}`, { namespace: 'bot', logger: silentLogger });
    started = performance.now();
    const { context: ctx, info } = await createBotContext({
      config: benchConfig(opts.archiveDir, freshDataDir),
      store,
      logger: silentLogger,
    });
    const contextMs = performance.now() - started;
    if (info.indexBuilt) throw new Error('the caches written by the first start were not used by createBotContext');
    const loadMs = info.indexMs;
    const registry = loadCommands(undefined, silentLogger);
    collectGarbage();
    const mem = process.memoryUsage();
    log(`  context in ${Math.round(contextMs)} ms (index load ${Math.round(loadMs)} ms)`);

    // 5. /search through the handler, and 6. the FTS5 baseline (same units, same parsed queries), interleaved query by
    //    query (alternating which runs first), so both see the same machine: on a shared machine the load changes
    //    within seconds, and two passes one after the other compared different moments.
    log('FTS5 baseline: building…');
    const baseline = buildFtsBaseline(ctx.search.units);
    const baselineBuildMs = baseline.buildMs;
    collectGarbage();
    const queries = benchQueries();
    const parsed: Array<ParsedQuery | null> = queries.map((q) => {
      try {
        return parseQuery(q.text);
      } catch (e) {
        if (e instanceof QueryError) return null;
        throw e;
      }
    });
    log(`/search: ${queries.length} queries through the command handler, each followed or preceded by the baseline…`);
    // Warm-up: queries of every kind (not the timed ones), so no kind's first timed query pays for compiling its path.
    for (const q of warmupQueries(WARMUP_QUERIES)) {
      await timeCommand(registry, ctx, commandCall('search', { query: q.text }));
      try {
        baseline.search(parseQuery(q.text));
      } catch (e) {
        if (!(e instanceof QueryError)) throw e;
      }
    }
    const searchSamples: number[] = [];
    const baselineSamples: number[] = [];
    let searchErrorReplies = 0;
    const timeBaseline = (p: ParsedQuery | null): number => {
      if (!p) return NaN;
      const t = performance.now();
      baseline.search(p);
      return performance.now() - t;
    };
    for (let i = 0; i < queries.length; i++) {
      if (i % 2 === 1) baselineSamples.push(timeBaseline(parsed[i]));
      const { ms, failed } = await timeCommand(registry, ctx, commandCall('search', { query: queries[i].text }));
      searchSamples.push(ms);
      if (failed) searchErrorReplies++;
      if (i % 2 === 0) baselineSamples.push(timeBaseline(parsed[i]));
    }
    baseline.close();

    // 6b. /trend and /author (counting every match, drawing and rendering the chart) through the handler.
    const insights = await benchInsights({ ctx, time: (call) => timeCommand(registry, ctx, call), call: commandCall, log });

    // 7. /thread on the largest threads: first view (summary computed), then again (cached).
    const threadCount = opts.threads ?? 100;
    const bySize = [...ctx.archive.posts].sort((a, b) => b.comments.length - a.comments.length || (a.id < b.id ? -1 : 1));
    const largest = bySize.slice(0, threadCount);
    log(`/thread: the ${largest.length} largest threads…`);
    // What the bot does after ready (src/summary/warmUp.ts): small threads only, none among the timed.
    const warmed = await warmUpSummaries(ctx.summaries, ctx.archive, { pause: () => Promise.resolve() });
    log(`  summariser warmed up on ${warmed} small threads, as the bot does after ready`);
    const threadCold: number[] = [];
    const threadWarm: number[] = [];
    for (const post of largest) threadCold.push((await timeCommand(registry, ctx, commandCall('thread', { post: post.id }))).ms);
    for (const post of largest) threadWarm.push((await timeCommand(registry, ctx, commandCall('thread', { post: post.id }))).ms);

    // 8. /thread autocomplete over title prefixes.
    const prefixes = titlePrefixes(ctx.archive.posts);
    log(`autocomplete: ${prefixes.length} title prefixes…`);
    const autocompleteCall = (value: string): AutocompleteCall => {
      const id = nextCallId();
      return {
        id,
        commandName: 'thread',
        user: { id: `user-${id}`, name: 'bench' },
        focused: { name: 'post', value },
        options: options({ post: value }),
      };
    };
    for (const p of prefixes.slice(0, WARMUP_QUERIES)) await runAutocomplete(registry, autocompleteCall(p), ctx);
    const autocompleteSamples: number[] = [];
    for (const p of prefixes) {
      const t = performance.now();
      await runAutocomplete(registry, autocompleteCall(p), ctx);
      autocompleteSamples.push(performance.now() - t);
    }
    await store.disconnect().catch(() => undefined);

    return {
      archiveDir: opts.archiveDir,
      archiveMB: mb(opts.archiveBytes ?? dirBytes(opts.archiveDir)),
      seed: opts.seed,
      posts,
      comments,
      units,
      parseMs,
      buildMs,
      noCacheStartMs: firstStart.ms,
      indexBytes,
      loadMs,
      contextMs,
      readyMs: ready.ms,
      rssMB: ready.report.rssMB,
      heapUsedMB: ready.report.heapUsedMB,
      rssAfterGcMB: ready.report.rssAfterGcMB,
      heapUsedAfterGcMB: ready.report.heapUsedAfterGcMB,
      readyModulesMs: ready.report.modulesMs,
      readyContextMs: ready.report.contextMs,
      readyArchiveMs: ready.report.archiveMs,
      readyIndexMs: ready.report.indexMs,
      benchRssMB: mb(mem.rss),
      benchHeapUsedMB: mb(mem.heapUsed),
      search: summarise(searchSamples),
      searchByKind: byKind(queries, searchSamples),
      searchErrorReplies,
      baselineBuildMs,
      baseline: summarise(baselineSamples.filter((n) => !Number.isNaN(n))),
      baselineByKind: byKind(queries, baselineSamples),
      thread: summarise(threadCold),
      threadWarm: summarise(threadWarm),
      largestThreadComments: largest[0]?.comments.length ?? 0,
      autocomplete: summarise(autocompleteSamples),
      insights,
      machine: machineInfo(),
      totalMs: performance.now() - totalStarted,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
