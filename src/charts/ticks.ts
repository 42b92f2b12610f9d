/**
 * Axis arithmetic for counts: integer ticks at 1, 2 or 5 × 10ⁿ steps (never "2.5 comments"), and thinning of
 * category labels so they never overlap.
 */

/** At most this many intervals on the count axis. */
const MAX_INTERVALS = 5;

/** Ticks from 0 to at least `max`, evenly spaced by a whole 1/2/5 × 10ⁿ step. */
export function integerTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const found = [1, 2, 5].map((m) => m * magnitude).find((s) => Math.ceil(top / s) <= MAX_INTERVALS);
    if (found !== undefined) {
      step = found;
      break;
    }
  }
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) {
    ticks.push(v);
    if (v >= top) break;
  }
  return ticks;
}

/**
 * Which category labels to draw: of the labelled categories (non-null), every k-th with the smallest k whose labels
 * fit side by side in `width` at about `charWidth` per character plus a gap.
 */
export function visibleLabels(labels: readonly (string | null)[], width: number, charWidth: number): boolean[] {
  const n = labels.length;
  const candidates = labels.map((l, i) => (l ? i : -1)).filter((i) => i >= 0);
  const band = n > 0 ? width / n : width;
  const widest = Math.max(0, ...candidates.map((i) => labels[i]!.length)) * charWidth + charWidth * 1.5;
  let k = 1;
  // Candidates are spaced at least `band` apart; find the stride at which neighbours no longer touch.
  while (k < candidates.length && !fits(candidates, k, band, widest)) k++;
  const shown = new Array<boolean>(n).fill(false);
  candidates.forEach((i, j) => {
    if (j % k === 0) shown[i] = true;
  });
  return shown;
}

function fits(candidates: readonly number[], stride: number, band: number, widest: number): boolean {
  for (let j = stride; j < candidates.length; j += stride) {
    if ((candidates[j] - candidates[j - stride]) * band < widest) return false;
  }
  return true;
}
