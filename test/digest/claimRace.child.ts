/**
 * One "bot process" for the cross-process claim test: races for the claims of many days on a shared SQLite file and
 * prints the days it won as JSON. Run by sqliteClaims.test.ts with `node --import tsx`.
 */
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { DigestStore } from '../../src/digest/store';

async function main(): Promise<void> {
  const [file, owner, daysText] = process.argv.slice(2);
  const keyv = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 }), namespace: 'bot' });
  const store = new DigestStore(keyv);
  await store.claims.isClaimed('guild', 'warm-up');
  const won: string[] = [];
  const days = Number(daysText);
  // Wait for the sibling so the two really overlap.
  const startAt = Number(process.env.RACE_START ?? 0);
  while (Date.now() < startAt) await new Promise((r) => setTimeout(r, 5));
  // One day after another, as a poll loop would: both processes ask for the same day at about the same moment.
  for (let i = 0; i < days; i++) {
    const date = `2030-day-${i + 1}`;
    if (await store.claims.tryClaim('guild', date, owner)) won.push(date);
  }
  process.stdout.write(JSON.stringify(won));
  await (keyv.store as KeyvSqlite).disconnect();
}

void main();
