import { describe, expect, it } from 'vitest';
import { createTranslator, describeProblem } from '../../../shared/i18n/index.ts';
import type { AssessmentFile } from '../../../shared/assessment/file.ts';
import { snapshot } from '../../helpers/db-snapshot.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC, scoreAndSubmit } from '../../helpers/assessments.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';
import { refusal } from '../../helpers/refusal.ts';
import { signDocument } from '../../../electron/core/identity/signing.ts';

async function laptopOf(name: string) {
  const ws = await openTestWorkspace();
  ws.rubrics.save(PANEL_RUBRIC, true);
  actAs(ws, name);
  const submissionId = banggaiBimtek3(ws);
  return { ws, submissionId };
}

describe('assessment files', () => {
  it("carries an assessor's work from one laptop to the lead's: scores, notes, status, evidence by file", async () => {
    const budi = await laptopOf('Prof. Budi');
    const id = budi.ws.assessments.create({
      submissionId: budi.submissionId,
      rubricId: 'panel-test',
      rubricVersion: 1,
      role: 'assessor',
    }).id;
    budi.ws.assessments.setNote(id, 'ECO.1', 'Fakta. Analisis. Bukti.');
    scoreAndSubmit(budi.ws, id, { 'ECO.1': 5, 'ECO.2': 'na', 'LIV.1': 2, 'LIV.2': 4 });
    const file = budi.ws.assessmentFiles.exportFile();
    expect(file).toMatchObject({
      format: 'timbang.assessment',
      formatVersion: 1,
      assessments: [{ regency: '72.01', stage: 3, status: 'submitted' }],
    });
    expect(file.assessments[0]?.scores['ECO.1']).toEqual({ value: 5, note: 'Fakta. Analisis. Bukti.', evidence: [], needsRescore: false });

    // The lead's laptop has the regency and rubric, but not the submission yet: it is made.
    const lead = await openTestWorkspace();
    lead.rubrics.save(PANEL_RUBRIC, true);
    lead.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    actAs(lead, 'Dr. Sari');
    // Changed by hand after export, so unsigned (a signed file changed after export is refused: below).
    const withEvidence: AssessmentFile = structuredClone(file);
    delete withEvidence.signature;
    withEvidence.assessments[0]!.scores['LIV.1']!.evidence.push({ file: 'masterplan.pdf', page: 7, quote: 'RSUD baru' });
    const imported = lead.assessmentFiles.importText(JSON.stringify(withEvidence));
    expect(imported).toEqual([expect.objectContaining({ assessor: 'Prof. Budi', status: 'submitted', created: true, scores: 4 })]);
    const detail = lead.assessments.get(imported[0]!.id);
    expect(detail.assessment).toMatchObject({ assessorName: 'Prof. Budi', status: 'submitted', mine: false, percent: expect.any(Number) });
    expect(detail.evidence).toEqual([
      expect.objectContaining({ criterion: 'LIV.1', documentId: null, fileName: 'masterplan.pdf', page: 7 }),
    ]);
    expect(lead.assessments.history({ assessmentId: detail.assessment.id }).map((event) => event.action)).toEqual(
      expect.arrayContaining(['create', 'score', 'note', 'import', 'status']),
    );
    // A draft can be replaced by a newer file; the trail says what changed.
    const again = structuredClone(file);
    delete again.signature;
    again.assessments[0]!.status = 'draft';
    lead.db.prepare("UPDATE assessment SET status = 'draft' WHERE id = ?").run(detail.assessment.id);
    again.assessments[0]!.scores['LIV.1']!.value = 3;
    expect(lead.assessmentFiles.importText(JSON.stringify(again))[0]).toMatchObject({ created: false, id: detail.assessment.id });
    expect(
      lead.assessments.history({ assessmentId: detail.assessment.id, criterion: 'LIV.1' }).map((event) => [event.action, event.reason]),
    ).toEqual(
      expect.arrayContaining([
        ['evidence.remove', 'import'],
        ['score', 'import'],
      ]),
    );
    expect(
      lead.assessments
        .history({ assessmentId: detail.assessment.id, criterion: 'LIV.1' })
        .filter((event) => event.action === 'score')
        .at(-1),
    ).toMatchObject({ before: 2, after: 3 });
    // An older copy than what the workspace has would undo newer work: refused.
    const stale = structuredClone(again);
    stale.assessments[0]!.revision = 1;
    expect(refusal(() => lead.assessmentFiles.importText(JSON.stringify(stale))).problems?.map((problem) => problem.code)).toEqual([
      'assessment.older_revision',
    ]);
  });

  it('rejects a file whole, naming every problem, and writes nothing: unknown criterion, value off the scale, finalized target', async () => {
    const { ws, submissionId } = await laptopOf('Dr. Sari');
    const mine = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    scoreAndSubmit(ws, mine, { 'ECO.1': 4, 'ECO.2': 3, 'LIV.1': 3, 'LIV.2': 4 });
    ws.assessments.transition(mine, 'finalized');
    const file = ws.assessmentFiles.exportFile();
    const good = {
      rubric: { id: 'panel-test', version: 1 },
      regency: '72.01',
      stage: 3,
      assessor: { name: 'Prof. Budi', role: 'assessor' },
      scores: { 'ECO.1': { value: 3 } },
    };
    const bad = {
      format: 'timbang.assessment',
      formatVersion: 1,
      assessments: [
        good,
        {
          ...good,
          assessor: { name: 'Ir. Wati', role: 'assessor' },
          scores: { 'ECO.9': { value: 3 }, 'LIV.1': { value: 7 }, 'ECO.1': { value: 'na' } },
        },
        file.assessments[0],
      ],
    };
    const before = snapshot(ws.db);
    const error = refusal(() => ws.assessmentFiles.importText(JSON.stringify(bad)));
    expect(error.code).toBe('assessment.invalid');
    expect(error.problems?.map((problem) => [problem.code, problem.path])).toEqual([
      ['assessment.unknown_criterion', 'assessments.1.scores.ECO.9'],
      ['assessment.value_outside_scale', 'assessments.1.scores.LIV.1.value'],
      ['assessment.na_not_allowed', 'assessments.1.scores.ECO.1.value'],
      ['assessment.target_finalized', 'assessments.2'],
    ]);
    const t = createTranslator('id');
    const sentences = error.problems?.map((problem) => describeProblem(t, problem)) ?? [];
    expect(sentences[0]).toContain('ECO.9');
    expect(sentences[1]).toMatch(/7.*1, 2, 3, 4, 5/);
    expect(sentences[3]).toContain('Dr. Sari');
    expect(snapshot(ws.db)).toEqual(before);

    for (const text of [
      '{',
      JSON.stringify({ format: 'timbang.rubric', formatVersion: 1 }),
      JSON.stringify({ ...bad, assessments: [{ ...good, stage: 9 }] }),
    ]) {
      expect(refusal(() => ws.assessmentFiles.importText(text)).code).toBe('assessment.invalid');
    }
    const unknown = refusal(() =>
      ws.assessmentFiles.importText(
        JSON.stringify({ ...bad, assessments: [{ ...good, regency: '99.99', rubric: { id: 'nope', version: 1 } }] }),
      ),
    );
    expect(unknown.problems?.map((problem) => problem.code)).toEqual(['assessment.unknown_regency', 'assessment.unknown_rubric']);
    expect(snapshot(ws.db)).toEqual(before);
  });

  it('signs what leaves the laptop: the file carries who made it and their key, and a file changed after export is refused', async () => {
    const budi = await laptopOf('Prof. Budi');
    const id = budi.ws.assessments.create({
      submissionId: budi.submissionId,
      rubricId: 'panel-test',
      rubricVersion: 1,
      role: 'assessor',
    }).id;
    scoreAndSubmit(budi.ws, id, { 'ECO.1': 5, 'ECO.2': 'na', 'LIV.1': 2, 'LIV.2': 4 });
    const file = budi.ws.assessmentFiles.exportFile();
    const me = budi.ws.profile.identity();
    expect(file.exporter).toEqual({ id: me.id, name: 'Prof. Budi', publicKey: me.publicKey });
    expect(file.assessments[0]?.assessor).toMatchObject({ id: me.id, name: 'Prof. Budi' });
    expect(file.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);

    const lead = await laptopOf('Dr. Sari');
    const tampered = structuredClone(file);
    tampered.assessments[0]!.scores['ECO.1']!.value = 1;
    const before = snapshot(lead.ws.db);
    expect(refusal(() => lead.ws.assessmentFiles.importText(JSON.stringify(tampered))).problems?.map((problem) => problem.code)).toEqual([
      'assessment.bad_signature',
    ]);
    expect(snapshot(lead.ws.db)).toEqual(before);
    // The file as written (pretty-printed, as the app saves it) comes in.
    expect(lead.ws.assessmentFiles.importText(JSON.stringify(file, null, 2))).toEqual([
      expect.objectContaining({ assessorId: me.id, matchedBy: 'id', created: true }),
    ]);

    // Someone else claiming Budi's id, signing with their own key, is refused.
    const impostor = await laptopOf('Prof. Budi');
    const own = impostor.ws.assessments.create({
      submissionId: impostor.submissionId,
      rubricId: 'panel-test',
      rubricVersion: 1,
      role: 'assessor',
    }).id;
    impostor.ws.assessments.setScore(own, 'ECO.1', 1);
    const claim = impostor.ws.assessmentFiles.exportFile();
    claim.exporter = { ...claim.exporter!, id: me.id };
    claim.assessments[0]!.assessor.id = me.id;
    claim.signature = signDocument(impostor.ws.db, claim);
    expect(refusal(() => lead.ws.assessmentFiles.importText(JSON.stringify(claim))).problems?.map((problem) => problem.code)).toContain(
      'assessment.other_key',
    );
  });

  it('keeps two people of the same name apart, and follows one person through a change of name', async () => {
    const first = await laptopOf('Budi Santoso');
    const second = await laptopOf('Budi Santoso');
    for (const laptop of [first, second]) {
      const id = laptop.ws.assessments.create({
        submissionId: laptop.submissionId,
        rubricId: 'panel-test',
        rubricVersion: 1,
        role: 'assessor',
      }).id;
      laptop.ws.assessments.setScore(id, 'ECO.1', laptop === first ? 5 : 1);
    }
    const lead = await laptopOf('Dr. Sari');
    const [a] = lead.ws.assessmentFiles.importText(JSON.stringify(first.ws.assessmentFiles.exportFile()));
    const [b] = lead.ws.assessmentFiles.importText(JSON.stringify(second.ws.assessmentFiles.exportFile()));
    expect(a?.id).not.toBe(b?.id);
    expect(a?.assessorId).not.toBe(b?.assessorId);
    const listed = lead.ws.assessments.list({ submissionId: lead.submissionId });
    expect(listed.map((entry) => entry.assessorName)).toEqual(['Budi Santoso', 'Budi Santoso']);
    expect(new Set(listed.map((entry) => entry.assessorId)).size).toBe(2);

    // The first Budi corrects his name: his next file updates his assessment, and the name follows.
    first.ws.profile.save({ name: 'Budi Santosa', institution: 'UGM', role: 'assessor' });
    const mine = first.ws.assessments.list({ mine: true });
    expect(mine).toEqual([expect.objectContaining({ assessorName: 'Budi Santosa', mine: true })]);
    first.ws.assessments.setScore(mine[0]!.id, 'ECO.2', 3);
    const [again] = lead.ws.assessmentFiles.importText(JSON.stringify(first.ws.assessmentFiles.exportFile()));
    expect(again).toMatchObject({ id: a?.id, created: false, matchedBy: 'id' });
    expect(
      lead.ws.assessments
        .list({ submissionId: lead.submissionId })
        .map((entry) => entry.assessorName)
        .sort(),
    ).toEqual(['Budi Santosa', 'Budi Santoso']);
  });

  it('matches a file from before person ids by name, says so, and refuses a name two people here share', async () => {
    const lead = await laptopOf('Dr. Sari');
    const old = {
      format: 'timbang.assessment',
      formatVersion: 1,
      assessments: [
        {
          rubric: { id: 'panel-test', version: 1 },
          regency: '72.01',
          stage: 3,
          assessor: { name: 'Ir. Wati', role: 'assessor' },
          scores: { 'ECO.1': { value: 3 } },
        },
      ],
    };
    const [first] = lead.ws.assessmentFiles.importText(JSON.stringify(old));
    expect(first).toMatchObject({ matchedBy: 'name', created: true });
    const [second] = lead.ws.assessmentFiles.importText(JSON.stringify(old));
    expect(second).toMatchObject({ matchedBy: 'name', created: false, id: first?.id, assessorId: first?.assessorId });

    // Ir. Wati upgrades: her next file carries her id. It goes to the person known by her name (said so, once),
    // not to a second Ir. Wati with a second assessment of the same submission; from then on her id finds her.
    const withId = structuredClone(old) as typeof old & { assessments: { assessor: { id?: string } }[] };
    withId.assessments[0]!.assessor.id = 'a7c1e0f2-5b0d-4c8e-9a61-3d2f4b5c6d7e';
    const [claimed] = lead.ws.assessmentFiles.importText(JSON.stringify(withId));
    expect(claimed).toMatchObject({ matchedBy: 'name', created: false, id: first?.id, assessorId: first?.assessorId });
    const [byId] = lead.ws.assessmentFiles.importText(JSON.stringify(withId));
    expect(byId).toMatchObject({ matchedBy: 'id', created: false, id: first?.id });
    expect(lead.ws.assessmentFiles.exportFile({ assessmentId: first!.id }).assessments[0]?.assessor.id).toBe(
      'a7c1e0f2-5b0d-4c8e-9a61-3d2f4b5c6d7e',
    );

    // A second Ir. Wati, from a file with ids: the next file without ids can no longer say which one.
    const wati = await laptopOf('Ir. Wati');
    const id = wati.ws.assessments.create({ submissionId: wati.submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'self' }).id;
    wati.ws.assessments.setScore(id, 'ECO.1', 2);
    lead.ws.assessmentFiles.importText(JSON.stringify(wati.ws.assessmentFiles.exportFile()));
    expect(refusal(() => lead.ws.assessmentFiles.importText(JSON.stringify(old))).problems?.map((problem) => problem.code)).toEqual([
      'assessment.ambiguous_name',
    ]);
  });
});
