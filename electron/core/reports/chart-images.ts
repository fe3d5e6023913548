import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Language } from '../../../shared/domain/settings.ts';
import { standing } from '../../../shared/analytics/charts.ts';
import { formatNumber, formatPercent } from '../../../shared/format/number.ts';

/**
 * Charts drawn as PNG in the main process, for workbooks (Excel takes pictures, not SVG):
 * pure JavaScript (pureimage) with the font shipped in resources/fonts, so the CLI and the
 * desktop app draw the same images on every platform. Below the pass mark is hatched as
 * well as red, as on the screens.
 */
const FONT = 'DejaVuSans.ttf';
export const COLOURS = { text: '#111827', muted: '#6b7280', grid: '#e5e7eb', above: '#0b6e69', below: '#b42318', passMark: '#374151' };

export type Canvas = Awaited<ReturnType<typeof canvas>>;

let fontLoaded: Promise<boolean> | undefined;
export async function loadFont(fontsDir: string): Promise<boolean> {
  const PImage = await import('pureimage');
  fontLoaded ??= (async () => {
    const path = join(fontsDir, FONT);
    if (!existsSync(path)) return false;
    await PImage.registerFont(path, 'Timbang Sans').load();
    return true;
  })();
  return fontLoaded;
}

export async function canvas(width: number, height: number) {
  const PImage = await import('pureimage');
  const image = PImage.make(width, height);
  const context = image.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  return { PImage, image, context };
}

/**
 * The canvas as an opaque RGB PNG. Every chart is drawn on white, so the alpha channel carries
 * nothing; without it pdfkit embeds the picture at once instead of decoding it on libuv's threads
 * and writing it whenever that finishes, which made the letter's PDF bytes depend on timing.
 */
export function png({ image }: Canvas): Buffer {
  const out = new PNG({ width: image.width, height: image.height });
  out.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(out, { colorType: 2, inputColorType: 6, inputHasAlpha: true, deflateLevel: 9 });
}

export function text(
  { context }: Canvas,
  value: string,
  x: number,
  y: number,
  size = 13,
  colour: string = COLOURS.text,
  align: 'left' | 'right' | 'center' = 'left',
) {
  context.fillStyle = colour;
  context.font = `${size}px 'Timbang Sans'`;
  const width = context.measureText(value).width;
  context.fillText(value, align === 'left' ? x : align === 'right' ? x - width : x - width / 2, y);
}

/** A bar, hatched with white diagonals when below the pass mark. */
export function bar({ context }: Canvas, x: number, y: number, width: number, height: number, below: boolean) {
  context.fillStyle = below ? COLOURS.below : COLOURS.above;
  context.fillRect(x, y, width, height);
  if (!below) return;
  context.strokeStyle = '#ffffff';
  context.lineWidth = 2;
  // Diagonals (x + k + t, y + height − t), clipped to the bar.
  for (let k = -height; k < width; k += 7) {
    const from = Math.max(0, -k);
    const to = Math.min(height, width - k);
    if (from >= to) continue;
    context.beginPath();
    context.moveTo(x + k + from, y + height - from);
    context.lineTo(x + k + to, y + height - to);
    context.stroke();
  }
}

export interface ChartText {
  title: string;
  passMark: string;
}

/** Horizontal bars of each dimension's % against the pass mark line. */
export async function dimensionBarsPng(
  fontsDir: string,
  dimensions: readonly { label: string; percent: number | null }[],
  passMark: number,
  language: Language,
  words: ChartText,
): Promise<Buffer | undefined> {
  if (!(await loadFont(fontsDir))) return undefined;
  const rowHeight = 30;
  const left = 230;
  const plot = 460;
  const top = 56;
  const height = top + dimensions.length * rowHeight + 40;
  const c = await canvas(left + plot + 80, height);
  text(c, words.title, 16, 28, 16);
  for (const tick of [0, 25, 50, 75, 100]) {
    const x = left + (plot * tick) / 100;
    c.context.fillStyle = COLOURS.grid;
    c.context.fillRect(x, top - 6, 1, dimensions.length * rowHeight + 6);
    text(c, formatPercent(tick, language, 0), x, height - 14, 11, COLOURS.muted, 'center');
  }
  dimensions.forEach((dimension, index) => {
    const y = top + index * rowHeight;
    text(c, dimension.label, left - 10, y + 17, 13, COLOURS.text, 'right');
    if (dimension.percent === null) {
      text(c, '–', left + 4, y + 17, 13, COLOURS.muted);
      return;
    }
    const width = Math.max(1, (plot * Math.min(100, Math.max(0, dimension.percent))) / 100);
    bar(c, left, y + 4, width, rowHeight - 10, standing(dimension.percent, passMark) === 'below');
    text(c, formatPercent(dimension.percent, language), left + width + 6, y + 17, 12);
  });
  const x = left + (plot * passMark) / 100;
  c.context.fillStyle = COLOURS.passMark;
  c.context.fillRect(x - 1, top - 10, 2, dimensions.length * rowHeight + 10);
  text(c, `${words.passMark} ${formatPercent(passMark, language, 0)}`, x + 4, top - 14, 11, COLOURS.passMark);
  return png(c);
}

/** How many regencies reach each band of overall %, with the pass mark marked. */
export async function histogramPng(
  fontsDir: string,
  bins: readonly { from: number; to: number; count: number }[],
  passMark: number,
  language: Language,
  words: ChartText & { axis: string },
): Promise<Buffer | undefined> {
  if (!(await loadFont(fontsDir))) return undefined;
  const left = 50;
  const plotWidth = 560;
  const plotHeight = 220;
  const top = 50;
  const c = await canvas(left + plotWidth + 30, top + plotHeight + 60);
  text(c, words.title, 16, 28, 16);
  const most = Math.max(1, ...bins.map((bin) => bin.count));
  const slot = plotWidth / bins.length;
  bins.forEach((bin, index) => {
    const heightOf = (plotHeight * bin.count) / most;
    const x = left + index * slot;
    if (bin.count > 0) bar(c, x + 4, top + plotHeight - heightOf, slot - 8, heightOf, bin.to <= passMark + 1e-9);
    text(c, formatNumber(bin.count, language, 0), x + slot / 2, top + plotHeight - heightOf - 6, 12, COLOURS.text, 'center');
    text(c, `${bin.from}–${bin.to}`, x + slot / 2, top + plotHeight + 18, 11, COLOURS.muted, 'center');
  });
  c.context.fillStyle = COLOURS.text;
  c.context.fillRect(left, top + plotHeight, plotWidth, 1);
  const x = left + (plotWidth * passMark) / 100;
  c.context.fillStyle = COLOURS.passMark;
  c.context.fillRect(x - 1, top - 8, 2, plotHeight + 8);
  text(c, `${words.passMark} ${formatPercent(passMark, language, 0)}`, x + 4, top - 12, 11, COLOURS.passMark);
  text(c, words.axis, left + plotWidth / 2, top + plotHeight + 42, 12, COLOURS.muted, 'center');
  return png(c);
}
