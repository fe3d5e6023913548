import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, encodePgm, type OcrEngine, type OcrImage, type OcrWord } from '../../../electron/core/intake/ocr.ts';
import { RESOURCES_DIR } from '../../../electron/core/platform/project.ts';
import { tempDir } from '../../helpers/temp.ts';

const TESSDATA = join(RESOURCES_DIR, 'tessdata');
const DPI = 150;

/** A signed decree as a regency scans it: title, considerations, and the council in a table. */
const TITLE = ['KEPUTUSAN BUPATI BANGGAI', 'NOMOR 188.45/412/BAPPEDA/2023', 'TENTANG', 'PEMBENTUKAN DEWAN SMART CITY KABUPATEN BANGGAI'];
const BODY = [
  'Menimbang: bahwa untuk mempercepat pelaksanaan rencana induk kota cerdas di Kabupaten Banggai perlu dibentuk dewan yang mengarahkan dan mengawasi program pembangunan daerah.',
  'Mengingat: Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah diubah beberapa kali.',
  'MEMUTUSKAN',
  'Menetapkan program prioritas dewan sebagai berikut:',
];
const TABLE = [
  ['No', 'Program', 'Perangkat Daerah', 'Tahun', 'Anggaran'],
  ['1', 'Mal pelayanan publik', 'DPMPTSP', '2023', '1.250.000'],
  ['2', 'Galeri UMKM daring', 'Dinas Koperasi', '2024', '750.000'],
  ['3', 'Bank sampah digital', 'Dinas Lingkungan Hidup', '2024', '480.000'],
  ['4', 'Layanan ambulans 112', 'Dinas Kesehatan', '2025', '2.100.000'],
];
const CLOSING = 'Ditetapkan di Luwuk pada tanggal 12 Juni 2023';

function decreePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 72 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(join(RESOURCES_DIR, 'fonts', 'DejaVuSans.ttf')).fontSize(13);
  for (const line of TITLE) doc.text(line, { align: 'center' });
  doc.moveDown().fontSize(11);
  for (const paragraph of BODY) doc.text(paragraph).moveDown(0.4);
  const columns = [72, 100, 245, 395, 450, 523];
  let y = doc.y + 6;
  for (const row of TABLE) {
    row.forEach((cell, index) => doc.text(cell, (columns[index] as number) + 4, y + 5, { lineBreak: false }));
    for (const x of columns)
      doc
        .moveTo(x, y)
        .lineTo(x, y + 20)
        .stroke();
    doc.moveTo(72, y).lineTo(523, y).stroke();
    y += 20;
  }
  doc.moveTo(72, y).lineTo(523, y).stroke();
  doc.text(CLOSING, 72, y + 30);
  doc.end();
  return done;
}

/** The PDF page rendered by poppler at `dpi`, grey, as the intake would hand it over: raw pixels. */
function rasterise(pdf: Buffer, dpi: number, folder: string): OcrImage {
  writeFileSync(join(folder, 'page.pdf'), pdf);
  const run = spawnSync('pdftoppm', ['-r', String(dpi), '-gray', '-singlefile', join(folder, 'page.pdf'), join(folder, 'page')]);
  if (run.error) throw new Error(`the OCR tests need pdftoppm (Debian: apt-get install -y poppler-utils): ${run.error.message}`);
  if (run.status !== 0) throw new Error(run.stderr.toString());
  const file = join(folder, 'page.pgm');
  const bytes = readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 32).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no binary PGM');
  return { width: Number(header[1]), height: Number(header[2]), channels: 1, data: bytes.subarray(header[0].length), dpi };
}

/** A scan, not a render: tilted half a degree, grey paper, dark-grey ink and sensor noise (seeded). */
function scanned(page: OcrImage): OcrImage {
  const { width, height, data } = page;
  const out = new Uint8Array(width * height);
  let seed = 2023;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const angle = (0.5 * Math.PI) / 180;
  const [cos, sin, cx, cy] = [Math.cos(angle), Math.sin(angle), width / 2, height / 2];
  const at = (x: number, y: number) => (x >= 0 && y >= 0 && x < width && y < height ? (data[y * width + x] as number) : 255);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const sx = cos * (x - cx) + sin * (y - cy) + cx;
      const sy = -sin * (x - cx) + cos * (y - cy) + cy;
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
      const [fx, fy] = [sx - x0, sy - y0];
      const value = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
      const noise = (random() + random() + random() - 1.5) * 25;
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(35 + (value / 255) * 197 + noise)));
    }
  }
  return { ...page, data: out };
}

const normal = (word: string) => word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
const TRUTH = [...TITLE, ...BODY, ...TABLE.flat(), CLOSING].join(' ').split(/\s+/).map(normal).filter(Boolean);

