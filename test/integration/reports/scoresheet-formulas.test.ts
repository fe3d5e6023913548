import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { layoutOf, SCORE_SHEET } from '../../../electron/core/reports/scoresheet.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { resultsByCode, scoreRubric } from '../../../shared/rubric/score.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { actAs, banggaiBimtek3, scoreAndSubmit } from '../../helpers/assessments.ts';
import { recalculate, sofficePath } from '../../helpers/libreoffice.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

if (!sofficePath()) {
  // Loud, not silent: CI installs LibreOffice (.ci/run), so there this can only mean a broken machine.
  throw new Error('LibreOffice (soffice) is needed to recalculate the exported workbooks: apt-get install -y libreoffice-calc-nogui');
}

const numeric = (cell: ExcelJS.Cell): number | null => {
  const value = cell.value;
  const result = value !== null && typeof value === 'object' && 'result' in value ? value.result : value;
  return typeof result === 'number' ? result : null;
};

async function recalculated(ws: Workspace, submissionId: number, rubricId: string) {
  const { data } = await ws.reports.scoreSheet(submissionId, rubricId);
  // Every cached result replaced by a sentinel first: what comes back can only be LibreOffice's own calculation.
  const poisoned = new ExcelJS.Workbook();
  await poisoned.xlsx.load(data as unknown as ExcelJS.Buffer);
  let formulas = 0;
  poisoned.getWorksheet(SCORE_SHEET)?.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.formula) {
        cell.value = { formula: cell.formula, result: -12345 };
        formulas += 1;
      }
    }),
  );
  expect(formulas).toBeGreaterThan(20);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(recalculate(Buffer.from(await poisoned.xlsx.writeBuffer())) as unknown as ExcelJS.Buffer);
  return workbook.getWorksheet(SCORE_SHEET) as ExcelJS.Worksheet;
}

/** Every % and contribution the sheet's formulas give, against the app's own result. */
async function compare(ws: Workspace, submissionId: number, rubricId: string) {
  const view = ws.analytics.dashboard(submissionId, rubricId);
  const result = scoreRubric(view.rubric, view.panel, {
    passMark: view.passMark,
    betweenLevels: true,
    ...(view.stage ? { stage: view.stage } : {}),
  });
  const byCode = resultsByCode(result);
  const sheet = await recalculated(ws, submissionId, rubricId);
  const layout = layoutOf(view.rubric, view.assessors.length);
  let compared = 0;
  for (const [code, row] of layout.rows) {
    const app = byCode.get(code);
    const percent = numeric(sheet.getCell(`${layout.columns.percent}${row}`));
    if (app?.percent === null || app?.percent === undefined) expect(percent, code).toBeNull();
    else expect(Math.abs((percent as number) - app.percent), `${code} %`).toBeLessThan(1e-9);
    expect(
      Math.abs((numeric(sheet.getCell(`${layout.columns.effective}${row}`)) ?? 0) - (app?.effectiveShare ?? 0)),
      `${code} share`,
    ).toBeLessThan(1e-9);
    expect(
      Math.abs((numeric(sheet.getCell(`${layout.columns.contribution}${row}`)) ?? 0) - (app?.contribution ?? 0)),
      `${code} contribution`,
    ).toBeLessThan(1e-9);
    compared += 3;
  }
  const overall = numeric(sheet.getCell(`${layout.columns.percent}${layout.overallRow}`));
  expect(Math.abs((overall as number) - (result.percent as number))).toBeLessThan(1e-9);
  expect(
    Math.abs((numeric(sheet.getCell(`${layout.columns.contribution}${layout.overallRow}`)) as number) - (result.percent as number)),
  ).toBeLessThan(1e-9);
  expect(
    Math.abs((numeric(sheet.getCell(`${layout.columns.percent}${layout.overallRow + 1}`)) as number) - (result.gap as number)),
  ).toBeLessThan(1e-9);
  return { sheet, layout, result, compared: compared + 3 };
}

