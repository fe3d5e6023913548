import type ExcelJS from 'exceljs';
import type { Translate } from '../../../shared/i18n/index.ts';

/**
 * How the workbooks print: every printable sheet on A4 landscape with narrow margins, a
 * running header (the title, and the sheet's name) and footer (what it is about, and
 * "page n of m"), and a sheet that explains each column in the reader's language.
 */
export const PRINT = {
  paperSize: 9,
  orientation: 'landscape',
  margins: { left: 0.3, right: 0.3, top: 0.55, bottom: 0.5, header: 0.25, footer: 0.25 },
} as const;

/** In a header or footer, & starts a code: a name's own & is doubled. */
function literal(text: string): string {
  return text.replace(/&/g, '&&');
}

export function printedHeader(t: Translate, title: string, about: string): Partial<ExcelJS.HeaderFooter> {
  return {
    oddHeader: `&L&B${literal(title)}&B&R&A`,
    oddFooter: `&L${literal(about)}&R${t('sheet.pageOf')}`,
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

/** Lines a text takes, wrapped between words in a column this wide (in Excel's character units). */
export function wrappedLines(text: string, width: number, bold = false): number {
  // Units are the width of "0" in the default font; an average letter is narrower, a space much narrower.
  // Erring a little wide leaves room to spare rather than cut a line.
  const perChar = bold ? 0.95 : 0.85;
  const space = 0.45;
  const room = Math.max(1, width - 0.6);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const size = word.length * perChar;
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
export function rowHeight(cells: readonly { text: string; width: number; bold?: boolean }[], lineHeight = 15): number {
  return Math.max(1, ...cells.map((cell) => wrappedLines(cell.text, cell.width, cell.bold))) * lineHeight;
}

/** Give a row the height its wrapped cells need (each column's width from `widthOf`). */
export function fitRowHeight(row: ExcelJS.Row, widthOf: (column: number) => number, lineHeight = 15): void {
  const cells: { text: string; width: number; bold?: boolean }[] = [];
  row.eachCell((cell, column) => {
    // Every cell of the row reads from the top, next to the first line of its neighbours.
    if (!cell.alignment?.vertical) cell.alignment = { ...cell.alignment, vertical: 'top' };
    if (!cell.alignment.wrapText || typeof cell.value !== 'string') return;
    cells.push({ text: cell.value, width: widthOf(column) - 1.5 * (cell.alignment.indent ?? 0), bold: cell.font?.bold === true });
  });
  if (cells.length > 0) row.height = rowHeight(cells, lineHeight);
}
