/**
 * Galloping search in a sorted run of a typed array: the intersection of posting lists and the phrase check both
 * step forward through sorted ids or positions, usually by a little, sometimes by a lot.
 */

/** The first index in sorted[from, to) holding a value ≥ target (to when none), galloping from `from`. */
export function seek(sorted: Uint32Array, from: number, to: number, target: number): number {
  if (from >= to || sorted[from] >= target) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < to && sorted[hi] < target) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > to) hi = to;
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < target) lo = mid;
    else hi = mid;
  }
  return hi;
}
