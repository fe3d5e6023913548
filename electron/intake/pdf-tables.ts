import type { ExtractedTable } from '../../shared/intake/model.ts';
import { isInventoryHeader } from '../../shared/intake/inventory.ts';
import type { PdfPage } from './pdf.ts';

const HEADING = /^(BAB\s+([IVXLC]+|\d{1,2})\b|\d{1,2}\.\d{1,2}(\.\d{1,2})?\.?\s+\p{Lu})/u;
/** How far left of a column's start a cell may begin and still belong to it (PDF points). */
const COLUMN_SLACK = 6;

/**
 * Tables of programmes and quick wins, read back from where the text sits on the page
 * (best effort: a PDF has no tables, only positioned words). A header line names the
 * columns; each following line's cells go to the column they start under; a line with
 * nothing in the first column continues the row above; a heading or a page end closes it.
 */
export function tablesFromPdfPages(pages: readonly PdfPage[]): ExtractedTable[] {
  const tables: ExtractedTable[] = [];
  let heading: string | undefined;
  for (const page of pages) {
    let table: { columns: number[]; rows: string[][] } | undefined;
    const close = () => {
      if (table && table.rows.length > 1) tables.push({ page: page.number, ...(heading ? { heading } : {}), rows: table.rows });
      table = undefined;
    };
    for (const line of page.lines) {
      const lineText = line.cells.map((cell) => cell.text).join(' ');
      if (HEADING.test(lineText)) {
        close();
        heading = lineText;
        continue;
      }
      const texts = line.cells.map((cell) => cell.text);
      if (!table) {
        if (line.cells.length >= 2 && isInventoryHeader(texts)) table = { columns: line.cells.map((cell) => cell.x), rows: [texts] };
        continue;
      }
      const columns = table.columns;
      const row = columns.map(() => '');
      for (const cell of line.cells) {
        let column = 0;
        columns.forEach((x, index) => {
          if (cell.x >= x - COLUMN_SLACK) column = index;
        });
        row[column] = row[column] ? `${row[column]} ${cell.text}` : cell.text;
      }
      const filled = row.filter(Boolean).length;
      const wide = line.cells.length === 1 && (line.cells[0]?.text.length ?? 0) > 90;
      if (filled === 0) continue;
      if (wide) {
        close();
        continue;
      }
      const previous = table.rows.at(-1) as string[];
      if (!row[0] && table.rows.length > 1) {
        // A wrapped cell: the text continues the row above.
        row.forEach((text, index) => {
          if (text) previous[index] = previous[index] ? `${previous[index]} ${text}` : text;
        });
      } else {
        table.rows.push(row);
      }
    }
    close();
  }
  return tables;
}
