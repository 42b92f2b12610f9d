import Keyv from 'keyv';
import { KeyvClaimStore, MemoryClaimStore, claimStoreFor, type ClaimStore } from '../../src/digest/claims';
import { DigestStore } from '../../src/digest/store';

/** A Keyv adapter that is neither SQL nor a Map (as Redis or Mongo adapters are). */
function plainAdapterKeyv(): Keyv {
  const data = new Map<string, unknown>();
  const adapter = {
    opts: {},
    namespace: undefined as string | undefined,
    get: async (key: string) => data.get(key),
    set: async (key: string, value: unknown) => void data.set(key, value),
    delete: async (key: string) => data.delete(key),
    clear: async () => data.clear(),
    on: () => adapter,
  };
  return new Keyv({ store: adapter as never });
}

describe.each([
  ['memory', () => new MemoryClaimStore()],
  ['keyv read-back (single process)', () => new KeyvClaimStore(plainAdapterKeyv())],
] as [string, () => ClaimStore][])('%s claims', (_name, make) => {
  test('one claim per server and day; only the holder can release it', async () => {
    const claims = make();
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => claims.tryClaim('g', '2025-01-01', owner)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c', 'd'][results.indexOf(true)];
    expect(await claims.tryClaim('g', '2025-01-02', 'a')).toBe(true);
    expect(await claims.tryClaim('other', '2025-01-01', 'a')).toBe(true);
    await claims.release('g', '2025-01-01', winner === 'a' ? 'b' : 'a');
    expect(await claims.isClaimed('g', '2025-01-01')).toBe(true);
    await claims.release('g', '2025-01-01', winner);
    expect(await claims.isClaimed('g', '2025-01-01')).toBe(false);
    expect(await claims.tryClaim('g', '2025-01-01', 'e')).toBe(true);
  });
});

test('an adapter without SQL gets the read-back claims, with a warning that they are per-process', () => {
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
  const claims = claimStoreFor(plainAdapterKeyv(), logger);
  expect(claims).toBeInstanceOf(KeyvClaimStore);
  expect(warnings.join()).toMatch(/not atomic across processes/);
});

test('the in-memory Keyv keeps claims in its own Map, so a second DigestStore over it sees them', async () => {
  const keyv = new Keyv();
  expect(await new DigestStore(keyv).claims.tryClaim('g', '2025-01-01', 'first')).toBe(true);
  expect(await new DigestStore(keyv).claims.tryClaim('g', '2025-01-01', 'second')).toBe(false);
});
