/**
 * The 300 bench queries on a small synthetic archive find what the recording says (totals, top five hits and their
 * scores): the engine's internals may change, what it finds may not, unless the recording is redone on purpose
 * (`npm run search-check -- --posts 300 --record --file test/bench/fixtures/search-results-300.json`) with the
 * reason in the commit. The same check at 4,500 posts is `npm run search-check`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadArchive } from '../../src/corpus/loadArchive';
import { loadOrBuildSearchIndex } from '../../src/search';
import { benchQueries } from '../../scripts/lib/benchQueries';
import { compareResults, runQueries, type RecordedResults } from '../../scripts/lib/searchResults';
import { generateArchive } from '../../scripts/lib/syntheticArchive';

const recorded = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'search-results-300.json'), 'utf8')) as RecordedResults;
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'search-results-test-'));
  generateArchive({ posts: recorded.archive.posts, seed: recorded.archive.seed, outDir: path.join(work, 'archive') });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the bench queries on a 300-post archive', () => {
  it('find the recorded totals and top hits, as built and as loaded from the cache', async () => {
    const archive = await loadArchive(path.join(work, 'archive'));
    const cacheDir = path.join(work, 'cache');
    const built = await loadOrBuildSearchIndex(archive, { cacheDir });
    expect(built.built).toBe(true);
    expect(built.index.size).toBe(recorded.archive.units);
    expect(compareResults(recorded.results, runQueries(built.index, benchQueries()))).toEqual([]);
    const loaded = await loadOrBuildSearchIndex(archive, { cacheDir });
    expect(loaded.built).toBe(false);
    expect(compareResults(recorded.results, runQueries(loaded.index, benchQueries()))).toEqual([]);
  }, 120_000);
});
