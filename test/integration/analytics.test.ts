import { describe, expect, it } from 'vitest';
import { actAs, PANEL_RUBRIC, scoreAndSubmit } from '../helpers/assessments.ts';
import { openTestWorkspace } from '../helpers/workspace.ts';

describe('the cohort and progress views', () => {
  it('stand a regency on its latest stage that has a result, not on a later one nobody has submitted yet', async () => {
    const ws = await openTestWorkspace();
    ws.rubrics.save(PANEL_RUBRIC, true);
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 4 });
    const stage = (n: number) => ws.submissions.create({ kind: 'bimtek', regencyCode: '72.01', stage: n }).id;
    const [two, three, four] = [stage(2), stage(3), stage(4)];
    actAs(ws, 'Prof. Budi');
    for (const [submissionId, level] of [
      [two, 2],
      [three, 4],
    ] as const) {
      const id = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
      scoreAndSubmit(ws, id, { 'ECO.1': level, 'ECO.2': level, 'LIV.1': level, 'LIV.2': level });
    }
    ws.assessments.create({ submissionId: four, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' });
    actAs(ws, 'Ibu Kepala Kominfo');
    const cohort = ws.analytics.cohort({});
    expect(cohort.rows.map((row) => [row.regencyCode, row.stage, row.overall])).toEqual([['72.01', 3, 75]]);
    const progress = ws.analytics.progress('72.01');
    expect(progress.entries.map((entry) => [entry.stage, entry.panel.overall.percent])).toEqual([
      [2, 25],
      [3, 75],
      [4, null],
    ]);
  });
});
