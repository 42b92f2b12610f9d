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
    });
  });

  test('THEN set values are read, paths resolved, blanks treated as unset', () => {
    const config = loadConfig(
      { DISCORD_TOKEN: ' abc.def.ghi ', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GUILD_ID: '', DATA_DIR: 'var', DATABASE_URL: 'sqlite://state/bot.sqlite', DISCORD_API_URL: 'http://127.0.0.1:9999/api/', LOG_LEVEL: 'DEBUG' },
      cwd,
    );
    expect(config).toMatchObject({ token: 'abc.def.ghi', applicationId: '123456789012345678', guildId: null, dataDir: '/srv/bot/var', databaseUrl: 'sqlite:///srv/bot/state/bot.sqlite', apiUrl: 'http://127.0.0.1:9999/api', logLevel: 'debug' });
  });

  test.each([
    ['DISCORD_APPLICATION_ID', 'my-app'],
    ['DISCORD_GUILD_ID', '12345'],
    ['DISCORD_API_URL', 'not a url'],
    ['DISCORD_API_URL', 'ftp://example.com'],
    ['BLOG_URL', 'probationmatters'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'redis://localhost:6379'],
    ['DATABASE_URL', 'sqlite://'],
    ['DISCORD_TOKEN', 'Bot abc.def'],
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
