import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../../electron/core/sync/check.ts';
import { markDrained, pendingOutbox } from '../../../electron/core/sync/outbox.ts';
import { publishFinalPanels, seedRecords } from '../../../electron/core/sync/seed.ts';
import { recordIdOf, verifyRecordSignature } from '../../../electron/core/sync/signed-record.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { draftDocName, panelDocName, regencyDocName, REGISTRY_DOC } from '../../../shared/sync/docs.ts';
import { recordBodySchema, type RecordBody } from '../../../shared/sync/record.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC } from '../../helpers/assessments.ts';
import { joinTestTeam, type TestTeam } from '../../helpers/sync-join.ts';
import { panelWorkflow, personOf, queued, SCORES, SUB } from '../../helpers/sync-panel.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

interface StoredRecord {
  rowid: number;
  id: string;
  text: string;
  signature: Buffer;
  kind: string;
  author: string;
  seq: number;
  target: string;
  state: string;
  origin: string;
}

const records = (ws: Workspace) => ws.db.prepare('SELECT rowid, * FROM sync_record ORDER BY rowid').all() as StoredRecord[];
const bodyOf = (record: { text: string }) => recordBodySchema.parse(JSON.parse(record.text));
function checkAll(ws: Workspace, team: TestTeam) {
  const made = records(ws);
  const docs = queued(ws);
  for (const record of made) {
    const body = bodyOf(record);
    expect(record.id).toBe(recordIdOf(record.text));
    expect(record).toMatchObject({ state: 'applied', origin: 'local', kind: body.kind, author: body.author, seq: body.seq });
    const member = team.directory.member(body.author);
    expect(member, body.author).toBeDefined();
    expect(verifyRecordSignature(member?.publicKey ?? '', record.text, new Uint8Array(record.signature))).toBe(true);
    // A flipped byte does not verify: the check above can fail.
    const forged = new Uint8Array(record.signature);
    forged[0] = (forged[0] ?? 0) ^ 1;
    expect(verifyRecordSignature(member?.publicKey ?? '', record.text, forged)).toBe(false);
    const into = docs.get(record.id) ?? [];
    expect(into.length, `${body.kind} queued nowhere`).toBeGreaterThan(0);
    for (const doc of into) {
      const check = checkRecord({ id: record.id, text: record.text, signature: new Uint8Array(record.signature) }, doc, team.directory);
      expect(check, `${body.kind} into ${doc}`).toMatchObject({ ok: true });
    }
  }
  // Each author's counter, and each target's, strictly increases in the order records were made.
  for (const key of ['author', 'target'] as const) {
    const last = new Map<string, number>();
    for (const record of made) {
      expect(record.seq).toBeGreaterThan(last.get(record[key]) ?? 0);
      last.set(record[key], record.seq);
    }
  }
  return { made, docs };
}

