import { segmentsOf, type TextLine } from '../layout/lines.ts';
import { union, type PageRule, type PageWord } from '../layout/page.ts';
import { cellText, type GridRow, type GridTable } from './grid.ts';
import { rowsFromWords } from './rows.ts';

/**
 * Borderless tables ("stream" in Camelot's words), from the alignment of their text:
 * 1. a table starts at a line broken by wide gaps into three or more runs of words (a
 *    header, or a row), and goes on while lines keep that shape or are short (the
 *    wrapped part of a cell); a heading, a long line of running text or a wide vertical
 *    gap ends it;
 *    Header lines just above the start (a header cell centred on two lines) join it;
 * 2. its columns are the gaps that stay clear of words down the whole table (a "river")
 *    in the lines that are themselves cut by wide gaps: a line of a single run (a title
 *    across the table, a wrapped cell) does not close a river;
 * 3. lines that cross a column gap are rows of their own, across the table (merged);
 *    the others are cut into rows by the first column's numbers or by vertical gaps.
 */
const MIN_SEGMENTS = 3;
/** A column gap is at least this share of the text's height wide: the space between two words is narrower. */
const MIN_RIVER_SHARE = 0.35;

export interface StreamOptions {
  /** Lines that can never be part of a table (headings, captions). */
  isBoundary(line: TextLine): boolean;
  /** The width of the page's running text, to tell a paragraph from a row. */
  textWidth: number;
  /** Horizontal rules on the page: one drawn across a table separates its rows. */
  rules?: readonly PageRule[];
}

export function columnGap(line: TextLine): number {
  return Math.max(7, line.size * 0.75);
}

/** A line of running text: one run of words, as wide as most of the page's text. */
export function isParagraph(line: TextLine, textWidth: number): boolean {
  return line.x1 - line.x0 > textWidth * 0.6 && segmentsOf(line, columnGap(line)).length === 1;
}

export function streamTables(
  lines: readonly TextLine[],
  options: StreamOptions,
): { tables: { table: GridTable; lines: TextLine[] }[]; used: Set<TextLine> } {
  const tables: { table: GridTable; lines: TextLine[] }[] = [];
  const used = new Set<TextLine>();
  for (let index = 0; index < lines.length; index += 1) {
    const seed = lines[index] as TextLine;
    if (options.isBoundary(seed) || segmentsOf(seed, columnGap(seed)).length < MIN_SEGMENTS) continue;
    const region: TextLine[] = [seed];
    // Header lines above the seed, touching it: the upper line of a header centred on two lines.
    for (let above = index - 1; above >= 0 && !used.has(lines[above] as TextLine); above -= 1) {
      const line = lines[above] as TextLine;
      const top = region[0] as TextLine;
      if (options.isBoundary(line) || top.y0 - line.y1 > Math.min(line.size, top.size) * 0.5 || isParagraph(line, options.textWidth)) break;
      region.unshift(line);
    }
    let next = index + 1;
    for (; next < lines.length; next += 1) {
      const line = lines[next] as TextLine;
      const previous = region.at(-1) as TextLine;
      if (options.isBoundary(line)) break;
      if (line.y0 - previous.y1 > Math.max(line.size, previous.size) * 2.2) break;
      if (isParagraph(line, options.textWidth)) break;
      region.push(line);
    }
    // A lone header at the foot of the page is kept: its rows follow overleaf.
    const table = tableOf(region, options.rules ?? [], next >= lines.length);
    if (table) {
      tables.push({ table, lines: region });
      for (const line of region) used.add(line);
      index = next - 1;
    }
  }
  return { tables, used };
}