/** The share of the page's words (counted with repeats, case-insensitive) that OCR found. */
function recall(words: OcrWord[]): number {
  const found = new Map<string, number>();
  for (const word of words) found.set(normal(word.text), (found.get(normal(word.text)) ?? 0) + 1);
  let hits = 0;
  for (const word of TRUTH) {
    const left = found.get(word) ?? 0;
    if (left > 0) {
      hits += 1;
      found.set(word, left - 1);
    }
  }
  return hits / TRUTH.length;
}

const overlapVertically = (words: OcrWord[]) => Math.max(...words.map((word) => word.y0)) < Math.min(...words.map((word) => word.y1));

describe('OCR engine (tesseract.js, Indonesian data from resources/tessdata, offline)', () => {
  let engine: OcrEngine;
  let page: OcrImage;

  beforeAll(async () => {
    page = rasterise(await decreePdf(), DPI, tempDir('timbang-ocr-'));
    engine = await createOcrEngine({ tessdataDir: TESSDATA });
  }, 60_000);
  afterAll(() => engine?.close());

  it(
    'reads a scanned decree: at least 90% of its words, in plausible boxes, lines and table rows kept together',
    { timeout: 60_000 },
    async () => {
      const image = scanned(page);
      const { words, text, meanConfidence } = await engine.recognize(image);

      expect(recall(words)).toBeGreaterThanOrEqual(0.9);
      expect(text).toContain('PEMBENTUKAN DEWAN SMART CITY');
      expect(meanConfidence).toBeGreaterThan(70);
      for (const word of words) {
        expect(word.x0).toBeGreaterThanOrEqual(0);
        expect(word.y0).toBeGreaterThanOrEqual(0);
        expect(word.x1).toBeLessThanOrEqual(image.width);
        expect(word.y1).toBeLessThanOrEqual(image.height);
        expect(word.x1).toBeGreaterThan(word.x0);
        expect(word.y1).toBeGreaterThan(word.y0);
        expect(word.confidence).toBeGreaterThanOrEqual(0);
        expect(word.confidence).toBeLessThanOrEqual(100);
      }
      const lines = new Map<number, OcrWord[]>();
      for (const word of words) lines.set(word.line, [...(lines.get(word.line) ?? []), word]);
      expect(lines.size).toBeGreaterThanOrEqual(12);
      for (const line of lines.values()) expect(overlapVertically(line)).toBe(true);

      // The title sits centred one inch (150 px) from the top; a table row's cells share a band.
      const title = words.find((word) => word.text === 'KEPUTUSAN');
      expect(title?.y0).toBeGreaterThan(120);
      expect(title?.y0).toBeLessThan(190);
      expect(Math.abs(((title?.x0 ?? 0) + (title?.x1 ?? 0)) / 2 - image.width / 2)).toBeLessThan(image.width * 0.1);
      const row = ['Mal', 'DPMPTSP', '1.250.000'].map((cell) => words.find((word) => word.text === cell));
      expect(row.every(Boolean)).toBe(true);
      expect(overlapVertically(row as OcrWord[])).toBe(true);
    },
  );

  it('finds no words on a blank page, and refuses pixels that do not match the size given', { timeout: 60_000 }, async () => {
    const blank = { width: 1240, height: 1754, channels: 1, data: new Uint8Array(1240 * 1754).fill(255), dpi: DPI } as const;
    expect(await engine.recognize(blank)).toEqual({ words: [], text: '', meanConfidence: 0 });
    await expect(engine.recognize({ ...blank, data: new Uint8Array(100) })).rejects.toThrow(/do not hold a 1240×1754 image/);
    await expect(engine.recognize({ ...blank, width: 0 })).rejects.toThrow(/invalid image size/);
  });

  it('takes grey, RGB or RGBA pixels, with padded rows, as the same grey page', () => {
    const { width, height } = { width: 5, height: 3 };
    const grey = Uint8Array.from({ length: width * height }, (_, index) => index * 17);
    const padded = (channels: number, stride: number) => {
      const data = new Uint8Array(stride * height).fill(7);
      for (let index = 0; index < width * height; index += 1) {
        const at = Math.floor(index / width) * stride + (index % width) * channels;
        data.fill(grey[index] as number, at, at + Math.min(channels, 3));
        if (channels === 4) data[at + 3] = 255;
      }
      return data;
    };
    const expected = encodePgm({ width, height, channels: 1, data: grey });
    expect(new TextDecoder().decode(expected.subarray(0, 11))).toBe('P5\n5 3\n255\n');
    expect(encodePgm({ width, height, channels: 1, data: padded(1, 8), stride: 8 })).toEqual(expected);
    expect(encodePgm({ width, height, channels: 3, data: padded(3, 15) })).toEqual(expected);
    expect(encodePgm({ width, height, channels: 4, data: padded(4, 24), stride: 24 })).toEqual(expected);
  });

  it('fails with a clear error when the language data is missing or damaged', async () => {
    const folder = tempDir('timbang-ocr-data-');
    await expect(createOcrEngine({ tessdataDir: folder })).rejects.toThrow(/language data .*ind\.traineddata not found/);
    writeFileSync(join(folder, 'ind.traineddata'), 'not a model');
    await expect(createOcrEngine({ tessdataDir: folder })).rejects.toThrow(/OCR initialize failed/);
    await expect(createOcrEngine({ tessdataDir: TESSDATA, language: '../ind' })).rejects.toThrow(/invalid language code/);
  });

  it('runs in a worker thread with the network cut off in every thread, and close() leaves nothing running', { timeout: 90_000 }, () => {
    // A child process whose threads all load a guard (--require reaches worker threads) that
    // turns fetch and socket connections into logged failures. In a worker thread (as the
    // intake calls it) the child starts an engine on damaged data (which must fail), one on
    // the shipped data, reads the page, closes, and proves the guard works by trying a fetch
    // itself. It must then exit on its own: no thread left behind.
    const folder = tempDir('timbang-ocr-offline-');
    const log = join(folder, 'guard.log');
    writeFileSync(join(folder, 'page.pgm'), encodePgm(page));
    mkdirSync(join(folder, 'damaged'));
    writeFileSync(join(folder, 'damaged', 'ind.traineddata'), 'not a model');
    writeFileSync(
      join(folder, 'guard.cjs'),
      `const { appendFileSync } = require('node:fs');
const { threadId } = require('node:worker_threads');
const note = (line) => appendFileSync(${JSON.stringify(log)}, line + '\\n');
const cut = (what) => { note('attempt ' + what + ' in thread ' + threadId); throw new Error('network is cut off: ' + what); };
globalThis.fetch = async (url) => cut('fetch ' + url);
require('node:net').Socket.prototype.connect = function () { cut('socket connect'); };
note('guard in thread ' + threadId);`,
    );
    writeFileSync(
      join(folder, 'child.cjs'),
      `const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
if (isMainThread) {
  const worker = new Worker(__filename, { workerData: JSON.parse(process.argv[2]) });
  worker.on('message', (message) => process.stdout.write(JSON.stringify(message)));
  worker.on('error', (error) => { console.error(error); process.exitCode = 1; });
} else (async () => {
  const { createOcrEngine } = await import(workerData.module);
  const damaged = await createOcrEngine({ tessdataDir: workerData.damaged }).then(() => 'started', (error) => error.message);
  const engine = await createOcrEngine({ tessdataDir: workerData.tessdata });
  const bytes = readFileSync(workerData.page);
  const header = /^P5\\s+(\\d+)\\s+(\\d+)\\s+255\\s/.exec(bytes.subarray(0, 32).toString('latin1'));
  const { words } = await engine.recognize({ width: +header[1], height: +header[2], channels: 1, data: bytes.subarray(header[0].length) });
  await engine.close();
  const control = await fetch('https://example.com/ind.traineddata').then(() => 'fetched', (error) => error.message);
  parentPort.postMessage({ damaged, words: words.map((word) => word.text), control });
})();`,
    );
    const args = {
      module: pathToFileURL(join(import.meta.dirname, '../../../electron/core/intake/ocr.ts')).href,
      tessdata: TESSDATA,
      damaged: join(folder, 'damaged'),
      page: join(folder, 'page.pgm'),
    };
    const run = spawnSync(process.execPath, ['--require', join(folder, 'guard.cjs'), join(folder, 'child.cjs'), JSON.stringify(args)], {
      encoding: 'utf8',
      timeout: 80_000,
    });
    expect(run.signal, `the child did not exit by itself: ${run.stderr}`).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { damaged: string; words: string[]; control: string };
    expect(result.damaged).toMatch(/OCR initialize failed/);
    expect(result.words).toEqual(expect.arrayContaining(['KEPUTUSAN', 'BANGGAI', 'DPMPTSP', 'Luwuk']));
    expect(result.control).toMatch(/network is cut off/);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    // The child's main thread, the calling worker, and the two OCR threads all had the guard.
    expect(new Set(lines.filter((line) => line.startsWith('guard'))).size).toBe(4);
    expect(lines.filter((line) => line.startsWith('attempt'))).toEqual(['attempt fetch https://example.com/ind.traineddata in thread 1']);
  });
});
