import { growth, targetsFor } from '../../scripts/lib/benchReport';

describe('the benchmark report', () => {
  it('says how much each figure grew since an earlier run, figure by figure', () => {
    const earlier = { posts: 4500, readyMs: 1000, rssMB: 300, searchP99Ms: 10, archiveDir: '/a', seed: 1, indexMB: 0 };
    const now = { posts: 9000, readyMs: 1800, rssMB: 450, searchP99Ms: 12, archiveDir: '/b', seed: 1, comments: 5, indexMB: 60 };
    expect(growth(now, earlier)).toEqual({ posts: 2, readyMs: 1.8, rssMB: 1.5, searchP99Ms: 1.2 });
  });

  it('holds the issue targets for the archive and for twice it', () => {
    expect(targetsFor(4500)).toMatchObject({
      readyMs: 1500,
      rssMB: 400,
      noCacheStartMs: 30000,
      searchToBaselineP99Ratio: 1,
      threadP99Ms: 100,
      autocompleteP99Ms: 20,
    });
    expect(targetsFor(9000)).toMatchObject({ readyMs: 3000, rssMB: 600, noCacheStartMs: 60000, searchToBaselineP99Ratio: 1 });
  });
});
