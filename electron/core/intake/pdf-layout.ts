import type { PageLayout, PageRule, PageWord } from '../../../shared/intake/layout/page.ts';
import type { PdfiumDocument } from './pdfium.ts';

/** What one page of a PDF holds, as geometry, plus what intake needs to decide on OCR. */
export interface PdfPageReading {
  layout: PageLayout;
  /** Share of the page covered by pictures (0–1): a scanned page is one big picture. */
  imageCover: number;
  /** Pixels per inch of the largest picture on the page, as stored in the file. */
  imageDpi: number | undefined;
}

/** Page objects, by PDFium's FPDF_PAGEOBJ_* numbers. */
const PATH = 2;
const IMAGE = 3;
const FORM = 5;
/** FPDF_SEGMENT_* */
const LINETO = 0;
const MOVETO = 2;

/** Lines thinner than this (points) are rules; boxes at least this big in both directions are cells or frames. */
const THIN = 2.5;
const SHORTEST_RULE = 4;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(inner: Matrix, outer: Matrix): Matrix {
  const [a, b, c, d, e, f] = inner;
  const [A, B, C, D, E, F] = outer;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

const SPACE_LIKE = (code: number) =>
  code <= 32 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x3000 || code === 0xfeff;

const LIGATURES: Record<number, string> = {
  0xfb00: 'ff',
  0xfb01: 'fi',
  0xfb02: 'fl',
  0xfb03: 'ffi',
  0xfb04: 'ffl',
  0xfb05: 'st',
  0xfb06: 'st',
};

/**
 * Read one page (0-based index): its words from the text layer with their boxes (those off
 * the page left out), the straight lines drawn on it (table borders and thin bars; a
 * shaded cell's fill is not a line), and how much of it is covered by pictures.
 * Coordinates are in points from the top left of the page as displayed (its /Rotate applied).
 */
export function readPdfPage(doc: PdfiumDocument, index: number): PdfPageReading {
  const { pdfium } = doc;
  const { api } = pdfium;
  const page = api.FPDF_LoadPage(doc.handle, index);
  if (!page) {
    return { layout: { number: index + 1, width: 0, height: 0, words: [], rules: [], source: 'text' }, imageCover: 0, imageDpi: undefined };
  }
  const scratch = pdfium.malloc(64);
  try {
    // The page as displayed: a /Rotate of 90° or 270° already swaps the sides here.
    const width = api.FPDF_GetPageWidthF(page);
    const height = api.FPDF_GetPageHeightF(page);
    const toDisplay = displayTransform(pdfium, page, width, height, scratch);

    // Text placed off the page is never seen: it would only stretch a table's columns.
    const words = readWords(pdfium, page, toDisplay, scratch).filter((word) => {
      const x = (word.x0 + word.x1) / 2;
      const y = (word.y0 + word.y1) / 2;
      return x >= 0 && x <= width && y >= 0 && y <= height;
    });
    const rules: PageRule[] = [];
    const images = { area: 0, dpi: undefined as number | undefined, largest: 0 };
    const visit = (count: number, objectAt: (i: number) => number, parent: Matrix) => {
      for (let i = 0; i < count; i += 1) {
        const object = objectAt(i);
        const type = api.FPDFPageObj_GetType(object);
        if (type !== PATH && type !== IMAGE && type !== FORM) continue;
        const matrix = multiply(objectMatrix(pdfium, object, scratch), parent);
        if (type === FORM) {
          visit(api.FPDFFormObj_CountObjects(object), (j) => api.FPDFFormObj_GetObject(object, j), matrix);
        } else if (type === PATH) {
          collectRules(pdfium, object, multiply(matrix, toDisplay), scratch, rules);
        } else {
          const corners = [apply(matrix, 0, 0), apply(matrix, 1, 0), apply(matrix, 0, 1), apply(matrix, 1, 1)].map(([x, y]) =>
            apply(toDisplay, x, y),
          );
          const xs = corners.map((point) => point[0]);
          const ys = corners.map((point) => point[1]);
          const w = Math.min(width, Math.max(...xs)) - Math.max(0, Math.min(...xs));
          const h = Math.min(height, Math.max(...ys)) - Math.max(0, Math.min(...ys));
          if (w <= 0 || h <= 0) continue;
          images.area += w * h;
          if (w * h > images.largest && api.FPDFImageObj_GetImagePixelSize(object, scratch, scratch + 4)) {
            images.largest = w * h;
            const pixelsWide = pdfium.heap().i32[scratch >> 2] as number;
            images.dpi = (pixelsWide / w) * 72;
          }
        }
      }
    };
    visit(api.FPDFPage_CountObjects(page), (i) => api.FPDFPage_GetObject(page, i), IDENTITY);
    return {
      layout: { number: index + 1, width, height, words, rules, source: 'text' },
      imageCover: Math.min(1, images.area / Math.max(1, width * height)),
      imageDpi: images.dpi,
    };
  } finally {
    pdfium.free(scratch);
    api.FPDF_ClosePage(page);
  }
}

/**
 * From PDF user space (origin bottom left, y up, before /Rotate) to the page as displayed
 * (origin top left, y down), taken from PDFium's own page-to-device mapping at 1 point
 * per pixel, so that rotated pages come out upright.
 */
function displayTransform(pdfium: PdfiumDocument['pdfium'], page: number, width: number, height: number, scratch: number): Matrix {
  const map = (x: number, y: number): [number, number] => {
    pdfium.api.FPDF_PageToDevice(page, 0, 0, Math.round(width * 1000), Math.round(height * 1000), 0, x, y, scratch, scratch + 4);
    const heap = pdfium.heap().i32;
    return [(heap[scratch >> 2] as number) / 1000, (heap[(scratch >> 2) + 1] as number) / 1000];
  };
  const [ox, oy] = map(0, 0);
  const [xx, xy] = map(1000, 0);
  const [yx, yy] = map(0, 1000);
  return [(xx - ox) / 1000, (xy - oy) / 1000, (yx - ox) / 1000, (yy - oy) / 1000, ox, oy];
}

function objectMatrix(pdfium: PdfiumDocument['pdfium'], object: number, scratch: number): Matrix {
  if (!pdfium.api.FPDFPageObj_GetMatrix(object, scratch)) return IDENTITY;
  const f32 = pdfium.heap().f32;
  const at = scratch >> 2;
  return [f32[at], f32[at + 1], f32[at + 2], f32[at + 3], f32[at + 4], f32[at + 5]] as Matrix;
}

/**
 * The text layer as words: characters joined until a space (written or inferred by
 * PDFium), a jump to another line, or a gap wider than a fifth of the letters' height.
 * (Called for every character: no allocation in the loop but the word's own.)
 */
function readWords(pdfium: PdfiumDocument['pdfium'], page: number, toDisplay: Matrix, scratch: number): PageWord[] {
  const { api } = pdfium;
  const textPage = api.FPDFText_LoadPage(page);
  if (!textPage) return [];
  const words: PageWord[] = [];
  const [a, b, c, d, e, f] = toDisplay;
  try {
    const count = api.FPDFText_CountChars(textPage);
    const codes: number[] = [];
    let wide = false;
    let x0 = 0;
    let y0 = 0;
    let x1 = 0;
    let y1 = 0;
    const flush = () => {
      if (codes.length === 0) return;
      // In slices: a "word" of a hundred thousand letters (a crafted page) would overflow a spread.
      let text = '';
      for (let at = 0; at < codes.length; at += 4096) text += String.fromCodePoint(...codes.slice(at, at + 4096));
      words.push({ text: wide ? text.normalize('NFC') : text, x0, y0, x1, y1 });
      codes.length = 0;
      wide = false;
    };
    const at = scratch >> 2;
    let f32 = pdfium.heap().f32;
    for (let index = 0; index < count; index += 1) {
      // The spaces and line ends PDFium infers come as such characters: no need to ask which are generated.
      const code = api.FPDFText_GetUnicode(textPage, index);
      if (SPACE_LIKE(code)) {
        flush();
        continue;
      }
      if (!api.FPDFText_GetLooseCharBox(textPage, index, scratch)) continue;
      // A view of PDFium's memory is emptied when that memory grows: then take a new one.
      if (f32.length === 0) f32 = pdfium.heap().f32;
      // FS_RECTF: left, top, right, bottom, in user space (y up), to display space.
      const left = f32[at] as number;
      const top = f32[at + 1] as number;
      const right = f32[at + 2] as number;
      const bottom = f32[at + 3] as number;
      const ax = a * left + c * top + e;
      const ay = b * left + d * top + f;
      const bx = a * right + c * bottom + e;
      const by = b * right + d * bottom + f;
      const cx0 = ax < bx ? ax : bx;
      const cx1 = ax < bx ? bx : ax;
      const cy0 = ay < by ? ay : by;
      const cy1 = ay < by ? by : ay;
      if (codes.length) {
        const size = Math.max(y1 - y0, cy1 - cy0, 1);
        const otherLine = Math.abs(cy0 + cy1 - y0 - y1) > size;
        const gap = cx0 - x1;
        if (otherLine || gap > size * 0.2 || gap < -size) flush();
      }
      if (codes.length === 0) {
        x0 = cx0;
        y0 = cy0;
        x1 = cx1;
        y1 = cy1;
      } else {
        if (cx0 < x0) x0 = cx0;
        if (cy0 < y0) y0 = cy0;
        if (cx1 > x1) x1 = cx1;
        if (cy1 > y1) y1 = cy1;
      }
      const ligature = LIGATURES[code];
      if (ligature) for (const char of ligature) codes.push(char.charCodeAt(0));
      else codes.push(code);
      if (code > 0x7f) wide = true;
    }
    flush();
  } finally {
    api.FPDFText_ClosePage(textPage);
  }
  return words;
}

function pushRule(rules: PageRule[], x0: number, y0: number, x1: number, y1: number): void {
  const w = Math.abs(x1 - x0);
  const h = Math.abs(y1 - y0);
  if (h <= THIN && w >= SHORTEST_RULE) {
    const y = (y0 + y1) / 2;
    rules.push({ x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: y, y1: y });
  } else if (w <= THIN && h >= SHORTEST_RULE) {
    const x = (x0 + x1) / 2;
    rules.push({ x0: x, x1: x, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
  }
}

/**
 * Straight lines of a path, in display space: its axis-parallel segments, or the whole
 * path when it is a thin filled bar (how Word draws borders); a stroked rectangle gives its
 * four edges. Shading (a filled area, not stroked) gives none: unlike pdfplumber, which
 * counts the edges of every rectangle, a shaded row is not taken for a bordered one.
 */
function collectRules(pdfium: PdfiumDocument['pdfium'], path: number, matrix: Matrix, scratch: number, rules: PageRule[]): void {
  const { api } = pdfium;
  if (!api.FPDFPath_GetDrawMode(path, scratch, scratch + 4)) return;
  const i32 = pdfium.heap().i32;
  const filled = (i32[scratch >> 2] as number) !== 0;
  const stroked = (i32[(scratch >> 2) + 1] as number) !== 0;
  if (!filled && !stroked) return;
  const count = api.FPDFPath_CountSegments(path);
  if (count <= 0 || count > 2000) return;
  const points: [number, number, number, boolean][] = [];
  for (let index = 0; index < count; index += 1) {
    const segment = api.FPDFPath_GetPathSegment(path, index);
    if (!api.FPDFPathSegment_GetPoint(segment, scratch, scratch + 4)) continue;
    const f32 = pdfium.heap().f32;
    const [x, y] = apply(matrix, f32[scratch >> 2] as number, f32[(scratch >> 2) + 1] as number);
    points.push([x, y, api.FPDFPathSegment_GetType(segment), api.FPDFPathSegment_GetClose(segment) !== 0]);
  }
  const xs = points.map((point) => point[0]);
  const ys = points.map((point) => point[1]);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  if (filled && (maxX - minX <= THIN || maxY - minY <= THIN)) {
    pushRule(rules, minX, minY, maxX, maxY);
    return;
  }
  // A filled area that is not a bar is shading (a header, banded rows), not a border: its edges
  // would draw a grid around every other row of a borderless table.
  if (!stroked) return;
  let start: [number, number] | undefined;
  let previous: [number, number] | undefined;
  for (const [x, y, type, close] of points) {
    if (type === MOVETO || !previous) {
      start = [x, y];
    } else if (type === LINETO) {
      pushRule(rules, previous[0], previous[1], x, y);
    }
    previous = [x, y];
    if (close && start) {
      pushRule(rules, x, y, start[0], start[1]);
      previous = start;
    }
  }
}

/** Render a page (0-based) to 8-bit grey at `dpi`, for OCR. */
/** An A3 page at 300 dpi is 17 megapixels; nothing is rendered larger. */
export const MAX_RENDER_PIXELS = 20_000_000;

export function renderPdfPageGray(doc: PdfiumDocument, index: number, dpi: number): { width: number; height: number; data: Uint8Array } {
  const { pdfium } = doc;
  const { api } = pdfium;
  const page = api.FPDF_LoadPage(doc.handle, index);
  if (!page) throw new Error(`page ${index + 1} cannot be loaded`);
  try {
    const width = Math.max(1, Math.round((api.FPDF_GetPageWidthF(page) * dpi) / 72));
    const height = Math.max(1, Math.round((api.FPDF_GetPageHeightF(page) * dpi) / 72));
    if (width * height > MAX_RENDER_PIXELS * 1.01)
      throw new Error(`page ${index + 1} at ${dpi} dpi is ${width} × ${height} pixels, more than rendered`);
    // FPDFBitmap_BGRx: PDFium renders grey into it when asked (FPDF_GRAYSCALE); one byte of four is kept.
    const bitmap = api.FPDFBitmap_Create(width, height, 0);
    if (!bitmap) throw new Error(`no memory to render page ${index + 1} at ${dpi} dpi`);
    try {
      api.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xffffffff);
      const FPDF_ANNOT = 0x01;
      const FPDF_GRAYSCALE = 0x08;
      const FPDF_PRINTING = 0x800;
      api.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, FPDF_ANNOT | FPDF_GRAYSCALE | FPDF_PRINTING);
      const stride = api.FPDFBitmap_GetStride(bitmap);
      const buffer = api.FPDFBitmap_GetBuffer(bitmap);
      const heap = pdfium.heap().u8;
      const grey = new Uint8Array(width * height);
      for (let y = 0; y < height; y += 1) {
        const row = buffer + y * stride;
        for (let x = 0; x < width; x += 1) grey[y * width + x] = heap[row + x * 4 + 1] as number;
      }
      return { width, height, data: grey };
    } finally {
      api.FPDFBitmap_Destroy(bitmap);
    }
  } finally {
    api.FPDF_ClosePage(page);
  }
}
