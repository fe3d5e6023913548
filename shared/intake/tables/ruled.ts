import type { Box, PageRule, PageWord } from '../layout/page.ts';
import type { GridTable } from './grid.ts';
import { cellText } from './grid.ts';

/**
 * Ruled tables ("lattice" in Camelot's words): the cell grid is read from the lines drawn
 * on the page, as pdfplumber's table finder does it:
 * 1. rules are snapped together (same row or column within SNAP points) and joined where
 *    they touch or nearly do (a border drawn cell by cell is one line);
 * 2. where a horizontal and a vertical line cross, there is a corner;
 * 3. a cell is the smallest rectangle of four corners joined by lines on all four sides;
 * 4. cells that share corners form one table; their edges make the table's columns and
 *    rows, and a cell covering several of them is a merged cell;
 * 5. each word goes to the cell its centre falls in.
 * A grid drawn with its inner lines only (Word's grid styles) has its outer border added.
 * Shading is not a line (see pdf-layout.ts): a banded table is read as a borderless one.
 */
/** Lines this close (points) are one: a double border, a border drawn twice, a running head's rule just above a table. */
const SNAP = 3;
const JOIN = 3;
const TOUCH = 2.5;
/** A cell smaller than this (points) is the gap of a double border, not a cell. */
const MIN_CELL = 4;
/**
 * More crossings than this (lines one way × the other) is graph paper, hatching or a
 * crafted page, not a table: the corners alone would take seconds and most of the memory.
 */
const MAX_CROSSINGS = 250_000;

interface Horizontal {
  y: number;
  x0: number;
  x1: number;
}
interface Vertical {
  x: number;
  y0: number;
  y1: number;
}

/** Snap lines lying at (nearly) the same position, then join the pieces that touch. */
function mergeLines<T>(
  lines: T[],
  at: (line: T) => number,
  from: (line: T) => number,
  to: (line: T) => number,
  make: (at: number, from: number, to: number) => T,
): T[] {
  const sorted = [...lines].sort((a, b) => at(a) - at(b));
  const groups: T[][] = [];
  for (const line of sorted) {
    const group = groups.at(-1);
    if (group && Math.abs(at(line) - at(group[0] as T)) <= SNAP) group.push(line);
    else groups.push([line]);
  }
  const merged: T[] = [];
  for (const group of groups) {
    const position = group.reduce((sum, line) => sum + at(line), 0) / group.length;
    const pieces = [...group].sort((a, b) => from(a) - from(b));
    let start = from(pieces[0] as T);
    let end = to(pieces[0] as T);
    for (const piece of pieces.slice(1)) {
      if (from(piece) <= end + JOIN) end = Math.max(end, to(piece));
      else {
        merged.push(make(position, start, end));
        start = from(piece);
        end = to(piece);
      }
    }
    merged.push(make(position, start, end));
  }
  return merged;
}

interface Corner {
  x: number;
  y: number;
}

function covered(lines: readonly { at: number; from: number; to: number }[], at: number, from: number, to: number): boolean {
  return lines.some((line) => Math.abs(line.at - at) <= SNAP && line.from <= from + TOUCH && line.to >= to - TOUCH);
}

/** The distinct values of `values`, those within SNAP points of each other counted once. */
function distinct(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const value of sorted) if (out.length === 0 || value - (out.at(-1) as number) > SNAP) out.push(value);
  return out;
}

function indexOf(edges: readonly number[], value: number): number {
  let best = 0;
  for (let index = 1; index < edges.length; index += 1) {
    if (Math.abs((edges[index] as number) - value) < Math.abs((edges[best] as number) - value)) best = index;
  }
  return best;
}

