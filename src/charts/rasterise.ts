/**
 * SVG → PNG with resvg. resvg draws text only with fonts it was given, and silently leaves text out when it has none,
 * so the font is chosen here, explicitly, rather than left to whatever the machine happens to have: DejaVu Sans from
 * its usual places (Debian's fonts-dejavu-core, which `.ci/run` installs when missing; Arch; Fedora). Only on a
 * machine with none of them does it fall back to the system's fonts (slower to load, and the chart may look
 * different); `chartFonts().found` says which, and the bot logs it at start-up.
 */
import { existsSync } from 'node:fs';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';

/** Known homes of DejaVu Sans (regular, then bold for titles). */
const FONT_CANDIDATES: ReadonlyArray<readonly [string, string]> = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'],
];

export interface ChartFonts {
  /** Font files given to resvg; empty when falling back to the system's fonts. */
  files: string[];
  /** True when DejaVu Sans was found in a known place. */
  found: boolean;
}

/** The fonts charts are drawn with (see the top of this file). */
export function chartFonts(exists: (file: string) => boolean = existsSync): ChartFonts {
  for (const [regular, bold] of FONT_CANDIDATES) {
    if (exists(regular)) return { files: exists(bold) ? [regular, bold] : [regular], found: true };
  }
  return { files: [], found: false };
}

/** What to tell an operator whose machine has no DejaVu Sans. */
export const MISSING_FONT_HINT =
  'DejaVu Sans was not found, so charts use whatever fonts the system has: install it (Debian/Ubuntu: apt-get install fonts-dejavu-core) for charts that look as intended.';

export interface RenderedPng {
  png: Buffer;
  width: number;
  height: number;
}

function options(fonts: ChartFonts): ResvgRenderOptions {
  return {
    font: fonts.found
      ? { loadSystemFonts: false, fontFiles: fonts.files, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
      : { loadSystemFonts: true },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'error',
  };
}

/** Renders on libuv's thread pool, so a chart never holds up the bot's event loop (gateway heartbeats, other users). */
export async function rasterise(svg: string, fonts: ChartFonts): Promise<RenderedPng> {
  const image = await renderAsync(svg, options(fonts));
  return { png: image.asPng(), width: image.width, height: image.height };
}