describe('the score sheet recalculated by LibreOffice', () => {
  it('gives the app’s numbers for the masterplan review at Bimtek 3: medians between levels, not due criteria, an agreed score', async () => {
    const ws = await openTestWorkspace();
    const submissionId = banggaiBimtek3(ws);
    const review = ws.rubrics.get('masterplan-review').rubric;
    const codes = criteriaOf(review).map(({ node }) => node.code);
    const scoresFor = (offset: number) => Object.fromEntries(codes.map((code, index) => [code, (index * 3 + offset) % 5]));
    for (const [name, offset] of [
      ['Prof. Budi', 0],
      ['Dr. Sari', 1],
      ['Ir. Wati', 3],
      ['Dr. Rudi', 2],
    ] as const) {
      actAs(ws, name);
      const id = ws.assessments.create({ submissionId, rubricId: 'masterplan-review', rubricVersion: 1, role: 'assessor' }).id;
      scoreAndSubmit(ws, id, scoresFor(offset));
    }
    actAs(ws, 'Dr. Sari');
    ws.panels.takeLead(submissionId, 'masterplan-review');
    ws.panels.reconcile(submissionId, 'masterplan-review', 'GOV.1', 4, 'rapat panel');
    const { compared, sheet, layout, result } = await compare(ws, submissionId, 'masterplan-review');
    expect(compared).toBeGreaterThan(150);
    expect(sheet.getCell(`${layout.columns.percent}${layout.overallRow + 2}`).text).toBe(result.passed ? 'Ya' : 'Tidak');
    expect(sheet.getCell(`${layout.columns.percent}${layout.overallRow + 3}`).text).toBe(result.band?.label.id);
    ws.close();
  }, 120_000);

  it('gives the app’s numbers at Bimtek 3 when the rubric counts a partly due group by its due share', async () => {
    const ws = await openTestWorkspace();
    const submissionId = banggaiBimtek3(ws);
    const review = ws.rubrics.get('masterplan-review').rubric;
    ws.rubrics.save({ ...structuredClone(review), id: 'masterplan-bagian', stageWeighting: 'due-share' }, true);
    const codes = criteriaOf(review).map(({ node }) => node.code);
    for (const [name, offset] of [
      ['Prof. Budi', 0],
      ['Dr. Sari', 2],
    ] as const) {
      actAs(ws, name);
      const id = ws.assessments.create({ submissionId, rubricId: 'masterplan-bagian', rubricVersion: 1, role: 'assessor' }).id;
      scoreAndSubmit(ws, id, Object.fromEntries(codes.map((code, index) => [code, (index * 3 + offset) % 5])));
    }
    const { compared, sheet, layout, result } = await compare(ws, submissionId, 'masterplan-bagian');
    expect(result.stageWeighting).toBe('due-share');
    expect(compared).toBeGreaterThan(150);
    // The road map: only MAP.4 (25 of 100) is due, so it counts 15 × 25/100.
    const map = layout.rows.get('MAP') as number;
    expect(sheet.getCell(`${layout.columns.counted}${map}`).formula).toBe(`IF(ISNUMBER(${layout.columns.percent}${map}),D${map}*25/100,0)`);
    expect(numeric(sheet.getCell(`${layout.columns.counted}${map}`))).toBeCloseTo(3.75, 12);
    ws.close();
  }, 120_000);

  it('gives the app’s numbers for the Kominfo index (number scales, ratio mapping, points) with the mean', async () => {
    const ws = await openTestWorkspace();
    ws.settings.save({ panelAggregate: 'mean' });
    ws.regencies.add({ code: '15.71', cohortYear: 2022, stage: 4 });
    const submissionId = ws.submissions.create({ kind: 'evaluation', regencyCode: '15.71', year: 2024 }).id;
    for (const [name, scores] of [
      ['A', { B: 3.84, O: 3.18, OC: 3.53, I: 3.63, QW: 3.35 }],
      ['B', { B: 3.5, O: 3.2, OC: 3.61, I: 3.7, QW: 3.3 }],
    ] as const) {
      actAs(ws, name);
      const id = ws.assessments.create({ submissionId, rubricId: 'kominfo-evaluation-2021', rubricVersion: 1, role: 'assessor' }).id;
      scoreAndSubmit(ws, id, scores);
    }
    const { sheet, layout, result } = await compare(ws, submissionId, 'kominfo-evaluation-2021');
    const rows = [1, 2, 3, 4].map((offset) => sheet.getRow(layout.overallRow + offset));
    const pointsRow = rows.find((row) => String(row.getCell('C').value).startsWith('Poin'));
    expect(
      Math.abs((numeric(pointsRow?.getCell(layout.columns.percent) as ExcelJS.Cell) as number) - (result.points?.value as number)),
    ).toBeLessThan(1e-9);
    ws.close();
  }, 120_000);
});
