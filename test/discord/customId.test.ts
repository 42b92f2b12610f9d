import Keyv from 'keyv';
import {
  buildCustomId,
  buildStatefulCustomId,
  packState,
  parseCustomId,
  stateBudget,
  unpackState,
  ExpiredStateError,
} from '../../src/discord/customId';
import { userMessageOf } from '../../src/discord/errors';

describe('GIVEN component state', () => {
  test('THEN short state travels inline in the custom_id and comes back intact', async () => {
    const store = new Keyv();
    const fields = ['123456789012345678', 'pay: "offer" 100%', null, '2022-01-01'];
    const packed = await packState(store, fields, stateBudget('search', 'page', [9999]));
    const id = buildStatefulCustomId('search', 'page', [3], packed);
    expect(id.length).toBeLessThanOrEqual(100);
    const parsed = parseCustomId(id);
    expect(parsed).toMatchObject({ command: 'search', action: 'page', args: expect.arrayContaining(['3']) });
    expect(await unpackState(store, parsed.rawArgs.slice(1), '/search')).toEqual(fields);
  });

  test('THEN state too long for 100 characters goes to the store and the id stays short', async () => {
    const store = new Keyv();
    const fields = [
      '123456789012345678',
      'a very long query about the probation service pay offer and the union ballot in 2022',
      'Getafix',
      null,
    ];
    const packed = await packState(store, fields, stateBudget('search', 'page', [9999]));
    const id = buildStatefulCustomId('search', 'page', [0], packed);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id).toMatch(/^search:page:0:~/);
    expect(await unpackState(store, parseCustomId(id).rawArgs.slice(1), '/search')).toEqual(fields);
  });

  test('THEN expired state gives a friendly message, not an error', async () => {
    const store = new Keyv();
    const packed = await packState(store, ['x'.repeat(200)], 50);
    await expect(unpackState(new Keyv(), packed.rawArgs, '/search')).rejects.toBeInstanceOf(ExpiredStateError);
    const err = await unpackState(new Keyv(), packed.rawArgs, '/search').catch((e: unknown) => e);
    expect(userMessageOf(err)).toBe('These buttons have expired. Run /search again to get fresh ones.');
  });

  test('THEN a value containing the separator or a tilde cannot be mistaken for a store key', async () => {
    const store = new Keyv();
    const packed = await packState(store, ['~abc:def'], 90);
    expect(await unpackState(store, packed.rawArgs, '/x')).toEqual(['~abc:def']);
    expect(() => buildCustomId('c', 'a', 'y'.repeat(100))).toThrow(/100/);
  });
});
