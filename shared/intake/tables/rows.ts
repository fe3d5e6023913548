import { groupLines, type TextLine } from '../layout/lines.ts';
import type { PageWord } from '../layout/page.ts';
import { cellText, isRowKey, type GridRow } from './grid.ts';

/** The column a word belongs to: the one its centre falls in (edges are the columns' boundaries). */
export function columnOf(word: PageWord, edges: readonly number[]): number {
  const centre = (word.x0 + word.x1) / 2;
  for (let column = 1; column < edges.length - 1; column += 1) if (centre < (edges[column] as number)) return column - 1;
  return Math.max(0, edges.length - 2);
}

interface PlacedLine {
  line: TextLine;
  columns: Map<number, PageWord[]>;
}

/**
 * Rows of a table band whose columns are known but whose rows are not drawn: a borderless
 * table, or a ruled one drawn without lines between its rows.
 * - With a key column (numbers or letters in the first column), each key starts a row and
 *   the lines of a wrapped cell belong to the key at or above them; where gaps between
 *   rows cut the table into blocks of one key each, the blocks are the rows (a key centred
 *   beside its row). Cells centred vertically in rows with neither gaps nor lines between
 *   them cannot be told apart from the header above them; a bordered table (the usual
 *   place for centred cells) has its rows drawn.
 * - Without one, a row ends where a gap wider than half a line separates the lines.
 * A rule drawn across the table (`breaks`, the y of each) ends a row in any case.
 */
export function rowsFromWords(words: readonly PageWord[], edges: readonly number[], breaks: readonly number[] = []): GridRow[] {
  if (words.length === 0) return [];
  // A rule drawn across the table (under its header, between rows) always ends a row.
  if (breaks.length) {
    const sorted = [...breaks].sort((a, b) => a - b);
    const parts = new Map<number, PageWord[]>();
    for (const word of words) {
      const centre = (word.y0 + word.y1) / 2;
      const part = sorted.filter((y) => y < centre).length;
      parts.set(part, [...(parts.get(part) ?? []), word]);
    }
    return [...parts.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, part]) => rowsFromWords(part, edges));
  }
  const lines: PlacedLine[] = groupLines(words).map((line) => {
    const columns = new Map<number, PageWord[]>();
    for (const word of line.words) {
      const column = columnOf(word, edges);
      columns.set(column, [...(columns.get(column) ?? []), word]);
    }
    return { line, columns };
  });
  const keyLines = lines.filter((placed) => {
    const first = placed.columns.get(0);
    return first !== undefined && isRowKey(first.map((word) => word.text).join(' '));
  });
  const firstColumnLines = lines.filter((placed) => placed.columns.has(0));
  // Most lines with text in the first column hold a key (the others: the header's "No", a wrapped key).
  const keyed = keyLines.length >= 1 && keyLines.length >= firstColumnLines.length * 0.5;
  const groups = keyed ? byKeys(lines, new Set(keyLines)) : byGaps(lines);
  const columnCount = edges.length - 1;
  return groups.map((group) => {
    const cells = Array.from({ length: columnCount }, (_, column) => cellText(group.flatMap((placed) => placed.columns.get(column) ?? [])));
    return {
      cells,
      y0: Math.min(...group.map((placed) => placed.line.y0)),
      y1: Math.max(...group.map((placed) => placed.line.y1)),
      merged: cells.map(() => false),
    };
  });
}

function byGaps(lines: PlacedLine[]): PlacedLine[][] {
  const groups: PlacedLine[][] = [];
  let bottom = -Infinity;
  for (const placed of lines) {
    const gap = placed.line.y0 - bottom;
    if (groups.length === 0 || gap > placed.line.size * 0.5) groups.push([placed]);
    else (groups.at(-1) as PlacedLine[]).push(placed);
    bottom = Math.max(bottom, placed.line.y1);
  }
  return groups;
}

/**
 * Rows by their keys. When the gaps between lines already cut the band into blocks of one
 * key each, the blocks are the rows (cells centred vertically, rows spaced apart: the key
 * sits mid-row). Otherwise each key starts a row and the lines below it, up to the next
 * key, continue it (cells aligned to the top); lines above the first key are a row of
 * their own (the header).
 */
function byKeys(lines: PlacedLine[], keys: Set<PlacedLine>): PlacedLine[][] {
  const blocks = byGaps(lines);
  const keyCounts = blocks.map((block) => block.filter((placed) => keys.has(placed)).length);
  const keyed = keyCounts.filter((count) => count > 0);
  if (keyed.length >= 2 && keyed.every((count) => count === 1)) {
    // Lines above a block's key with text of their own in the key column are a header sitting on the row
    // (a centred row's upper lines leave that column empty: its key is alone there).
    return blocks.flatMap((block) => {
      const key = block.findIndex((placed) => keys.has(placed));
      const header = block.slice(0, key).filter((placed) => placed.columns.has(0));
      if (key <= 0 || header.length === 0) return [block];
      const cut = block.indexOf(header.at(-1) as PlacedLine) + 1;
      return [block.slice(0, cut), block.slice(cut)];
    });
  }
  const groups: PlacedLine[][] = [];
  for (const placed of lines) {
    if (keys.has(placed) || groups.length === 0) groups.push([placed]);
    else (groups.at(-1) as PlacedLine[]).push(placed);
  }
  return groups;
}
