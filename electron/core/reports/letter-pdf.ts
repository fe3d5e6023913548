import { AppError } from '../../../shared/errors.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type {
  LetterBlock,
  LetterCell,
  LetterChart,
  LetterColumn,
  LetterDocument,
  LetterTone,
} from '../../../shared/report/letter-document.ts';

/**
 * The result letter as a PDF (pdfkit): A4 portrait, 2 cm margins, DejaVu Sans embedded so every
 * word stays selectable and extractable. Tables repeat their header on each page and never split
 * a row; the signatures stay on one page; each page's footer says "Halaman 1 dari 3", filled in
 * once every page is laid out (the pages are buffered). There is no bold face in resources/fonts:
 * emphasis is the same font filled and thinly outlined (a "faux bold"), with size and colour.
 */
export interface LetterPdfOptions {
  fontsDir: string;
  /** The chart as a picture (letterChartPng); undefined leaves the chart out. */
  chartPng: (chart: LetterChart) => Promise<Buffer | undefined>;
  /** The PDF's creation date; the same document and date give the same bytes. Now when left out. */
  createdAt?: Date;
}

const FONT_FILE = 'DejaVuSans.ttf';
const CM = 72 / 2.54;
/** 2 cm on every side; the footer sits in the last line above the bottom margin, below the text. */
export const LETTER_MARGIN = 2 * CM;
const FOOTER_BAND = 26;
const PAGE = { width: 595.28, height: 841.89 };
const TEXT_WIDTH = PAGE.width - 2 * LETTER_MARGIN;

const COLOURS = {
  text: '#111827',
  muted: '#4b5563',
  rule: '#9ca3af',
  light: '#e5e7eb',
  headerFill: '#f3f4f6',
  heading: '#0b4f4c',
  above: '#0b6e69',
  below: '#b42318',
};

const SIZE = { body: 10.5, small: 9.5, caption: 9, title: 17, subtitle: 12, ministry: 10.5, h1: 13.5, h2: 11.5, footer: 9 };
const LINE_GAP = 2;
const CELL_PAD = 4;

type Doc = PDFKit.PDFDocument;

interface Style {
  size: number;
  colour: string;
  strong?: boolean;
  align?: 'left' | 'right' | 'center';
  oblique?: boolean;
}

export async function renderLetterPdf(document: LetterDocument, options: LetterPdfOptions): Promise<Buffer> {
  const fontPath = join(options.fontsDir, FONT_FILE);
  if (!existsSync(fontPath)) throw new AppError('letter.font_missing', { font: fontPath }, `The letter's font is missing: ${fontPath}`);
  const created = options.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { top: LETTER_MARGIN, left: LETTER_MARGIN, right: LETTER_MARGIN, bottom: LETTER_MARGIN + FOOTER_BAND },
    bufferPages: true,
    font: fontPath,
    lang: document.language === 'id' ? 'id-ID' : 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: document.title,
      Subject: document.subtitle,
      Author: 'Timbang',
      Creator: 'Timbang',
      Producer: 'Timbang',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  header(doc, document);
  for (const [index, block] of document.blocks.entries()) await drawBlock(doc, block, document.blocks[index + 1], options);
  footers(doc, document);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The lowest y the text may reach on a page. */
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** A new page when `height` does not fit below the current position (and the page is not empty already). */
function ensure(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc) && doc.y > doc.page.margins.top + 1) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
}

function textOptions(style: Style, width: number): PDFKit.Mixins.TextOptions {
  return {
    width,
    align: style.align ?? 'left',
    lineGap: LINE_GAP,
    fill: true,
    stroke: style.strong === true,
    oblique: style.oblique ? 8 : false,
  };
}

function applyStyle(doc: Doc, style: Style): void {
  // The one font, set when the document is made.
  doc.fontSize(style.size).fillColor(style.colour);
  if (style.strong) doc.strokeColor(style.colour).lineWidth(style.size / 30);
}

function heightOf(doc: Doc, value: string, width: number, style: Style): number {
  applyStyle(doc, style);
  return doc.heightOfString(value === '' ? ' ' : value, textOptions(style, width));
}

/** Text at (x, y) wrapped to `width`; the caller has made room for it, so it never starts a page. */
function put(doc: Doc, value: string, x: number, y: number, width: number, style: Style): number {
  if (value === '') return 0;
  applyStyle(doc, style);
  const height = doc.heightOfString(value, textOptions(style, width));
  // Laid out within its own box (height), so pdfkit does not break the page under a row or a signature.
  doc.text(value, x, y, { ...textOptions(style, width), height: height + 20 });
  return height;
}

