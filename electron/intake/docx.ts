import { Parser } from 'htmlparser2';
import mammoth from 'mammoth';
import { AppError } from '../../shared/errors.ts';
import type { ExtractedPage, ExtractedTable, OutlineEntry } from '../../shared/intake/model.ts';

type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'table'; rows: string[][] };

/** mammoth's HTML back into blocks: headings, paragraphs (list items too), tables as rows of cells. */
function blocksOf(html: string): Block[] {
  const blocks: Block[] = [];
  let text = '';
  let capture: 'heading' | 'paragraph' | undefined;
  let headingLevel = 1;
  let tableDepth = 0;
  let rows: string[][] = [];
  let row: string[] | undefined;
  let cell: string | undefined;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'table') {
          tableDepth += 1;
          if (tableDepth === 1) rows = [];
        } else if (tableDepth === 1 && name === 'tr') {
          row = [];
        } else if (tableDepth === 1 && (name === 'td' || name === 'th')) {
          cell = '';
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
          if (tableDepth === 0) blocks.push({ type: 'table', rows });
        } else if (tableDepth === 1 && (name === 'td' || name === 'th')) {
          row?.push((cell ?? '').replace(/\s+/g, ' ').trim());
          cell = undefined;
        } else if (tableDepth === 1 && name === 'tr') {
          if (row && row.some(Boolean)) rows.push(row);
          row = undefined;
        } else if (capture && (/^h[1-6]$/.test(name) || name === 'p' || name === 'li')) {
          const clean = text.replace(/[ \t]+/g, ' ').trim();
          if (clean) blocks.push(capture === 'heading' ? { type: 'heading', level: headingLevel, text: clean } : { type: 'paragraph', text: clean });
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
  let lastHeading: string | undefined;
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
      lastHeading = block.text;
      if (block.level <= 3) outline.push({ level: block.level as 1 | 2 | 3, label: block.text.slice(0, 120), title: block.text, page: pages.length + 1 });
      continue;
    }
    current ??= { label: '1', lines: [] };
    if (block.type === 'paragraph') current.lines.push(block.text);
    else {
      current.lines.push(...block.rows.map((cells) => cells.join(' | ')));
      tables.push({ page: pages.length + 1, ...(lastHeading ? { heading: lastHeading } : {}), rows: block.rows });
    }
  }
  flush();
  return { pages, tables, outline };
}
