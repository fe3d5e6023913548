import type { GridTable } from '../tables/grid.ts';
import { ruledTables } from '../tables/ruled.ts';
import { columnGap, isParagraph, streamTables } from '../tables/stream.ts';
import { groupLines, segmentsOf, type TextLine } from './lines.ts';
import { union, type PageLayout, type PageRule, type PageWord } from './page.ts';

/** What a page holds in reading order: headings and captions, tables, running text. */
export type PageBlock =
  | { kind: 'heading'; text: string; y0: number; y1: number }
  | { kind: 'table'; table: GridTable; y0: number; y1: number }
  | { kind: 'text'; text: string; y0: number; y1: number };

export interface AnalysedPage {
  number: number;
  /**
   * The words at the top of the page before any heading, ruled table or paragraph, and
   * how many blocks they make: the rest of a borderless table from the page before, to
   * be cut into that table's columns.
   */
  lead?: { lines: TextLine[]; rules: PageRule[]; blocks: number };
  /** The page's text for search and snippets: lines top to bottom, a table row by row. */
  text: string;
  hasText: boolean;
  source: PageLayout['source'];
  blocks: PageBlock[];
}

/** Chapter ("BAB IV"), numbered section ("4.2 Program …") or table caption ("Tabel 4.1 …"). */
const HEADING = /^(BAB\s+([IVXLC]+|\d{1,2})\b|\d{1,2}\.\d{1,2}(\.\d{1,2})?\.?\s+\p{Lu}|(Tabel|Table)\s+\d{1,2}([.-]\d{1,3})*\b)/u;

export function isHeadingText(text: string): boolean {
  return HEADING.test(text.trim()) && text.length <= 160;
}

/** Share of the page height at its top and bottom where running headers and page numbers live. */
const MARGIN_BAND = 0.1;

/**
 * Running heads and page numbers: short lines in the top or bottom tenth of the page,
 * set apart from the rest by more than a line's height. They stay in the page's text but
 * never join a table or become a heading.
 */
function furnitureOf(lines: readonly TextLine[], height: number): Set<TextLine> {
  const furniture = new Set<TextLine>();
  const isolated = (index: number, direction: 1 | -1) => {
    const line = lines[index] as TextLine;
    const neighbour = lines[index + direction];
    if (!neighbour) return true;
    const gap = direction === 1 ? neighbour.y0 - line.y1 : line.y0 - neighbour.y1;
    return gap > line.size * 1.5;
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as TextLine;
    if (line.words.length > 14) continue;
    if (line.y1 <= height * MARGIN_BAND && isolated(index, 1)) furniture.add(line);
    else if (line.y0 >= height * (1 - MARGIN_BAND) && isolated(index, -1)) furniture.add(line);
  }
  return furniture;
}

function inside(word: PageWord, table: GridTable): boolean {
  const cx = (word.x0 + word.x1) / 2;
  const cy = (word.y0 + word.y1) / 2;
  const { bounds } = table;
  return cx >= bounds.x0 - 1 && cx <= bounds.x1 + 1 && cy >= bounds.y0 - 1 && cy <= bounds.y1 + 1;
}

/** The typical width of the page's running text: the 90th percentile of line widths. */
function textWidthOf(lines: readonly TextLine[], pageWidth: number): number {
  const widths = lines.map((line) => line.x1 - line.x0).sort((a, b) => a - b);
  return widths.length ? Math.max(widths[Math.floor(widths.length * 0.9)] as number, pageWidth * 0.3) : pageWidth;
}

export function tableText(table: GridTable): string[] {
  return table.rows.map((row) => row.cells.filter((cell, column) => cell && !row.merged[column]).join(' | ')).filter(Boolean);
}

/**
 * One page, from geometry to structure: ruled tables first (from the drawn lines), then
 * borderless ones among the remaining lines, headings and captions, and the rest as
 * running text; and the page's text in reading order, tables row by row.
 */
export function analysePage(layout: PageLayout): AnalysedPage {
  const ruled = ruledTables(layout.rules, layout.words);
  const free = ruled.length ? layout.words.filter((word) => !ruled.some((table) => inside(word, table))) : layout.words;
  const lines = groupLines(free);
  const furniture = furnitureOf(lines, layout.height);
  const content = lines.filter((line) => !furniture.has(line));
  // A row keyed "1.1" reads like a numbered section: a heading is one run of words, a row is set in columns.
  const isBoundary = (line: TextLine) => isHeadingText(line.text) && segmentsOf(line, columnGap(line)).length < 3;
  const textWidth = textWidthOf(content, layout.width);
  const stream = streamTables(content, { isBoundary, textWidth, rules: layout.rules });
  const sources = new Map<PageBlock, TextLine[]>();
  const blocks: PageBlock[] = ruled.map((table) => ({ kind: 'table' as const, table, y0: table.bounds.y0, y1: table.bounds.y1 }));
  for (const found of stream.tables) {
    const block = { kind: 'table' as const, table: found.table, y0: found.table.bounds.y0, y1: found.table.bounds.y1 };
    blocks.push(block);
    sources.set(block, found.lines);
  }
  for (const line of content) {
    if (stream.used.has(line)) continue;
    const block: PageBlock = { kind: isBoundary(line) ? 'heading' : 'text', text: line.text, y0: line.y0, y1: line.y1 };
    blocks.push(block);
    sources.set(block, [line]);
  }
  blocks.sort((a, b) => a.y0 - b.y0);
  const lead = leadOf(blocks, sources, textWidth, layout.rules);
  const textLines: { y: number; text: string }[] = [
    ...lines.filter((line) => furniture.has(line)).map((line) => ({ y: line.y0, text: line.text })),
    ...blocks.flatMap((block) =>
      block.kind === 'table'
        ? tableText(block.table).map((text, index) => ({ y: block.y0 + index * 0.001, text }))
        : [{ y: block.y0, text: block.text }],
    ),
  ].sort((a, b) => a.y - b.y);
  const text = textLines.map((line) => line.text).join('\n');
  return { number: layout.number, text, hasText: /\p{L}/u.test(text), source: layout.source, blocks, ...(lead ? { lead } : {}) };
}

/** The top of the page up to the first heading, ruled table or paragraph (a borderless table found there included). */
function leadOf(
  blocks: readonly PageBlock[],
  sources: ReadonlyMap<PageBlock, TextLine[]>,
  textWidth: number,
  rules: readonly PageRule[],
): AnalysedPage['lead'] {
  const lines: TextLine[] = [];
  let count = 0;
  for (const block of blocks) {
    const found = sources.get(block);
    if (block.kind === 'heading' || !found || (block.kind === 'text' && found.some((line) => isParagraph(line, textWidth)))) break;
    lines.push(...found);
    count += 1;
    if (block.kind === 'table') break;
  }
  if (!count) return undefined;
  const box = union(lines);
  return { lines, rules: rules.filter((rule) => rule.y0 === rule.y1 && rule.y0 > box.y0 - 1 && rule.y0 < box.y1 + 1), blocks: count };
}
