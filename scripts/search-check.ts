/**
 * `npm run search-check -- [--posts N] [--seed N] [--record] [--file <path>]`
 *
 * Runs the 300 bench queries on the synthetic archive (the benchmark's, generated or reused) and compares each
 * query's total and top five hits with the recording in scripts/fixtures/ (or records them with --record). The
 * index is checked twice: as built, and as loaded back from the cache the build wrote (what a restart serves).
 * Exit status 0 when everything matches, 1 with the differences listed otherwise.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadArchive } from '../src/corpus/loadArchive';
import { silentLogger } from '../src/log';
import { loadOrBuildSearchIndex } from '../src/search';
import { ensureBenchArchive } from './lib/benchArchive';
import { benchQueries } from './lib/benchQueries';
import { positiveOption, readScriptArgs, seedOption } from './lib/scriptArgs';
import { compareResults, formatRecording, runQueries, type RecordedResults } from './lib/searchResults';
import { GENERATOR_VERSION } from './lib/syntheticArchive';

const USAGE = 'Usage: npm run search-check -- [--posts <N>] [--seed <N>] [--record] [--file <path>]';

function recordingPath(posts: number, seed: number): string {
  return path.join(__dirname, 'fixtures', `search-results-${posts}-seed${seed}.json`);
}

async function main(argv: string[]): Promise<number> {
  const options = { posts: { type: 'string' }, seed: { type: 'string' }, record: { type: 'boolean' }, file: { type: 'string' } } as const;
  const read = readScriptArgs('search-check', USAGE, argv, options, (values) => ({
    values,
    posts: positiveOption(values.posts, 'posts', true) ?? 4_500,
    seed: seedOption(values.seed),
  }));
  if ('exit' in read) return read.exit;
  const { values, posts, seed } = read.args;
  const file = values.file ? path.resolve(values.file) : recordingPath(posts, seed);
  const log = (line: string) => process.stderr.write(`[search-check] ${line}\n`);
  const { dir } = ensureBenchArchive(posts, seed);
  const archive = await loadArchive(dir, { logger: silentLogger });
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'archive-bot-search-check-'));
  try {
    let started = performance.now();
    const built = await loadOrBuildSearchIndex(archive, { cacheDir, logger: silentLogger });
    log(`built ${built.index.size} units in ${Math.round(performance.now() - started)} ms`);
    const queries = benchQueries();
    started = performance.now();
    const fromBuild = runQueries(built.index, queries);
    log(`ran ${queries.length} queries in ${Math.round(performance.now() - started)} ms`);
    const recorded: RecordedResults = {
      archive: { posts, seed, generator: GENERATOR_VERSION, units: built.index.size },
      results: fromBuild,
    };
    if (values.record) {
      writeFileSync(file, formatRecording(recorded));
      log(`recorded to ${file}`);
      return 0;
    }
    if (!existsSync(file)) {
      log(`no recording at ${file}: run with --record first`);
      return 1;
    }
    const expected = JSON.parse(readFileSync(file, 'utf8')) as RecordedResults;
    const loaded = await loadOrBuildSearchIndex(archive, { cacheDir, logger: silentLogger });
    if (loaded.built) throw new Error('the cache just written was not used');
    const fromCache = runQueries(loaded.index, queries);
    let failed = false;
    for (const [name, results] of [
      ['built', fromBuild],
      ['loaded from cache', fromCache],
    ] as const) {
      const diffs = compareResults(expected.results, results);
      if (expected.archive.units !== built.index.size)
        diffs.unshift({ query: '*', what: `units ${expected.archive.units} → ${built.index.size}` });
      if (diffs.length === 0) {
        log(`${name}: all ${results.length} queries have the recorded totals and top hits`);
        continue;
      }
      failed = true;
      log(`${name}: ${diffs.length} differences`);
      for (const d of diffs.slice(0, 50)) process.stdout.write(`${name}\t${d.query}\t${d.what}\n`);
    }
    return failed ? 1 : 0;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`search-check: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
