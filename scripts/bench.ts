/**
 * `npm run bench -- [--archive <dir>] [--json] [--posts N] [--seed N] [--threads N] [--against <earlier.json>]`
 *
 * Without --archive, generates the synthetic archive (4,500 posts, fixed seed) into the temp folder, or reuses the
 * copy already there for the same seed and scale. Progress goes to stderr; stdout carries the report, or with --json
 * exactly one JSON object (see scripts/lib/benchReport.ts for the keys). With --against, the JSON of an earlier run
 * (e.g. at 4,500 posts), every figure also shows how much it grew (×, this run ÷ that one; `growth` in the JSON).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBenchArchive } from './lib/benchArchive';
import { formatReport, toJson } from './lib/benchReport';
import { runBenchmark } from './lib/benchRun';
import { positiveOption, readScriptArgs, seedOption } from './lib/scriptArgs';

const USAGE =
  'Usage: npm run bench -- [--archive <dir>] [--json] [--posts <N>] [--seed <N>] [--threads <N>] [--against <earlier run.json>]';
const DEFAULT_POSTS = 4_500;

async function main(argv: string[]): Promise<number> {
  const options = {
    archive: { type: 'string' },
    json: { type: 'boolean' },
    posts: { type: 'string' },
    seed: { type: 'string' },
    threads: { type: 'string' },
    against: { type: 'string' },
  } as const;
  const read = readScriptArgs('bench', USAGE, argv, options, (values) => ({
    values,
    posts: positiveOption(values.posts, 'posts', true) ?? DEFAULT_POSTS,
    threads: positiveOption(values.threads, 'threads', true) ?? 100,
    seed: seedOption(values.seed),
    earlier: values.against ? readEarlierRun(values.against) : undefined,
  }));
  if ('exit' in read) return read.exit;
  const { values, posts, threads, seed, earlier } = read.args;
  const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  try {
    let archiveDir: string;
    let archiveBytes: number | undefined;
    let usedSeed: number | null = null;
    if (values.archive) {
      archiveDir = path.resolve(values.archive);
    } else {
      progress(`synthetic archive: ${posts} posts, seed ${seed}…`);
      const generated = ensureBenchArchive(posts, seed);
      archiveDir = generated.dir;
      archiveBytes = generated.totalBytes;
      usedSeed = seed;
      progress(generated.generated ? `  generated in ${Math.round(generated.generateMs)} ms: ${archiveDir}` : `  reusing ${archiveDir}`);
    }
    const result = await runBenchmark({ archiveDir, archiveBytes, seed: usedSeed, progress, threads });
    process.stdout.write((values.json ? JSON.stringify(toJson(result, earlier)) : formatReport(result, earlier)) + '\n');
    return 0;
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}

/** The JSON an earlier `--json` run printed, to compare with. */
function readEarlierRun(file: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`--against ${file}: not readable as the JSON of a bench run (${(e as Error).message})`);
  }
  if (!json || typeof json !== 'object' || typeof (json as Record<string, unknown>).posts !== 'number') {
    throw new Error(`--against ${file}: not the JSON of a bench run (npm run --silent bench -- --json)`);
  }
  return json as Record<string, unknown>;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).message ?? String(e)}\n`);
    process.exit(1);
  },
);