/** Text that may run over pages (paragraphs, list items): pdfkit breaks it between lines. */
function flow(doc: Doc, value: string, x: number, width: number, style: Style): void {
  applyStyle(doc, style);
  ensure(doc, doc.currentLineHeight(true) + LINE_GAP);
  doc.text(value, x, doc.y, textOptions(style, width));
}

function rule(doc: Doc, y: number, colour: string, width = 0.6, from = LETTER_MARGIN, to = LETTER_MARGIN + TEXT_WIDTH): void {
  doc.save().moveTo(from, y).lineTo(to, y).lineWidth(width).strokeColor(colour).stroke().restore();
}

function header(doc: Doc, document: LetterDocument): void {
  let y = doc.page.margins.top;
  y += put(doc, document.ministry, LETTER_MARGIN, y, TEXT_WIDTH, { size: SIZE.ministry, colour: COLOURS.muted, align: 'center' }) + 6;
  y +=
    put(doc, document.title, LETTER_MARGIN, y, TEXT_WIDTH, { size: SIZE.title, colour: COLOURS.heading, align: 'center', strong: true }) +
    2;
  y += put(doc, document.subtitle, LETTER_MARGIN, y, TEXT_WIDTH, { size: SIZE.subtitle, colour: COLOURS.text, align: 'center' }) + 8;
  rule(doc, y, COLOURS.heading, 1.2);
  doc.y = y + 14;
}

async function drawBlock(doc: Doc, block: LetterBlock, next: LetterBlock | undefined, options: LetterPdfOptions): Promise<void> {
  switch (block.kind) {
    case 'heading':
      return heading(doc, block.text, block.level, next);
    case 'paragraph': {
      const style: Style = {
        size: SIZE.body,
        colour: block.style === 'muted' ? COLOURS.muted : COLOURS.text,
        strong: block.style === 'strong',
      };
      // The closing paragraph goes with the signatures: a page of signatures alone reads as detached from the letter.
      if (next?.kind === 'signatures') ensure(doc, heightOf(doc, block.text, TEXT_WIDTH, style) + 7 + signaturesLayout(doc, next).total);
      flow(doc, block.text, LETTER_MARGIN, TEXT_WIDTH, style);
      doc.y += 7;
      return;
    }
    case 'facts':
      return facts(doc, block.rows);
    case 'table':
      return table(doc, block.columns, block.rows, block.caption);
    case 'list':
      return list(doc, block.ordered, block.items);
    case 'chart':
      return chart(doc, await options.chartPng(block.chart));
    case 'signatures':
      return signatures(doc, block);
  }
}

/** A heading never ends a page: it moves on with room for what follows it. */
function heading(doc: Doc, value: string, level: 1 | 2, next: LetterBlock | undefined): void {
  const style: Style = { size: level === 1 ? SIZE.h1 : SIZE.h2, colour: COLOURS.heading, strong: true };
  const height = heightOf(doc, value, TEXT_WIDTH, style);
  // Room for the start of what follows: a chart's top, a table's caption, header and first row, two lines of text.
  // An introduction under the heading counts whole, plus room for a subheading and two lines of what it introduces.
  const following =
    next?.kind === 'chart'
      ? 160
      : next?.kind === 'table'
        ? 90
        : next?.kind === 'signatures'
          ? 0
          : next?.kind === 'paragraph'
            ? heightOf(doc, next.text, TEXT_WIDTH, { size: SIZE.body, colour: COLOURS.text }) + 100
            : 48;
  doc.y += level === 1 ? 8 : 5;
  ensure(doc, height + following);
  const y = doc.y;
  put(doc, value, LETTER_MARGIN, y, TEXT_WIDTH, style);
  doc.y = y + height + (level === 1 ? 7 : 5);
}

function facts(doc: Doc, rows: { label: string; value: string }[]): void {
  const labelWidth = TEXT_WIDTH * 0.32;
  const valueWidth = TEXT_WIDTH - labelWidth;
  const labelStyle: Style = { size: SIZE.body, colour: COLOURS.muted };
  const valueStyle: Style = { size: SIZE.body, colour: COLOURS.text };
  for (const row of rows) {
    const height =
      Math.max(
        heightOf(doc, row.label, labelWidth - 2 * CELL_PAD, labelStyle),
        heightOf(doc, row.value, valueWidth - 2 * CELL_PAD, valueStyle),
      ) +
      2 * CELL_PAD;
    ensure(doc, height);
    const y = doc.y;
    put(doc, row.label, LETTER_MARGIN + CELL_PAD, y + CELL_PAD, labelWidth - 2 * CELL_PAD, labelStyle);
    put(doc, row.value, LETTER_MARGIN + labelWidth + CELL_PAD, y + CELL_PAD, valueWidth - 2 * CELL_PAD, valueStyle);
    rule(doc, y + height, COLOURS.light, 0.5);
    doc.y = y + height;
  }
  doc.y += 10;
}

