import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { actAs, banggaiBimtek3, PANEL_RUBRIC, scoreAndSubmit } from '../../helpers/assessments.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

async function recapSelfMinusPanel(ws: Awaited<ReturnType<typeof openTestWorkspace>>): Promise<unknown> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await ws.reports.recap({})).data as unknown as ExcelJS.Buffer);
  const recap = workbook.getWorksheet('Rekap') as ExcelJS.Worksheet;
  const header = (recap.getRow(1).values as unknown[]).slice(1);
  return recap.getRow(2).getCell(header.indexOf('Mandiri − panel') + 1).value;
}

describe('the self-assessment on paper', () => {
  it('is the one the regency submitted: a draft stays out of the letter, the score sheet and the recap', async () => {
    const ws = await openTestWorkspace();
    ws.rubrics.save(PANEL_RUBRIC, true);
    const submissionId = banggaiBimtek3(ws);
    actAs(ws, 'Prof. Budi');
    const budi = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    scoreAndSubmit(ws, budi, { 'ECO.1': 4, 'ECO.2': 2, 'LIV.1': 2, 'LIV.2': 4 });
    // Someone at the regency types high scores into a self-assessment not yet sent: work in progress.
    actAs(ws, 'Staf DKISP Banggai');
    const draft = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'self' }).id;
    for (const code of ['ECO.1', 'ECO.2', 'LIV.1']) ws.assessments.setScore(draft, code, 5);

    expect(ws.letters.input(submissionId).self).toBeNull();
    expect(ws.panelViews.sheet(submissionId).self).toBeNull();
    expect(await recapSelfMinusPanel(ws)).toBeNull();

    // The regency's team submits its own; the draft, touched later, still does not replace it.
    actAs(ws, 'Tim DKISP Banggai');
    const submitted = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'self' }).id;
    scoreAndSubmit(ws, submitted, { 'ECO.1': 3, 'ECO.2': 3, 'LIV.1': 3, 'LIV.2': 3 });
    actAs(ws, 'Staf DKISP Banggai');
    ws.assessments.setScore(draft, 'LIV.2', 5);

    const scores = ws.panelViews.scoresOf(submitted);
    expect(ws.letters.input(submissionId).self).toEqual({ name: 'Tim DKISP Banggai', scores });
    expect(ws.panelViews.sheet(submissionId).self).toMatchObject({ name: 'Tim DKISP Banggai', status: 'submitted', scores });
    expect(await recapSelfMinusPanel(ws)).toEqual(expect.any(Number));
  });
});
