/**
 * Cooldowns on a PostgreSQL or Redis store hold across bot processes: two Cooldowns trackers with their own
 * connections (as two processes would have) refuse the second use, however the uses interleave.
 */
import Keyv from 'keyv';
import { silentLogger } from '../../src/log';
import { openStore } from '../../src/store/openStore';
import { cooldownLedgerFor, PostgresCooldownLedger, RedisCooldownLedger } from '../../src/store/cooldownLedger';
import { Cooldowns } from '../../src/discord/cooldowns';
import { CooldownError } from '../../src/discord/errors';
import { forEachBackend, freshNamespace } from './backends';

forEachBackend(
  'shared cooldowns',
  (backend) => {
    const opened: Keyv[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.disconnect().catch(() => undefined)));
    });

    async function twoProcesses(clock: () => Date) {
      const ns = freshNamespace();
      const trackers = [];
      for (let i = 0; i < 2; i++) {
        const store = await openStore(backend().url, { namespace: ns, logger: silentLogger });
        opened.push(store);
        trackers.push(new Cooldowns(clock, true, { ledger: cooldownLedgerFor(store), logger: silentLogger }));
      }
      return trackers;
    }

    test('the store gets its own kind of ledger', async () => {
      const store = await openStore(backend().url, { namespace: freshNamespace(), logger: silentLogger });
      opened.push(store);
      expect(cooldownLedgerFor(store)).toBeInstanceOf(backend().kind === 'postgres' ? PostgresCooldownLedger : RedisCooldownLedger);
    });

    test('a use on one process puts the user on cooldown on the other, until it runs out', async () => {
      let now = new Date('2030-01-01T00:00:00Z');
      const [a, b] = await twoProcesses(() => now);
      await a.take('search', 'u1', 3);
      const err = await b.take('search', 'u1', 3).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CooldownError);
      // The refusal says when the FIRST use frees up, not a fresh 3 seconds.
      expect((err as CooldownError).message).toContain(`<t:${Date.parse('2030-01-01T00:00:03Z') / 1000}:R>`);
      await expect(b.take('search', 'u2', 3)).resolves.toBeUndefined();
      await expect(b.take('random', 'u1', 3)).resolves.toBeUndefined();
      now = new Date('2030-01-01T00:00:03Z');
      await expect(b.take('search', 'u1', 3)).resolves.toBeUndefined();
      await expect(a.take('search', 'u1', 3)).rejects.toBeInstanceOf(CooldownError);
    });

    test('simultaneous uses on both processes: exactly one is allowed', async () => {
      const now = new Date('2030-02-01T00:00:00Z');
      const [a, b] = await twoProcesses(() => now);
      for (let user = 0; user < 20; user++) {
        const results = await Promise.allSettled([a.take('thread', `u${user}`, 5), b.take('thread', `u${user}`, 5)]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      }
    });
  },
  ['postgres', 'redis'],
);
