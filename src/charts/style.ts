/**
 * The one chart style. Discord shows an embed image on a dark (#313338) or a light (#ffffff) background, so the chart
 * brings its own: an opaque slate card that reads the same on both, light text well above 4.5:1 contrast on it, one
 * accent colour (the bot's blue, lightened for the dark card) and muted colours for compared series, which also
 * differ in dash pattern so they stay apart in greyscale and for colour-blind readers. No 3D, gradients or borders.
 */
export interface ChartStyle {
  width: number;
  height: number;
  background: string;
  /** Title and axis labels. */
  text: string;
  /** Tick labels and notes. */
  mutedText: string;
  /** Horizontal grid lines. */
  grid: string;
  /** The zero line. */
  axis: string;
  /** Series colours: the accent first, then the muted comparison colours. */
  series: readonly string[];
  /** SVG stroke-dasharray per series for line charts (empty: solid). */
  dashes: readonly string[];
  fontFamily: string;
  fontSize: { title: number; label: number; tick: number };
}

export const CHART_STYLE: ChartStyle = {
  // Wide enough to stay legible when Discord scales the embed image down to ~400 px on a phone.
  width: 800,
  height: 420,
  background: '#23272e',
  text: '#eceef1',
  mutedText: '#b4bac3',
  grid: '#3a404a',
  axis: '#8a919c',
  series: ['#6ea8e6', '#c9ab7f', '#a393c4'],
  dashes: ['', '12 6', '3 5'],
  fontFamily: "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif",
  fontSize: { title: 22, label: 17, tick: 15 },
};
