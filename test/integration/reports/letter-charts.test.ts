import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LetterChart } from '../../../shared/report/letter-document.ts';
import {
  LETTER_CHART_MARGIN,
  LETTER_CHART_SCALE,
  LETTER_CHART_WIDTH,
  LETTER_COLOURS,
  letterChartPng,
} from '../../../electron/core/reports/letter-charts.ts';
import { sampleChart } from '../../helpers/letter-pdf-sample.ts';

const FONTS = join(import.meta.dirname, '../../../resources/fonts');
const OUT = join(import.meta.dirname, '../../../test-results/letter');

interface Picture {
  width: number;
  height: number;
  /** [r, g, b] at (x, y) in device pixels. */
  at(x: number, y: number): [number, number, number];
}

async function draw(chart: LetterChart, name: string, language: 'id' | 'en' = 'id'): Promise<Picture> {
  const png = await letterChartPng(chart, FONTS, language);
  expect(png).toBeInstanceOf(Buffer);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `${name}.png`), png as Buffer);
  const PImage = await import('pureimage');
  const stream = new PassThrough();
  stream.end(png);
  const bitmap = await PImage.decodePNGFromStream(stream);
  return {
    width: bitmap.width,
    height: bitmap.height,
    at(x, y) {
      const rgba = bitmap.getPixelRGBA(x, y);
      return [(rgba >>> 24) & 0xff, (rgba >>> 16) & 0xff, (rgba >>> 8) & 0xff];
    },
  };
}

const hex = (colour: string): [number, number, number] =>
  [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16)) as [number, number, number];
const near = (pixel: [number, number, number], colour: string, tolerance = 40) =>
  hex(colour).every((channel, index) => Math.abs(channel - (pixel[index] as number)) <= tolerance);

/** Every pixel matching `colour` (within a tolerance), as device coordinates. */
function find(picture: Picture, colour: string, tolerance = 40): { x: number; y: number }[] {
  const found: { x: number; y: number }[] = [];
  for (let y = 0; y < picture.height; y++)
    for (let x = 0; x < picture.width; x++) if (near(picture.at(x, y), colour, tolerance)) found.push({ x, y });
  return found;
}

/** Nothing is drawn in a frame along the edges: no label or line is cut off by the picture's border. */
function expectClearFrame(picture: Picture, frame: number) {
  const inked: string[] = [];
  for (let y = 0; y < picture.height; y++)
    for (let x = 0; x < picture.width; x++) {
      if (x >= frame && x < picture.width - frame && y >= frame && y < picture.height - frame) continue;
      const [r, g, b] = picture.at(x, y);
      if (r < 235 || g < 235 || b < 235) inked.push(`${x},${y}`);
    }
  expect(inked.slice(0, 5)).toEqual([]);
}

