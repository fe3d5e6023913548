import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../../shared/errors.ts';
import type { ExtractedPage } from '../../shared/intake/model.ts';

/** Positioned text on a page: the raw material for lines, and for tables read from column positions. */
export interface PdfLine {
  y: number;
  cells: { x: number; text: string }[];
}

export interface PdfPage extends ExtractedPage {
  lines: PdfLine[];
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

interface PositionedItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

/** Gaps wider than this (in PDF points) separate table cells rather than words. */
const CELL_GAP = 9;

/** Open a PDF with pdf.js (on a copy: pdf.js takes the buffer over), turning failures into messages a person can act on. */
export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    return await getDocument({
      data: new Uint8Array(data),
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
      standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
      cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
      cMapPacked: true,
    }).promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new AppError('document.encrypted');
    throw new AppError('document.corrupt', { detail: (error as Error).message ?? String(error) });
  }
}

function linesOf(items: PositionedItem[]): PdfLine[] {
  const lines: { y: number; height: number; items: PositionedItem[] }[] = [];
  const sameLine = (line: { y: number; height: number }, item: PositionedItem) =>
    Math.abs(line.y - item.y) <= Math.max(2, Math.min(line.height, item.height) * 0.5);
  for (const item of items) {
    if (!item.str) continue;
    // Text comes mostly in reading order: the line just started is the likeliest home.
    const last = lines.at(-1);
    const line = last && sameLine(last, item) ? last : lines.find((candidate) => sameLine(candidate, item));
    if (line) line.items.push(item);
    else lines.push({ y: item.y, height: item.height || 10, items: [item] });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines.map((line) => {
    const sorted = [...line.items].sort((a, b) => a.x - b.x);
    const cells: { x: number; text: string }[] = [];
    let end = Number.NEGATIVE_INFINITY;
    for (const item of sorted) {
      // pdf.js fills gaps with blank items as wide as the gap; they say "space", not "text here".
      if (!item.str.trim()) continue;
      const gap = item.x - end;
      const last = cells.at(-1);
      if (!last || gap > CELL_GAP) cells.push({ x: item.x, text: item.str });
      else last.text += gap > 0.8 && !last.text.endsWith(' ') && !item.str.startsWith(' ') ? ` ${item.str}` : item.str;
      end = Math.max(end, item.x + item.width);
    }
    return { y: line.y, cells: cells.map((cell) => ({ x: cell.x, text: cell.text.replace(/\s+/g, ' ').trim() })).filter((cell) => cell.text) };
  });
}

/** Text of pages `from`..`to` (1-based, inclusive), one line per visual line, with positions kept. */
export function extractPdfPages(
  pdf: PDFDocumentProxy,
  from: number,
  to: number,
  onPage?: (number: number) => void,
): Promise<PdfPage[]> {
  let number = from;
  return extractPdfPagesAsTaken(pdf, () => (number <= to ? number++ : undefined), onPage);
}

/**
 * Extract pages in the order `take` hands them out, until it hands out none: two threads
 * sharing one counter each take the next unread page, so neither waits on the other's
 * heavier half. Pages come back in the order they were read.
 */
export async function extractPdfPagesAsTaken(
  pdf: PDFDocumentProxy,
  take: () => number | undefined,
  onPage?: (number: number) => void,
): Promise<PdfPage[]> {
  const pages: PdfPage[] = [];
  for (let number = take(); number !== undefined; number = take()) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent({ disableNormalization: true });
    const items: PositionedItem[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height, hasEOL: item.hasEOL });
    }
    const lines = linesOf(items);
    const text = lines.map((line) => line.cells.map((cell) => cell.text).join(' ')).join('\n');
    pages.push({ number, label: String(number), text, hasText: /\p{L}/u.test(text), lines });
    page.cleanup();
    onPage?.(number);
  }
  return pages;
}
