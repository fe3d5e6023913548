import { describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../../electron/core/workspace/open.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC, scoreAndSubmit } from '../../helpers/assessments.ts';
import { tempDir } from '../../helpers/temp.ts';
import { RESOURCES_DIR, steppingClock } from '../../helpers/workspace.ts';

/** A workspace whose every SQL statement is written down, and a way to count those one call runs. */
async function countingWorkspace() {
  const statements: string[] = [];
  const ws = await openWorkspace(tempDir(), {
    now: steppingClock(),
    fallbackActorName: 'test-user',
    resourcesDir: RESOURCES_DIR,
    onStatement: (sql) => statements.push(sql),
  });
  const during = <T>(work: () => T) => {
    const start = statements.length;
    const result = work();
    return { result, statements: statements.slice(start) };
  };
  return { ws, during };
}

/** Assessors 'Penilai <from>' … 'Penilai <to - 1>' on one panel, each with two scores; every third (1, 4, 7 …) scores the rest and submits. */
function addAssessors(ws: Workspace, submissionId: number, from: number, to: number): void {
  for (let index = from; index < to; index++) {
    actAs(ws, `Penilai ${index}`);
    const id = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    ws.assessments.setScore(id, 'ECO.1', 1 + (index % 5));
    ws.assessments.setScore(id, 'LIV.1', 3);
    if (index % 3 === 1) {
      ws.assessments.setScore(id, 'ECO.2', 'na');
      ws.assessments.setScore(id, 'LIV.2', 4);
      ws.assessments.transition(id, 'submitted');
    }
  }
}

describe('listing assessments', () => {
  it('runs the same few statements for 20 assessments as for 200: settings, who I am and what is hidden read once, all scores in one query', async () => {
    const { ws, during } = await countingWorkspace();
    ws.rubrics.save(PANEL_RUBRIC, true);
    const submissionId = banggaiBimtek3(ws);
    addAssessors(ws, submissionId, 0, 20);
    // I am drafting in this panel: the others' results are hidden from me, so the visibility rule is at work.
    actAs(ws, 'Penilai 0');

    const few = during(() => ws.assessments.list());
    expect(few.result).toHaveLength(20);
    expect(few.result.filter((entry) => entry.hidden)).toHaveLength(19);

    addAssessors(ws, submissionId, 20, 200);
    actAs(ws, 'Penilai 0');
    const many = during(() => ws.assessments.list());
    expect(many.result).toHaveLength(200);
    expect(many.result.filter((entry) => entry.hidden)).toHaveLength(199);
    expect(many.result.filter((entry) => entry.percent !== null).map((entry) => entry.assessorName)).toEqual(['Penilai 0']);
    // Each row still has its own scores: the submitted ones three and a 'not applicable', the drafts two of four.
    expect(many.result.filter((entry) => entry.completeness.scored === 3 && entry.completeness.notApplicable === 1)).toHaveLength(67);
    expect(many.result.filter((entry) => entry.completeness.scored === 2 && entry.completeness.notApplicable === 0)).toHaveLength(133);

    expect(many.statements.length).toBe(few.statements.length);
    expect(many.statements.length).toBeLessThanOrEqual(6);
    expect(many.statements.filter((sql) => /\bFROM setting\b/.test(sql))).toHaveLength(1);
    expect(many.statements.filter((sql) => /\bFROM identity\b/.test(sql))).toHaveLength(1);
    expect(many.statements.filter((sql) => /\bFROM assessment_score\b/.test(sql))).toHaveLength(1);

    // With nothing hidden (I am in no panel), still the same bounded number, and every result shown.
    actAs(ws, 'Pak Andi', 'regional_planner');
    const open = during(() => ws.assessments.list({ submissionId }));
    expect(open.result.filter((entry) => entry.hidden)).toHaveLength(0);
    expect(open.statements.length).toBeLessThanOrEqual(few.statements.length);
    ws.close();
  });

  it("summarises 24 panels with as many statements as 3: every panel's members, scores and agreed scores read up front", async () => {
    const { ws, during } = await countingWorkspace();
    ws.rubrics.save(PANEL_RUBRIC, true);
    banggaiBimtek3(ws);
    /** An evaluation year's panel: two assessors who submitted, a lead's agreed score, a regional self-assessment. */
    const addPanel = (year: number) => {
      const submissionId = ws.submissions.create({ kind: 'evaluation', regencyCode: '72.01', year }).id;
      for (const [name, low] of [
        ['Dr. Sari', 2],
        ['Prof. Budi', 5],
      ] as const) {
        actAs(ws, name);
        const id = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
        scoreAndSubmit(ws, id, { 'ECO.1': low, 'ECO.2': 3, 'LIV.1': 3, 'LIV.2': 4 });
      }
      ws.panels.takeLead(submissionId, 'panel-test');
      ws.panels.reconcile(submissionId, 'panel-test', 'ECO.1', 4, 'Data PDRB ada di lampiran');
      actAs(ws, 'Pak Andi', 'regional_planner');
      const self = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'self' }).id;
      ws.assessments.setScore(self, 'ECO.1', 5);
    };
    for (let year = 2020; year < 2023; year++) addPanel(year);
    const few = during(() => ws.panelViews.summary({ regencyCode: '72.01' }));
    for (let year = 2023; year < 2044; year++) addPanel(year);
    const many = during(() => ws.panelViews.summary({ regencyCode: '72.01' }));

    expect(few.result).toHaveLength(3);
    expect(many.result).toHaveLength(24);
    expect(many.statements.length).toBe(few.statements.length);
    // Each panel still has its own numbers: the agreed ECO.1, the lead's reason counted, the self-assessment beside it.
    for (const panel of many.result) {
      expect(panel.assessors.map((assessor) => assessor.name)).toEqual(['Dr. Sari', 'Prof. Budi']);
      expect(panel.panel).toMatchObject({ hidden: false, agreed: 1 });
      expect(panel.self).toMatchObject({ assessor: 'Pak Andi', status: 'draft' });
    }
    expect(many.result.map((panel) => panel.panel.overall)).toEqual(many.result.map(() => many.result[0]?.panel.overall));
    expect(ws.panelViews.summary({ submissionId: many.result[5]?.submissionId })).toEqual([many.result[5]]);
    ws.close();
  });
});
