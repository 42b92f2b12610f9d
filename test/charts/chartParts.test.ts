import { ChartCache, chartFonts, chartSvg, integerTicks, textBars, textSparkRows, visibleLabels } from '../../src/charts';

describe('integer ticks', () => {
  it.each([0, 1, 2, 3, 7, 10, 11, 38, 99, 101, 1234, 98765])('covers %d with at most 6 whole, evenly spaced ticks from 0', (max) => {
    const ticks = integerTicks(max);
    expect(ticks[0]).toBe(0);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const step = ticks[1] - ticks[0];
    expect(Number.isInteger(step)).toBe(true);
    expect(String(step)).toMatch(/^[125]0*$/);
    ticks.forEach((t, i) => expect(t).toBe(i * step));
  });
});

describe('category labels', () => {
  it('shows all when they fit and thins them evenly, never overlapping, when they do not', () => {
    const years = Array.from({ length: 13 }, (_, i) => String(2011 + i));
    expect(visibleLabels(years, 700, 9).every(Boolean)).toBe(true);
    const many = Array.from({ length: 150 }, (_, i) => `m${i}`.padEnd(8, 'x'));
    const shown = visibleLabels(many, 700, 9);
    const indexes = shown.map((s, i) => (s ? i : -1)).filter((i) => i >= 0);
    expect(indexes.length).toBeGreaterThan(3);
    const band = 700 / 150;
    for (let k = 1; k < indexes.length; k++) expect((indexes[k] - indexes[k - 1]) * band).toBeGreaterThanOrEqual(8 * 9);
  });

  it('never labels a category given no label', () => {
    const labels = ['2020', null, null, '2021', null];
    expect(visibleLabels(labels, 700, 9)).toEqual([true, false, false, true, false]);
  });
});

describe('SVG chart', () => {
  it('draws one bar per non-zero count, with its value when there are few', () => {
    const svg = chartSvg({
      title: 't',
      categoryLabels: ['a', 'b', 'c'],
      series: [{ name: 's', values: [2, 0, 5] }],
      xLabel: 'x',
      yLabel: 'y',
    });
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg).toMatch(/>5<\/text>/);
    expect(svg).not.toContain('NaN');
  });
});

describe('text charts', () => {
  it('scales bars to the largest value and prints every number', () => {
    const lines = textBars(
      [
        { label: '2020', value: 10 },
        { label: '2021', value: 5 },
        { label: '2022', value: 0 },
      ],
      20,
    );
    expect(lines[0]).toBe(`2020 │${'█'.repeat(20)} 10`);
    expect(lines[1]).toBe(`2021 │${'█'.repeat(10)}${' '.repeat(10)} 5`);
    expect(lines[2]).toBe(`2022 │${' '.repeat(20)} 0`);
  });

  it('draws one sparkline per row on one scale, blank for zero, with the row total', () => {
    const [a, b] = textSparkRows([
      { label: '2020', values: [0, 8, 4] },
      { label: '2021', values: [1, 0, 0] },
    ]);
    expect(a).toBe('2020 │ █▄│ 12');
    expect(b).toBe('2021 │▁  │ 1');
  });
});

describe('chart cache', () => {
  const fonts = chartFonts();
  const svg = (label: string) =>
    chartSvg({ title: label, categoryLabels: ['a'], series: [{ name: 's', values: [1] }], xLabel: 'x', yLabel: 'y' });

  it('draws a chart asked twice (even at the same time) once', async () => {
    const cache = new ChartCache({ fonts });
    let made = 0;
    const make = () => {
      made++;
      return { data: { n: 1 }, svg: svg('one') };
    };
    const [a, b] = await Promise.all([cache.get('k', make), cache.get('k', make)]);
    const c = await cache.get('k', make);
    expect(made).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(cache.size).toBe(1);
    expect(cache.heldBytes).toBe(a.png.length);
  });

  it('keeps at most maxEntries charts, dropping the least recently used', async () => {
    const cache = new ChartCache({ fonts, maxEntries: 2 });
    let made = 0;
    const get = (k: string) => cache.get(k, () => (made++, { data: k, svg: svg(k) }));
    await get('a');
    await get('b');
    await get('a');
    await get('c');
    expect(cache.size).toBe(2);
    made = 0;
    await get('a');
    expect(made).toBe(0);
    await get('b');
    expect(made).toBe(1);
  });

  it('keeps its PNG bytes under maxBytes', async () => {
    const probe = new ChartCache({ fonts });
    const one = (await probe.get('x', () => ({ data: 0, svg: svg('x') }))).png.length;
    const cache = new ChartCache({ fonts, maxBytes: one * 2.5 });
    for (const k of ['a', 'b', 'c', 'd', 'e']) await cache.get(k, () => ({ data: k, svg: svg('x') }));
    expect(cache.heldBytes).toBeLessThanOrEqual(one * 2.5);
    expect(cache.size).toBe(2);
  });

  it('does not keep a failure', async () => {
    const cache = new ChartCache({ fonts });
    await expect(
      cache.get('bad', () => {
        throw new Error('no data');
      }),
    ).rejects.toThrow('no data');
    await new Promise((r) => setImmediate(r));
    expect(cache.size).toBe(0);
    await expect(cache.get('bad', () => ({ data: 1, svg: svg('ok') }))).resolves.toMatchObject({ data: 1 });
  });
});

describe('legend', () => {
  it('cuts a long series name but keeps its total', () => {
    const svg = chartSvg({
      title: 't',
      categoryLabels: ['a'],
      series: [
        { name: 'probation officer workload measurement', detail: '27,971', values: [1] },
        { name: 'b', detail: '3', values: [2] },
        { name: 'c', detail: '4', values: [3] },
      ],
      xLabel: 'x',
      yLabel: 'y',
    });
    expect(svg).toMatch(/>probatio[^<]*… \(27,971\)<\/text>/);
  });
});
