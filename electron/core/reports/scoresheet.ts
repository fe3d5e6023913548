import type ExcelJS from 'exceljs';
import type { Submission } from '../../../shared/intake/model.ts';
import { personLabels } from '../../../shared/assessment/people.ts';
import { scaleBounds, scaleLevels } from '../../../shared/rubric/scale.ts';
import type { Rubric, RubricNode } from '../../../shared/rubric/schema.ts';
import { resultsByCode, scoreRubric, type NodeResult } from '../../../shared/rubric/score.ts';
import type { Translate } from '../../../shared/i18n/index.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';

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
    note: string;
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
const PASS_MARK_CELL = '$B$7';

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

export function layoutOf(rubric: Rubric, assessors: number): Layout {
  const score = Array.from({ length: assessors }, (_, index) => columnLetter(9 + index));
  const at = (offset: number) => columnLetter(9 + assessors + offset);
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
      note: at(6),
      evidence: at(7),
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
  const layout = layoutOf(rubric, data.columns.length);
  const { columns: col } = layout;
  const sheet = workbook.addWorksheet(SCORE_SHEET, {
    views: [{ state: 'frozen', ySplit: layout.headerRow, xSplit: 3 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${layout.headerRow}:${layout.headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${data.submission.regencyName} · ${submissionLabel(t, data.submission)}&R&P / &N` },
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
  sheet.getCell('A1').value = t('sheet.title');
  sheet.getCell('A1').font = { bold: true, size: 14 };
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
    sheet.getCell(`A${index + 2}`).value = label;
    sheet.getCell(`A${index + 2}`).font = { bold: true };
    sheet.getCell(`B${index + 2}`).value = value;
  });
  if (`$B$${facts.findIndex(([label]) => label === t('sheet.passMark')) + 2}` !== PASS_MARK_CELL) throw new Error('pass mark cell moved');

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
    [col.counted, t('sheet.columns.counted')],
    [col.share, t('sheet.columns.share')],
    [col.effective, t('sheet.columns.effective')],
    [col.contribution, t('sheet.columns.contribution')],
    [col.note, t('sheet.columns.note')],
    [col.evidence, t('sheet.columns.evidence')],
  ];
  for (const [letter, title] of titles) header.getCell(letter).value = title;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2F1EF' } };
  const widths: [string, number][] = [
    ['A', 16],
    ['B', 9],
    ['C', 44],
    ['D', 8],
    ['E', 16],
    ['F', 6],
    ['G', 6],
    ['H', 14],
  ];
  for (const [letter, width] of widths) sheet.getColumn(letter).width = width;
  for (const letter of [...col.score, col.panel, col.percent, col.counted, col.share, col.effective, col.contribution])
    sheet.getColumn(letter).width = 11;
  sheet.getColumn(col.note).width = 50;
  sheet.getColumn(col.evidence).width = 30;

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
    row.getCell('C').value = `${'  '.repeat(entry.depth)}${node.title.id}`;
    row.getCell('D').value = node.weight;
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
    row.getCell('F').value = min;
    row.getCell('G').value = max;
    // How a score becomes a percentage, in the reader's words (not the rubric file's "range" or "ratio").
    row.getCell('H').value = t(`sheet.mappings.${node.scale.mapping}`);
    row.getCell('H').alignment = { wrapText: true, vertical: 'top' };
    data.columns.forEach((column, index) => {
      const value = column.scores[node.code];
      row.getCell(col.score[index] as string).value = value === undefined ? null : value === 'na' ? NA_TEXT : value;
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
    const notes = data.columns.flatMap((column) => (column.notes[node.code] ? [`${nameOf(column)}: ${column.notes[node.code]}`] : []));
    row.getCell(col.note).value = notes.join('\n') || null;
    row.getCell(col.note).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(col.evidence).value = data.evidence.get(node.code) ?? null;
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
    stamp.addRow(['assessment', col.score[index] as string, column.assessmentId, column.revision, column.name, column.assessorId]),
  );
  return workbook;
}
