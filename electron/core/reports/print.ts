import type ExcelJS from 'exceljs';
import type { Translate } from '../../../shared/i18n/index.ts';

/**
 * How the workbooks print: every printable sheet on A4 landscape with narrow margins, a
 * running header (the title, and the sheet's name) and footer (what it is about, and the
 * sheet's name with the page number), and a sheet that explains each column in the reader's
 * language.
 *
 * Pages are numbered per sheet (each starts at 1). "Page n of m" is not possible per sheet:
 * &N counts the pages of the whole print job whatever a sheet's first page number (LibreOffice,
 * checked: the legend read "page 1 of 5"), so the footer says which sheet and which page, without
 * a total.
 */
export const PRINT = {
  paperSize: 9,
  orientation: 'landscape',
  margins: { left: 0.3, right: 0.3, top: 0.55, bottom: 0.5, header: 0.25, footer: 0.25 },
  firstPageNumber: 1,
} as const;

/** In a header or footer, & starts a code: a name's own & is doubled. */
function literal(text: string): string {
  return text.replace(/&/g, '&&');
}

export function printedHeader(t: Translate, title: string, about: string): Partial<ExcelJS.HeaderFooter> {
  return {
    oddHeader: `&L&B${literal(title)}&B&R&A`,
    oddFooter: `&L${literal(about)}&R&A · ${t('sheet.page')}`,
  };
}

/** The smallest part of a worksheet the legend needs: both the in-memory and the streaming worksheets have it. */
interface RowSink {
  getColumn(key: number): { width?: number };
  addRow(values: unknown[]): {
    font: Partial<ExcelJS.Font>;
    alignment: Partial<ExcelJS.Alignment>;
    height: number;
    getCell(index: number): ExcelJS.Cell;
    commit(): void;
  };
}

/** A legend: its title, then one row per column (its name in bold, what it means), wrapped in fixed widths. */
export function writeLegend(sheet: RowSink, title: string, entries: readonly (readonly [string, string])[]): void {
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 110;
  const head = sheet.addRow([title]);
  head.font = { bold: true, size: 13 };
  head.commit();
  for (const [name, meaning] of entries) {
    const row = sheet.addRow([name, meaning]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).font = { bold: true };
    row.height = rowHeight([
      { text: name, width: 28, bold: true },
      { text: meaning, width: 110 },
    ]);
    row.commit();
  }
}

/** The page setup of a legend (or any short sheet): A4 landscape, as wide as the page. */
export function legendSheet(t: Translate, title: string, about: string): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: { ...PRINT, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: printedHeader(t, title, about),
  };
}

/**
 * Widths of Carlito's (Calibri's) letters in em, as LibreOffice prints them: the narrow and the wide ones apart, so
 * "(nilai − min)" and "Governance" are measured as they print rather than as so many average letters.
 */
const table = (chars: string, ems: readonly number[]) => [...chars].map((char, index) => [char, ems[index] as number] as const);
const EM: Record<string, number> = Object.fromEntries([
  ...table(
    'abcdefghijklmnopqrstuvwxyz',
    [
      0.479, 0.525, 0.423, 0.525, 0.498, 0.305, 0.471, 0.525, 0.229, 0.239, 0.455, 0.229, 0.799, 0.525, 0.527, 0.525, 0.525, 0.349, 0.391,
      0.335, 0.525, 0.452, 0.715, 0.433, 0.453, 0.395,
    ],
  ),
  ...table(
    " IJLMW()/.,;:-%'’›",
    [0.226, 0.252, 0.319, 0.42, 0.855, 0.89, 0.303, 0.303, 0.386, 0.252, 0.25, 0.268, 0.268, 0.306, 0.715, 0.221, 0.25, 0.3],
  ),
]);
/** The width of "0" in em, Excel's unit of column width (rounded to 7 px, 5.25 pt, at 11 pt). */
const UNIT_EM = 5.25 / 11;

function textWidth(text: string, bold: boolean): number {
  let em = 0;
  for (const char of text) em += EM[char] ?? (/[0-9]/.test(char) ? 0.507 : /[A-Z]/.test(char) ? 0.6 : 0.5);
  // Bold letters are about 5% wider; 2% to spare, rather than cut a line.
  return ((bold ? 1.07 : 1.02) * em) / UNIT_EM;
}

