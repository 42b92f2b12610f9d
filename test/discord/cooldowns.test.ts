import { Cooldowns } from '../../src/discord/cooldowns';
import { CooldownError, userMessageOf } from '../../src/discord/errors';

describe('GIVEN a per-user cooldown', () => {
  test('THEN a second use too soon is refused with the time to wait as a Discord timestamp', () => {
    let now = new Date('2024-01-01T00:00:00Z');
    const cooldowns = new Cooldowns(() => now);
    cooldowns.take('search', 'u1', 3);
    let err: unknown;
    try {
      cooldowns.take('search', 'u1', 3);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CooldownError);
    expect(userMessageOf(err)).toBe(`You're going a bit fast: you can use /search again <t:${Date.parse('2024-01-01T00:00:03Z') / 1000}:R>.`);
    // Others and other commands are unaffected; after the wait it works again.
    expect(() => cooldowns.take('search', 'u2', 3)).not.toThrow();
    expect(() => cooldowns.take('random', 'u1', 3)).not.toThrow();
    now = new Date('2024-01-01T00:00:03Z');
    expect(() => cooldowns.take('search', 'u1', 3)).not.toThrow();
  });

  test('THEN a disabled tracker (console mode) never refuses', () => {
    const cooldowns = new Cooldowns(() => new Date(), false);
    cooldowns.take('search', 'u1', 3);
    expect(() => cooldowns.take('search', 'u1', 3)).not.toThrow();
  });
});
