import type { AnalysedPage } from '../layout/analyse-page.ts';
import type { ExtractedTable } from '../model.ts';
import { isInventoryHeader } from '../inventory/columns.ts';
import { isRowKey } from './grid.ts';
import { columnGap, rowsOfLines, rulesAcross } from './stream.ts';
import { segmentsOf } from '../layout/lines.ts';
import { union } from '../layout/page.ts';

/** A line between a table's two parts that does not end it: "Lanjutan Tabel 5.1", "(continued)". */
const CONTINUED = /\blanjutan\b|\bcontinued\b|\bsambungan\b/i;
const CHAPTER = /^BAB\s+([IVXLC]+|\d{1,2})\b/i;
const SECTION = /^(\d{1,2})\.(\d{1,2})(\.\d{1,2})?\.?\s/;
const CAPTION = /^(Tabel|Table)\s/i;

interface OpenTable {
  table: ExtractedTable;
  merged: boolean[][];
  columns: number;
  /** The column edges on the page, to cut the rest of a borderless table overleaf into the same columns. */
  edges: number[];
  ruled: boolean;
}

/**
 * The top of a page cut into the columns of the borderless table left open on the page
 * before: its rest, if the words sit in those columns (few straddle an edge) and fill at
 * least two of them.
 */
function leadAsRows(lead: NonNullable<AnalysedPage['lead']>, open: OpenTable): { cells: string[][]; merged: boolean[][] } | undefined {
  const inner = open.edges.slice(1, -1);
  const words = lead.lines.flatMap((line) => line.words);
  // A title across the table (one run of words) crosses edges by design; the rest of the words must not.
  const plain = lead.lines.filter((line) => segmentsOf(line, columnGap(line)).length > 1);
  const straddling = plain
    .flatMap((line) => line.words)
    .filter((word) => inner.some((edge) => word.x0 < edge - 1 && word.x1 > edge + 1)).length;
  if (words.length === 0 || straddling > words.length * 0.1) return undefined;
  const box = union(lead.lines);
  const rows = rowsOfLines(lead.lines, open.edges, rulesAcross(lead.rules, { ...box, y0: box.y0 - 1, y1: box.y1 + 1 }));
  const filled = new Set(rows.flatMap((row) => row.cells.flatMap((text, column) => (text && !row.merged[column] ? [column] : []))));
  return filled.size >= 2 ? { cells: rows.map((row) => row.cells), merged: rows.map((row) => row.merged) } : undefined;
}

/**
 * A table at the top of a page with a header of its own (a programme table's, not the one
 * above repeated) is a new table, even with as many columns as the one left open.
 */
function opensOwnTable(first: readonly string[] | undefined, header: readonly string[] | undefined): boolean {
  if (!first || !header || !isInventoryHeader(first)) return false;
  return normalised(first) !== normalised(header) && withoutHeader(first, header) === undefined;
}

/** The column holding the rows' numbers ("1", "2.", "a)"), if there is one. */
export function keyColumn(rows: readonly string[][]): number | undefined {
  const width = Math.max(0, ...rows.map((row) => row.length));
  for (let column = 0; column < Math.min(width, 3); column += 1) {
    const keys = rows.filter((row) => isRowKey(row[column] ?? '')).length;
    const filled = rows.filter((row) => row[column]?.trim()).length;
    // Most filled cells of the column are keys (a header's "No" is not).
    if (keys >= 1 && keys >= (filled - 1) * 0.6) return column;
  }
  return undefined;
}

/** The cells of a row that begins with the header's words in every column, with those words taken off; undefined if it does not. */
function withoutHeader(cells: readonly string[], header: readonly string[]): string[] | undefined {
  const fold = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  const named = header.filter((text) => text.trim()).length;
  if (named < 2 || cells.length !== header.length) return undefined;
  const rest: string[] = [];
  for (const [column, text] of cells.entries()) {
    const label = fold(header[column] ?? '');
    const value = fold(text);
    if (label && !(value === label || value.startsWith(`${label} `))) return undefined;
    rest.push(label ? text.replace(/\s+/g, ' ').trim().slice(label.length).trim() : text);
  }
  return rest;
}

const normalised = (cells: readonly string[]) => cells.map((cell) => cell.replace(/\s+/g, ' ').trim().toLowerCase()).join('|');

/**
 * The document's tables, each with the headings it sits under, joined across pages: a
 * table that ends its page and one that opens the next page with the same columns are
 * one table; a header repeated overleaf is dropped, and a row whose first cell is empty
 * at the top of the new page finishes the row cut by the page break.
 */
