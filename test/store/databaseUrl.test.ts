import { displayDatabaseUrl, storeKindOf } from '../../src/store/databaseUrl';
import { explainStoreError } from '../../src/store/explainStoreError';

describe('GIVEN a DATABASE_URL to show in a message', () => {
  test.each([
    ['postgres://bot:s3cret@db:5432/archive', 'postgres://bot:[redacted]@db:5432/archive'],
    // An unescaped @ or / inside the password: everything up to the last @ stays hidden.
    ['postgres://bot:s3c@r/et@db:5432/archive', 'postgres://bot:[redacted]@db:5432/archive'],
    ['redis://:s3cret@cache:6379', 'redis://:[redacted]@cache:6379'],
    ['postgresql://db/archive?sslmode=require&password=s3cret', 'postgresql://db/archive?sslmode=require&password=[redacted]'],
    ['sqlite:///srv/bot/data/bot.sqlite', 'sqlite:///srv/bot/data/bot.sqlite'],
  ])('THEN %s is shown as %s', (url, shown) => {
    expect(displayDatabaseUrl(url)).toBe(shown);
  });

  test('THEN the scheme picks the backend', () => {
    expect(['sqlite://x', 'postgres://h/d', 'POSTGRESQL://h/d', 'redis://h', 'rediss://h', 'mysql://h'].map(storeKindOf)).toEqual([
      'sqlite',
      'postgres',
      'postgres',
      'redis',
      'redis',
      null,
    ]);
  });
});

describe('GIVEN a driver error at start-up', () => {
  test('THEN an unrecognised message is passed on without the secrets in it', () => {
    expect(explainStoreError('postgres', new Error('odd failure mentioning s3cret-password'), ['s3cret-password'])).toBe(
      'odd failure mentioning [redacted]',
    );
  });

  test('THEN known failures become what to do', () => {
    expect(explainStoreError('postgres', Object.assign(new Error('database "x" does not exist'), { code: '3D000' }))).toMatch(
      /does not exist on the server/,
    );
    expect(explainStoreError('redis', new Error('getaddrinfo ENOTFOUND cache.internal'))).toMatch(/cannot be resolved/);
  });
});
