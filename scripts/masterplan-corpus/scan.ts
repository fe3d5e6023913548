import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import * as PImage from 'pureimage';
import { replacePages, type PageImage } from './pdf-pages.ts';
import { rasterise, stablePdf } from './pdf.ts';
import type { Rng } from './prng.ts';

/**
 * A scanned variant of a PDF: some pages replaced by a grey raster without a text layer, as a
 * scanner gives them: 150 dpi (or as asked), a paper tone, uneven light, noise, a tilt of at most half a degree.
 */

export interface ScanPage {
  page: number;
  /** A photographed table gets more tilt and uneven light. */
  rough: boolean;
  /** Resolution (150 when absent) and tilt in degrees (drawn when absent; the side is drawn). */
  dpi?: number;
  degrees?: number;
}

interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

function readPgm(file: string): Gray {
  const buffer = readFileSync(file);
  // "P5\n<w> <h>\n255\n" then one byte per pixel.
  let at = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buffer[at] as number))) at++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(buffer[at] as number))) field += String.fromCharCode(buffer[at++] as number);
    fields.push(field);
  }
  at++;
  if (fields[0] !== 'P5' || fields[3] !== '255') throw new Error(`unexpected PGM header ${fields.join(' ')}`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, data: new Uint8Array(buffer.subarray(at, at + width * height)) };
}

/** Tilt, paper tone, light falling off to one side, and noise. */
function scanner(image: Gray, rng: Rng, rough: boolean, tilt?: number): Gray {
  const { width, height, data } = image;
  const degrees = (tilt ?? (rough ? 0.35 + rng.next() * 0.15 : 0.1 + rng.next() * 0.25)) * (rng.chance(0.5) ? 1 : -1);
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = width / 2;
  const cy = height / 2;
  const out = new Uint8Array(width * height);
  const light = rough ? 22 : 8;
  const sample = (x: number, y: number) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) return 255;
    const fx = x - x0;
    const fy = y - y0;
    const at = (xx: number, yy: number) => data[yy * width + xx] as number;
    return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const v = sample(cx + dx * cos - dy * sin, cy + dx * sin + dy * cos);
      const toned = 246 - (255 - v) * 0.9;
      const shade = light * (x / width) + (rough ? light * 0.6 * Math.abs(y / height - 0.5) : 0);
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(toned - shade + rng.noise(rough ? 5 : 3.5))));
    }
  }
  return { width, height, data: out };
}

async function jpeg(image: Gray, quality: number): Promise<Buffer> {
  const bitmap = PImage.make(image.width, image.height);
  for (let i = 0; i < image.data.length; i++) {
    const v = image.data[i] as number;
    bitmap.data[i * 4] = v;
    bitmap.data[i * 4 + 1] = v;
    bitmap.data[i * 4 + 2] = v;
    bitmap.data[i * 4 + 3] = 255;
  }
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await PImage.encodeJPEGToStream(bitmap, stream, quality);
  return Buffer.concat(chunks);
}

export async function makeScannedVariant(pdf: string, pages: ScanPage[], out: string, rng: Rng): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'timbang-scan-'));
  try {
    const images = new Map<number, PageImage>();
    for (const { page, rough, dpi, degrees } of pages) {
      const raster = readPgm(await rasterise(pdf, page, dpi ?? 150, join(scratch, `raster-${page}`)));
      const scanned = scanner(raster, rng.fork(`page-${page}`), rough, degrees);
      images.set(page, { jpeg: await jpeg(scanned, rough ? 55 : 60), width: scanned.width, height: scanned.height, components: 3 });
    }
    writeFileSync(out, stablePdf(replacePages(readFileSync(pdf), images)));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