/** Column boundaries: gaps in the horizontal projection of the words of the region's lines that are cut by wide gaps. */
function riversOf(region: readonly TextLine[]): number[] {
  const box = union(region);
  const x0 = Math.floor(box.x0);
  const width = Math.ceil(box.x1) - x0 + 1;
  const ink = new Uint16Array(width);
  const cut = region.filter((line) => segmentsOf(line, columnGap(line)).length > 1);
  // A header cell over several columns ("Tahun Pelaksanaan" over 2025 … 2029) crosses their gaps:
  // with enough rows below to show the columns, the header's lines do not close a river.
  const header = new Set(region.slice(0, 3));
  const body = cut.filter((line) => !header.has(line));
  const defining = body.length >= 4 ? body : cut.length >= 2 ? cut : region;
  for (const line of defining) {
    const seen = new Uint8Array(width);
    for (const word of line.words) {
      for (let x = Math.max(0, Math.floor(word.x0) - x0); x <= Math.min(width - 1, Math.ceil(word.x1) - x0); x += 1) seen[x] = 1;
    }
    for (let x = 0; x < width; x += 1) ink[x] = (ink[x] as number) + (seen[x] as number);
  }
  const sizes = region.map((line) => line.size).sort((a, b) => a - b);
  const minRiver = Math.max(3, (sizes[Math.floor(sizes.length / 2)] ?? 10) * MIN_RIVER_SHARE);
  const edges: number[] = [box.x0];
  let runStart = -1;
  for (let x = 0; x < width; x += 1) {
    const clear = ink[x] === 0;
    if (clear && runStart < 0) runStart = x;
    if ((!clear || x === width - 1) && runStart >= 0) {
      const runEnd = clear ? x : x - 1;
      if (runStart > 0 && runEnd < width - 1 && runEnd - runStart + 1 >= minRiver) edges.push(x0 + (runStart + runEnd + 1) / 2);
      runStart = -1;
    }
  }
  edges.push(box.x1);
  return edges;
}

/** A title across the table: one run of words that crosses a column edge. Lines cut into runs keep their words in their columns. */
function crosses(line: TextLine, edges: readonly number[]): boolean {
  return (
    segmentsOf(line, columnGap(line)).length === 1 &&
    line.words.some((word) => edges.slice(1, -1).some((edge) => word.x0 < edge - 1 && word.x1 > edge + 1))
  );
}

function tableOf(region: TextLine[], rules: readonly PageRule[], atPageEnd: boolean): GridTable | undefined {
  if (region.length < 2 && !atPageEnd) return undefined;
  const edges = riversOf(region);
  if (edges.length - 1 < (atPageEnd && region.length < 2 ? 3 : 2)) return undefined;
  const across = rulesAcross(rules, union(region));
  const rows = rowsOfLines(region, edges, across);
  if (rows.length < (atPageEnd ? 1 : 2)) return undefined;
  return { bounds: union(region), columns: edges, rows, ruled: false };
}

/**
 * The rows of lines cut into known columns: a line crossing a column edge (a title across
 * the table) is a row of its own, merged across; the others go to rowsFromWords.
 */
export function rowsOfLines(lines: readonly TextLine[], edges: readonly number[], breaks: readonly number[] = []): GridRow[] {
  const rows: GridRow[] = [];
  let band: PageWord[] = [];
  const columnCount = edges.length - 1;
  const flush = () => {
    rows.push(...rowsFromWords(band, edges, breaks));
    band = [];
  };
  for (const line of lines) {
    if (crosses(line, edges)) {
      flush();
      const text = cellText(line.words);
      rows.push({
        cells: Array.from({ length: columnCount }, () => text),
        y0: line.y0,
        y1: line.y1,
        merged: Array.from({ length: columnCount }, (_, column) => column > 0),
      });
    } else {
      band.push(...line.words);
    }
  }
  flush();
  return rows.sort((a, b) => a.y0 - b.y0);
}

/** Horizontal rules drawn across most of a box: row separators. */
export function rulesAcross(rules: readonly PageRule[], box: { x0: number; y0: number; x1: number; y1: number }): number[] {
  return rules
    .filter(
      (rule) =>
        rule.y0 === rule.y1 &&
        rule.y0 > box.y0 &&
        rule.y0 < box.y1 &&
        Math.min(rule.x1, box.x1) - Math.max(rule.x0, box.x0) >= (box.x1 - box.x0) * 0.5,
    )
    .map((rule) => rule.y0);
}
