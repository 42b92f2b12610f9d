import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const cwd = '/srv/bot';

describe('GIVEN the environment', () => {
  test('THEN defaults need nothing set', () => {
    expect(loadConfig({}, cwd)).toEqual({
      token: null,
      applicationId: null,
      guildId: null,
      archiveDir: path.resolve(cwd, 'seeds'),
      dataDir: path.resolve(cwd, 'data'),
      databaseUrl: `sqlite://${path.resolve(cwd, 'data', 'archive-bot.sqlite')}`,
      apiUrl: null,
      blogUrl: 'https://probationmatters.blogspot.com',
      logLevel: 'info',
      healthPort: null,
      healthHost: '127.0.0.1',
      shardCount: null,
      shardIds: null,
      feedUrl: null,
      feedPollMinutes: 30,
    });
  });

  test('THEN set values are read, paths resolved, blanks treated as unset', () => {
    const config = loadConfig(
      {
        DISCORD_TOKEN: ' abc.def.ghi ',
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_GUILD_ID: '',
        DATA_DIR: 'var',
        DATABASE_URL: 'sqlite://state/bot.sqlite',
        DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
        LOG_LEVEL: 'DEBUG',
      },
      cwd,
    );
    expect(config).toMatchObject({
      token: 'abc.def.ghi',
      applicationId: '123456789012345678',
      guildId: null,
      dataDir: '/srv/bot/var',
      databaseUrl: 'sqlite:///srv/bot/state/bot.sqlite',
      apiUrl: 'http://127.0.0.1:9999/api',
      logLevel: 'debug',
    });
  });

  test.each([
    ['DISCORD_APPLICATION_ID', 'my-app'],
    ['DISCORD_GUILD_ID', '12345'],
    ['DISCORD_API_URL', 'not a url'],
    ['DISCORD_API_URL', 'ftp://example.com'],
    ['BLOG_URL', 'probationmatters'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://localhost:3306/bot'],
    ['DATABASE_URL', 'sqlite://'],
    ['DATABASE_URL', 'postgres://'],
    ['DATABASE_URL', 'redis://localhost:6379/cache'],
    ['HEALTH_PORT', 'eighty'],
    ['HEALTH_PORT', '70000'],
    ['SHARD_COUNT', '0'],
    ['SHARD_COUNT', 'two'],
    ['SHARD_IDS', '0,1'],
    ['DISCORD_TOKEN', 'Bot abc.def'],
    ['ARCHIVE_FEED_URL', 'probationmatters.blogspot.com'],
    ['ARCHIVE_FEED_POLL_MINUTES', 'hourly'],
    ['ARCHIVE_FEED_POLL_MINUTES', '0'],
    ['ARCHIVE_FEED_POLL_MINUTES', '-5'],
    ['ARCHIVE_FEED_POLL_MINUTES', '20000'],
  ])('THEN a bad %s (%s) stops start-up with a message naming it', (name, value) => {
    let err: unknown;
    try {
      loadConfig({ [name]: value }, cwd);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(name);
    expect((err as Error).message.startsWith(`${name}: `)).toBe(true);
  });
});

describe('GIVEN a server DATABASE_URL', () => {
  test.each([
    'postgres://bot:s3cret-pass@db.internal:5432/archive',
    'postgresql://bot:s3cret-pass@db.internal/archive?sslmode=require',
    'redis://127.0.0.1:6379',
    'rediss://default:s3cret-pass@cache.internal:6380/2',
  ])('THEN %s is accepted as given', (url) => {
    expect(loadConfig({ DATABASE_URL: url }, cwd).databaseUrl).toBe(url);
  });

  test.each([
    ['an unsupported scheme', 'mysql://bot:s3cret-pass@db:3306/x'],
    ['a port that is not a number', 'postgres://bot:s3cret@pass@db.internal:port/archive'],
    ['a Redis path that is not a number', 'redis://:s3cret-pass@cache.internal:6379/cache'],
    ['a query password', 'postgres://db.internal/archive/extra?password=s3cret-pass&x=/y/z'],
  ])('THEN a bad one with %s is refused without showing the password', (_what, url) => {
    const err = (() => {
      try {
        loadConfig({ DATABASE_URL: url }, cwd);
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/^DATABASE_URL: /);
    expect(err.message).not.toMatch(/s3cret|pass@/);
    expect(err.message).toContain('[redacted]');
  });
});

describe('GIVEN health and sharding variables', () => {
  test('THEN HEALTH_PORT, HEALTH_HOST, SHARD_COUNT and SHARD_IDS are read', () => {
    expect(loadConfig({ HEALTH_PORT: '9464', HEALTH_HOST: '0.0.0.0', SHARD_COUNT: '4', SHARD_IDS: '3, 1,1' }, cwd)).toMatchObject({
      healthPort: 9464,
      healthHost: '0.0.0.0',
      shardCount: 4,
      shardIds: [1, 3],
    });
    expect(loadConfig({ SHARD_COUNT: 'Auto' }, cwd).shardCount).toBe('auto');
  });

  test('THEN a shard id beyond the count names SHARD_IDS and the valid range', () => {
    expect(() => loadConfig({ SHARD_COUNT: '2', SHARD_IDS: '2' }, cwd)).toThrow('SHARD_IDS: "2" must be shard numbers from 0 to 1');
  });
});

describe('GIVEN the live archive variables', () => {
  test('THEN ARCHIVE_FEED_URL and ARCHIVE_FEED_POLL_MINUTES are read, fractions of a minute included', () => {
    expect(loadConfig({ ARCHIVE_FEED_URL: 'https://probationmatters.blogspot.com/', ARCHIVE_FEED_POLL_MINUTES: '0.5' }, cwd)).toMatchObject(
      {
        feedUrl: 'https://probationmatters.blogspot.com',
        feedPollMinutes: 0.5,
      },
    );
    expect(loadConfig({ ARCHIVE_FEED_POLL_MINUTES: '45' }, cwd).feedPollMinutes).toBe(45);
  });

  test('THEN a bad poll interval says what is expected', () => {
    expect(() => loadConfig({ ARCHIVE_FEED_POLL_MINUTES: '30m' }, cwd)).toThrow(
      'ARCHIVE_FEED_POLL_MINUTES: "30m" is not a number of minutes between feed polls: use a number from 0.01 to 10080 (default 30).',
    );
  });
});
