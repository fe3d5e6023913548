import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { cohortEntryOf, cohortRanking, stageOrder, stagePeers } from '../../../shared/analytics/charts.ts';
import type { SubmissionSummary } from '../../../shared/assessment/catalog.ts';
import type { Translate } from '../../../shared/i18n/index.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { fitRowHeight, legendSheet, PRINT, printedHeader, writeLegend } from './print.ts';
import { sheetDrained } from './sheet-drain.ts';
import { addSheetImages, type SheetImage } from './stream-images.ts';

/**
 * The recap Kominfo receives: one row per regency and stage with every dimension, the
 * overall result, its gap, band, national and provincial rank, the change since the
 * previous stage, self against panel, the assessors and their comments; and a long sheet,
 * one row per criterion per assessor, for pivot tables. Written as a stream, so a cohort of
 * hundreds of regencies never sits in memory as a whole workbook.
 */
export interface RecapRow {
  summary: SubmissionSummary;
  provinceCode: string;
  provinceName: string;
  cohortYear: number;
  /** The lead's agreed scores with their reasons: the panel's comments. */
  comments: string;
}

export interface LongRow {
  provinceName: string;
  regencyName: string;
  regencyCode: string;
  stage: string;
  rubric: string;
  assessor: string;
  /** The assessor's person id: the same person under any spelling of their name. */
  assessorId: string;
  role: string;
  status: string;
  criterion: string;
  group: string;
  value: number | string | null;
  percent: number | null;
  note: string;
}

/** Rows are handed to the zip in batches; past this many bytes waiting to be compressed, the writer waits (see sheet-drain.ts). */
const ROWS_PER_BATCH = 500;
const QUEUE_HIGH_WATER = 8 * 1024 * 1024;

export interface RecapCharts {
  /** PNG images to put on the charts sheet, each with its title (also its alt text). */
  images: { title: string; png: Buffer; width: number; height: number }[];
}

