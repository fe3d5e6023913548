import { sheetText } from './sheet-text.ts';
import type ExcelJS from 'exceljs';
import type { Submission } from '../../../shared/intake/model.ts';
import { personLabels } from '../../../shared/assessment/people.ts';
import { scaleBounds, scaleLevels } from '../../../shared/rubric/scale.ts';
import type { Rubric, RubricNode } from '../../../shared/rubric/schema.ts';
import { resultsByCode, scoreRubric, type NodeResult } from '../../../shared/rubric/score.ts';
import type { Translate } from '../../../shared/i18n/index.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { fitRowHeight, legendSheet, pageBreaks, PRINT, printedHeader, widthScale, writeLegend } from './print.ts';

/**
 * The score sheet of a submission: one row per group and criterion with each assessor's
 * score, the panel result, its %, the weights that count and each row's contribution,
 * all as live formulas that give the app's numbers exactly (docs/scoring.md, in Excel
 * terms), so the sheet stays a working document when a score is changed offline. A very
 * hidden sheet carries the stamp that lets `scoresheet import` check it came from here.
 */
export const SCORE_SHEET = 'Nilai';
export const STAMP_SHEET = '_timbang';
export const SCORESHEET_FORMAT = 'timbang.scoresheet';
/** How a not-applicable score is written in a score cell (read back also as N/A, T/B, TB). */
export const NA_TEXT = 'NA';

export interface SheetColumn {
  assessmentId: number;
  /** The assessor's person id: the stamp carries it so a sheet's column is matched to the person, whatever their name. */
  assessorId: string;
  name: string;
  institution: string;
  status: string;
  revision: number;
  /** Counted in the panel result (submitted or finalized). */
  counted: boolean;
  scores: Record<string, number | 'na'>;
  notes: Record<string, string>;
}

/** The regency's own self-assessment, shown beside the panel for comparison and never counted in it. */
export interface SelfColumn {
  name: string;
  status: string;
  scores: Record<string, number | 'na'>;
}

export interface SheetData {
  submission: Submission;
  provinceName: string;
  rubricId: string;
  rubricVersion: number;
  rubric: Rubric;
  stage: number | undefined;
  passMark: number;
  aggregate: 'median' | 'mean';
  columns: SheetColumn[];
  /** The self-assessment, where there is one (and the panel's scores are not hidden from me). */
  self?: SelfColumn | null;
  /** Agreed or aggregate result per criterion, for the cached values and the agreed ones. */
  panel: Map<string, { result: number | 'na' | undefined; source: string }>;
  evidence: Map<string, string>;
  exportedAt: string;
}

export interface Layout {
  headerRow: number;
  firstRow: number;
  /** Row of each node (group or criterion) by code. */
  rows: Map<string, number>;
  overallRow: number;
  columns: {
    score: string[];
    panel: string;
    percent: string;
    counted: string;
    share: string;
    effective: string;
    contribution: string;
    /** The self-assessment's column, when the sheet has one. */
    self: string | undefined;
    /** One note column per assessor, in the order of `score`: notes typed there come back on import. */
    notes: string[];
    evidence: string;
  };
}

/** Column letter of a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

const HEADER_ROW = 12;
/** The table header's type size: a size smaller than the rows, so narrow columns hold its longest words. */
const HEADER_SIZE = 9;

/** The facts above the table: their labels in B (running over the empty C), their values in D. */
const FACT_LABEL = 'B';
const FACT_VALUE = 'D';
const PASS_MARK_CELL = '$D$7';

/**
 * Columns kept in the workbook but hidden, so they do not print: the group path (A, said by the
 * bold group rows), and the scale's Min and Maks (F, G: the first and last of the levels in E),
 * which the % formulas read. The legend says so.
 */
const HIDDEN = ['A', 'F', 'G'];

interface Placed {
  node: RubricNode;
  depth: number;
  parent: string | null;
  path: string;
}