describe('records made on this laptop, in a team', () => {
  it('a panel through the services: every change signed, checked, in its documents, on its trail line', async () => {
    const ws = await openTestWorkspace();
    let team: TestTeam | undefined;
    const { submissionId, budi, beforeSubmit } = await panelWorkflow(ws, () => {
      team = joinTestTeam(ws.db);
    });
    if (!team) throw new Error('no team');
    const budiId = personOf(ws, 'Prof. Budi');
    const sariId = personOf(ws, 'Dr. Sari');
    const { made, docs } = checkAll(ws, team);
    const bodies = made.map((record) => ({ id: record.id, body: bodyOf(record) }));
    const kinds = (filter: (body: RecordBody) => boolean) => bodies.filter(({ body }) => filter(body)).map(({ body }) => body.kind);

    // The registry: the rubric version, the regency, the submission; templates do not travel.
    expect(kinds((body) => ['rubric', 'regency', 'submission'].includes(body.kind))).toEqual(['rubric', 'regency', 'submission']);
    const rubric = bodies.find(({ body }) => body.kind === 'rubric')?.body;
    expect(rubric).toMatchObject({ rubric: 'panel-test', version: 1, origin: 'user' });
    for (const { id, body } of bodies) {
      if (['rubric', 'regency', 'submission'].includes(body.kind)) expect(docs.get(id)).toEqual([REGISTRY_DOC]);
    }
    expect(bodies.find(({ body }) => body.kind === 'document')?.body).toMatchObject({
      sub: SUB,
      role: 'masterplan',
      file: 'masterplan-banggai.docx',
    });
    expect(docs.get(bodies.find(({ body }) => body.kind === 'document')?.id ?? '')).toEqual([panelDocName(SUB)]);

    // Budi's work: his own records, in his draft until he submitted, then in the panel's document too.
    const budiWork = bodies.filter(({ body }) => 'a' in body && body.a.person === budiId);
    expect(budiWork.map(({ body }) => body.kind)).toEqual([
      'assessment',
      'score',
      'score',
      'score',
      'score',
      'note',
      'evidence.add',
      'evidence.add',
      'evidence.remove',
      'status',
      'status',
    ]);
    const draft = draftDocName(budiId, SUB);
    for (const { id, body } of budiWork.slice(0, 9)) {
      expect(body.author).toBe(budiId);
      expect(beforeSubmit.get(id)).toEqual([draft]);
      expect(docs.get(id)?.sort()).toEqual([draft, panelDocName(SUB)].sort());
    }
    const [added, , removed] = budiWork.slice(6, 9);
    expect(removed?.body).toMatchObject({ kind: 'evidence.remove', c: 'LIV.1' });
    expect(removed?.body).not.toMatchObject({ target: added?.id });
    expect((removed?.body as { target: string }).target).toBe(budiWork[7]?.id);
    expect(added?.body).toMatchObject({
      c: 'ECO.1',
      quote: 'Galeri UMKM daring',
      page: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(ws.db.prepare('SELECT record_id FROM evidence WHERE assessment_id = ?').all(budi)).toEqual([{ record_id: added?.id }]);
    // The lead finalized Budi's work: her record, about his assessment, into the panel's document only.
    const finalize = budiWork[10];
    expect(finalize?.body).toMatchObject({ kind: 'status', author: sariId, from: 'submitted', to: 'finalized', a: { person: budiId } });
    expect(docs.get(finalize?.id ?? '')).toEqual([panelDocName(SUB)]);

    // Sari's panel records: the lead, the agreed score.
    const panel = bodies.filter(({ body }) => body.kind === 'lead' || body.kind === 'agreed');
    expect(panel.map(({ body }) => [body.kind, body.author])).toEqual([
      ['lead', sariId],
      ['agreed', sariId],
    ]);
    expect(panel[1]?.body).toMatchObject({ c: 'ECO.1', value: 4, before: null, reason: 'Disepakati dalam rapat panel' });
    for (const { id } of panel) expect(docs.get(id)).toEqual([panelDocName(SUB)]);
    expect(ws.db.prepare('SELECT record_id FROM panel_agreement').all()).toEqual([{ record_id: panel[1]?.id }]);
    const sariSubmit = bodies.find(({ body }) => body.kind === 'status' && body.a.person === sariId && body.to === 'submitted');
    expect(docs.get(sariSubmit?.id ?? '')?.sort()).toEqual([draftDocName(sariId, SUB), panelDocName(SUB)].sort());

    // Every trail line of the panel carries its record, with the record's counter, time and name.
    const lines = ws.db
      .prepare('SELECT e.*, r.text FROM assessment_event e LEFT JOIN sync_record r ON r.id = e.record_id WHERE e.submission_id = ?')
      .all(submissionId) as {
      record_id: string | null;
      seq: number | null;
      at: string;
      actor: string;
      actor_id: string;
      text: string | null;
    }[];
    // Budi's 11 (the lead's finalize among them), Sari's create, four scores, submit and finalize, the lead and the agreed score.
    expect(lines.length).toBe(budiWork.length + 7 + 2);
    for (const line of lines) {
      expect(line.record_id).not.toBeNull();
      const body = bodyOf({ text: line.text ?? '' });
      expect(line).toMatchObject({ seq: body.seq, at: body.at, actor: body.by, actor_id: body.author });
    }
    const audited = ws.db.prepare('SELECT action, entity_key, record_id FROM audit_log WHERE record_id IS NOT NULL ORDER BY id').all() as {
      action: string;
      entity_key: string;
      record_id: string | null;
    }[];
    // The shipped templates were saved too (at opening), but they do not travel.
    // The document's line is the one every laptop writes from its record (apply.ts), not the local import's.
    expect(audited.map((row) => row.action)).toEqual(['rubric.save', 'regency.add', 'submission.create', 'document.share']);
    expect(audited[0]?.entity_key).toBe('panel-test@1');
    for (const row of audited) expect(made.some((record) => record.id === row.record_id)).toBe(true);

    // The engine drains: the outbox empties and each record is remembered in its documents.
    for (const batch of pendingOutbox(ws.db))
      markDrained(
        ws.db,
        batch.doc,
        batch.records.map((record) => record.id),
      );
    expect(pendingOutbox(ws.db)).toEqual([]);
    const where = ws.db.prepare('SELECT doc FROM sync_record_doc WHERE record_id = ? ORDER BY doc').pluck().all(finalize?.id) as string[];
    expect(where).toEqual([panelDocName(SUB)]);

    // The final panel goes to the regency's document once: every record of both assessments, the lead and agreed.
    const copied = publishFinalPanels(ws.db, '2026-08-16T00:00:00.000Z');
    const toRegency = pendingOutbox(ws.db);
    expect(toRegency.map((batch) => batch.doc)).toEqual([regencyDocName('72.01')]);
    const expected = bodies.filter(({ body }) => ('a' in body && body.a.sub === SUB) || body.kind === 'lead' || body.kind === 'agreed');
    expect(copied).toBe(expected.length);
    expect(new Set(toRegency[0]?.records.map((record) => record.id))).toEqual(new Set(expected.map(({ id }) => id)));
    for (const record of toRegency[0]?.records ?? [])
      expect(checkRecord(record, regencyDocName('72.01'), team.directory)).toMatchObject({ ok: true });
    expect(publishFinalPanels(ws.db)).toBe(0);
    markDrained(ws.db, regencyDocName('72.01'), toRegency[0]?.records.map((record) => record.id) ?? []);
    expect(publishFinalPanels(ws.db)).toBe(0);
    expect(pendingOutbox(ws.db)).toEqual([]);
    ws.close();
  });

  it('outside a team nothing is emitted and the trail is as before', async () => {
    const ws = await openTestWorkspace();
    const { submissionId } = await panelWorkflow(ws);
    const count = (sql: string) => ws.db.prepare(sql).pluck().get() as number;
    expect(count('SELECT count(*) FROM sync_record')).toBe(0);
    expect(count('SELECT count(*) FROM sync_outbox')).toBe(0);
    expect(count('SELECT count(*) FROM sync_seq')).toBe(0);
    expect(count('SELECT count(*) FROM assessment_event WHERE record_id IS NOT NULL OR seq IS NOT NULL')).toBe(0);
    expect(count('SELECT count(*) FROM audit_log WHERE record_id IS NOT NULL')).toBe(0);
    expect(count('SELECT count(*) FROM evidence WHERE record_id IS NOT NULL')).toBe(0);
    expect(count(`SELECT count(*) FROM assessment_event WHERE submission_id = ${submissionId}`)).toBe(20);
    expect(seedRecords(ws.db, '2026-08-16T00:00:00.000Z')).toBe(0);
    expect(publishFinalPanels(ws.db)).toBe(0);
    expect(pendingOutbox(ws.db)).toEqual([]);
    ws.close();
  });

  it('a planner: a regency they add stays local; their own submission travels', async () => {
    const ws = await openTestWorkspace();
    actAs(ws, 'Ibu Rina', 'regional_planner');
    const team = joinTestTeam(ws.db, { role: 'planner', regencies: ['72.01'] });
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    ws.regencies.add({ code: '72.02', cohortYear: 2022, stage: 3 });
    ws.submissions.create({ kind: 'bimtek', regencyCode: '72.01', stage: 3 });
    ws.submissions.create({ kind: 'bimtek', regencyCode: '72.02', stage: 3 });
    const made = records(ws).map(bodyOf);
    expect(made.map((body) => [body.kind, 'sub' in body ? body.sub : null])).toEqual([['submission', SUB]]);
    checkAll(ws, team);
    ws.close();
  });
});

describe('seeding work made before joining', () => {
  it('emits each assessment as a snapshot, the lead and agreed scores and the registry, once', async () => {
    const ws = await openTestWorkspace();
    await panelWorkflow(ws);
    // Reopened by its owner, Sari's would not be final: the panel is not published at seeding.
    const team = joinTestTeam(ws.db);
    const sariId = personOf(ws, 'Dr. Sari');
    const made = seedRecords(ws.db, '2026-08-16T00:00:00.000Z');
    const { made: stored, docs } = checkAll(ws, team);
    expect(made).toBe(stored.length);
    const bodies = stored.map((record) => ({ id: record.id, body: bodyOf(record) }));
    expect(bodies.map(({ body }) => body.kind)).toEqual(['regency', 'submission', 'rubric', 'snapshot', 'lead', 'agreed']);
    // Only Sari's own assessment (she is this workspace's person now); Budi's is not hers to sign.
    const snapshot = bodies[3]?.body;
    expect(snapshot).toMatchObject({
      kind: 'snapshot',
      author: sariId,
      status: 'finalized',
      a: { sub: SUB, rubric: 'panel-test', role: 'assessor', person: sariId },
      scores: { 'ECO.1': { value: 2, note: '', needsRescore: false } },
    });
    expect(docs.get(bodies[3]?.id ?? '')?.sort()).toEqual([draftDocName(sariId, SUB), panelDocName(SUB)].sort());
    expect(bodies[5]?.body).toMatchObject({ kind: 'agreed', c: 'ECO.1', value: 4 });
    const lines = ws.db.prepare('SELECT action FROM assessment_event WHERE record_id IS NOT NULL ORDER BY id').pluck().all();
    expect(lines).toEqual(['import', 'lead', 'agreed']);
    expect(ws.db.prepare('SELECT count(*) FROM audit_log WHERE record_id IS NOT NULL').pluck().get()).toBe(3);

    // Again: nothing new.
    expect(seedRecords(ws.db, '2026-08-16T00:00:01.000Z')).toBe(0);
    expect(records(ws).length).toBe(stored.length);

    // Budi seeds his own when he is the one at the laptop.
    actAs(ws, 'Prof. Budi');
    expect(seedRecords(ws.db, '2026-08-16T00:00:02.000Z')).toBe(1);
    const budiSnapshot = bodyOf(records(ws).at(-1) ?? { text: '' });
    expect(budiSnapshot).toMatchObject({ kind: 'snapshot', status: 'finalized', evidence: [{ c: 'ECO.1', quote: 'Galeri UMKM daring' }] });
    checkAll(ws, team);
    expect(seedRecords(ws.db, '2026-08-16T00:00:03.000Z')).toBe(0);
    ws.close();
  });
});

describe('assessment files in a team', () => {
  it('importing my own file travels as one snapshot; importing someone else’s stays local', async () => {
    const ws = await openTestWorkspace();
    ws.rubrics.save(PANEL_RUBRIC, true);
    actAs(ws, 'Prof. Budi');
    const submissionId = banggaiBimtek3(ws);
    const id = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    ws.assessments.setScore(id, 'ECO.1', 5);
    const file = ws.assessmentFiles.exportFile();
    const team = joinTestTeam(ws.db);
    const budiId = personOf(ws, 'Prof. Budi');
    // Finished in the file (by hand, so unsigned) and brought back.
    const edited = structuredClone(file);
    delete edited.signature;
    const own = edited.assessments[0];
    if (!own) throw new Error('no assessment in the file');
    for (const [code, value] of Object.entries(SCORES)) own.scores[code] = { value, note: '', evidence: [], needsRescore: false };
    own.scores['LIV.1']?.evidence.push({ file: 'masterplan.pdf', page: 7, quote: 'RSUD baru' });
    own.status = 'submitted';
    ws.assessmentFiles.importText(JSON.stringify(edited));
    const { made, docs } = checkAll(ws, team);
    expect(made.map((record) => record.kind)).toEqual(['snapshot']);
    expect(bodyOf(made[0] ?? { text: '' })).toMatchObject({
      author: budiId,
      status: 'submitted',
      scores: { 'ECO.1': { value: 5 }, 'LIV.1': { value: 2 } },
      evidence: [{ c: 'LIV.1', sha256: null, file: 'masterplan.pdf', page: 7, quote: 'RSUD baru' }],
    });
    expect(docs.get(made[0]?.id ?? '')?.sort()).toEqual([draftDocName(budiId, SUB), panelDocName(SUB)].sort());
    const lines = ws.db.prepare('SELECT action, record_id FROM assessment_event WHERE assessment_id = ? ORDER BY id').all(id) as {
      action: string;
      record_id: string | null;
    }[];
    expect(lines.filter((line) => line.record_id !== null)).toEqual([{ action: 'import', record_id: made[0]?.id }]);
    expect(lines.map((line) => line.action)).toEqual(expect.arrayContaining(['score', 'evidence.add', 'status']));

    // The lead's laptop, in the team, imports Budi's file: his work cannot be signed as his, so nothing travels.
    const lead = await openTestWorkspace();
    lead.rubrics.save(PANEL_RUBRIC, true);
    actAs(lead, 'Dr. Sari');
    banggaiBimtek3(lead);
    joinTestTeam(lead.db);
    const before = records(lead).length;
    expect(lead.assessmentFiles.importText(JSON.stringify(file))).toEqual([
      expect.objectContaining({ assessor: 'Prof. Budi', created: true }),
    ]);
    expect(records(lead).length).toBe(before);
    expect(pendingOutbox(lead.db)).toEqual([]);
    ws.close();
    lead.close();
  });
});

describe('a rubric upgrade in a team', () => {
  it('travels as the new version (whole) and a rubric_version record naming it by its hash', async () => {
    const ws = await openTestWorkspace();
    actAs(ws, 'Prof. Budi');
    const team = joinTestTeam(ws.db);
    ws.rubrics.save(PANEL_RUBRIC, true);
    const submissionId = banggaiBimtek3(ws);
    const id = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    ws.assessments.setScore(id, 'ECO.1', 4);
    const renamed = structuredClone(PANEL_RUBRIC);
    const first = renamed.items[0];
    if (first?.type !== 'group') throw new Error('the panel rubric starts with a group');
    first.children.pop();
    const kept = first.children[0];
    if (kept) kept.weight = 100;
    ws.rubrics.save(renamed, false);
    ws.assessments.upgrade(id, 2);
    const { made } = checkAll(ws, team);
    const bodies = made.map(bodyOf);
    const stored = ws.db
      .prepare("SELECT document FROM rubric_version WHERE rubric_id = 'panel-test' AND version = 2")
      .pluck()
      .get() as string;
    expect(bodies.filter((body) => body.kind === 'rubric').map((body) => body.kind === 'rubric' && body.version)).toEqual([1, 2]);
    expect(bodies.find((body) => body.kind === 'rubric' && body.version === 2)).toMatchObject({ document: stored });
    expect(bodies.at(-1)).toMatchObject({
      kind: 'rubric_version',
      from: 1,
      to: 2,
      toSha: createHash('sha256').update(stored).digest('hex'),
    });
    ws.close();
  });
});