export function documentTables(pages: readonly AnalysedPage[]): ExtractedTable[] {
  const tables: ExtractedTable[] = [];
  let chapter: string | undefined;
  let section: string | undefined;
  let subsection: string | undefined;
  let caption: string | undefined;
  let open: OpenTable | undefined;

  const context = () => [caption, subsection, section, chapter].filter((heading): heading is string => Boolean(heading));

  for (const page of pages) {
    let first = true;
    let skip = 0;
    // The rest of a borderless table overleaf is cut into its columns, unless it was found as a table of the same shape.
    const leadTable = page.blocks[(page.lead?.blocks ?? 0) - 1];
    const sameTable = leadTable?.kind === 'table' && leadTable.table.columns.length === open?.edges.length;
    if (open && !open.ruled && page.lead && !sameTable) {
      const rows = leadAsRows(page.lead, open);
      if (rows) {
        continueTable(open, rows.cells, rows.merged, page.number);
        skip = page.lead.blocks;
        first = false;
        if (skip === page.blocks.length) continue;
        open = undefined;
      }
    }
    for (const block of page.blocks.slice(skip)) {
      if (block.kind === 'heading') {
        open = undefined;
        const text = block.text.trim();
        if (CAPTION.test(text)) caption = text;
        else if (CHAPTER.test(text)) {
          chapter = text;
          section = subsection = caption = undefined;
        } else if (SECTION.exec(text)?.[3]) {
          subsection = text;
          caption = undefined;
        } else {
          section = text;
          subsection = caption = undefined;
        }
        first = false;
        continue;
      }
      if (block.kind === 'text') {
        if (!(first && CONTINUED.test(block.text))) {
          open = undefined;
          first = false;
        }
        continue;
      }
      const grid = block.table;
      const cells = grid.rows.map((row) => row.cells);
      const merged = grid.rows.map((row) => row.merged);
      // Overleaf, the same table's columns may sit a little wider or narrower (Word lays out each page anew): the count decides.
      if (first && open && open.columns === grid.columns.length - 1 && !opensOwnTable(cells[0], open.table.rows[0])) {
        continueTable(open, cells, merged, page.number);
      } else {
        const table: ExtractedTable = {
          page: page.number,
          ...(context()[0] ? { heading: context()[0] } : {}),
          context: context(),
          rows: cells,
          rowPages: cells.map(() => page.number),
          merged,
        };
        tables.push(table);
        caption = undefined;
        open = { table, merged, columns: grid.columns.length - 1, edges: grid.columns, ruled: grid.ruled };
      }
      first = false;
    }
    // A table stays open only if nothing follows it on its page.
    if (open && page.blocks.at(-1)?.kind !== 'table') open = undefined;
  }
  return tables;
}

function continueTable(open: OpenTable, cells: string[][], merged: boolean[][], page: number): void {
  const table = open.table;
  let start = 0;
  // The header repeated overleaf: as many rows as it has.
  while (
    start < 3 &&
    cells[start] &&
    table.rows[start] &&
    normalised(cells[start] as string[]) === normalised(table.rows[start] as string[])
  )
    start += 1;
  // …or fused with the first lines of a cut row (a borderless table has no line between them): the header's words are taken off.
  const header = table.rows[0];
  if (start === 0 && header && cells[0]) cells[0] = withoutHeader(cells[0], header) ?? cells[0];
  // The rest of a row cut by the page break: its key cell (the number) is empty.
  const firstRow = cells[start];
  const lastRow = table.rows.at(-1);
  const key = keyColumn([...table.rows, ...cells.slice(start)]);
  const across = merged[start]?.slice(1).every(Boolean) ?? false;
  // Without a key column: a first row with at most half its cells filled, under a row filled to two thirds,
  // is the rest of that row (its long cells wrapped over the page break; the short ones, an agency, a
  // year, a budget, stayed above).
  const filled = firstRow?.filter((text) => text.trim()).length ?? 0;
  const width = firstRow?.length ?? 0;
  const lastFilled = lastRow?.filter((text) => text.trim()).length ?? 0;
  const cut = key !== undefined ? !firstRow?.[key]?.trim() : filled <= width / 2 && lastFilled >= (width * 2) / 3;
  if (cut && firstRow && lastRow && !across && filled > 0 && table.rows.length > 1) {
    firstRow.forEach((text, column) => {
      if (text && !merged[start]?.[column]) lastRow[column] = lastRow[column] ? `${lastRow[column]} ${text}` : text;
    });
    start += 1;
  }
  for (let index = start; index < cells.length; index += 1) {
    table.rows.push(cells[index] as string[]);
    table.rowPages?.push(page);
    open.merged.push(merged[index] as boolean[]);
  }
}
