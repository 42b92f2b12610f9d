/**
 * `npm run bench:import -- [--posts N] [--seed N] [--json]`
 *
 * Generates the synthetic archive as a Blogger backup XML (scripts/lib/syntheticBloggerBackup.ts; 4,500 posts by
 * default, cached in the temp folder per seed and scale), imports it with the real importer in a child process and
 * reports its wall time and peak RSS against the targets (15 s, 300 MB), then loads the imported folder as the bot
 * would. Run it at 9,000 posts too: the targets are for the real archive, the headroom is for its growth.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadArchive } from '../src/corpus/loadArchive';
import { positiveOption, readScriptArgs, seedOption } from './lib/scriptArgs';
import { GENERATOR_VERSION } from './lib/syntheticArchive';
import { BACKUP_GENERATOR_VERSION, writeSyntheticBackup, type BackupManifest } from './lib/syntheticBloggerBackup';

const USAGE = 'Usage: npm run bench:import -- [--posts <N>] [--seed <N>] [--json]';
const TARGET_MS = 15_000;
const TARGET_RSS_MB = 300;

async function ensureBackup(
  posts: number,
  seed: number,
  progress: (l: string) => void,
): Promise<{ file: string; manifest: BackupManifest }> {
  const root = path.join(os.tmpdir(), 'archive-bot-bench');
  mkdirSync(root, { recursive: true });
  const file = path.join(root, `blogger-backup-${posts}-seed${seed}-v${GENERATOR_VERSION}.${BACKUP_GENERATOR_VERSION}.xml`);
  const marker = `${file}.json`;
  if (existsSync(file) && existsSync(marker)) {
    try {
      const manifest = JSON.parse(readFileSync(marker, 'utf8')) as BackupManifest;
      if (manifest.bytes === statSync(file).size) {
        progress(`reusing ${file}`);
        return { file, manifest };
      }
    } catch {
      // A torn marker: regenerate.
    }
  }
  progress(`generating a ${posts}-post Blogger backup (seed ${seed})…`);
  rmSync(marker, { force: true });
  const started = performance.now();
  const manifest = await writeSyntheticBackup(file, { posts, seed });
  writeFileSync(marker, JSON.stringify(manifest));
  progress(`  ${(manifest.bytes / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s: ${file}`);
  return { file, manifest };
}

async function main(argv: string[]): Promise<number> {
  const options = { posts: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } } as const;
  const read = readScriptArgs('bench:import', USAGE, argv, options, (values) => ({
    values,
    posts: positiveOption(values.posts, 'posts', true) ?? 4_500,
    seed: seedOption(values.seed),
  }));
  if ('exit' in read) return read.exit;
  const { values, posts, seed } = read.args;
  const progress = (line: string) => process.stderr.write(`[bench:import] ${line}\n`);
  const { file, manifest } = await ensureBackup(posts, seed, progress);
  const work = mkdtempSync(path.join(os.tmpdir(), 'archive-bot-bench-import-'));
  try {
    const out = path.join(work, 'blogger');
    progress('importing…');
    const probe = path.join(__dirname, 'lib', 'importProbe.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', probe, file, out], { maxBuffer: 1 << 20 });
    const run = JSON.parse(stdout) as { ms: number; cpuMs: number; maxRssMb: number; posts: number; comments: number; problems: number };
    progress('loading the imported folder…');
    const loadStarted = performance.now();
    const archive = await loadArchive(out);
    const loadMs = performance.now() - loadStarted;
    const result = {
      posts: run.posts,
      comments: run.comments,
      backupMb: Math.round(manifest.bytes / 1e5) / 10,
      importMs: Math.round(run.ms),
      importCpuMs: Math.round(run.cpuMs),
      loadAverage: os.loadavg()[0],
      importPeakRssMb: Math.round(run.maxRssMb),
      problems: run.problems,
      loadMs: Math.round(loadMs),
      loadedPosts: archive.posts.length,
      targets: { importMs: TARGET_MS, importPeakRssMb: TARGET_RSS_MB },
      withinTargets:
        run.ms < TARGET_MS && run.maxRssMb < TARGET_RSS_MB && run.posts === manifest.posts && run.comments === manifest.comments,
      machine: { cpus: os.cpus().length, node: process.version },
    };
    if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      process.stdout.write(
        [
          `Blogger backup: ${result.posts} posts, ${result.comments} comments, ${result.backupMb} MB`,
          `import: ${(result.importMs / 1000).toFixed(1)} s wall, ${(result.importCpuMs / 1000).toFixed(1)} s CPU (target < ${TARGET_MS / 1000} s; load average ${result.loadAverage.toFixed(1)} on ${os.cpus().length} cores), peak RSS ${result.importPeakRssMb} MB (target < ${TARGET_RSS_MB} MB), ${result.problems} problems`,
          `load of the imported folder: ${(result.loadMs / 1000).toFixed(1)} s, ${result.loadedPosts} posts`,
          result.withinTargets ? 'within targets' : 'OVER TARGET (or counts differ)',
        ].join('\n') + '\n',
      );
    }
    return result.withinTargets ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench:import: ${(e as Error).message ?? String(e)}\n`);
    process.exit(1);
  },
);