function place(rubric: Rubric): Placed[] {
  const placed: Placed[] = [];
  const visit = (nodes: RubricNode[], depth: number, parent: string | null, path: string[]) => {
    for (const node of nodes) {
      placed.push({ node, depth, parent, path: path.join(' › ') });
      if (node.type === 'group') visit(node.children, depth + 1, node.code, [...path, node.code]);
    }
  };
  visit(rubric.items, 0, null, []);
  return placed;
}

export function layoutOf(rubric: Rubric, assessors: number, self = false): Layout {
  const score = Array.from({ length: assessors }, (_, index) => columnLetter(9 + index));
  // The self-assessment sits beside the panel's %; the weights after it.
  const extra = self ? 1 : 0;
  const at = (offset: number) => columnLetter(9 + assessors + offset + (offset >= 2 ? extra : 0));
  const placed = place(rubric);
  const rows = new Map(placed.map((entry, index) => [entry.node.code, HEADER_ROW + 1 + index]));
  return {
    headerRow: HEADER_ROW,
    firstRow: HEADER_ROW + 1,
    rows,
    overallRow: HEADER_ROW + 2 + placed.length,
    columns: {
      score,
      panel: at(0),
      percent: at(1),
      counted: at(2),
      share: at(3),
      effective: at(4),
      contribution: at(5),
      self: self ? columnLetter(9 + assessors + 2) : undefined,
      notes: Array.from({ length: assessors }, (_, index) => at(6 + index)),
      evidence: at(6 + assessors),
    },
  };
}

function weightedMean(children: number[], layout: Layout): string {
  const { percent, counted } = layout.columns;
  const sum = `SUM(${children.map((row) => `${counted}${row}`).join(',')})`;
  const products = children.map((row) => `${counted}${row}*N(${percent}${row})`).join('+');
  return `IF(${sum}=0,"",(${products})/${sum})`;
}

/** The band's formula: the highest band whose minimum the result reaches (with the app's tolerance). */
function bandFormula(rubric: Rubric, cell: string): string | undefined {
  if (!rubric.bands?.length) return undefined;
  const bands = [...rubric.bands].sort((a, b) => b.min - a.min);
  const nested = bands.reduceRight(
    (otherwise, band) => `IF(${cell}+1E-9>=${band.min},"${band.label.id.replace(/"/g, '""')}",${otherwise})`,
    '""',
  );
  return `IF(ISNUMBER(${cell}),${nested},"")`;
}

function cached(value: number | null | undefined): number | string {
  return value === null || value === undefined ? '' : value;
}

