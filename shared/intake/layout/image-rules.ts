import type { PageRule } from './page.ts';

/**
 * The straight lines of a scanned page, found in its pixels as Camelot's lattice mode
 * finds them (there with OpenCV's morphology, here with run lengths): dark runs longer
 * than a letter can be, horizontal and vertical, read through a three-pixel band so that
 * a page scanned a little askew still gives whole lines. The result goes through the same
 * ruled-table reading as a PDF's drawn lines.
 */
export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, row after row; 0 is black. */
  data: Uint8Array;
}

/** Darker than this (0–255) is ink. */
const INK = 150;

/** How far either side of a line there must be paper: a line is thin, a filled band (a dark header row, a photo) is not. */
const CLEARANCE_PT = 2.5;
/** Points along a run where its sides are looked at; letters touching a line darken a few of them, a band all. */
const SAMPLES = 7;

export function rulesFromImage(image: GreyImage, dpi: number): PageRule[] {
  const { width, height, data } = image;
  const scale = 72 / dpi;
  // Longer than any stroke of a letter at body size: a third of an inch across, a quarter down.
  const minAcross = Math.round(dpi * 0.35);
  const minDown = Math.round(dpi * 0.25);
  const clearance = Math.max(2, Math.round((dpi * CLEARANCE_PT) / 72));
  const rules: PageRule[] = [];
  const ink = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && (data[y * width + x] as number) < INK;
  /** Paper on both sides at most sample points along the run from `start` to `end` at `at`. */
  const thin = (start: number, end: number, at: number, across: boolean) => {
    let clear = 0;
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      const along = Math.floor(start + ((end - start) * (sample + 0.5)) / SAMPLES);
      const sides = across
        ? [ink(along, at - clearance), ink(along, at + clearance)]
        : [ink(at - clearance, along), ink(at + clearance, along)];
      if (!sides[0] && !sides[1]) clear += 1;
    }
    return clear * 2 > SAMPLES;
  };

  for (let y = 1; y < height - 1; y += 1) {
    let start = -1;
    for (let x = 0; x <= width; x += 1) {
      const dark = x < width && (ink(x, y) || ink(x, y - 1) || ink(x, y + 1));
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        if (x - start >= minAcross && ink(Math.floor((start + x) / 2), y) && thin(start, x, y, true))
          rules.push({ x0: start * scale, x1: x * scale, y0: y * scale, y1: y * scale });
        start = -1;
      }
    }
  }
  for (let x = 1; x < width - 1; x += 1) {
    let start = -1;
    for (let y = 0; y <= height; y += 1) {
      const dark = y < height && (ink(x, y) || ink(x - 1, y) || ink(x + 1, y));
      if (dark && start < 0) start = y;
      if (!dark && start >= 0) {
        if (y - start >= minDown && ink(x, Math.floor((start + y) / 2)) && thin(start, y, x, false))
          rules.push({ x0: x * scale, x1: x * scale, y0: start * scale, y1: y * scale });
        start = -1;
      }
    }
  }
  return rules;
}
