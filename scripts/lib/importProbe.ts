/**
 * Runs one import in a process of its own and prints `{ms, cpuMs, maxRssMb, posts, comments, problems}` as JSON, so the
 * import benchmark measures the import's own peak memory (what an operator's `cli import` needs), not the
 * benchmark's. Usage: node --import tsx scripts/lib/importProbe.ts <from> <out>
 */
import { runImport } from '../../src/import/runImport';

async function main(): Promise<void> {
  const [from, out] = process.argv.slice(2);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await runImport({ from, out });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // CPU time beside wall time: on a shared machine the wall time mostly measures the other processes.
  const cpuMs = (used.user + used.system) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ ms, cpuMs, maxRssMb, posts: report.posts, comments: report.comments, problems: report.problems.length }) + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`import probe: ${(e as Error).message}\n`);
  process.exit(1);
});
