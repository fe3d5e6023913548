import { analysePage, type AnalysedPage } from '../../../shared/intake/layout/analyse-page.ts';
import { skewOf, straighten, type OcrLineWord } from '../../../shared/intake/layout/deskew.ts';
import { rulesFromImage } from '../../../shared/intake/layout/image-rules.ts';
import type { PageLayout, PageWord } from '../../../shared/intake/layout/page.ts';
import { MAX_RENDER_PIXELS, readPdfPage, renderPdfPageGray } from './pdf-layout.ts';
import type { OcrImage, OcrResult } from './ocr.ts';
import type { PdfiumDocument } from './pdfium.ts';

/** A page as intake reads it: its structure, and whether its text must come from OCR. */
export interface ReadPage extends AnalysedPage {
  /** A scanned page: almost no text layer, mostly picture. */
  needsOcr: boolean;
  /** The picture's own resolution, to render it for OCR without inventing detail. */
  imageDpi?: number;
  /** The OCR words (points, top left), for the reader's text layer over a scanned page. */
  ocrWords?: PageWord[];
}

/** Fewer letters than this in the text layer is no usable text (a page number, a stamp's caption). */
const USABLE_LETTERS = 40;
/** A page this much covered by a picture, without usable text, is a scan. */
const SCAN_COVER = 0.3;

export function readPage(doc: PdfiumDocument, number: number): ReadPage {
  const reading = readPdfPage(doc, number - 1);
  const letters = reading.layout.words.reduce((sum, word) => sum + (word.text.match(/\p{L}/gu)?.length ?? 0), 0);
  const needsOcr = letters < USABLE_LETTERS && reading.imageCover >= SCAN_COVER;
  return { ...analysePage(reading.layout), needsOcr, ...(reading.imageDpi ? { imageDpi: reading.imageDpi } : {}) };
}

/**
 * Read pages in the order `take` hands them out, until it hands out none: two threads
 * sharing one counter each take the next unread page, so neither waits on the other's
 * heavier half. Pages come back in the order they were read.
 */
export function readPagesAsTaken(doc: PdfiumDocument, take: () => number | undefined, onPage?: (number: number) => void): ReadPage[] {
  const pages: ReadPage[] = [];
  for (let number = take(); number !== undefined; number = take()) {
    pages.push(readPage(doc, number));
    onPage?.(number);
  }
  return pages;
}

export function readAllPages(doc: PdfiumDocument, onPage?: (done: number) => void): ReadPage[] {
  let next = 1;
  let done = 0;
  return readPagesAsTaken(
    doc,
    () => (next <= doc.pageCount ? next++ : undefined),
    () => onPage?.(++done),
  );
}

/** OCR of a page image: its words, in pixels. */
export type Recognise = (image: OcrImage) => Promise<{ words: (Omit<OcrResult['words'][number], 'line'> & { line?: number })[] }>;

/** OCR below this confidence (0–100) is noise: specks, a photo's texture, a signature. */
const MIN_CONFIDENCE = 40;
/** Below this, body text is a few pixels high: OCR reads noise. */
const MIN_OCR_DPI = 100;

/** Render resolution for OCR: the scan's own within 150–300 dpi, lower only where the page would exceed the pixel limit. */
export function ocrDpi(page: Pick<ReadPage, 'imageDpi'>, size: { width: number; height: number }): number {
  const wanted = Math.min(300, Math.max(150, page.imageDpi ?? 200));
  // A page far larger than A3 (a poster, a crafted file) is rendered coarser rather than into gigabytes.
  const fits = Math.sqrt(MAX_RENDER_PIXELS / Math.max(1, (size.width / 72) * (size.height / 72)));
  return Math.max(1, Math.floor(Math.min(wanted, fits)));
}

/**
 * A scanned page read by OCR: rendered to grey at the scan's resolution, recognised, and
 * its words (in points) put through the same analysis as a text page: lines, tables,
 * headings. The lines in its pixels (a scanned table's borders) count as drawn lines.
 */
export async function recognisePage(doc: PdfiumDocument, page: ReadPage, recognise: Recognise): Promise<ReadPage> {
  const reading = readPdfPage(doc, page.number - 1);
  const dpi = ocrDpi(page, reading.layout);
  // A page so large that it fits only below 100 dpi (a wall poster) would give letters too small to read.
  if (dpi < MIN_OCR_DPI)
    throw new Error(
      `page ${page.number} is too large to be read by OCR (${Math.round(reading.layout.width)} × ${Math.round(reading.layout.height)} pt)`,
    );
  const image = renderPdfPageGray(doc, page.number - 1, dpi);
  const result = await recognise({ ...image, channels: 1, dpi });
  const scale = 72 / dpi;
  const found: OcrLineWord[] = result.words
    .filter((word) => word.confidence >= MIN_CONFIDENCE && /[\p{L}\p{N}]/u.test(word.text))
    .map((word) => ({
      text: word.text,
      x0: word.x0 * scale,
      y0: word.y0 * scale,
      x1: word.x1 * scale,
      y1: word.y1 * scale,
      line: word.line ?? 0,
    }));
  // A scanned table's borders are pixels, not drawn lines: found in the image, they make it a ruled table again,
  // once the page is straightened (rows of a crooked scan do not line up otherwise).
  const centre = { x: reading.layout.width / 2, y: reading.layout.height / 2 };
  const straight = straighten(skewOf(found, reading.layout.width), centre, found, rulesFromImage(image, dpi));
  // What little the text layer has (a page number, a stamp's caption) is exact: OCR adds only what lies elsewhere.
  const typed = reading.layout.words;
  const recognised = straight.words.map(({ line: _line, ...word }) => word).filter((word) => !typed.some((other) => overlaps(word, other)));
  const layout: PageLayout = {
    ...reading.layout,
    words: [...typed, ...recognised],
    rules: [...reading.layout.rules, ...straight.rules],
    source: 'ocr',
  };
  // The reader lays the words over the scan as it is: their boxes stay where OCR found them.
  return { ...analysePage(layout), needsOcr: false, ocrWords: found.map(({ line: _line, ...word }) => word) };
}

/** Two word boxes covering each other by more than half of the smaller one. */
function overlaps(a: PageWord, b: PageWord): boolean {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return false;
  const smaller = Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
  return w * h > smaller / 2;
}
