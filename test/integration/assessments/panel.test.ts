import { describe, expect, it } from 'vitest';
import { actAs, banggaiBimtek3, PANEL_RUBRIC, scoreAndSubmit } from '../../helpers/assessments.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

const create = (ws: Awaited<ReturnType<typeof openTestWorkspace>>, submissionId: number, role: 'assessor' | 'self' = 'assessor') =>
  ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role }).id;

async function panelOfTwo() {
  const ws = await openTestWorkspace();
  ws.rubrics.save(PANEL_RUBRIC, true);
  const submissionId = banggaiBimtek3(ws);
  actAs(ws, 'Prof. Budi');
  const budi = create(ws, submissionId);
  scoreAndSubmit(ws, budi, { 'ECO.1': 5, 'ECO.2': 3, 'LIV.1': 2, 'LIV.2': 4 });
  actAs(ws, 'Dr. Sari');
  const sari = create(ws, submissionId);
  return { ws, submissionId, budi, sari };
}

describe('a panel of assessors', () => {
  it("hides the others' scores until I submit mine, then shows statistics and flags disagreements", async () => {
    const { ws, submissionId, sari, budi } = await panelOfTwo();
    ws.assessments.setScore(sari, 'ECO.1', 2);
    // Nor can I open his assessment, or see his result in the list.
    expect(() => ws.assessments.get(budi)).toThrow(/assessment.hidden/);
    expect(ws.assessments.list({ submissionId }).find((entry) => entry.id === budi)).toMatchObject({
      hidden: true,
      percent: null,
      status: 'submitted',
    });
    const hidden = ws.panelViews.view(submissionId);
    expect(hidden.hidden).toBe(true);
    expect(hidden.criteria.find((criterion) => criterion.code === 'ECO.1')).toMatchObject({
      ratings: [expect.objectContaining({ assessor: 'Dr. Sari', value: 2 })],
      stats: null,
      result: null,
    });
    expect(hidden.rows).toEqual([]);
    // Nor in the summary or an export.
    expect(ws.panelViews.summary({ submissionId })[0]?.panel).toMatchObject({ hidden: true, overall: { percent: null } });
    expect(ws.assessmentFiles.exportFile({ submissionId }).assessments.map((entry) => entry.assessor.name)).toEqual(['Dr. Sari']);
    // The trail hides them too.
    expect(
      ws.assessments
        .history({ submissionId })
        .filter((event) => event.action === 'score')
        .every((event) => event.assessorName === 'Dr. Sari'),
    ).toBe(true);

    scoreAndSubmit(ws, sari, { 'ECO.2': 'na', 'LIV.1': 3, 'LIV.2': 4 });
    const view = ws.panelViews.view(submissionId);
    expect(view.hidden).toBe(false);
    expect(ws.assessments.get(budi).assessment).toMatchObject({ hidden: false, percent: expect.any(Number) });
    const eco1 = view.criteria.find((criterion) => criterion.code === 'ECO.1');
    // 2 and 5 on 1–5 (range): 25% and 100%, a spread of 75 points, over the tolerance of 25.
    expect(eco1).toMatchObject({
      stats: { count: 2, median: 3.5, mean: 3.5, min: 2, max: 5, spread: 3 },
      disagreement: true,
      result: 3.5,
      source: 'median',
    });
    expect(eco1?.stats?.spreadPercent).toBeCloseTo(75, 9);
    // LIV.1: 2 and 3, one level apart: 25 points is not more than the tolerance.
    expect(view.criteria.find((criterion) => criterion.code === 'LIV.1')).toMatchObject({ disagreement: false, result: 2.5 });
    // ECO.2: a 3 and a "not applicable": no majority for N/A, so the score stands.
    expect(view.criteria.find((criterion) => criterion.code === 'ECO.2')).toMatchObject({ notApplicable: 1, result: 3 });
    expect(view.disagreements).toBe(1);
    expect(view.members.map((member) => [member.assessorName, member.counted])).toEqual([
      ['Dr. Sari', true],
      ['Prof. Budi', true],
    ]);
    expect(view.agreement.raters).toBe(2);
    expect(view.agreement.units).toBe(3);
  });

  it('lets the lead set an agreed score with a reason; the panel result and summary use it; the originals stay', async () => {
    const { ws, submissionId, sari, budi } = await panelOfTwo();
    ws.panels.takeLead(submissionId, 'panel-test');
    // The lead decides after seeing every score: not while her own is a draft.
    expect(() => ws.panels.reconcile(submissionId, 'panel-test', 'ECO.1', 4, 'x')).toThrow(/panel.submit_first/);
    scoreAndSubmit(ws, sari, { 'ECO.1': 2, 'ECO.2': 3, 'LIV.1': 3, 'LIV.2': 4 });
    actAs(ws, 'Prof. Budi');
    expect(() => ws.panels.takeLead(submissionId, 'panel-test')).toThrow(/panel.lead_taken/);
    expect(() => ws.panels.reconcile(submissionId, 'panel-test', 'ECO.1', 4, 'x')).toThrow(/panel.not_lead/);
    actAs(ws, 'Dr. Sari');
    expect(() => ws.panels.reconcile(submissionId, 'panel-test', 'ECO.1', 4, '  ')).toThrow(/reason_required/);
    expect(() => ws.panels.reconcile(submissionId, 'panel-test', 'ECO.1', 3.5, 'tengah')).toThrow(/value_outside_scale/);
    const view = ws.panels.reconcile(submissionId, 'panel-test', 'ECO.1', 4, 'Data PDRB ada di lampiran, hlm. 88');
    expect(view.criteria.find((criterion) => criterion.code === 'ECO.1')).toMatchObject({
      result: 4,
      source: 'agreed',
      disagreement: true,
      agreed: { value: 4, reason: 'Data PDRB ada di lampiran, hlm. 88', decidedBy: 'Dr. Sari' },
    });
    // Originals kept.
    expect(ws.assessments.get(sari).entries.find((entry) => entry.criterion === 'ECO.1')?.value).toBe(2);
    expect(ws.assessments.get(budi).entries.find((entry) => entry.criterion === 'ECO.1')?.value).toBe(5);

    // ECO: (75 + 50) / 2 = 62.5; LIV: median(2,3)=2.5 → 37.5%, median(4,4)=4 → 75%: 56.25. Overall 0.6·62.5 + 0.4·56.25 = 60.
    const [summary] = ws.panelViews.summary({ submissionId });
    expect(summary?.panel.overall.percent).toBeCloseTo(60, 9);
    expect(summary?.panel.overall.gap).toBeCloseTo(-10, 9);
    expect(summary?.panel.groups.map((group) => [group.code, group.percent])).toEqual([
      ['ECO', 62.5],
      ['LIV', 56.25],
    ]);
    expect(summary).toMatchObject({ panel: { agreed: 1, disagreements: 1 }, self: null });

    // Every step is in the trail.
    const trail = ws.assessments.history({ submissionId });
    expect(trail.filter((event) => event.action === 'lead').map((event) => event.after)).toEqual(['Dr. Sari']);
    expect(
      trail.filter((event) => event.action === 'agreed').map((event) => [event.criterion, event.before, event.after, event.reason]),
    ).toEqual([['ECO.1', null, 4, 'Data PDRB ada di lampiran, hlm. 88']]);
    // Clearing the agreed score goes back to the median.
    const cleared = ws.panels.reconcile(submissionId, 'panel-test', 'ECO.1', null, 'Kembali ke median');
    expect(cleared.criteria.find((criterion) => criterion.code === 'ECO.1')).toMatchObject({ result: 3.5, source: 'median', agreed: null });

    // Once every assessment is final, so is the panel.
    ws.assessments.transition(sari, 'finalized');
    ws.assessments.transition(budi, 'finalized');
    expect(() => ws.panels.reconcile(submissionId, 'panel-test', 'ECO.1', 4, 'terlambat')).toThrow(/panel.final/);
  });

  it('keeps drafts out of the panel result, and the self-assessment out of it too, comparing it per dimension instead', async () => {
    const { ws, submissionId } = await panelOfTwo();
    actAs(ws, 'Ibu Rina', 'regional_planner');
    const self = create(ws, submissionId, 'self');
    scoreAndSubmit(ws, self, { 'ECO.1': 5, 'ECO.2': 5, 'LIV.1': 2, 'LIV.2': 4 });
    const view = ws.panelViews.view(submissionId);
    // Only Prof. Budi has submitted: his scores are the panel's; Dr. Sari's empty draft is not counted.
    expect(view.members.map((member) => [member.assessorName, member.status, member.counted])).toEqual([
      ['Dr. Sari', 'draft', false],
      ['Prof. Budi', 'submitted', true],
    ]);
    // Budi: ECO 100/50 → 75; LIV 25/75 → 50; overall 65. Self: ECO 100, LIV 50 → 80.
    expect(view.overall.percent).toBeCloseTo(65, 9);
    expect(view.self?.overall).toMatchObject({ direction: 'over' });
    expect(view.self?.overall.difference).toBeCloseTo(15, 9);
    const dimensions = view.self?.rows.filter((row) => row.depth === 0).map((row) => [row.code, row.direction]);
    expect(dimensions).toEqual([
      ['ECO', 'over'],
      ['LIV', 'same'],
    ]);
    const [summary] = ws.panelViews.summary();
    expect(summary?.self).toMatchObject({ assessor: 'Ibu Rina', status: 'submitted' });
    expect(summary?.self?.overall.percent).toBeCloseTo(80, 9);
    expect(summary?.panel.overall.percent).toBeCloseTo(65, 9);
  });

  it('uses the mean when the setting says so, and a tolerance from the settings', async () => {
    const { ws, submissionId, sari } = await panelOfTwo();
    scoreAndSubmit(ws, sari, { 'ECO.1': 4, 'ECO.2': 3, 'LIV.1': 3, 'LIV.2': 4 });
    ws.settings.save({ panelAggregate: 'mean', disagreementTolerance: 20 });
    const view = ws.panelViews.view(submissionId);
    expect(view.criteria.find((criterion) => criterion.code === 'ECO.1')).toMatchObject({
      result: 4.5,
      source: 'mean',
      disagreement: true,
    });
    expect(view.criteria.find((criterion) => criterion.code === 'LIV.1')).toMatchObject({ result: 2.5, disagreement: true });
  });

  it('lists my portfolio with the next assessment to work on', async () => {
    const { ws, submissionId, sari } = await panelOfTwo();
    const later = ws.submissions.create({ kind: 'bimtek', regencyCode: '72.01', stage: 4 });
    const portfolioBefore = ws.portfolio();
    expect(portfolioBefore.assessments.map((assessment) => assessment.id)).toEqual([sari]);
    expect(portfolioBefore.next).toBe(sari);
    expect(portfolioBefore.unstarted.map((entry) => entry.submissionId)).toEqual([later.id]);
    scoreAndSubmit(ws, sari, { 'ECO.1': 4, 'ECO.2': 3, 'LIV.1': 3, 'LIV.2': 4 });
    const second = create(ws, later.id);
    expect(ws.portfolio()).toMatchObject({ next: second, unstarted: [] });
    expect(ws.portfolio().assessments.find((assessment) => assessment.submissionId === submissionId)?.status).toBe('submitted');
  });
});