/** The score sheet workbook. `t` speaks the sheet's language (the workspace's). */
export async function scoreSheetWorkbook(data: SheetData, t: Translate): Promise<ExcelJS.Workbook> {
  const ExcelJSModule = (await import('exceljs')).default;
  const workbook = new ExcelJSModule.Workbook();
  workbook.creator = 'Timbang';
  workbook.created = new Date(data.exportedAt);
  const { rubric } = data;
  const self = data.self ?? null;
  const layout = layoutOf(rubric, data.columns.length, self !== null);
  const { columns: col } = layout;
  const sheet = workbook.addWorksheet(SCORE_SHEET, {
    views: [{ state: 'frozen', ySplit: layout.headerRow, xSplit: 3 }],
    // A4 landscape, as wide as the page and as long as it takes; the header row on every page.
    pageSetup: {
      ...PRINT,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${layout.headerRow}:${layout.headerRow}`,
    },
    headerFooter: printedHeader(t, t('sheet.title'), `${data.submission.regencyName} · ${submissionLabel(t, data.submission)}`),
  });

  // The scores the cached values are computed from: the app's own panel result.
  const panelScores: Record<string, number | 'na'> = {};
  for (const [code, entry] of data.panel) if (entry.result !== undefined) panelScores[code] = entry.result;
  const result = scoreRubric(rubric, panelScores, {
    passMark: data.passMark,
    betweenLevels: true,
    ...(data.stage ? { stage: data.stage } : {}),
  });
  const byCode = resultsByCode(result);

  // Header block. Two assessors of the same name are told apart by the start of their id.
  const labels = personLabels(data.columns.map((column) => ({ id: column.assessorId, name: column.name })));
  const nameOf = (column: SheetColumn) => labels.get(column.assessorId) ?? column.name;
  const assessors = data.columns.map((column) => `${nameOf(column)}${column.institution ? ` (${column.institution})` : ''}`).join('; ');
  sheet.getCell(`${FACT_LABEL}1`).value = t('sheet.title');
  sheet.getCell(`${FACT_LABEL}1`).font = { bold: true, size: 14 };
  const facts: [string, ExcelJS.CellValue][] = [
    [t('sheet.regency'), data.submission.regencyName],
    [t('sheet.code'), data.submission.regencyCode],
    [t('sheet.province'), data.provinceName],
    [t('sheet.stage'), submissionLabel(t, data.submission)],
    [t('sheet.rubric'), `${rubric.name.id} (${data.rubricId} v${data.rubricVersion})`],
    [t('sheet.passMark'), data.passMark],
    [t('sheet.assessors'), assessors || '–'],
    [t('sheet.date'), data.exportedAt.slice(0, 10)],
    [t('sheet.rule'), t(`sheet.rules.${data.aggregate}`)],
  ];
  facts.forEach(([label, value], index) => {
    sheet.getCell(`${FACT_LABEL}${index + 2}`).value = label;
    sheet.getCell(`${FACT_LABEL}${index + 2}`).font = { bold: true };
    sheet.getCell(`${FACT_VALUE}${index + 2}`).value = value;
    sheet.getCell(`${FACT_VALUE}${index + 2}`).alignment = { horizontal: 'left' };
  });
  if (`$${FACT_VALUE}$${facts.findIndex(([label]) => label === t('sheet.passMark')) + 2}` !== PASS_MARK_CELL)
    throw new Error('pass mark cell moved');

  // Table header.
  const header = sheet.getRow(layout.headerRow);
  const titles: [string, string][] = [
    ['A', t('sheet.columns.path')],
    ['B', t('sheet.columns.code')],
    ['C', t('sheet.columns.title')],
    ['D', t('sheet.columns.weight')],
    ['E', t('sheet.columns.scale')],
    ['F', t('sheet.columns.min')],
    ['G', t('sheet.columns.max')],
    ['H', t('sheet.columns.mapping')],
    ...data.columns.map((column, index): [string, string] => [
      col.score[index] as string,
      column.counted ? nameOf(column) : `${nameOf(column)} (${t(`assessment.status.${column.status}`).toLowerCase()})`,
    ]),
    [col.panel, t('sheet.columns.panel')],
    [col.percent, t('sheet.columns.percent')],
    ...(col.self ? [[col.self, t('sheet.columns.self')] as [string, string]] : []),
    [col.counted, t('sheet.columns.counted')],
    [col.share, t('sheet.columns.share')],
    [col.effective, t('sheet.columns.effective')],
    [col.contribution, t('sheet.columns.contribution')],
    ...data.columns.map((column, index): [string, string] => [
      col.notes[index] as string,
      t('sheet.columns.noteOf', { name: nameOf(column) }),
    ]),
    [col.evidence, t('sheet.columns.evidence')],
  ];
  for (const [letter, title] of titles) header.getCell(letter).value = title;
  // Headers a size smaller, wrapped between words: every column is wider than the longest word of its header.
  header.font = { bold: true, size: HEADER_SIZE };
  header.alignment = { wrapText: true, vertical: 'top' };
  // Over their numbers: the scores (and the weight) centred, the results right-aligned.
  for (const letter of ['D', ...col.score, ...(col.self ? [col.self] : [])])
    header.getCell(letter).alignment = { wrapText: true, vertical: 'top', horizontal: 'center' };
  for (const letter of [col.panel, col.percent, col.counted, col.share, col.effective])
    header.getCell(letter).alignment = { wrapText: true, vertical: 'top', horizontal: 'right' };
  header.getCell(col.contribution).alignment = { wrapText: true, vertical: 'top', horizontal: 'right' };
  // The notes apart from the number before them, indented (an indent needs its alignment said: left).
  for (const letter of [...col.notes, col.evidence])
    header.getCell(letter).alignment = { wrapText: true, vertical: 'top', horizontal: 'left', indent: 1 };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2F1EF' } };
  // Narrow columns, long texts (names, notes, evidence) wrapped in them: fitted to the page's width, a sheet of
  // twenty columns prints at 7 pt or more with four assessors, and rows flow onto more pages instead.
  const widths: [string, number][] = [
    ['A', 11],
    ['B', 7],
    ['C', 26],
    ['D', 6.5],
    ['E', 9],
    ['F', 5],
    ['G', 6],
    ['H', 14],
    ...col.score.map((letter): [string, number] => [letter, 10.5]),
    [col.panel, 6.5],
    [col.percent, 6],
    ...(col.self ? [[col.self, 10] as [string, number]] : []),
    [col.counted, 7],
    [col.share, 6],
    [col.effective, 8],
    [col.contribution, 10],
    ...col.notes.map((letter): [string, number] => [letter, 12]),
    [col.evidence, 10],
  ];
  for (const [letter, width] of widths) sheet.getColumn(letter).width = width;
  for (const letter of HIDDEN) sheet.getColumn(letter).hidden = true;

  const placed = place(rubric);
  const childrenOf = (code: string | null) =>
    placed.filter((entry) => entry.parent === code).map((entry) => layout.rows.get(entry.node.code) as number);
  const countedColumns = data.columns.flatMap((column, index) => (column.counted ? [col.score[index] as string] : []));
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;

  for (const entry of placed) {
    const { node } = entry;
    const r = layout.rows.get(node.code) as number;
    const row = sheet.getRow(r);
    const found = byCode.get(node.code) as NodeResult | undefined;
    row.getCell('A').value = entry.path;
    row.getCell('B').value = node.code;
    row.getCell('C').value = node.title.id;
    row.getCell('D').value = node.weight;
    // Long names wrap in their column (indented by depth) rather than run under the next one.
    for (const letter of ['A', 'B', 'C']) row.getCell(letter).alignment = { wrapText: true, vertical: 'top' };
    row.getCell('C').alignment = { wrapText: true, vertical: 'top', horizontal: 'left', indent: entry.depth };
    row.getCell('D').alignment = { horizontal: 'center', vertical: 'top' };
    const siblings = childrenOf(entry.parent);
    const siblingSum = `SUM(${siblings.map((sibling) => `${col.counted}${sibling}`).join(',')})`;
    // A group only partly due, when the rubric counts the due share: weight × due weights / all weights.
    const dueShare =
      node.type === 'group' && result.stageWeighting === 'due-share' && found && found.due > 0 && found.due < 1
        ? `*${node.children.reduce((sum, child) => sum + child.weight * (byCode.get(child.code)?.due ?? 1), 0)}/${node.children.reduce((sum, child) => sum + child.weight, 0)}`
        : '';
    row.getCell(col.counted).value = {
      formula: `IF(ISNUMBER(${col.percent}${r}),D${r}${dueShare},0)`,
      result: found && found.percent !== null ? found.countedWeight : 0,
    };
    row.getCell(col.share).value = { formula: `IF(${siblingSum}=0,0,${col.counted}${r}/${siblingSum})`, result: found?.share ?? 0 };
    const parentRow = entry.parent ? layout.rows.get(entry.parent) : undefined;
    row.getCell(col.effective).value = {
      formula: parentRow ? `${col.share}${r}*${col.effective}${parentRow}` : `${col.share}${r}`,
      result: found?.effectiveShare ?? 0,
    };
    row.getCell(col.contribution).value = { formula: `${col.effective}${r}*N(${col.percent}${r})`, result: found?.contribution ?? 0 };

    if (node.type === 'group') {
      row.font = { bold: true };
      row.getCell(col.percent).value = { formula: weightedMean(childrenOf(node.code), layout), result: cached(found?.percent) };
      continue;
    }
    const { min, max } = scaleBounds(node.scale);
    const levels = scaleLevels(node.scale).map((level) => level.value);
    row.getCell('E').value = node.scale.kind === 'levels' ? levels.join(' / ') : `${min}–${max} (${node.scale.step})`;
    // Apart from the weight before it (centred): "1" and "0 / 1 / 2" do not read as "10 / 1 / 2".
    row.getCell('E').alignment = { wrapText: true, vertical: 'top' };
    row.getCell('F').value = min;
    row.getCell('G').value = max;
    // How a score becomes a percentage, in the reader's words (not the rubric file's "range" or "ratio").
    row.getCell('H').value = t(`sheet.mappings.${node.scale.mapping}`);
    row.getCell('H').alignment = { wrapText: true, vertical: 'top', horizontal: 'left', indent: 1 };
    data.columns.forEach((column, index) => {
      const value = column.scores[node.code];
      row.getCell(col.score[index] as string).value = value === undefined ? null : value === 'na' ? NA_TEXT : value;
      row.getCell(col.score[index] as string).alignment = { horizontal: 'center', vertical: 'top' };
    });
    const notDue = found?.kind === 'criterion' && found.status === 'not_due';
    const panel = data.panel.get(node.code);
    const cells = countedColumns.map((letter) => `${letter}${r}`).join(',');
    if (panel?.source === 'agreed') {
      // The lead's agreed score is a decision, not a formula.
      row.getCell(col.panel).value = panel.result === 'na' ? NA_TEXT : (panel.result ?? null);
      row.getCell(col.panel).note = t('sheet.agreed');
    } else if (countedColumns.length > 0) {
      const aggregate = `${data.aggregate === 'mean' ? 'AVERAGE' : 'MEDIAN'}(${cells})`;
      const naVotes = countedColumns.map((letter) => `COUNTIF(${letter}${r},"${NA_TEXT}")`).join('+');
      const formula = node.allowNotApplicable
        ? `IF((${naVotes})>COUNT(${cells}),"${NA_TEXT}",IF(COUNT(${cells})=0,"",${aggregate}))`
        : `IF(COUNT(${cells})=0,"",${aggregate})`;
      row.getCell(col.panel).value = { formula, result: panel?.result === 'na' ? NA_TEXT : cached(panel?.result ?? null) };
    }
    const percentFormula = node.scale.mapping === 'range' ? `(${col.panel}${r}-F${r})/(G${r}-F${r})*100` : `${col.panel}${r}/G${r}*100`;
    row.getCell(col.percent).value = notDue
      ? t('sheet.notDue')
      : { formula: `IF(ISNUMBER(${col.panel}${r}),${percentFormula},"")`, result: cached(found?.percent) };
    // "bukan tahap ini" wraps in its narrow column rather than run under the next one (and be cut where it has a value).
    if (notDue) row.getCell(col.percent).alignment = { wrapText: true, vertical: 'top', horizontal: 'right' };
    if (self && col.self) {
      // The regency's own score, beside the panel's: compared, never counted (no formula reads it).
      const value = self.scores[node.code];
      row.getCell(col.self).value = value === undefined ? null : value === 'na' ? NA_TEXT : value;
      row.getCell(col.self).alignment = { horizontal: 'center', vertical: 'top' };
    }
    // Each assessor's note in a column of its own: what is typed there comes back on import.
    data.columns.forEach((column, index) => {
      const cell = row.getCell(col.notes[index] as string);
      cell.value = sheetText(column.notes[node.code] ?? '') || null;
      cell.alignment = { wrapText: true, vertical: 'top', horizontal: 'left', indent: 1 };
    });
    row.getCell(col.evidence).value = data.evidence.get(node.code) ?? null;
    row.getCell(col.evidence).alignment = { wrapText: true, vertical: 'top', horizontal: 'left', indent: 1 };
    // What can be typed offline: the scale's levels (or its range), and NA where allowed.
    for (const letter of col.score) {
      validations.add(
        `${letter}${r}`,
        node.scale.kind === 'levels'
          ? {
              type: 'list',
              allowBlank: true,
              formulae: [`"${[...levels, ...(node.allowNotApplicable ? [NA_TEXT] : [])].join(',')}"`],
              showErrorMessage: true,
              errorTitle: t('sheet.invalidTitle'),
              error: t('sheet.invalidLevel', { values: levels.join(', ') }),
            }
          : {
              type: 'decimal',
              operator: 'between',
              allowBlank: true,
              formulae: [min, max],
              showErrorMessage: true,
              errorTitle: t('sheet.invalidTitle'),
              error: t('sheet.invalidNumber', { min, max }),
            },
      );
    }
  }

  // The overall result, its gap, whether it passes, its band and points.
  const o = layout.overallRow;
  const top = childrenOf(null);
  const overall = sheet.getRow(o);
  overall.font = { bold: true };
  overall.getCell('C').value = t('sheet.overall');
  overall.getCell(col.percent).value = { formula: weightedMean(top, layout), result: cached(result.percent) };
  // The top-level rows' contributions add up to the result (and stay within Excel's 255 arguments).
  overall.getCell(col.contribution).value = {
    formula: `SUM(${top.map((row) => `${col.contribution}${row}`).join(',')})`,
    result: placed
      .filter((entry) => entry.node.type === 'criterion')
      .reduce((sum, entry) => sum + ((byCode.get(entry.node.code) as NodeResult | undefined)?.contribution ?? 0), 0),
  };
  const percentCell = `${col.percent}${o}`;
  const extras: [string, ExcelJS.CellValue][] = [
    [t('sheet.gap'), { formula: `IF(ISNUMBER(${percentCell}),${percentCell}-${PASS_MARK_CELL},"")`, result: cached(result.gap) }],
    [
      t('sheet.passed'),
      {
        formula: `IF(ISNUMBER(${percentCell}),IF(${percentCell}+1E-9>=${PASS_MARK_CELL},"${t('sheet.yes')}","${t('sheet.no')}"),"")`,
        result: result.passed === null ? '' : t(result.passed ? 'sheet.yes' : 'sheet.no'),
      },
    ],
  ];
  const band = bandFormula(rubric, percentCell);
  if (band) extras.push([t('sheet.band'), { formula: band, result: result.band?.label.id ?? '' }]);
  if (rubric.points !== undefined)
    extras.push([
      t('sheet.points', { max: rubric.points }),
      { formula: `IF(ISNUMBER(${percentCell}),${percentCell}/100*${rubric.points},"")`, result: cached(result.points?.value) },
    ]);
  extras.forEach(([label, value], index) => {
    const row = sheet.getRow(o + 1 + index);
    row.getCell('C').value = label;
    row.getCell('C').font = { bold: true };
    row.getCell(col.percent).value = value;
    row.getCell(col.percent).font = { bold: true };
  });

  // Rows as tall as their wrapped text: the header and every group and criterion.
  // A hidden column's text does not print: it makes no row taller.
  const widthOf = (column: number) => (sheet.getColumn(column).hidden ? Number.POSITIVE_INFINITY : (sheet.getColumn(column).width ?? 9));
  fitRowHeight(header, (column) => (widthOf(column) * 11) / HEADER_SIZE, 12);
  for (let r = layout.firstRow; r < o; r += 1) fitRowHeight(sheet.getRow(r), widthOf);

  // Pages break between rows LibreOffice would otherwise split anywhere: a group's heading stays with its first
  // row, and the result with its gap, pass and band (not two lines alone on a last page).
  const last = o + extras.length;
  const blocks: number[][] = [];
  for (let r = 1; r < layout.firstRow; r += 1) blocks.push([r]);
  let heading = false;
  for (const entry of placed) {
    const r = layout.rows.get(entry.node.code) as number;
    if (heading) (blocks.at(-1) as number[]).push(r);
    else blocks.push([r]);
    heading = entry.node.type === 'group';
  }
  blocks.push(Array.from({ length: last - o + 2 }, (_, index) => o - 1 + index));
  const scale = widthScale(widths.filter(([letter]) => !HIDDEN.includes(letter)).map(([, width]) => width));
  const heightOf = (r: number) => sheet.getRow(r).height ?? (r === 1 ? 20 : 15);
  for (const r of pageBreaks(blocks, heightOf, scale, heightOf(layout.headerRow))) sheet.getRow(r).addPageBreak();

  // Number formats and the red of what is below the pass mark.
  for (let r = layout.firstRow; r <= o + 1; r += 1) {
    sheet.getCell(`${col.percent}${r}`).numFmt = '0.0';
    sheet.getCell(`${col.share}${r}`).numFmt = '0.0%';
    sheet.getCell(`${col.effective}${r}`).numFmt = '0.00%';
    sheet.getCell(`${col.contribution}${r}`).numFmt = '0.00';
  }
  sheet.addConditionalFormatting({
    ref: `${col.percent}${layout.firstRow}:${col.percent}${o}`,
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: [`AND(ISNUMBER(${col.percent}${layout.firstRow}),${col.percent}${layout.firstRow}+1E-9<${PASS_MARK_CELL})`],
        style: {
          fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF6C6B4' } },
          font: { color: { argb: 'FF9B1C13' }, bold: true },
        },
      },
    ],
  });

  // What each column means, in the reader's words: a sheet of its own, printed after the table.
  const about = `${data.submission.regencyName} · ${submissionLabel(t, data.submission)}`;
  const legend = workbook.addWorksheet(t('sheet.legendSheet'), legendSheet(t, t('sheet.title'), about));
  const columnNames = (keys: string[]) => keys.map((key) => t(`sheet.columns.${key}`)).join(' / ');
  writeLegend(legend, t('sheet.legend.title'), [
    [t('sheet.columns.path'), t('sheet.legend.path')],
    [t('sheet.columns.code'), t('sheet.legend.code')],
    [t('sheet.columns.title'), t('sheet.legend.title_')],
    [t('sheet.columns.weight'), t('sheet.legend.weight')],
    [t('sheet.columns.scale'), t('sheet.legend.scale')],
    [columnNames(['min', 'max']), t('sheet.legend.minMax')],
    [t('sheet.columns.mapping'), t('sheet.legend.mapping')],
    [t('sheet.legend.assessorColumns'), t('sheet.legend.assessors')],
    [t('sheet.columns.panel'), t(`sheet.legend.panel.${data.aggregate}`)],
    [t('sheet.columns.percent'), t('sheet.legend.percent')],
    ...(col.self ? [[t('sheet.columns.self'), t('sheet.legend.self')] as const] : []),
    [t('sheet.columns.counted'), t('sheet.legend.counted')],
    [t('sheet.columns.share'), t('sheet.legend.share')],
    [t('sheet.columns.effective'), t('sheet.legend.effective')],
    [t('sheet.columns.contribution'), t('sheet.legend.contribution')],
    [t('sheet.columns.noteOf', { name: '…' }), t('sheet.legend.notes')],
    [t('sheet.columns.evidence'), t('sheet.legend.evidence')],
    [NA_TEXT, t('sheet.legend.na')],
  ]);

  // The stamp: where this sheet came from, so that an import can check it.
  const stamp = workbook.addWorksheet(STAMP_SHEET, { state: 'veryHidden' });
  const stampRows: [string, string | number][] = [
    ['format', SCORESHEET_FORMAT],
    ['formatVersion', 1],
    ['submissionId', data.submission.id],
    ['rubricId', data.rubricId],
    ['rubricVersion', data.rubricVersion],
    ['headerRow', layout.headerRow],
    ['exportedAt', data.exportedAt],
  ];
  for (const [key, value] of stampRows) stamp.addRow([key, value]);
  data.columns.forEach((column, index) =>
    stamp.addRow([
      'assessment',
      col.score[index] as string,
      column.assessmentId,
      column.revision,
      column.name,
      column.assessorId,
      col.notes[index] as string,
    ]),
  );
  return workbook;
}
