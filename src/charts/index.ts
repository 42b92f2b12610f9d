/** Charts: a pure SVG builder, text charts for terminals, and rasterising to PNG (with an explicit font). */
export { chartSvg, escapeXml } from './svgChart';
export type { ChartSeries, ChartSpec } from './svgChart';
export { CHART_STYLE } from './style';
export type { ChartStyle } from './style';
export { integerTicks, visibleLabels } from './ticks';
export { textBars, textSparkRows } from './textChart';
export type { SparkRow, TextRow } from './textChart';
export { chartFonts, MISSING_FONT_HINT, rasterise } from './rasterise';
export type { ChartFonts, RenderedPng } from './rasterise';
export { ChartCache } from './chartCache';
export type { Chart, ChartCacheOptions } from './chartCache';
