import { groupLines } from '../layout/lines.ts';
import type { Box, PageWord } from '../layout/page.ts';

/** A row of a table found on a page: one text per column, a merged cell's text in every column and row it covers. */
export interface GridRow {
  cells: string[];
  y0: number;
  y1: number;
  /** Per column: this position is covered by a cell that starts in another row or column. */
  merged: boolean[];
}

/** A table as found on one page, before tables continued across pages are joined. */
export interface GridTable {
  bounds: Box;
  /** The x of each column's left edge, then the last column's right edge. */
  columns: number[];
  rows: GridRow[];
  /** Read from drawn lines (true) or from the alignment of its text (false). */
  ruled: boolean;
}

/** A row key, as numbered rows carry in their first column: "1", "12.", "a)", "IV", "3.2", "GOV.1.2", "A-3". */
export function isRowKey(text: string): boolean {
  return /^(([a-z]{1,5}[.-])?\d{1,3}([.-]\d{1,3}){0,3}|[a-z]|[ivxl]{1,5})[.)]?$/i.test(text.trim());
}

/**
 * The text of a cell: its lines top to bottom, joined with spaces; a line ending in a
 * hyphen before a lower-case letter or a digit is joined without one ("kota-" + "kota",
 * "2024-" + "2026"), and so is one ending in a slash ("Program/" + "Kegiatan").
 */
export function cellText(words: readonly PageWord[]): string {
  let text = '';
  for (const line of groupLines(words)) {
    if (!text) text = line.text;
    else if ((/-$/.test(text) && /^[\p{Ll}\d]/u.test(line.text)) || /\/$/.test(text)) text += line.text;
    else text += ` ${line.text}`;
  }
  return text.replace(/\s+/g, ' ').trim();
}
