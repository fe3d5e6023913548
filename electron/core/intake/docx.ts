import { Parser } from 'htmlparser2';
import mammoth from 'mammoth';
import { AppError } from '../../../shared/errors.ts';
import type { ExtractedPage, ExtractedTable, OutlineEntry } from '../../../shared/intake/model.ts';

type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'table'; rows: string[][]; merged: boolean[][] };

interface RawCell {
  text: string;
  colspan: number;
  rowspan: number;
}

/**
 * HTML table rows with colspan and rowspan into a rectangular grid: a merged cell's text
 * stands in every position it covers (flagged as merged there), as for a PDF's tables.
 */
export function spreadMergedCells(rawRows: readonly RawCell[][]): { rows: string[][]; merged: boolean[][] } {
  const rows: string[][] = [];
  const merged: boolean[][] = [];
  rawRows.forEach((raw, r) => {
    rows[r] ??= [];
    merged[r] ??= [];
    let column = 0;
    for (const cell of raw) {
      while (rows[r]?.[column] !== undefined) column += 1;
      for (let dr = 0; dr < cell.rowspan; dr += 1) {
        for (let dc = 0; dc < cell.colspan; dc += 1) {
          (rows[r + dr] ??= [])[column + dc] = cell.text;
          (merged[r + dr] ??= [])[column + dc] = dr > 0 || dc > 0;
        }
      }
      column += cell.colspan;
    }
  });
  const width = Math.max(0, ...rows.map((row) => row.length));
  return {
    rows: rows.slice(0, rawRows.length).map((row) => Array.from({ length: width }, (_, column) => row[column] ?? '')),
    merged: merged.slice(0, rawRows.length).map((row) => Array.from({ length: width }, (_, column) => row[column] ?? false)),
  };
}

/** mammoth's HTML back into blocks: headings, paragraphs (list items too), tables as rows of cells. */
function blocksOf(html: string): Block[] {
  const blocks: Block[] = [];
  let text = '';
  let capture: 'heading' | 'paragraph' | undefined;
  let headingLevel = 1;
  let tableDepth = 0;
  let rows: RawCell[][] = [];
  let row: RawCell[] | undefined;
  let cell: string | undefined;
  let span = { colspan: 1, rowspan: 1 };
  const spanOf = (value: string | undefined) => Math.min(100, Math.max(1, Number(value) || 1));
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'table') {
          tableDepth += 1;
          if (tableDepth === 1) rows = [];
        } else if (tableDepth === 1 && name === 'tr') {
          row = [];
        } else if (tableDepth === 1 && (name === 'td' || name === 'th')) {
          cell = '';
          span = { colspan: spanOf(attributes.colspan), rowspan: spanOf(attributes.rowspan) };
        } else if (tableDepth === 0 && /^h[1-6]$/.test(name)) {
          capture = 'heading';
          headingLevel = Number(name.slice(1));
          text = '';
        } else if (tableDepth === 0 && (name === 'p' || name === 'li')) {
          capture = 'paragraph';
          text = '';
        } else if (name === 'br') {
          if (cell !== undefined) cell += ' ';
          else text += '\n';
        }
      },
      ontext(chunk) {
        if (cell !== undefined) cell += chunk;
        else if (capture) text += chunk;
      },
      onclosetag(name) {
        if (name === 'table') {
          tableDepth -= 1;
          if (tableDepth === 0) blocks.push({ type: 'table', ...spreadMergedCells(rows) });
        } else if (tableDepth === 1 && (name === 'td' || name === 'th')) {
          row?.push({ text: (cell ?? '').replace(/\s+/g, ' ').trim(), ...span });
          cell = undefined;
        } else if (tableDepth === 1 && name === 'tr') {
          // A row of empty cells still counts when it carries a rowspan's continuation; wholly empty ones do not.
          if (row) rows.push(row);
          row = undefined;
        } else if (capture && (/^h[1-6]$/.test(name) || name === 'p' || name === 'li')) {
          const clean = text.replace(/[ \t]+/g, ' ').trim();
          if (clean)
            blocks.push(capture === 'heading' ? { type: 'heading', level: headingLevel, text: clean } : { type: 'paragraph', text: clean });
          capture = undefined;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return blocks;
}

export interface DocxExtraction {
  pages: ExtractedPage[];
  tables: ExtractedTable[];
  outline: OutlineEntry[];
}

/**
 * A DOCX has no pages; its sections are the units instead: a new one starts at every
 * heading of level 1 or 2, labelled by that heading. Headings up to level 3 form the
 * outline; tables are kept as tables (rows of cells), with the heading they sit under.
 */
export async function extractDocx(data: Uint8Array): Promise<DocxExtraction> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(data) })).value;
  } catch (error) {
    throw new AppError('document.corrupt', { detail: (error as Error).message });
  }
  const pages: ExtractedPage[] = [];
  const tables: ExtractedTable[] = [];
  const outline: OutlineEntry[] = [];
  let current: { label: string; lines: string[] } | undefined;
  /** The headings above, by level (index 0 is level 1). */
  const headings: string[] = [];
  let caption: string | undefined;
  const flush = () => {
    if (!current) return;
    const text = current.lines.join('\n');
    pages.push({ number: pages.length + 1, label: current.label, text, hasText: /\p{L}/u.test(text) });
    current = undefined;
  };
  for (const block of blocksOf(html)) {
    if (block.type === 'heading') {
      if (block.level <= 2 || !current) {
        flush();
        current = { label: block.text.slice(0, 120), lines: [] };
      }
      current.lines.push(block.text);
      headings.length = block.level - 1;
      headings[block.level - 1] = block.text;
      caption = undefined;
      if (block.level <= 3)
        outline.push({ level: block.level as 1 | 2 | 3, label: block.text.slice(0, 120), title: block.text, page: pages.length + 1 });
      continue;
    }
    current ??= { label: '1', lines: [] };
    if (block.type === 'paragraph') {
      current.lines.push(block.text);
      caption = /^(tabel|table)\s+\d/i.test(block.text) ? block.text : undefined;
    } else {
      current.lines.push(
        ...block.rows.map((cells, row) => cells.filter((text, column) => text && !block.merged[row]?.[column]).join(' | ')).filter(Boolean),
      );
      const context = [caption, ...[...headings].reverse()].filter((text): text is string => Boolean(text));
      tables.push({
        page: pages.length + 1,
        ...(context[0] ? { heading: context[0] } : {}),
        context,
        rows: block.rows,
        merged: block.merged,
      });
      caption = undefined;
    }
  }
  flush();
  return { pages, tables, outline };
}