export function ruledTables(rules: readonly PageRule[], words: readonly PageWord[]): GridTable[] {
  const horizontals = mergeLines<Horizontal>(
    rules.filter((rule) => rule.y1 - rule.y0 < rule.x1 - rule.x0).map((rule) => ({ y: (rule.y0 + rule.y1) / 2, x0: rule.x0, x1: rule.x1 })),
    (line) => line.y,
    (line) => line.x0,
    (line) => line.x1,
    (y, x0, x1) => ({ y, x0, x1 }),
  );
  const verticals = mergeLines<Vertical>(
    rules
      .filter((rule) => rule.y1 - rule.y0 >= rule.x1 - rule.x0)
      .map((rule) => ({ x: (rule.x0 + rule.x1) / 2, y0: rule.y0, y1: rule.y1 })),
    (line) => line.x,
    (line) => line.y0,
    (line) => line.y1,
    (x, y0, y1) => ({ x, y0, y1 }),
  );
  if (horizontals.length * verticals.length > MAX_CROSSINGS) return [];
  closeOuterBorders(horizontals, verticals);
  if (horizontals.length < 2 || verticals.length < 2) return [];

  const corners: Corner[] = [];
  for (const h of horizontals) {
    for (const v of verticals) {
      if (v.x >= h.x0 - TOUCH && v.x <= h.x1 + TOUCH && h.y >= v.y0 - TOUCH && h.y <= v.y1 + TOUCH) corners.push({ x: v.x, y: h.y });
    }
  }
  const hLines = horizontals.map((line) => ({ at: line.y, from: line.x0, to: line.x1 }));
  const vLines = verticals.map((line) => ({ at: line.x, from: line.y0, to: line.y1 }));
  const byRow = new Map<number, Corner[]>();
  const byColumn = new Map<number, Corner[]>();
  const add = (map: Map<number, Corner[]>, key: number, corner: Corner) => {
    const list = map.get(key);
    if (list) list.push(corner);
    else map.set(key, [corner]);
  };
  for (const corner of corners) {
    add(byRow, corner.y, corner);
    add(byColumn, corner.x, corner);
  }
  for (const list of byRow.values()) list.sort((a, b) => a.x - b.x);
  for (const list of byColumn.values()) list.sort((a, b) => a.y - b.y);
  const cornerSet = new Set(corners.map((corner) => `${corner.x},${corner.y}`));

  const cells: Box[] = [];
  for (const topLeft of corners) {
    const right = (byRow.get(topLeft.y) ?? []).filter((corner) => corner.x > topLeft.x + MIN_CELL);
    const below = (byColumn.get(topLeft.x) ?? []).filter((corner) => corner.y > topLeft.y + MIN_CELL);
    search: for (const bottomLeft of below) {
      if (!covered(vLines, topLeft.x, topLeft.y, bottomLeft.y)) break;
      for (const topRight of right) {
        if (!covered(hLines, topLeft.y, topLeft.x, topRight.x)) break;
        if (!cornerSet.has(`${topRight.x},${bottomLeft.y}`)) continue;
        if (covered(hLines, bottomLeft.y, topLeft.x, topRight.x) && covered(vLines, topRight.x, topLeft.y, bottomLeft.y)) {
          cells.push({ x0: topLeft.x, y0: topLeft.y, x1: topRight.x, y1: bottomLeft.y });
          break search;
        }
      }
    }
  }
  return groupCells(cells).flatMap((group) => {
    const table = gridOf(group, words);
    return table ? [table] : [];
  });
}

const touches = (h: Horizontal, v: Vertical) => v.x >= h.x0 - TOUCH && v.x <= h.x1 + TOUCH && h.y >= v.y0 - TOUCH && h.y <= v.y1 + TOUCH;

/**
 * Word's grid styles ("Grid Table 4", "Plain Table 1"…) draw only the lines inside a table:
 * its outer cells are open on one side. Lines that cross each other form one grid; where
 * such a grid has at least two lines one way and one the other, its outer border is drawn
 * in (at the extent of its lines) if it is not there already.
 */
