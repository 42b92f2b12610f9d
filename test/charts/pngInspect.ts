/** Decoding a rendered chart for tests: pixels, and where the ink is. */
import { PNG } from 'pngjs';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Buffer;
}

export function decodePng(png: Buffer): DecodedPng {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, data: image.data };
}

export function pixel(image: DecodedPng, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]];
}

const hex = (colour: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];

/** Pixels in the box whose colour is within `tolerance` (per channel) of `colour`. */
export function countColour(
  image: DecodedPng,
  colour: string,
  box = { x: 0, y: 0, w: image.width, h: image.height },
  tolerance = 40,
): number {
  const [r, g, b] = hex(colour);
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const [pr, pg, pb, pa] = pixel(image, x, y);
      if (pa > 200 && Math.abs(pr - r) <= tolerance && Math.abs(pg - g) <= tolerance && Math.abs(pb - b) <= tolerance) n++;
    }
  }
  return n;
}

/** Pixels in the box that differ from the background by more than `tolerance`: text, lines, bars. */
export function inkIn(image: DecodedPng, background: string, box: { x: number; y: number; w: number; h: number }, tolerance = 60): number {
  const [r, g, b] = hex(background);
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const [pr, pg, pb] = pixel(image, x, y);
      if (Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) > tolerance) n++;
    }
  }
  return n;
}