/** Lines a text takes, wrapped between words in a column this wide (in Excel's character units). */
export function wrappedLines(text: string, width: number, bold = false): number {
  const space = textWidth(' ', bold);
  // A column w units wide is 5.25 w + 3 points, less a point of padding each side: w + 0.2 units. Room to spare.
  const room = Math.max(1, width - 0.3);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const size = textWidth(word, bold);
      if (line > 0 && line + space + size > room) {
        lines += 1;
        line = 0;
      }
      // A word longer than the column is broken by the spreadsheet: it takes the lines it needs.
      if (size > room) {
        lines += Math.ceil(size / room) - 1;
        line = size % room;
      } else line += (line > 0 ? space : 0) + size;
    }
  }
  return lines;
}

/**
 * A row's height in points for its wrapped cells: LibreOffice does not fit the height of
 * rows written without one, so wrapped text would overlap the next row.
 */
/** Excel's tallest row (409 points): past it, Excel refuses the height; the cell shows what fits, the whole text stays in it. */
export const MAX_ROW_HEIGHT = 409;

export function rowHeight(cells: readonly { text: string; width: number; bold?: boolean }[], lineHeight = 15): number {
  return Math.min(MAX_ROW_HEIGHT, Math.max(1, ...cells.map((cell) => wrappedLines(cell.text, cell.width, cell.bold))) * lineHeight);
}

/** Give a row the height its wrapped cells need (each column's width from `widthOf`). */
export function fitRowHeight(row: ExcelJS.Row, widthOf: (column: number) => number, lineHeight = 15): void {
  const cells: { text: string; width: number; bold?: boolean }[] = [];
  row.eachCell((cell, column) => {
    // Every cell of the row reads from the top, next to the first line of its neighbours.
    if (!cell.alignment?.vertical) cell.alignment = { ...cell.alignment, vertical: 'top' };
    if (!cell.alignment.wrapText || typeof cell.value !== 'string') return;
    // An indent is 7.5 points (1.43 units), measured in LibreOffice.
    cells.push({ text: cell.value, width: widthOf(column) - 1.45 * (cell.alignment.indent ?? 0), bold: cell.font?.bold === true });
  });
  if (cells.length > 0) row.height = rowHeight(cells, lineHeight);
}

/** A4 landscape in points, less the left and right margins of `PRINT`. */
const PRINTABLE = {
  width: 842 - (PRINT.margins.left + PRINT.margins.right) * 72,
  height: 595 - (PRINT.margins.top + PRINT.margins.bottom) * 72,
};

/**
 * The scale a sheet fitted to the page's width prints at: a column `w` characters wide is about 5.25 w + 3 points
 * (LibreOffice, measured; Excel within a few per cent).
 */
export function widthScale(widths: readonly number[]): number {
  return Math.min(1, PRINTABLE.width / widths.reduce((sum, width) => sum + 5.25 * width + 3, 0));
}

/**
 * Page breaks for a sheet fitted to the page's width: rows in blocks that stay on one page (a group's heading with
 * its first row, the result with its gap, pass and band), the header row (`titleHeight` points) repeated on every
 * page after the first, as few pages as hold them at `scale` (filled to `fill`), and the rows shared evenly between
 * those pages, so the last is not a line or two alone. LibreOffice keeps these breaks (Excel, fitting to the
 * page, may choose its own). Gives back the rows that end a page.
 */
export function pageBreaks(
  blocks: readonly (readonly number[])[],
  heights: (row: number) => number,
  scale: number,
  titleHeight: number,
  fill = 0.95,
): number[] {
  const sizes = blocks.map((block) => ({ last: block.at(-1) as number, height: block.reduce((sum, row) => sum + heights(row), 0) }));
  const breaksAt = (room: number) => {
    const breaks: number[] = [];
    let used = 0;
    sizes.forEach((block, index) => {
      if (index > 0 && used + block.height > room) {
        breaks.push((sizes[index - 1] as { last: number }).last);
        used = titleHeight;
      }
      used += block.height;
    });
    return breaks;
  };
  const room = (PRINTABLE.height / scale) * fill;
  const pages = breaksAt(room).length;
  // The smallest page that still needs no more pages: every page about as full as the others.
  let low = room / 4;
  let high = room;
  for (let step = 0; step < 24; step += 1) {
    const middle = (low + high) / 2;
    if (breaksAt(middle).length > pages) low = middle;
    else high = middle;
  }
  return breaksAt(high);
}
