/**
 * `npm run gen-archive -- --posts 4500 --out <dir> [--seed N] [--comments-per-post X]`
 * Writes a deterministic synthetic archive in the real export format (see scripts/lib/syntheticArchive.ts).
 */
import path from 'node:path';
import { positiveOption, readScriptArgs, seedOption } from './lib/scriptArgs';
import { generateArchive } from './lib/syntheticArchive';

const USAGE = 'Usage: npm run gen-archive -- --posts <N> --out <dir> [--seed <N>] [--comments-per-post <X>]';

function main(argv: string[]): number {
  const options = {
    posts: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    'comments-per-post': { type: 'string' },
  } as const;
  const read = readScriptArgs('gen-archive', USAGE, argv, options, (values) => {
    if (!values.posts || !values.out) throw new Error('--posts and --out are required');
    return {
      posts: positiveOption(values.posts, 'posts', true)!,
      seed: seedOption(values.seed),
      commentsPerPost: positiveOption(values['comments-per-post'], 'comments-per-post', false),
      outDir: path.resolve(values.out),
    };
  });
  if ('exit' in read) return read.exit;
  const { posts, seed, commentsPerPost, outDir } = read.args;
  const started = performance.now();
  let manifest;
  try {
    manifest = generateArchive({ posts, outDir, seed, commentsPerPost });
  } catch (e) {
    process.stderr.write(`gen-archive: ${(e as Error).message}\n`);
    return 1;
  }
  const ms = performance.now() - started;
  process.stderr.write(
    `Wrote ${manifest.posts.length} posts, ${manifest.totalComments} comments, ` +
      `${(manifest.totalBytes / 1e6).toFixed(1)} MB to ${outDir} (seed ${seed}) in ${(ms / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