const toneColour = (tone: LetterTone | undefined) => (tone === 'below' ? COLOURS.below : tone === 'above' ? COLOURS.above : COLOURS.text);

function table(doc: Doc, columns: LetterColumn[], rows: LetterCell[][], caption: string | undefined): void {
  const total = columns.reduce((sum, column) => sum + Math.max(0, column.width), 0) || 1;
  const widths = columns.map((column) => (TEXT_WIDTH * Math.max(0, column.width)) / total);
  const lefts = widths.map((_, index) => LETTER_MARGIN + widths.slice(0, index).reduce((sum, width) => sum + width, 0));
  const headStyle = (column: LetterColumn): Style => ({ size: SIZE.small, colour: COLOURS.text, strong: true, align: column.align });
  const cellStyle = (cell: LetterCell, column: LetterColumn): Style => ({
    size: SIZE.small,
    colour: toneColour(cell.tone),
    strong: cell.strong === true,
    align: column.align,
  });
  const inner = (index: number) => (widths[index] ?? 0) - 2 * CELL_PAD;
  const headHeight =
    Math.max(...columns.map((column, index) => heightOf(doc, column.title, inner(index), headStyle(column)))) + 2 * CELL_PAD;
  const rowHeight = (row: LetterCell[]) =>
    Math.max(
      ...columns.map((column, index) => {
        const cell = row[index];
        return cell ? heightOf(doc, cell.text, inner(index), cellStyle(cell, column)) : 0;
      }),
    ) +
    2 * CELL_PAD;

  const drawHeader = () => {
    const y = doc.y;
    doc.save().rect(LETTER_MARGIN, y, TEXT_WIDTH, headHeight).fill(COLOURS.headerFill).restore();
    columns.forEach((column, index) =>
      put(doc, column.title, (lefts[index] ?? 0) + CELL_PAD, y + CELL_PAD, inner(index), headStyle(column)),
    );
    rule(doc, y, COLOURS.rule, 0.8);
    rule(doc, y + headHeight, COLOURS.rule, 0.8);
    doc.y = y + headHeight;
  };

  const firstRow = rows[0] ? rowHeight(rows[0]) : 0;
  if (caption) {
    const style: Style = { size: SIZE.caption, colour: COLOURS.muted, oblique: true };
    const height = heightOf(doc, caption, TEXT_WIDTH, style);
    // The caption stays with the header and the first row.
    ensure(doc, height + 4 + headHeight + firstRow);
    put(doc, caption, LETTER_MARGIN, doc.y, TEXT_WIDTH, style);
    doc.y += height + 4;
  }
  ensure(doc, headHeight + firstRow);
  drawHeader();
  for (const row of rows) {
    const height = rowHeight(row);
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      drawHeader();
    }
    const y = doc.y;
    columns.forEach((column, index) => {
      const cell = row[index];
      if (!cell) return;
      const left = lefts[index] ?? 0;
      // Below the pass mark is said by a mark as well as by colour.
      if (cell.tone === 'below') belowMark(doc, cell.text, left, widths[index] ?? 0, y, cellStyle(cell, column));
      put(doc, cell.text, left + CELL_PAD, y + CELL_PAD, inner(index), cellStyle(cell, column));
    });
    rule(doc, y + height, COLOURS.light, 0.5);
    doc.y = y + height;
  }
  rule(doc, doc.y, COLOURS.rule, 0.8);
  doc.y += 12;
}

/** A short red bar just before the start of the cell's first line. */
function belowMark(doc: Doc, value: string, left: number, width: number, y: number, style: Style): void {
  applyStyle(doc, style);
  const lineHeight = doc.currentLineHeight();
  const textWidth = Math.min(width - 2 * CELL_PAD, doc.widthOfString(value));
  const start =
    style.align === 'right'
      ? left + width - CELL_PAD - textWidth
      : style.align === 'center'
        ? left + (width - textWidth) / 2
        : left + CELL_PAD;
  doc
    .save()
    .rect(Math.max(left + 0.5, start - 4), y + CELL_PAD, 2, lineHeight)
    .fill(COLOURS.below)
    .restore();
}

function list(doc: Doc, ordered: boolean, items: string[]): void {
  const indent = 20;
  const style: Style = { size: SIZE.body, colour: COLOURS.text };
  items.forEach((item, index) => {
    const marker = ordered ? `${index + 1}.` : '•';
    applyStyle(doc, style);
    ensure(doc, doc.currentLineHeight(true) + LINE_GAP);
    const y = doc.y;
    put(doc, marker, LETTER_MARGIN + 4, y, indent - 4, style);
    doc.y = y;
    flow(doc, item, LETTER_MARGIN + indent, TEXT_WIDTH - indent, style);
    doc.y += 3;
  });
  doc.y += 6;
}

