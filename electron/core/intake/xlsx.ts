import type ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors.ts';
import type { ExtractedPage, ExtractedTable } from '../../../shared/intake/model.ts';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/** Each sheet of an annex workbook is a unit of text (labelled by its name) and a table. */
export async function extractXlsx(data: Uint8Array): Promise<{ pages: ExtractedPage[]; tables: ExtractedTable[] }> {
  const workbook = new (await import('exceljs')).default.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new AppError('document.corrupt', { detail: (error as Error).message });
  }
  const pages: ExtractedPage[] = [];
  const tables: ExtractedTable[] = [];
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let column = 1; column <= row.cellCount; column += 1)
        cells.push(cellText(row.getCell(column).value).replace(/\s+/g, ' ').trim());
      if (cells.some(Boolean)) rows.push(cells);
    });
    const number = pages.length + 1;
    const text = [sheet.name, ...rows.map((cells) => cells.filter(Boolean).join(' | '))].join('\n');
    pages.push({ number, label: sheet.name, text, hasText: rows.length > 0 });
    if (rows.length > 1) tables.push({ page: number, heading: sheet.name, rows });
  });
  return { pages, tables };
}
