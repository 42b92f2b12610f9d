/**
 * Counts over periods as an SVG chart (pure: a spec in, SVG text out; `rasterise.ts` turns it into a PNG). One series
 * draws as bars; two or three compared series as lines (bars side by side would be too thin at a month per bar).
 * Labelled axes, integer ticks, light grid, nothing else.
 */
import { CHART_STYLE, type ChartStyle } from './style';
import { integerTicks, visibleLabels } from './ticks';

export interface ChartSeries {
  name: string;
  values: readonly number[];
  /** Shown after the name in the legend, in brackets, and never cut (e.g. the series' total). */
  detail?: string;
}

export interface ChartSpec {
  title: string;
  /** One label per category (period) for the x axis; null leaves that category unlabelled (e.g. months but January). */
  categoryLabels: readonly (string | null)[];
  series: readonly ChartSeries[];
  xLabel: string;
  yLabel: string;
  /** A line under the chart, e.g. "+ 3 in undated posts". */
  note?: string;
}

/** Average advance of a DejaVu Sans character, as a share of the font size (for layout before rendering). */
const CHAR_WIDTH = 0.6;
const LINE_MARKERS_UP_TO = 40;
const VALUE_LABELS_UP_TO = 16;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const num = (n: number) => String(Math.round(n * 10) / 10);

/** Cuts a text to about `maxChars` characters with an ellipsis. */
function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1)).trimEnd()}…`;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function chartSvg(spec: ChartSpec, style: ChartStyle = CHART_STYLE): string {
  const { width, height, fontSize } = style;
  const n = spec.categoryLabels.length;
  const max = Math.max(0, ...spec.series.flatMap((s) => s.values));
  const ticks = integerTicks(max);
  const top = ticks[ticks.length - 1];
  const tickChars = Math.max(...ticks.map((t) => t.toLocaleString('en-GB').length));
  const legend = spec.series.length > 1;
  const plot: Box = {
    left: 34 + tickChars * fontSize.tick * CHAR_WIDTH + 12,
    top: legend ? 92 : 62,
    right: width - 24,
    bottom: height - (spec.note ? 92 : 70),
  };
  const x = (i: number) => plot.left + ((i + 0.5) * (plot.right - plot.left)) / Math.max(1, n);
  const y = (v: number) => plot.bottom - (v / top) * (plot.bottom - plot.top);
  const text = (tx: number, ty: number, content: string, attrs: string) =>
    `<text x="${num(tx)}" y="${num(ty)}" ${attrs}>${escapeXml(content)}</text>`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(style.fontFamily)}">`,
    `<rect width="${width}" height="${height}" rx="10" fill="${style.background}"/>`,
    text(
      24,
      36,
      clip(spec.title, Math.floor((width - 48) / (fontSize.title * CHAR_WIDTH))),
      `font-size="${fontSize.title}" font-weight="bold" fill="${style.text}"`,
    ),
  ];
  if (legend) out.push(...legendItems(spec.series, style, 24, 66, width - 48));
  // Grid and count axis.
  for (const t of ticks) {
    const ty = y(t);
    out.push(
      `<line x1="${num(plot.left)}" y1="${num(ty)}" x2="${num(plot.right)}" y2="${num(ty)}" stroke="${t === 0 ? style.axis : style.grid}" stroke-width="${t === 0 ? 2 : 1}"/>`,
    );
    out.push(
      text(
        plot.left - 10,
        ty + fontSize.tick * 0.35,
        t.toLocaleString('en-GB'),
        `font-size="${fontSize.tick}" text-anchor="end" fill="${style.mutedText}"`,
      ),
    );
  }
  out.push(
    text(
      20,
      (plot.top + plot.bottom) / 2,
      spec.yLabel,
      `font-size="${fontSize.label}" text-anchor="middle" fill="${style.text}" transform="rotate(-90 20 ${num((plot.top + plot.bottom) / 2)})"`,
    ),
  );
  // Data.
  if (spec.series.length === 1) out.push(...bars(spec.series[0].values, style, plot, x, y, n));
  else spec.series.forEach((s, k) => out.push(...line(s.values, style, k, x, y, n)));
  // Category axis.
  const shown = visibleLabels(spec.categoryLabels, plot.right - plot.left, fontSize.tick * CHAR_WIDTH);
  spec.categoryLabels.forEach((label, i) => {
    if (!label || !shown[i]) return;
    out.push(
      `<line x1="${num(x(i))}" y1="${num(plot.bottom)}" x2="${num(x(i))}" y2="${num(plot.bottom + 5)}" stroke="${style.axis}" stroke-width="1"/>`,
    );
    out.push(
      text(x(i), plot.bottom + 8 + fontSize.tick, label, `font-size="${fontSize.tick}" text-anchor="middle" fill="${style.mutedText}"`),
    );
  });
  out.push(
    text(
      (plot.left + plot.right) / 2,
      plot.bottom + 22 + fontSize.tick + fontSize.label,
      spec.xLabel,
      `font-size="${fontSize.label}" text-anchor="middle" fill="${style.text}"`,
    ),
  );
  if (spec.note)
    out.push(text(width - 24, height - 18, spec.note, `font-size="${fontSize.tick}" text-anchor="end" fill="${style.mutedText}"`));
  out.push('</svg>');
  return out.join('\n');
}

