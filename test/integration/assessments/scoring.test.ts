import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { snapshot } from '../../helpers/db-snapshot.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC } from '../../helpers/assessments.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';
import { refusal } from '../../helpers/refusal.ts';

/** A document row to cite (the intake itself is tested elsewhere): 40 pages of a masterplan PDF. */
function addDocument(ws: Workspace, submissionId: number, fileName = 'masterplan.pdf'): number {
  const sha = (fileName.length.toString(16).padStart(2, '0') + 'a'.repeat(62)).slice(0, 64);
  ws.db.prepare("INSERT OR IGNORE INTO blob VALUES (?, 100, 'pdf', 't')").run(sha);
  return Number(
    ws.db
      .prepare(
        `INSERT INTO document (submission_id, sha256, file_name, kind, role, pages, words, pages_without_text, warnings, imported_at, imported_by)
         VALUES (?, ?, ?, 'pdf', 'masterplan', 40, 1000, '[]', '[]', 't', 'x')`,
      )
      .run(submissionId, sha, fileName).lastInsertRowid,
  );
}

async function setup() {
  const ws = await openTestWorkspace();
  actAs(ws, 'Dr. Sari');
  ws.rubrics.save(PANEL_RUBRIC, true);
  const submissionId = banggaiBimtek3(ws);
  const documentId = addDocument(ws, submissionId);
  const assessment = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' });
  return { ws, submissionId, documentId, id: assessment.id };
}

