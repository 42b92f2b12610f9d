/**
 * `npm run gen-archive -- --posts 4500 --out <dir> [--seed N] [--comments-per-post X]`
 * Writes a deterministic synthetic archive in the real export format (see scripts/lib/syntheticArchive.ts).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { positiveOption, seedOption } from './lib/scriptArgs';
import { generateArchive } from './lib/syntheticArchive';

const USAGE = 'Usage: npm run gen-archive -- --posts <N> --out <dir> [--seed <N>] [--comments-per-post <X>]';

function main(argv: string[]): number {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        posts: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        'comments-per-post': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (!values.posts || !values.out) throw new Error('--posts and --out are required');
    const posts = positiveOption(values.posts, 'posts', true)!;
    const seed = seedOption(values.seed);
    const commentsPerPost = positiveOption(values['comments-per-post'], 'comments-per-post', false);
    const outDir = path.resolve(values.out);
    const started = performance.now();
    const manifest = generateArchive({ posts, outDir, seed, commentsPerPost });
    const ms = performance.now() - started;
    process.stderr.write(
      `Wrote ${manifest.posts.length} posts, ${manifest.totalComments} comments, ` +
        `${(manifest.totalBytes / 1e6).toFixed(1)} MB to ${outDir} (seed ${seed}) in ${(ms / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`gen-archive: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
