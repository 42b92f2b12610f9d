import { Cooldowns } from '../../src/discord/cooldowns';
import { CooldownError, userMessageOf } from '../../src/discord/errors';
import type { CooldownLedger } from '../../src/store/cooldownLedger';

describe('GIVEN a per-user cooldown', () => {
  test('THEN a second use too soon is refused with the time to wait as a Discord timestamp', async () => {
    let now = new Date('2024-01-01T00:00:00Z');
    const cooldowns = new Cooldowns(() => now);
    await cooldowns.take('search', 'u1', 3);
    const err = await cooldowns.take('search', 'u1', 3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CooldownError);
    expect(userMessageOf(err)).toBe(
      `You're going a bit fast: you can use /search again <t:${Date.parse('2024-01-01T00:00:03Z') / 1000}:R>.`,
    );
    // Others and other commands are unaffected; after the wait it works again.
    await expect(cooldowns.take('search', 'u2', 3)).resolves.toBeUndefined();
    await expect(cooldowns.take('random', 'u1', 3)).resolves.toBeUndefined();
    now = new Date('2024-01-01T00:00:03Z');
    await expect(cooldowns.take('search', 'u1', 3)).resolves.toBeUndefined();
  });

  test('THEN a disabled tracker (console mode) never refuses', async () => {
    const cooldowns = new Cooldowns(() => new Date(), false);
    await cooldowns.take('search', 'u1', 3);
    await expect(cooldowns.take('search', 'u1', 3)).resolves.toBeUndefined();
  });

  test('THEN a shared ledger that is down lets the use through and says so once', async () => {
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (m: string) => warnings.push(m),
      child() {
        return logger;
      },
    };
    const down: CooldownLedger = { take: async () => Promise.reject(new Error('connection refused')) };
    const cooldowns = new Cooldowns(() => new Date(), true, { ledger: down, logger });
    await expect(cooldowns.take('search', 'u1', 3)).resolves.toBeUndefined();
    await expect(cooldowns.take('search', 'u2', 3)).resolves.toBeUndefined();
    expect(warnings).toEqual(['shared cooldowns unavailable; allowing the use']);
    // The process's own memory still applies.
    await expect(cooldowns.take('search', 'u1', 3)).rejects.toBeInstanceOf(CooldownError);
  });
});
