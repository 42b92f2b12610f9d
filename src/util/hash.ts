/** Cheap, stable 32-bit hashes, and the order of items by them: how the caches find an id without a Map of them all. */

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The indexes 0 … keys.length - 1 ordered by key, ties in index order: a two-pass radix sort (linear, no comparator
 * calls): a comparison sort of the few hundred thousand ids of an archive-scale index was a large part of its build.
 */
export function orderByKey(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Uint32Array(n);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(0x10001);
    for (let i = 0; i < n; i++) counts[((keys[order[i]] >>> shift) & 0xffff) + 1]++;
    for (let b = 0; b < 0x10000; b++) counts[b + 1] += counts[b];
    for (let i = 0; i < n; i++) spare[counts[(keys[order[i]] >>> shift) & 0xffff]++] = order[i];
    [order, spare] = [spare, order];
  }
  return order;
}

/** The positions in `order` (as orderByKey made it) whose key is `key`: [from, to). */
export function keyRange(keys: Uint32Array, order: Uint32Array, key: number): [number, number] {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[order[mid]] < key) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < order.length && keys[order[to]] === key) to++;
  return [lo, to];
}