function closeOuterBorders(horizontals: Horizontal[], verticals: Vertical[]): void {
  const parent = [...horizontals, ...verticals].map((_, index) => index);
  const find = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index] as number] as number;
    return index;
  };
  horizontals.forEach((h, i) =>
    verticals.forEach((v, j) => {
      if (touches(h, v)) parent[find(i)] = find(horizontals.length + j);
    }),
  );
  const groups = new Map<number, { hs: Horizontal[]; vs: Vertical[] }>();
  horizontals.forEach((h, i) => (groups.get(find(i)) ?? groups.set(find(i), { hs: [], vs: [] }).get(find(i)))?.hs.push(h));
  verticals.forEach((v, j) =>
    (
      groups.get(find(horizontals.length + j)) ??
      groups.set(find(horizontals.length + j), { hs: [], vs: [] }).get(find(horizontals.length + j))
    )?.vs.push(v),
  );
  for (const { hs, vs } of groups.values()) {
    if (!((hs.length >= 2 && vs.length >= 1) || (hs.length >= 1 && vs.length >= 2))) continue;
    const x0 = Math.min(...hs.map((h) => h.x0), ...vs.map((v) => v.x));
    const x1 = Math.max(...hs.map((h) => h.x1), ...vs.map((v) => v.x));
    const y0 = Math.min(...vs.map((v) => v.y0), ...hs.map((h) => h.y));
    const y1 = Math.max(...vs.map((v) => v.y1), ...hs.map((h) => h.y));
    const hasH = (y: number) => hs.some((h) => Math.abs(h.y - y) <= SNAP && h.x0 <= x0 + TOUCH && h.x1 >= x1 - TOUCH);
    const hasV = (x: number) => vs.some((v) => Math.abs(v.x - x) <= SNAP && v.y0 <= y0 + TOUCH && v.y1 >= y1 - TOUCH);
    if (!hasH(y0)) horizontals.push({ y: y0, x0, x1 });
    if (!hasH(y1)) horizontals.push({ y: y1, x0, x1 });
    if (!hasV(x0)) verticals.push({ x: x0, y0, y1 });
    if (!hasV(x1)) verticals.push({ x: x1, y0, y1 });
  }
}

/** Cells that share a corner or an edge belong to one table (union–find over corners). */
function groupCells(cells: Box[]): Box[][] {
  const parent = cells.map((_, index) => index);
  const find = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index] as number] as number;
    return index;
  };
  const owner = new Map<string, number>();
  cells.forEach((cell, index) => {
    for (const key of [`${cell.x0},${cell.y0}`, `${cell.x1},${cell.y0}`, `${cell.x0},${cell.y1}`, `${cell.x1},${cell.y1}`]) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, index);
      else parent[find(index)] = find(other);
    }
  });
  const groups = new Map<number, Box[]>();
  cells.forEach((cell, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) group.push(cell);
    else groups.set(root, [cell]);
  });
  return [...groups.values()];
}

function gridOf(cells: Box[], words: readonly PageWord[]): GridTable | undefined {
  const xs = distinct(cells.flatMap((cell) => [cell.x0, cell.x1]));
  const ys = distinct(cells.flatMap((cell) => [cell.y0, cell.y1]));
  const columns = xs.length - 1;
  const rowCount = ys.length - 1;
  // One row is kept: a header at the foot of a page whose table goes on overleaf.
  if (columns < 2 || rowCount < 1) return undefined;
  const bounds: Box = { x0: xs[0] as number, y0: ys[0] as number, x1: xs.at(-1) as number, y1: ys.at(-1) as number };
  const inside = words.filter((word) => {
    const cx = (word.x0 + word.x1) / 2;
    const cy = (word.y0 + word.y1) / 2;
    return cx >= bounds.x0 && cx <= bounds.x1 && cy >= bounds.y0 && cy <= bounds.y1;
  });
  const grid = Array.from({ length: rowCount }, () => Array.from({ length: columns }, () => ''));
  const merged = Array.from({ length: rowCount }, () => Array.from({ length: columns }, () => false));
  const taken = new Set<PageWord>();
  for (const cell of cells) {
    const c0 = indexOf(xs, cell.x0);
    const c1 = indexOf(xs, cell.x1);
    const r0 = indexOf(ys, cell.y0);
    const r1 = indexOf(ys, cell.y1);
    const mine = inside.filter((word) => {
      const cx = (word.x0 + word.x1) / 2;
      const cy = (word.y0 + word.y1) / 2;
      return !taken.has(word) && cx >= cell.x0 && cx <= cell.x1 && cy >= cell.y0 && cy <= cell.y1;
    });
    for (const word of mine) taken.add(word);
    const text = cellText(mine);
    for (let r = r0; r < r1; r += 1) {
      for (let c = c0; c < c1; c += 1) {
        (grid[r] as string[])[c] = text;
        (merged[r] as boolean[])[c] = r !== r0 || c !== c0;
      }
    }
  }
  return {
    bounds,
    columns: xs,
    rows: grid.map((cells, index) => ({ cells, y0: ys[index] as number, y1: ys[index + 1] as number, merged: merged[index] as boolean[] })),
    ruled: true,
  };
}