function bars(
  values: readonly number[],
  style: ChartStyle,
  plot: Box,
  x: (i: number) => number,
  y: (v: number) => number,
  n: number,
): string[] {
  const band = (plot.right - plot.left) / Math.max(1, n);
  const barWidth = Math.max(1, band * (n > 60 ? 0.85 : 0.7));
  const out: string[] = [];
  values.forEach((v, i) => {
    if (v <= 0) return;
    out.push(
      `<rect x="${num(x(i) - barWidth / 2)}" y="${num(y(v))}" width="${num(barWidth)}" height="${num(plot.bottom - y(v))}" fill="${style.series[0]}"/>`,
    );
    if (n <= VALUE_LABELS_UP_TO) {
      out.push(
        `<text x="${num(x(i))}" y="${num(y(v) - 6)}" font-size="${style.fontSize.tick}" text-anchor="middle" fill="${style.text}">${v.toLocaleString('en-GB')}</text>`,
      );
    }
  });
  return out;
}

function line(
  values: readonly number[],
  style: ChartStyle,
  k: number,
  x: (i: number) => number,
  y: (v: number) => number,
  n: number,
): string[] {
  const colour = style.series[k % style.series.length];
  const dash = style.dashes[k % style.dashes.length];
  const points = values.map((v, i) => `${num(x(i))},${num(y(v))}`).join(' ');
  const out = [
    `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="3" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
  ];
  if (n <= LINE_MARKERS_UP_TO) values.forEach((v, i) => out.push(`<circle cx="${num(x(i))}" cy="${num(y(v))}" r="4" fill="${colour}"/>`));
  return out;
}

function legendItems(series: readonly ChartSeries[], style: ChartStyle, left: number, baseline: number, width: number): string[] {
  const out: string[] = [];
  const slot = width / series.length;
  const maxChars = Math.floor((slot - 60) / (style.fontSize.label * CHAR_WIDTH));
  series.forEach((s, k) => {
    const x0 = left + k * slot;
    const colour = style.series[k % style.series.length];
    const dash = style.dashes[k % style.dashes.length];
    out.push(
      `<line x1="${num(x0)}" y1="${num(baseline - 6)}" x2="${num(x0 + 36)}" y2="${num(baseline - 6)}" stroke="${colour}" stroke-width="4"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    );
    const detail = s.detail ? ` (${s.detail})` : '';
    const label = clip(s.name, Math.max(4, maxChars - detail.length)) + detail;
    out.push(
      `<text x="${num(x0 + 46)}" y="${num(baseline)}" font-size="${style.fontSize.label}" fill="${style.text}">${escapeXml(label)}</text>`,
    );
  });
  return out;
}
