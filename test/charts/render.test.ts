/**
 * Charts as the bot uploads them, decoded: the right size, not blank, the data drawn in the accent colour, and the
 * text really drawn. resvg silently draws no text when it has no font, so a chart whose axis labels have no ink fails
 * here (the first test shows the measure tells the two apart).
 */
import { renderAsync } from '@resvg/resvg-js';
import { CHART_STYLE, chartFonts, chartSvg, rasterise, type ChartSpec } from '../../src/charts';
import { countColour, decodePng, inkIn } from './pngInspect';

const years = ['2018', '2019', '2020', '2021', '2022'];
const spec: ChartSpec = {
  title: 'Matches for “pay offer” per year',
  categoryLabels: years,
  series: [{ name: 'pay offer', values: [3, 0, 12, 40, 7] }],
  xLabel: 'Year of the post',
  yLabel: 'Comments and post passages',
  note: '+ 3 matches in undated posts',
};
/** The y-axis title: a tall strip at the left edge, where nothing but its glyphs is drawn. */
const Y_LABEL = { x: 6, y: 100, w: 24, h: 220 };
/** The x-axis title, centred under the plot. */
const X_LABEL = { x: 300, y: 355, w: 240, h: 30 };

describe('chart rendering', () => {
  const fonts = chartFonts();

  it('finds DejaVu Sans on this machine (the CI installs fonts-dejavu-core when missing)', () => {
    expect(fonts.found).toBe(true);
    expect(fonts.files[0]).toMatch(/DejaVuSans\.ttf$/);
  });

  it('tells a chart with drawn labels from one drawn without a font', async () => {
    const svg = chartSvg(spec);
    const withoutFont = decodePng((await renderAsync(svg, { font: { loadSystemFonts: false, fontFiles: [] }, logLevel: 'off' })).asPng());
    expect(inkIn(withoutFont, CHART_STYLE.background, Y_LABEL)).toBe(0);
    expect(inkIn(withoutFont, CHART_STYLE.background, X_LABEL)).toBe(0);
    const withFont = decodePng((await rasterise(svg, fonts)).png);
    expect(inkIn(withFont, CHART_STYLE.background, Y_LABEL)).toBeGreaterThan(200);
  });

  it('renders an 800×420 PNG with labelled axes, the bars in the accent colour and the text in ink', async () => {
    const { png, width, height } = await rasterise(chartSvg(spec), fonts);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const image = decodePng(png);
    expect([image.width, image.height, width, height]).toEqual([800, 420, 800, 420]);
    // Not blank: the card, the bars, the text.
    expect(countColour(image, CHART_STYLE.background)).toBeGreaterThan(200_000);
    expect(countColour(image, CHART_STYLE.series[0], undefined, 10)).toBeGreaterThan(10_000);
    expect(inkIn(image, CHART_STYLE.background, Y_LABEL)).toBeGreaterThan(200);
    expect(inkIn(image, CHART_STYLE.background, X_LABEL)).toBeGreaterThan(200);
    // The title has ink in the title colour.
    expect(countColour(image, CHART_STYLE.text, { x: 20, y: 10, w: 400, h: 36 }, 30)).toBeGreaterThan(300);
  });

  it('draws compared series as lines in the accent and the muted colours, with a legend', async () => {
    const compared: ChartSpec = {
      ...spec,
      series: [spec.series[0], { name: 'strike', values: [1, 5, 2, 9, 30] }, { name: 'union', values: [8, 8, 8, 8, 8] }],
    };
    const svg = chartSvg(compared);
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg).not.toContain('<rect x=');
    const image = decodePng((await rasterise(svg, fonts)).png);
    for (const colour of CHART_STYLE.series) expect(countColour(image, colour, undefined, 12)).toBeGreaterThan(100);
  });

  it('renders an empty archive (no periods) and text that would break SVG', async () => {
    const odd: ChartSpec = { ...spec, title: '<script>& "quotes" \'too\'', categoryLabels: [], series: [{ name: 'x', values: [] }] };
    const svg = chartSvg(odd);
    expect(svg).toContain('&lt;script&gt;&amp; &quot;quotes&quot; &#39;too&#39;');
    const image = decodePng((await rasterise(svg, fonts)).png);
    expect(image.width).toBe(800);
  });
});
