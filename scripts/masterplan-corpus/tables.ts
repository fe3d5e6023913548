import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { coveredColumns, fitWidths } from './fit.ts';
import type { BodyCell, TableModel } from './model.ts';

/** Table styles as Word users make them: grid, shaded header, borderless, horizontal rules, merged cells, banded rows, inner lines only. */

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
const inner = (color: string): IBorderOptions => ({ style: BorderStyle.SINGLE, size: 4, color });

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

interface ParagraphOptions {
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  font?: string;
  /** Text colour, hex. */
  color?: string;
  /** Space after each paragraph (points) and line spacing, when the look sets them. */
  after?: number;
  line?: number;
  /** "• " paragraphs hang under their first word. */
  bullets?: boolean;
  /** Superscript mark at the end of the last paragraph. */
  mark?: string;
}

/** One paragraph per "\n"; a "\v" is a manual line break (w:br) inside the paragraph. */
function paragraphs(text: string, size: number, options: ParagraphOptions): Paragraph[] {
  const lines = text.split('\n');
  return lines.map((line, index) => {
    const bullet = options.bullets && line.startsWith('• ');
    return new Paragraph({
      alignment: ALIGN[options.align ?? 'left'],
      spacing: {
        before: 0,
        after: options.after !== undefined ? options.after * 20 : 0,
        line: options.line !== undefined ? Math.round(options.line * 240) : 240,
        lineRule: LineRuleType.AUTO,
      },
      ...(bullet ? { indent: { left: 200, hanging: 200 } } : {}),
      children: [
        ...(bullet
          ? // The bullet, a tab to the hanging indent, then the text: wrapped lines stand under the text.
            [new TextRun({ children: ['•', new Tab(), line.slice(2)], bold: options.bold, size: size * 2, font: options.font })]
          : line.split('\v').map(
              (part, i) =>
                new TextRun({
                  text: part,
                  bold: options.bold,
                  size: size * 2,
                  font: options.font,
                  ...(options.color ? { color: options.color } : {}),
                  ...(i > 0 ? { break: 1 } : {}),
                }),
            )),
        ...(options.mark && index === lines.length - 1
          ? [new TextRun({ text: options.mark, bold: options.bold, size: size * 2, font: options.font, superScript: true })]
          : []),
      ],
    });
  });
}

export function buildTable(model: TableModel, textWidth: number, font: string, runFont?: string): Table {
  const { look } = model;
  const columnWidths = fitWidths(model, textWidth, font);
  const span = (from: number, count: number) => columnWidths.slice(from, from + count).reduce((sum, width) => sum + width, 0);
  const grid = look.borders === 'grid';
  const headerRows = model.header.length;
  // Word's Normal style in the cells: space after each paragraph and 1.08 lines, when the look says so.
  const spacing = {
    ...(look.cellAfter !== undefined ? { after: look.cellAfter } : {}),
    ...(look.cellLine !== undefined ? { line: look.cellLine } : {}),
  };
  const margins = look.tight ? { top: 15, bottom: 15, left: 57, right: 57 } : { top: 45, bottom: 45, left: 85, right: 85 };

  const header = model.header.map((row, rowIndex) => {
    let column = 0;
    // Columns taken by cells merged down from the row above.
    const taken = new Set<number>();
    if (rowIndex > 0) {
      let at = 0;
      for (const cell of model.header[0] ?? []) {
        if ((cell.rowSpan ?? 1) > 1) for (let i = 0; i < (cell.colSpan ?? 1); i++) taken.add(at + i);
        at += cell.colSpan ?? 1;
      }
    }
    return new TableRow({
      tableHeader: model.repeatHeader,
      cantSplit: true,
      children: row.map((cell) => {
        while (taken.has(column)) column++;
        const width = span(column, cell.colSpan ?? 1);
        column += cell.colSpan ?? 1;
        const lastHeaderRow = rowIndex + (cell.rowSpan ?? 1) >= headerRows;
        return new TableCell({
          children: paragraphs(cell.text, look.size, {
            bold: look.headerBold,
            align: 'center',
            font: runFont,
            color: look.headerColor,
            ...spacing,
          }),
          columnSpan: cell.colSpan,
          rowSpan: cell.rowSpan,
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          margins,
          shading: look.headerFill ? { type: ShadingType.CLEAR, color: 'auto', fill: look.headerFill } : undefined,
          borders:
            look.borders === 'hrules'
              ? { top: rowIndex === 0 ? RULE : NONE, bottom: lastHeaderRow ? RULE : NONE, left: NONE, right: NONE }
              : undefined,
        });
      }),
    });
  });

  const lastRow = model.rows.length - 1;
  // Banded rows: the first body row (and the first after a band) shaded, then every other.
  let stripe = 0;
  const body = model.rows.map((row, rowIndex) => {
    if ('band' in row) {
      stripe = 0;
      return new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            children: paragraphs(row.band, look.size, { bold: true, font: runFont, ...spacing }),
            columnSpan: model.widths.length,
            width: { size: textWidth, type: WidthType.DXA },
            margins,
            shading: look.headerFill ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
            borders: look.borders === 'hrules' ? { top: NONE, bottom: NONE, left: NONE, right: NONE } : undefined,
          }),
        ],
      });
    }
    // Columns of this row: skip those covered by a merged cell from a row above.
    const covered = coveredColumns(model, rowIndex);
    let column = 0;
    const shaded = look.banded && stripe++ % 2 === 0 ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: look.banded } } : {};
    return new TableRow({
      children: row.cells.map((cell: BodyCell) => {
        while (covered.has(column)) column++;
        const width = columnWidths[column] ?? 0;
        column++;
        const endsTable = rowIndex + (cell.rowSpan ?? 1) - 1 >= lastRow;
        return new TableCell({
          children: paragraphs(cell.text, look.size, {
            bold: cell.bold,
            align: cell.align,
            font: runFont,
            bullets: cell.bullets,
            mark: cell.mark,
            ...spacing,
          }),
          rowSpan: cell.rowSpan,
          width: { size: width, type: WidthType.DXA },
          verticalAlign: look.vAlign === 'center' ? VerticalAlign.CENTER : VerticalAlign.TOP,
          margins,
          ...shaded,
          borders: look.borders === 'hrules' ? { top: NONE, bottom: endsTable ? RULE : NONE, left: NONE, right: NONE } : undefined,
        });
      }),
    });
  });

  return new Table({
    rows: [...header, ...body],
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: grid
      ? { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE }
      : look.borders === 'inner'
        ? {
            top: NONE,
            bottom: NONE,
            left: NONE,
            right: NONE,
            insideHorizontal: inner(look.borderColor ?? 'BFBFBF'),
            insideVertical: inner(look.borderColor ?? 'BFBFBF'),
          }
        : { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
  });
}