export async function writeRecap(
  output: Writable,
  rows: readonly RecapRow[],
  long: Iterable<LongRow>,
  t: Translate,
  onProgress?: (written: number) => void,
  charts?: RecapCharts,
): Promise<void> {
  const ExcelJSModule = (await import('exceljs')).default;
  const workbook = new ExcelJSModule.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  // The destination failing (a full disk, a closed download) ends the writing with its error instead of a wait that never ends.
  let finished = false;
  output.once('finish', () => (finished = true));
  const stopped = new Promise<never>((_, reject) => {
    output.once('error', reject);
    output.once('close', () => {
      if (!finished) reject(new Error('the recap’s destination closed before the recap was written'));
    });
  });
  stopped.catch(() => {});
  workbook.creator = 'Timbang';

  const dimensions = new Map<string, string>();
  for (const row of rows)
    for (const group of row.summary.panel.groups) if (!dimensions.has(group.code)) dimensions.set(group.code, group.title.id);
  const passMark = rows[0]?.summary.panel.overall.passMark ?? 70;

  // Ranks among the regencies at the same stage (or evaluation year).
  const ranks = new Map<RecapRow, { rank: number | null; province: number | null }>();
  const ranked = cohortRanking(
    rows.map((row) => ({ row, ...cohortEntryOf(row.summary, row) })),
    passMark,
    (entry) => stagePeers(entry.row.summary),
  );
  for (const entry of ranked) ranks.set(entry.row, { rank: entry.rank, province: entry.rankInProvince });
  const previous = new Map<RecapRow, number | null>();
  const byRegency = new Map<string, RecapRow[]>();
  for (const row of rows) byRegency.set(row.summary.regencyCode, [...(byRegency.get(row.summary.regencyCode) ?? []), row]);
  for (const list of byRegency.values()) {
    const sorted = [...list].sort((a, b) => stageOrder(a.summary) - stageOrder(b.summary));
    sorted.forEach((row, index) => {
      const before = sorted[index - 1]?.summary.panel.overall.percent;
      const now = row.summary.panel.overall.percent;
      previous.set(row, before === undefined || before === null || now === null ? null : now - before);
    });
  }

  // What the recap is about, in every page's footer: its scope and stages.
  const regencyCount = new Set(rows.map((row) => row.summary.regencyCode)).size;
  const about = `${t('recap.title')} · ${regencyCount === 1 ? `${rows[0]?.summary.regencyCode} ${rows[0]?.summary.regencyName}` : t('recap.regencies', { count: regencyCount })}`;
  // A4 landscape, as wide as the page and as long as it takes, the header row on every page. Long text
  // (assessors, comments) wraps in columns of a fixed width, so it makes rows taller, not the print smaller.
  const recap = workbook.addWorksheet(t('recap.sheet'), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }],
    pageSetup: { ...PRINT, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    headerFooter: printedHeader(t, t('recap.title'), about),
  });
  const codes = [...dimensions.keys()];
  recap.columns = [
    { header: t('recap.columns.province'), key: 'province', width: 11 },
    { header: t('recap.columns.regency'), key: 'regency', width: 12 },
    { header: t('recap.columns.code'), key: 'code', width: 6 },
    { header: t('recap.columns.cohort'), key: 'cohort', width: 8.5 },
    { header: t('recap.columns.stage'), key: 'stage', width: 8 },
    // Names with codes: a printed recap is read by people who do not know the codes by heart.
    ...codes.map((code) => ({ header: `${dimensions.get(code) ?? code} (${code}, %)`, key: `dim:${code}`, width: 11 })),
    { header: t('recap.columns.overall'), key: 'overall', width: 11.5 },
    { header: t('recap.columns.gap'), key: 'gap', width: 8 },
    { header: t('recap.columns.band'), key: 'band', width: 9.5 },
    { header: t('recap.columns.rank'), key: 'rank', width: 9.5 },
    { header: t('recap.columns.rankProvince'), key: 'rankProvince', width: 9.5 },
    { header: t('recap.columns.change'), key: 'change', width: 10 },
    { header: t('recap.columns.selfMinusPanel'), key: 'self', width: 8.5 },
    { header: t('recap.columns.assessors'), key: 'assessors', width: 19 },
    { header: t('recap.columns.comments'), key: 'comments', width: 28 },
  ];
  const widthOf = (column: number) => recap.getColumn(column).width ?? 9;
  // Numbers right-aligned with their headers over them, a space (an indent) to their right so the next column's
  // text does not touch them; the cohort year centred, apart from the stage; text after a number indented.
  const percentColumns = [...codes.map((code) => `dim:${code}`), 'overall', 'gap', 'change', 'self'];
  const numberColumns = [...percentColumns, 'rank', 'rankProvince'];
  const alignmentOf = (key: string): Partial<ExcelJS.Alignment> =>
    numberColumns.includes(key)
      ? { horizontal: 'right', indent: 1 }
      : key === 'cohort'
        ? { horizontal: 'center' }
        : ['band', 'assessors', 'comments'].includes(key)
          ? { horizontal: 'left', indent: 1 }
          : {};
  const headerRow = recap.getRow(1);
  // Headers a size smaller, wrapped between words: every column is wider than the longest word of its header.
  headerRow.font = { name: 'Calibri', bold: true, size: 9 };
  headerRow.eachCell((cell) => {
    cell.alignment = { wrapText: true, vertical: 'top', ...alignmentOf(String(recap.getColumn(cell.col).key)) };
  });
  fitRowHeight(headerRow, (column) => (widthOf(column) * 11) / 9, 12);
  headerRow.commit();
  const sorted = [...rows].sort(
    (a, b) =>
      stageOrder(a.summary) - stageOrder(b.summary) ||
      (ranks.get(a)?.rank ?? Number.POSITIVE_INFINITY) - (ranks.get(b)?.rank ?? Number.POSITIVE_INFINITY) ||
      a.summary.regencyCode.localeCompare(b.summary.regencyCode),
  );
  for (const row of sorted) {
    const { summary } = row;
    const values: Record<string, ExcelJS.CellValue> = {
      province: row.provinceName,
      regency: summary.regencyName,
      code: summary.regencyCode,
      cohort: row.cohortYear,
      stage: submissionLabel(t, summary),
      overall: summary.panel.overall.percent,
      gap: summary.panel.overall.gap,
      band: summary.panel.overall.band?.id ?? null,
      rank: ranks.get(row)?.rank ?? null,
      rankProvince: ranks.get(row)?.province ?? null,
      change: previous.get(row) ?? null,
      self:
        // A draft self-assessment is the planner's work in progress, not the regency's result.
        summary.self && summary.self.status !== 'draft' && summary.self.overall.percent !== null && summary.panel.overall.percent !== null
          ? summary.self.overall.percent - summary.panel.overall.percent
          : null,
      assessors: summary.assessors
        .filter((assessor) => assessor.counted)
        .map((assessor) => assessor.name)
        .join(', '),
      comments: row.comments || null,
    };
    for (const group of summary.panel.groups) values[`dim:${group.code}`] = group.percent;
    const added = recap.addRow(values);
    for (const key of percentColumns) added.getCell(key).numFmt = '0.0';
    for (const key of ['province', 'regency', 'stage', 'band', 'assessors', 'comments'])
      added.getCell(key).alignment = { wrapText: true, vertical: 'top', ...alignmentOf(key) };
    for (const key of [...numberColumns, 'cohort']) added.getCell(key).alignment = { vertical: 'top', ...alignmentOf(key) };
    fitRowHeight(added, widthOf);
    const gap = summary.panel.overall.gap;
    if (gap !== null && gap < -1e-9) added.getCell('gap').font = { name: 'Calibri', color: { argb: 'FF9B1C13' }, bold: true };
    added.commit();
    if (added.number % ROWS_PER_BATCH === 0) await sheetDrained(recap, QUEUE_HIGH_WATER, stopped);
  }
  recap.commit();

  // What each column means, in the reader's words.
  const legend = workbook.addWorksheet(t('recap.legendSheet'), legendSheet(t, t('recap.title'), about));
  const column = (key: string) => t(`recap.columns.${key}`);
  writeLegend(legend, t('recap.legend.title'), [
    [column('code'), t('recap.legend.code')],
    [column('cohort'), t('recap.legend.cohort')],
    [column('stage'), t('recap.legend.stage')],
    [t('recap.legend.dimensions'), t('recap.legend.dimension')],
    [column('overall'), t('recap.legend.overall')],
    [column('gap'), t('recap.legend.gap', { passMark })],
    [column('band'), t('recap.legend.band')],
    [column('rank'), t('recap.legend.rank')],
    [column('rankProvince'), t('recap.legend.rankProvince')],
    [column('change'), t('recap.legend.change')],
    [column('selfMinusPanel'), t('recap.legend.selfMinusPanel')],
    [column('assessors'), t('recap.legend.assessors')],
    [column('comments'), t('recap.legend.comments')],
    [t('recap.longSheet'), t('recap.legend.data')],
  ]);
  legend.commit();

  if (charts && charts.images.length > 0) {
    // One page, A4 landscape, the pictures fitted to it.
    let height = 0;
    for (const image of charts.images) height += Math.ceil(image.height / 20) + 3;
    const sheet = workbook.addWorksheet(t('recap.chartsSheet'), {
      pageSetup: { ...PRINT, fitToPage: true, fitToWidth: 1, fitToHeight: 1, printArea: `A1:M${height}` },
      headerFooter: printedHeader(t, t('recap.title'), about),
    });
    let row = 0;
    const placed: SheetImage[] = [];
    for (const image of charts.images) {
      sheet.getCell(`A${row + 1}`).value = image.title;
      sheet.getCell(`A${row + 1}`).font = { bold: true };
      placed.push({ ...image, row: row + 1 });
      row += Math.ceil(image.height / 20) + 3;
    }
    addSheetImages(workbook, sheet, placed);
    sheet.commit();
  }

  // For pivot tables, not for paper: its print area is one empty cell beside the table, so it prints no page
  // (the legend says so, and how to print it anyway).
  const data = workbook.addWorksheet(t('recap.longSheet'), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { ...PRINT, printArea: 'P$1:P$1' },
  });
  data.columns = [
    { header: t('recap.columns.province'), key: 'provinceName', width: 22 },
    { header: t('recap.columns.regency'), key: 'regencyName', width: 28 },
    { header: t('recap.columns.code'), key: 'regencyCode', width: 8 },
    { header: t('recap.columns.stage'), key: 'stage', width: 12 },
    { header: t('recap.columns.rubric'), key: 'rubric', width: 22 },
    { header: t('recap.columns.assessor'), key: 'assessor', width: 22 },
    { header: t('recap.columns.role'), key: 'role', width: 12 },
    { header: t('recap.columns.status'), key: 'status', width: 10 },
    { header: t('recap.columns.criterion'), key: 'criterion', width: 10 },
    { header: t('recap.columns.group'), key: 'group', width: 10 },
    { header: t('recap.columns.value'), key: 'value', width: 8 },
    { header: t('recap.columns.percent'), key: 'percent', width: 8 },
    { header: t('recap.columns.note'), key: 'note', width: 60 },
    { header: t('recap.columns.assessorId'), key: 'assessorId', width: 38 },
  ];
  data.getRow(1).font = { bold: true };
  data.getRow(1).commit();
  let written = 0;
  for (const row of long) {
    data
      .addRow([
        row.provinceName,
        row.regencyName,
        row.regencyCode,
        row.stage,
        row.rubric,
        row.assessor,
        row.role,
        row.status,
        row.criterion,
        row.group,
        row.value,
        row.percent,
        row.note,
        row.assessorId,
      ])
      .commit();
    written += 1;
    if (written % ROWS_PER_BATCH === 0) {
      await sheetDrained(data, QUEUE_HIGH_WATER, stopped);
      if (written % (ROWS_PER_BATCH * 4) === 0) onProgress?.(written);
    }
  }
  data.commit();
  await Promise.race([workbook.commit(), stopped]);
}
