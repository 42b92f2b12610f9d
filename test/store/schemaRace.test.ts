/**
 * Several bot processes starting at once against a fresh PostgreSQL database each create the tables the claim and
 * the shared cooldowns need. PostgreSQL reports the loser of a concurrent `CREATE TABLE IF NOT EXISTS` as an error
 * (a duplicate type or key); the bot must treat that as "the table exists", not fail the day's claim.
 */
import type Keyv from 'keyv';
import { silentLogger } from '../../src/log';
import { openStore } from '../../src/store/openStore';
import { sqlAccessOf } from '../../src/store/backendAccess';
import { CLAIMS_TABLE } from '../../src/digest/serverClaims';
import { COOLDOWNS_TABLE, cooldownLedgerFor } from '../../src/store/cooldownLedger';
import { DigestStore } from '../../src/digest/store';
import { forEachBackend, freshNamespace } from './backends';

const PROCESSES = 8;
const ROUNDS = 12;

forEachBackend(
  'tables created by processes starting together',
  (backend) => {
    const opened: Keyv[] = [];
    afterAll(async () => {
      await Promise.all(opened.map((s) => s.disconnect().catch(() => undefined)));
    });

    test('every process gets its answer; exactly one wins each day, whatever the order of table creation', async () => {
      const admin = await openStore(backend().url, { namespace: freshNamespace(), logger: silentLogger });
      opened.push(admin);
      const sql = sqlAccessOf(admin)!;
      for (let round = 0; round < ROUNDS; round++) {
        await sql.run(`DROP TABLE IF EXISTS ${CLAIMS_TABLE}`);
        await sql.run(`DROP TABLE IF EXISTS ${COOLDOWNS_TABLE}`);
        const ns = freshNamespace();
        const stores = await Promise.all(
          Array.from({ length: PROCESSES }, async () => {
            const keyv = await openStore(backend().url, { namespace: ns, logger: silentLogger });
            opened.push(keyv);
            return keyv;
          }),
        );
        const claims = await Promise.all(stores.map((keyv, i) => new DigestStore(keyv).claims.tryClaim('g1', '2025-03-01', `owner${i}`)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        const takes = await Promise.all(stores.map((keyv) => cooldownLedgerFor(keyv)!.take('user1:search', 1_000, 6_000)));
        expect(takes.filter((t) => t === null)).toHaveLength(1);
      }
    }, 120_000);
  },
  ['postgres'],
);
