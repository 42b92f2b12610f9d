import fc from 'fast-check';
import { hashString, keyRange, orderByKey } from '../../src/util/hash';

describe('ordering by hash', () => {
  it('orders indexes by key, ties in index order, as a comparison sort would', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.nat({ max: 0xffffffff })), { maxLength: 200 }), (values) => {
        const keys = Uint32Array.from(values);
        const expected = Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b] || a - b);
        expect(Array.from(orderByKey(keys))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('finds every index holding a key, and none for a key not there', () => {
    const ids = ['a', 'b', 'c', 'a', 'zz', 'b'];
    const keys = Uint32Array.from(ids, hashString);
    const order = orderByKey(keys);
    const [from, to] = keyRange(keys, order, hashString('b'));
    expect(Array.from(order.subarray(from, to))).toEqual([1, 5]);
    const [none, noneEnd] = keyRange(keys, order, hashString('nope'));
    expect(noneEnd - none).toBe(0);
  });
});