describe('scoring an assessment', () => {
  it('saves scores, notes and evidence at once, derives the result, and logs every change', async () => {
    const { ws, id, documentId } = await setup();
    expect(ws.assessments.get(id).assessment).toMatchObject({
      status: 'draft',
      percent: null,
      completeness: { scorable: 4, scored: 0 },
      mine: true,
    });

    ws.assessments.setScore(id, 'ECO.1', 3);
    ws.assessments.setScore(id, 'ECO.1', 4);
    ws.assessments.setNote(id, 'ECO.1', 'Fakta: ada data PDRB. Analisis: memadai. Bukti: hlm. 12.');
    const detail = ws.assessments.addEvidence(id, { criterion: 'ECO.1', documentId, page: 12, quote: 'PDRB tumbuh 5,2%' });
    expect(detail.entries).toEqual([expect.objectContaining({ criterion: 'ECO.1', value: 4, note: expect.stringContaining('PDRB') })]);
    expect(detail.evidence).toEqual([expect.objectContaining({ criterion: 'ECO.1', documentId, fileName: 'masterplan.pdf', page: 12 })]);
    // ECO.1 at 4 on 1–5 (range) is 75%; it is the only criterion that counts so far.
    expect(detail.assessment.percent).toBeCloseTo(75, 9);
    expect(detail.assessment.gap).toBeCloseTo(5, 9);
    expect(detail.assessment.revision).toBe(4);

    ws.assessments.setScore(id, 'ECO.2', 'na');
    ws.assessments.setScore(id, 'ECO.2', null);
    // Saving the same value again is not a change.
    ws.assessments.setScore(id, 'ECO.1', 4);

    const history = ws.assessments.history({ assessmentId: id, criterion: 'ECO.1' });
    expect(history.map((event) => [event.action, event.before, event.after])).toEqual([
      ['score', null, 3],
      ['score', 3, 4],
      ['note', '', 'Fakta: ada data PDRB. Analisis: memadai. Bukti: hlm. 12.'],
      ['evidence.add', null, { id: expect.any(Number), file: 'masterplan.pdf', page: 12, quote: 'PDRB tumbuh 5,2%' }],
    ]);
    expect(history.every((event) => event.actor === 'Dr. Sari')).toBe(true);
    expect(ws.assessments.history({ assessmentId: id, criterion: 'ECO.2' }).map((event) => [event.before, event.after])).toEqual([
      [null, 'na'],
      ['na', null],
    ]);
  });

  it('refuses values off the scale, not applicable where the rubric does not allow it, unknown criteria and foreign documents', async () => {
    const { ws, id, submissionId } = await setup();
    const before = snapshot(ws.db);
    expect(refusal(() => ws.assessments.setScore(id, 'ECO.1', 6)).code).toBe('assessment.value_outside_scale');
    expect(refusal(() => ws.assessments.setScore(id, 'ECO.1', 2.5)).code).toBe('assessment.value_outside_scale');
    expect(refusal(() => ws.assessments.setScore(id, 'ECO.1', 'na')).code).toBe('assessment.na_not_allowed');
    expect(refusal(() => ws.assessments.setScore(id, 'XYZ.9', 3)).code).toBe('assessment.unknown_criterion');
    const other = ws.submissions.create({ kind: 'bimtek', regencyCode: '72.01', stage: 4 });
    const elsewhere = addDocument(ws, other.id, 'other.pdf');
    const afterOther = snapshot(ws.db);
    expect(refusal(() => ws.assessments.addEvidence(id, { criterion: 'ECO.1', documentId: elsewhere, page: 1, quote: 'x' })).code).toBe(
      'evidence.wrong_document',
    );
    const own = addDocument(ws, submissionId, 'annex.pdf');
    expect(refusal(() => ws.assessments.addEvidence(id, { criterion: 'ECO.1', documentId: own, page: 41, quote: 'x' })).code).toBe(
      'evidence.bad_page',
    );
    expect(before.assessment_score).toEqual(afterOther.assessment_score);
    expect(snapshot(ws.db).assessment_event).toEqual(before.assessment_event);
  });

  it('only lets the assessor change their own assessment', async () => {
    const { ws, id } = await setup();
    actAs(ws, 'Prof. Budi');
    expect(refusal(() => ws.assessments.setScore(id, 'ECO.1', 3))).toMatchObject({
      code: 'assessment.not_yours',
      params: { assessor: 'Dr. Sari' },
    });
    expect(ws.assessments.get(id).assessment.mine).toBe(false);
  });

  it('goes draft → submitted → finalized; reopening needs a reason; a finalized assessment never changes', async () => {
    const { ws, id, documentId } = await setup();
    ws.assessments.setScore(id, 'ECO.1', 4);
    expect(refusal(() => ws.assessments.transition(id, 'submitted'))).toMatchObject({
      code: 'assessment.incomplete',
      params: { missing: 3 },
    });
    for (const [code, value] of [
      ['ECO.2', 'na'],
      ['LIV.1', 2],
      ['LIV.2', 5],
    ] as const)
      ws.assessments.setScore(id, code, value);
    ws.assessments.addEvidence(id, { criterion: 'LIV.1', documentId, page: 3, quote: 'Puskesmas' });
    expect(ws.assessments.transition(id, 'submitted').status).toBe('submitted');
    expect(refusal(() => ws.assessments.setScore(id, 'ECO.1', 5))).toMatchObject({
      code: 'assessment.locked',
      params: { status: 'submitted' },
    });
    expect(refusal(() => ws.assessments.transition(id, 'draft')).code).toBe('assessment.reason_required');
    expect(ws.assessments.transition(id, 'draft', 'Salah baca halaman 12').status).toBe('draft');
    ws.assessments.setScore(id, 'ECO.1', 5);
    ws.assessments.transition(id, 'submitted');
    const finalized = ws.assessments.transition(id, 'finalized');
    expect(finalized).toMatchObject({ status: 'finalized', finalizedAt: expect.any(String) });

    const before = snapshot(ws.db);
    expect(refusal(() => ws.assessments.setScore(id, 'ECO.1', 1))).toMatchObject({
      code: 'assessment.locked',
      params: { status: 'finalized' },
    });
    expect(refusal(() => ws.assessments.setNote(id, 'ECO.1', 'x')).code).toBe('assessment.locked');
    expect(refusal(() => ws.assessments.transition(id, 'draft', 'please')).code).toBe('assessment.bad_transition');

    // And the database itself refuses, whatever writes to the file.
    const db = ws.db;
    expect(() => db.prepare("UPDATE assessment_score SET value = 1 WHERE criterion_code = 'ECO.1'").run()).toThrow(/not a draft/);
    expect(() => db.prepare('DELETE FROM assessment_score').run()).toThrow(/not a draft/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO assessment_score (assessment_id, criterion_code, value, updated_at, updated_by) VALUES (?, 'NEW', 1, 't', 'x')",
        )
        .run(id),
    ).toThrow(/not a draft/);
    expect(() => db.prepare('DELETE FROM evidence').run()).toThrow(/not a draft/);
    expect(() => db.prepare("UPDATE assessment SET status = 'draft'").run()).toThrow(/finalized|cannot move/);
    expect(() => db.prepare('UPDATE assessment SET revision = revision + 1').run()).toThrow(/finalized/);
    expect(() => db.prepare('DELETE FROM assessment').run()).toThrow(/cannot be removed/);
    expect(() => db.prepare('DELETE FROM assessment_event').run()).toThrow(/append-only/);
    expect(snapshot(ws.db)).toEqual(before);

    // The trail has every step, with the reason for reopening.
    const statuses = ws.assessments.history({ assessmentId: id }).filter((event) => event.action === 'status');
    expect(statuses.map((event) => [event.before, event.after, event.reason])).toEqual([
      ['draft', 'submitted', null],
      ['submitted', 'draft', 'Salah baca halaman 12'],
      ['draft', 'submitted', null],
      ['submitted', 'finalized', null],
    ]);
  });

  it('refuses to remove a document that evidence cites', async () => {
    const { ws, id, documentId } = await setup();
    ws.assessments.addEvidence(id, { criterion: 'ECO.1', documentId, page: 2, quote: 'kutipan' });
    expect(refusal(() => ws.documents.remove(documentId))).toMatchObject({ code: 'document.cited', params: { count: 1 } });
  });

  it('moves a draft to a new rubric version: unchanged scores carry over, changed and new criteria need a rescore', async () => {
    const { ws, id } = await setup();
    for (const [code, value] of [
      ['ECO.1', 4],
      ['ECO.2', 3],
      ['LIV.1', 2],
      ['LIV.2', 5],
    ] as const)
      ws.assessments.setScore(id, code, value);
    const next = structuredClone(PANEL_RUBRIC) as typeof PANEL_RUBRIC & { items: { children: unknown[] }[] };
    const living = next.items[1] as { children: { code: string; scale?: unknown; weight: number }[] };
    // LIV.2 now 0–4; LIV.3 added; ECO.1 reworded only.
    living.children[1] = {
      ...living.children[1],
      scale: {
        kind: 'levels',
        mapping: 'range',
        levels: [0, 1, 2, 3, 4].map((value) => ({ value, label: `L${value}`, descriptor: `d${value}` })),
      },
    } as never;
    living.children.forEach((child) => (child.weight = 100 / 3));
    living.children.push({ ...structuredClone(living.children[0]), code: 'LIV.3', title: { id: 'Baru' } } as never);
    (next.items[0] as { children: { title: { id: string } }[] }).children[0]!.title.id = 'Analisis ekonomi daerah';
    // Saved as an edit of version 1, so it becomes version 2.
    expect(ws.rubrics.save(next, false).summary.version).toBe(2);

    expect(ws.assessments.get(id).assessment.newerVersion).toBe(2);
    const moved = ws.assessments.upgrade(id, 2);
    expect(moved.needsRescore.sort()).toEqual(['LIV.2', 'LIV.3']);
    expect(moved.resultsChanged).toBe(true);
    const detail = ws.assessments.get(id);
    const entry = (code: string) => detail.entries.find((candidate) => candidate.criterion === code);
    expect(entry('ECO.1')).toMatchObject({ value: 4, needsRescore: false });
    expect(entry('LIV.2')).toMatchObject({ value: null, needsRescore: true });
    expect(entry('LIV.3')).toMatchObject({ value: null, needsRescore: true });
    expect(detail.assessment).toMatchObject({ rubricVersion: 2, needsRescore: 2, newerVersion: null });
    ws.assessments.setScore(id, 'LIV.2', 3);
    expect(ws.assessments.get(id).entries.find((candidate) => candidate.criterion === 'LIV.2')).toMatchObject({
      value: 3,
      needsRescore: false,
    });

    // Version 3 drops LIV.1 (its evidence goes too) and leaves LIV.3 alone: LIV.3 stays flagged until scored.
    ws.assessments.addEvidence(id, {
      criterion: 'LIV.1',
      documentId: addDocument(ws, ws.assessments.get(id).assessment.submissionId, 'lampiran.pdf'),
      page: 2,
      quote: 'RSUD',
    });
    const third = ws.rubrics.get('panel-test', 2).rubric;
    const group = third.items[1] as { children: { code: string; weight: number }[] };
    group.children = group.children.filter((child) => child.code !== 'LIV.1');
    group.children.forEach((child) => (child.weight = 50));
    expect(ws.rubrics.save(third, false).summary.version).toBe(3);
    const again = ws.assessments.upgrade(id, 3);
    expect(again.dropped).toEqual(['LIV.1']);
    const latest = ws.assessments.get(id);
    expect(latest.evidence.map((item) => item.criterion)).toEqual([]);
    expect(latest.entries.find((candidate) => candidate.criterion === 'LIV.3')).toMatchObject({ needsRescore: true });
    expect(latest.entries.some((candidate) => candidate.criterion === 'LIV.1')).toBe(false);
  });

  it('keeps a submission that has been assessed', async () => {
    const { ws, submissionId, documentId } = await setup();
    ws.db.prepare('DELETE FROM document WHERE id = ?').run(documentId);
    expect(refusal(() => ws.submissions.remove(submissionId))).toMatchObject({ code: 'submission.assessed', params: { count: 1 } });
  });
});
