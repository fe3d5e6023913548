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
 *   the lines of a wrapped cell belong to the key at or above them; when the cells are
 *   centred vertically (the key sits beside the middle of its row), each row reaches from
 *   the previous row's end to as far below its key as it reaches above.
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

function byKeys(lines: PlacedLine[], keys: Set<PlacedLine>): PlacedLine[][] {
  const keyList = lines.filter((placed) => keys.has(placed));
  // Top-aligned: most keys share their line with the start of another column's text.
  const withOthers = keyList.filter((placed) => placed.columns.size > 1).length;
  const centred = withOthers < keyList.length / 2 && keyList.length >= 2;
  if (!centred) {
    const groups: PlacedLine[][] = [];
    for (const placed of lines) {
      if (keys.has(placed) || groups.length === 0) groups.push([placed]);
      else (groups.at(-1) as PlacedLine[]).push(placed);
    }
    return groups;
  }
  // Centred: the lines before the first key's row are a row of their own (a header
  // part); row k spans [top_k, 2·centre_k − top_k], then row k+1 starts.
  const groups: PlacedLine[][] = [];
  const firstKey = keyList[0] as PlacedLine;
  const centreOf = (placed: PlacedLine) => (placed.line.y0 + placed.line.y1) / 2;
  let index: number;
  const above = lines.filter((placed) => placed.line.y1 <= firstKey.line.y0);
  // The first row reaches as far above its key as the key's own row is tall: start at
  // the nearest line above that is separated from the one before it by a gap.
  let top = firstKey.line.y0;
  for (let at = above.length - 1; at >= 0; at -= 1) {
    const line = (above[at] as PlacedLine).line;
    const previous = above[at - 1]?.line;
    top = line.y0;
    if (!previous || line.y0 - previous.y1 > line.size * 0.5) break;
  }
  const leading = lines.filter((placed) => placed.line.y0 < top - 0.5);
  if (leading.length) groups.push(leading);
  index = leading.length;
  for (let k = 0; k < keyList.length; k += 1) {
    const key = keyList[k] as PlacedLine;
    const next = keyList[k + 1];
    const end = next ? Math.min(2 * centreOf(key) - top, centreOf(next)) : Infinity;
    const group: PlacedLine[] = [];
    while (index < lines.length) {
      const placed = lines[index] as PlacedLine;
      if (placed !== key && group.includes(key) && next && centreOf(placed) > end) break;
      if (next && placed === next) break;
      group.push(placed);
      index += 1;
    }
    if (group.length) groups.push(group);
    top = lines[index]?.line.y0 ?? top;
  }
  while (index < lines.length) (groups.at(-1) as PlacedLine[]).push(lines[index++] as PlacedLine);
  return groups;
}
