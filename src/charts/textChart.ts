/**
 * Charts as text, for the terminal (console mode, the CLI without --json) and as the long description of the PNG:
 * one row per category with a bar of block characters, or, for long series such as months, one row per group with
 * a sparkline (▁▂▃▄▅▆▇█) so a decade of months fits on a screen.
 */

export interface TextRow {
  label: string;
  value: number;
}

const BLOCKS = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

function bar(value: number, max: number, width: number): string {
  if (value <= 0 || max <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 ? BLOCKS[(eighths % 8) - 1] : '');
}

/** `2016 │██████▍ 57`, one line per row; bars scaled so the largest fills `width` columns. */
export function textBars(rows: readonly TextRow[], width = 40): string[] {
  const max = Math.max(0, ...rows.map((r) => r.value));
  const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
  return rows.map((r) => {
    const drawn = bar(r.value, max, width);
    return `${r.label.padStart(labelWidth)} │${drawn}${' '.repeat(Math.max(0, width - [...drawn].length))} ${r.value.toLocaleString('en-GB')}`;
  });
}

export interface SparkRow {
  label: string;
  values: readonly number[];
}

/** `2016 │▁▂▅█▃▁▁▂▃▁▁▂│ 57`: one sparkline per row, all on one scale (a blank for zero), the row's sum at the end. */
export function textSparkRows(rows: readonly SparkRow[]): string[] {
  const max = Math.max(0, ...rows.flatMap((r) => r.values));
  const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
  const cells = Math.max(0, ...rows.map((r) => r.values.length));
  return rows.map((r) => {
    const line = r.values
      .map((v) => (v <= 0 || max <= 0 ? ' ' : SPARKS[Math.min(SPARKS.length - 1, Math.ceil((v / max) * SPARKS.length) - 1)]))
      .join('');
    const sum = r.values.reduce((a, b) => a + b, 0);
    return `${r.label.padStart(labelWidth)} │${line.padEnd(cells)}│ ${sum.toLocaleString('en-GB')}`;
  });
}
