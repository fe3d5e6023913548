import type { TableModel } from './model.ts';

/**
 * Column widths as a careful Word user sets them: the given proportions, but never so narrow that a
 * word must break in the middle (a narrow column wraps at spaces instead). Word widths are
 * estimated from Helvetica's metrics, scaled for the document's font.
 */

// Helvetica advance widths (1/1000 em) for printable ASCII from space (32) to "~" (126).
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278,
  278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
  667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const FONT_SCALE: Record<string, number> = { Arial: 1, 'Arial Narrow': 0.82, Calibri: 0.9, 'Times New Roman': 0.9, Cambria: 0.97 };

/** Width of a word in twips. */
export function wordWidth(word: string, font: string, sizePt: number, bold: boolean): number {
  let em = 0;
  for (const char of word) {
    const code = char.codePointAt(0) ?? 0;
    em += code >= 32 && code <= 126 ? (HELVETICA[code - 32] as number) : 600;
  }
  return (em / 1000) * sizePt * 20 * (FONT_SCALE[font] ?? 1) * (bold ? 1.1 : 1);
}

const CELL_MARGINS = 170;
const SLACK = 1.08;

export function fitWidths(model: TableModel, textWidth: number, font: string): number[] {
  const columns = model.widths.length;
  const min = Array.from({ length: columns }, () => 0);
  const need = (column: number, text: string, bold: boolean, oneLine = false, indent = 0) => {
    // A line may also break after a hyphen or a slash.
    for (const word of oneLine ? [text] : text.split(/\s+|(?<=[-/])/))
      min[column] = Math.max(min[column] as number, wordWidth(word, font, model.look.size, bold) * SLACK + CELL_MARGINS + indent);
  };
  // Header cells that span one column only; a second header row skips the columns merged down from the first.
  const taken = new Set<number>();
  model.header.forEach((row, rowIndex) => {
    let column = 0;
    for (const cell of row) {
      while (rowIndex > 0 && taken.has(column)) column++;
      if (rowIndex === 0 && (cell.rowSpan ?? 1) > 1) taken.add(column);
      if ((cell.colSpan ?? 1) === 1) need(column, cell.text, model.look.headerBold, model.look.headerOneLine);
      column += cell.colSpan ?? 1;
    }
  });
  model.rows.forEach((row, rowIndex) => {
    if (!('cells' in row)) return;
    const covered = coveredColumns(model, rowIndex);
    let column = 0;
    for (const cell of row.cells) {
      while (covered.has(column)) column++;
      // A bulleted cell's lines hang under the first word; a footnote mark sticks to the last word.
      need(column++, cell.text + (cell.mark ?? ''), Boolean(cell.bold), false, cell.bullets ? 200 : 0);
    }
  });
  const needed = min.reduce((a, b) => a + b, 0);
  if (needed > textWidth)
    throw new Error(
      `a table needs ${Math.round(needed)} twips for its longest words but the page gives ${textWidth}: ${min.map(Math.round).join(', ')}`,
    );
  const total = model.widths.reduce((a, b) => a + b, 0);
  let widths = model.widths.map((w) => (w / total) * textWidth);
  for (let round = 0; round < 20; round++) {
    const short = widths.map((w, i) => (w < (min[i] as number) ? (min[i] as number) - w : 0));
    const deficit = short.reduce((a, b) => a + b, 0);
    if (deficit < 1) break;
    const spare = widths.map((w, i) => (short[i] ? 0 : Math.max(0, w - (min[i] as number))));
    const spareTotal = spare.reduce((a, b) => a + b, 0);
    if (spareTotal <= 0) break;
    const take = Math.min(1, deficit / spareTotal);
    widths = widths.map((w, i) => (short[i] ? (min[i] as number) : w - (spare[i] as number) * take));
  }
  const sum = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => Math.round((w / sum) * textWidth));
}

/** Columns of body row `rowIndex` that a cell merged down from an earlier row covers. */
export function coveredColumns(model: TableModel, rowIndex: number): Set<number> {
  const covered = new Set<number>();
  // Walk rows from the top, tracking how many more rows each column stays merged.
  const remaining = new Map<number, number>();
  for (let r = 0; r <= rowIndex; r++) {
    const row = model.rows[r];
    if (!row) break;
    if (r === rowIndex) {
      for (const [column, left] of remaining) if (left > 0) covered.add(column);
      break;
    }
    if ('band' in row) {
      remaining.clear();
      continue;
    }
    let column = 0;
    const active = new Set([...remaining].filter(([, left]) => left > 0).map(([c]) => c));
    for (const cell of row.cells) {
      while (active.has(column)) column++;
      if ((cell.rowSpan ?? 1) > 1) remaining.set(column, cell.rowSpan as number);
      column++;
    }
    for (const [c, left] of remaining) remaining.set(c, left - 1);
  }
  return covered;
}
