/** guardStore: the bot's Keyv, with every adapter failure turned into one StoreUnavailableError. */
import Keyv from 'keyv';
import { guardStore, StoreUnavailableError } from '../../src/store/guardStore';

function failingAdapter() {
  const map = new Map<string, unknown>();
  let failing = false;
  return {
    fail: () => (failing = true),
    adapter: {
      get: async (key: string) => {
        if (failing) throw Object.assign(new Error('SQLITE_IOERR: disk I/O error'), { code: 'SQLITE_IOERR' });
        return map.get(key);
      },
      set: async (key: string, value: unknown) => {
        if (failing) throw Object.assign(new Error('SQLITE_READONLY: attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
        map.set(key, value);
        return true;
      },
      delete: async (key: string) => map.delete(key),
      clear: async () => map.clear(),
      on: () => undefined,
    },
  };
}

test('reads and writes pass through while the adapter works; afterwards each failure is a StoreUnavailableError with its cause', async () => {
  const { adapter, fail } = failingAdapter();
  const keyv = new Keyv({ store: adapter, namespace: 'bot', throwOnErrors: true });
  keyv.on('error', () => undefined);
  const store = guardStore(keyv);
  await store.set('k', { v: 1 });
  expect(await store.get('k')).toEqual({ v: 1 });
  expect(store.namespace).toBe('bot');
  expect(store.store).toBe(adapter);
  fail();
  const writeError = await store.set('k', 2).catch((e: unknown) => e);
  expect(writeError).toBeInstanceOf(StoreUnavailableError);
  expect((writeError as StoreUnavailableError).operation).toBe('set');
  expect(((writeError as StoreUnavailableError).cause as Error).message).toContain('SQLITE_READONLY');
  await expect(store.get('k')).rejects.toBeInstanceOf(StoreUnavailableError);
  expect(guardStore(store)).toBe(store);
});

test('guarding a guarded store returns it as it is (one wrapper, however many callers guard it)', () => {
  const keyv = new Keyv();
  const guarded = guardStore(keyv);
  expect(guarded).not.toBe(keyv);
  expect(guardStore(guarded)).toBe(guarded);
});