/** A PNG's size in pixels, from its header. */
function pngSize(png: Buffer): { width: number; height: number } | undefined {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47) return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function chart(doc: Doc, png: Buffer | undefined): void {
  const size = png && pngSize(png);
  if (!png || !size || size.width === 0 || size.height === 0) return;
  const fullHeight = bottom(doc) - doc.page.margins.top;
  let width = TEXT_WIDTH;
  let height = (width * size.height) / size.width;
  if (height > fullHeight) {
    height = fullHeight;
    width = (height * size.width) / size.height;
  }
  ensure(doc, height);
  const y = doc.y;
  doc.image(png, LETTER_MARGIN + (TEXT_WIDTH - width) / 2, y, { width, height });
  doc.y = y + height + 12;
}

type Signatures = Extract<LetterBlock, { kind: 'signatures' }>;

/** The signature block's measures: its columns, its rows and its whole height. */
function signaturesLayout(doc: Doc, block: Signatures) {
  const intro: Style = { size: SIZE.body, colour: COLOURS.text };
  const role: Style = { size: SIZE.body, colour: COLOURS.text };
  const name: Style = { size: SIZE.body, colour: COLOURS.text, strong: true };
  const institution: Style = { size: SIZE.small, colour: COLOURS.muted };
  const signSpace = 56;
  const perRow = block.signers.length <= 3 ? Math.max(1, block.signers.length) : 2;
  const gutter = 16;
  const columnWidth = (TEXT_WIDTH - gutter * (perRow - 1)) / perRow;
  const signerHeight = (signer: (typeof block.signers)[number]) =>
    heightOf(doc, signer.role, columnWidth, role) +
    signSpace +
    4 +
    heightOf(doc, signer.name, columnWidth, name) +
    heightOf(doc, signer.institution, columnWidth, institution);
  const rows: (typeof block.signers)[] = [];
  for (let index = 0; index < block.signers.length; index += perRow) rows.push(block.signers.slice(index, index + perRow));
  const rowHeights = rows.map((row) => Math.max(...row.map(signerHeight)));
  const introHeight = block.intro === '' ? 0 : heightOf(doc, block.intro, TEXT_WIDTH, intro) + 6;
  const dateHeight = heightOf(doc, block.placeAndDate, TEXT_WIDTH, intro) + 10;
  const total = 10 + introHeight + dateHeight + rowHeights.reduce((sum, height) => sum + height + 14, 0);
  return { intro, role, name, institution, signSpace, perRow, gutter, columnWidth, rows, rowHeights, total };
}

function signatures(doc: Doc, block: Signatures): void {
  const { intro, role, name, institution, signSpace, gutter, columnWidth, rows, rowHeights, total } = signaturesLayout(doc, block);
  // The whole block on one page: on a new one when it does not fit here.
  ensure(doc, total);
  let y = doc.y + 10;
  y += put(doc, block.intro, LETTER_MARGIN, y, TEXT_WIDTH, intro) + (block.intro === '' ? 0 : 6);
  y += put(doc, block.placeAndDate, LETTER_MARGIN, y, TEXT_WIDTH, intro) + 10;
  rows.forEach((row, rowIndex) => {
    row.forEach((signer, index) => {
      const x = LETTER_MARGIN + index * (columnWidth + gutter);
      let at = y;
      at += put(doc, signer.role, x, at, columnWidth, role);
      at += signSpace;
      rule(doc, at, COLOURS.rule, 0.6, x, x + columnWidth * 0.9);
      at += 4;
      at += put(doc, signer.name, x, at, columnWidth, name);
      put(doc, signer.institution, x, at, columnWidth, institution);
    });
    y += (rowHeights[rowIndex] ?? 0) + 14;
  });
  doc.y = y;
}

/** Every page's footer, once the number of pages is known. */
function footers(doc: Doc, document: LetterDocument): void {
  const range = doc.bufferedPageRange();
  const style: Style = { size: SIZE.footer, colour: COLOURS.muted };
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const keep = doc.page.margins.bottom;
    // Writing below the text's bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - LETTER_MARGIN - SIZE.footer - 2;
    rule(doc, y - 5, COLOURS.light, 0.6);
    const label = document.pageLabel.replace('{page}', String(index - range.start + 1)).replace('{pages}', String(range.count));
    applyStyle(doc, style);
    const labelWidth = doc.widthOfString(label);
    put(doc, document.footer, LETTER_MARGIN, y, TEXT_WIDTH - labelWidth - 12, style);
    put(doc, label, LETTER_MARGIN + TEXT_WIDTH - labelWidth - 1, y, labelWidth + 1, { ...style, align: 'right' });
    doc.page.margins.bottom = keep;
  }
}
