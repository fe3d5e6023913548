import type { TableLook } from './specs.ts';

/** The document as a list of blocks, between the content generator and the DOCX writer. */

export interface HeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

export interface BodyCell {
  /** "\n" starts a new paragraph in the cell, "\v" is a manual line break (Shift+Enter). */
  text: string;
  /** Merged down over this many rows (the rows below leave the cell out). */
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  /** Paragraphs starting "• " hang under their first word (a bulleted list typed into the cell). */
  bullets?: boolean;
  /** A footnote mark, superscript at the end of the cell ("Diskominfo¹"). */
  mark?: string;
}

export type RowModel = { band: string } | { cells: BodyCell[] };

export interface TableModel {
  /** Relative column widths. */
  widths: number[];
  header: HeaderCell[][];
  rows: RowModel[];
  look: TableLook;
  repeatHeader: boolean;
}

export type Align = 'justify' | 'center' | 'left' | 'right';

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; lines: string[]; pageBreakBefore?: boolean }
  /** `note`: a table note ("Sumber: …", "¹ …") right under its table. */
  | {
      kind: 'para';
      text: string;
      align?: Align;
      bold?: boolean;
      italic?: boolean;
      size?: number;
      firstLine?: boolean;
      indent?: number;
      hanging?: number;
      spaceBefore?: number;
      spaceAfter?: number;
      keepNext?: boolean;
      tabs?: number[];
      line?: number;
      note?: boolean;
    }
  | { kind: 'list'; items: string[]; format: 'decimal' | 'lowerLetter' | 'bullet' }
  /** Above its table (kept with it), or `below` it; `pageBreakBefore` for a "(lanjutan)" caption. */
  | { kind: 'caption'; text: string; below?: boolean; pageBreakBefore?: boolean }
  | { kind: 'table'; table: TableModel }
  | { kind: 'pageBreak' }
  /**
   * Starts a new section: the first is the front matter (roman page numbers), then the body.
   * `midTable`: it starts inside a table cut in two (no empty paragraph after the first half).
   */
  | { kind: 'section'; part: 'front' | 'body'; orientation: 'portrait' | 'landscape'; midTable?: boolean }
  | { kind: 'toc' }
  | { kind: 'tableList' }
  | { kind: 'image'; png: Buffer; width: number; height: number; align: 'left' | 'center'; indent?: number }
  | { kind: 'spacer'; points: number };

/** Where headings and captions stand, for the table of contents of the second pass. */
export interface TocEntry {
  text: string;
  level: 0 | 1 | 2 | 3;
  /** Printed page label ("iii", "12"); "00" before the first conversion. */
  page: string;
}
