/**
 * Charts once per question: the same /trend is asked again and again (a chart shared in a channel, a button pressed
 * twice), and a chart only changes with the archive. Entries are keyed by the caller (question + archive version),
 * least recently used out, bounded both in count and in PNG bytes. Concurrent requests for one key share one render.
 * One cache per bot context (no module-level state), so tests and processes never see each other's charts.
 */
import type { ChartFonts } from './rasterise';
import { rasterise } from './rasterise';

export interface ChartCacheOptions {
  fonts: ChartFonts;
  /** Most charts kept (default 200). */
  maxEntries?: number;
  /** Most PNG bytes kept (default 16 MiB). */
  maxBytes?: number;
}

export interface Chart<T> {
  /** What was counted (the report the chart draws). */
  data: T;
  png: Buffer;
  width: number;
  height: number;
}

export class ChartCache {
  readonly fonts: ChartFonts;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  private readonly entries = new Map<string, Promise<Chart<unknown>>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(options: ChartCacheOptions) {
    this.fonts = options.fonts;
    this.maxEntries = Math.max(1, options.maxEntries ?? 200);
    this.maxBytes = Math.max(1, options.maxBytes ?? 16 * 1024 * 1024);
  }

  /** Charts held, and their PNG bytes. */
  get size(): number {
    return this.entries.size;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  /** The chart for `key`, made by `make` (data + SVG) and rasterised on first use. A failed render is not kept. */
  get<T>(key: string, make: () => { data: T; svg: string }): Promise<Chart<T>> {
    const held = this.entries.get(key);
    if (held) {
      this.entries.delete(key);
      this.entries.set(key, held);
      return held as Promise<Chart<T>>;
    }
    const pending = (async (): Promise<Chart<T>> => {
      const { data, svg } = make();
      const image = await rasterise(svg, this.fonts);
      return { data, png: image.png, width: image.width, height: image.height };
    })();
    this.entries.set(key, pending);
    pending.then(
      (chart) => this.account(key, pending, chart.png.length),
      () => {
        if (this.entries.get(key) === pending) this.entries.delete(key);
      },
    );
    return pending;
  }

  private account(key: string, pending: Promise<Chart<unknown>>, size: number): void {
    if (this.entries.get(key) !== pending) return;
    this.sizes.set(key, size);
    this.bytes += size;
    this.evict();
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      // Renders still in flight have no size yet; they are accounted (and may evict) when they finish.
      const size = this.sizes.get(key);
      if (size === undefined && this.entries.size <= this.maxEntries) continue;
      this.entries.delete(key);
      this.sizes.delete(key);
      this.bytes -= size ?? 0;
    }
  }
}
