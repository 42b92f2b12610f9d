/**
 * One bot process for the cross-process daily-post race (claimRace.test.ts): opens the store the way the bot does
 * (openStore on DATABASE_URL) and runs the digest's own runDueDigests over simulated days, in step with its sibling.
 *
 *   node --import tsx claimRace.child.ts <DATABASE_URL> <namespace> <owner> <days> <postsFile> [hang]
 *
 * It prints `ready`, waits for `go <startAtMs> <stepMs>` on stdin, then polls day i at wall time startAt + i*step
 * (twice, as a 30-second poll loop would), every poll at the same simulated instant as the sibling's. Each send
 * appends `<server> <day> <owner>` to postsFile (O_APPEND: whole lines, never interleaved). With `hang`, the first
 * send writes `sending <server> <day>` and never returns: the test kills the process there.
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { silentLogger } from '../../src/log';
import { openStore } from '../../src/store/openStore';
import { DigestStore } from '../../src/digest/store';
import { runDueDigests, type DigestSend } from '../../src/digest/run';
import { sampleArchive } from './fixtures';

/** Day i of the race, 30 s after the 09:00 London posting time (March 2030: London is on UTC). */
function raceInstant(day: number, poll = 0): Date {
  return new Date(Date.UTC(2030, 2, 1 + day, 9, 0, 30 + poll * 15));
}

async function main(): Promise<void> {
  const [url, namespace, owner, daysText, postsFile, mode] = process.argv.slice(2);
  const keyv = await openStore(url, { namespace, logger: silentLogger });
  const store = new DigestStore(keyv);
  const archive = sampleArchive();
  let hung = false;
  const send: DigestSend = async ({ serverId, date }) => {
    if (mode === 'hang' && !hung) {
      hung = true;
      appendFileSync(postsFile, `sending ${serverId} ${date} ${owner}\n`);
      return new Promise(() => undefined);
    }
    // A send takes a moment, as a REST call does: the sibling's claim attempt lands inside it.
    await new Promise((r) => setTimeout(r, Math.random() * 10));
    appendFileSync(postsFile, `${serverId} ${date} ${owner}\n`);
    return { messageId: `${owner}-${serverId}-${date}` };
  };

  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  const go = await new Promise<string>((resolve) => lines.once('line', resolve));
  lines.close();
  const [, startText, stepText] = go.split(' ');
  const startAt = Number(startText);
  const step = Number(stepText);
  const days = Number(daysText);
  for (let day = 0; day < days; day++) {
    for (let poll = 0; poll < 2; poll++) {
      const at = startAt + day * step + poll * (step / 2);
      while (Date.now() < at) await new Promise((r) => setTimeout(r, 2));
      await runDueDigests({ now: raceInstant(day, poll), store, archive, send, logger: silentLogger, owner });
    }
  }
  await keyv.disconnect();
}

void main();
