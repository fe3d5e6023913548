import { describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../../electron/core/workspace/open.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC } from '../../helpers/assessments.ts';
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
    expect(many.statements.filter((sql) => /\bFROM profile\b/.test(sql))).toHaveLength(1);
    expect(many.statements.filter((sql) => /\bFROM assessment_score\b/.test(sql))).toHaveLength(1);

    // With nothing hidden (I am in no panel), still the same bounded number, and every result shown.
    actAs(ws, 'Pak Andi', 'regional_planner');
    const open = during(() => ws.assessments.list({ submissionId }));
    expect(open.result.filter((entry) => entry.hidden)).toHaveLength(0);
    expect(open.statements.length).toBeLessThanOrEqual(few.statements.length);
    ws.close();
  });
});