describe('the letter charts', () => {
  it('draws the radar at twice the resolution, the pass-mark ring in its colour, nothing cut at the edges', async () => {
    const chart = sampleChart('radar', 'id');
    const picture = await draw(chart, 'radar-id');
    expect(picture.width).toBe(LETTER_CHART_WIDTH * LETTER_CHART_SCALE);
    expect(picture.height % LETTER_CHART_SCALE).toBe(0);
    expectClearFrame(picture, (LETTER_CHART_MARGIN * LETTER_CHART_SCALE) / 2);

    // The pass-mark ring is dashed. With the panel well inside it and the self-assessment well outside, its side
    // between the 2nd and 3rd axes is clear of other lines: pieces in the pass-mark colour with gaps between them.
    const clear = await draw({ ...chart, points: chart.points.map((point) => ({ ...point, panel: 40, self: 95 })) }, 'radar-clear-ring');
    const passMark = find(clear, LETTER_COLOURS.passMark, 30);
    expect(passMark.length).toBeGreaterThan(200);
    // The ring's right side is a vertical line at 70% of the radius (140) times cos 30° right of the centre.
    const ringX = clear.width / 2 + 0.7 * 140 * Math.cos(Math.PI / 6) * LETTER_CHART_SCALE;
    const column = passMark.filter(({ x }) => Math.abs(x - ringX) <= 3);
    expect(column.length).toBeGreaterThan(10);
    const ys = [...new Set(column.map(({ y }) => y))].sort((a, b) => a - b);
    // That side is 70% of the radius long (two halves of sin 30°): the longest run of pixels with no more than
    // a dash's gap between them.
    const runs: number[][] = [];
    for (const y of ys) {
      const run = runs.at(-1);
      if (run && y - (run.at(-1) as number) <= 12) run.push(y);
      else runs.push([y]);
    }
    const side = runs.sort((a, b) => (b.at(-1) as number) - (b[0] as number) - ((a.at(-1) as number) - (a[0] as number)))[0] as number[];
    const length = (side.at(-1) as number) - (side[0] as number);
    expect(Math.abs(length - 0.7 * 140 * LETTER_CHART_SCALE)).toBeLessThan(12);
    // Dashed: gaps of several pixels between its pieces.
    const gaps = side.slice(1).filter((y, index) => y - (side[index] as number) > 3);
    expect(gaps.length).toBeGreaterThanOrEqual(5);

    // The self-assessment is drawn (dashed, its own colour) when there is one, and not at all otherwise.
    expect(find(picture, LETTER_COLOURS.self, 30).length).toBeGreaterThan(200);
    const withoutSelf = await draw(sampleChart('radar', 'en', false), 'radar-en-no-self', 'en');
    expect(find(withoutSelf, LETTER_COLOURS.self, 30)).toEqual([]);
    expectClearFrame(withoutSelf, (LETTER_CHART_MARGIN * LETTER_CHART_SCALE) / 2);
    // Dimensions below the pass mark have a red point and a red value; 3 of the sample's 6 are below.
    expect(find(picture, LETTER_COLOURS.below, 30).length).toBeGreaterThan(100);
  });

  it('draws the gaps as bars from the pass-mark line: below to the left in red, above to the right in green', async () => {
    const chart = sampleChart('gaps', 'id');
    const picture = await draw(chart, 'gaps-id');
    expect(picture.width).toBe(LETTER_CHART_WIDTH * LETTER_CHART_SCALE);
    expectClearFrame(picture, (LETTER_CHART_MARGIN * LETTER_CHART_SCALE) / 2);
    // The zero line: the column with the most pass-mark pixels.
    const counts = new Map<number, number>();
    for (const { x } of find(picture, LETTER_COLOURS.passMark, 20)) counts.set(x, (counts.get(x) ?? 0) + 1);
    const [zero, tallest] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [number, number];
    expect(tallest).toBeGreaterThan(picture.height / 2);
    const red = find(picture, LETTER_COLOURS.below, 30);
    const green = find(picture, LETTER_COLOURS.above, 30);
    expect(red.length).toBeGreaterThan(1000);
    expect(green.length).toBeGreaterThan(1000);
    expect(red.filter(({ x }) => x > zero + 2)).toEqual([]);
    expect(green.filter(({ x }) => x < zero - 2)).toEqual([]);
    // Hatched: a red bar has white diagonals, so its middle row has white between red pixels.
    const firstRed = red[0] as { x: number; y: number };
    const row = red.filter(({ y }) => y === firstRed.y + 10).map(({ x }) => x);
    const whiteInside = Array.from({ length: Math.max(0, Math.max(...row) - Math.min(...row)) }, (_, i) => Math.min(...row) + i).filter(
      (x) => near(picture.at(x, firstRed.y + 10), '#ffffff', 20),
    );
    expect(whiteInside.length).toBeGreaterThan(5);

    // All above the pass mark: no red at all, the bars to the right.
    const above: LetterChart = { ...chart, points: chart.points.map((point) => ({ ...point, panel: 70 + (point.panel ?? 0) / 10 })) };
    const allAbove = await draw(above, 'gaps-all-above');
    expect(find(allAbove, LETTER_COLOURS.below, 30)).toEqual([]);
    expectClearFrame(allAbove, (LETTER_CHART_MARGIN * LETTER_CHART_SCALE) / 2);
    // Far below, with a dimension without a result: the labels still fit inside the picture.
    const far: LetterChart = {
      ...chart,
      points: chart.points.map((point, index) => ({ ...point, panel: index === 0 ? null : index * 3 })),
    };
    expectClearFrame(await draw(far, 'gaps-far-below'), (LETTER_CHART_MARGIN * LETTER_CHART_SCALE) / 2);
  });
});
