import { panelDocName, regencyDocName, REGISTRY_DOC } from '../../../shared/sync/docs.ts';
import { assessmentKeyText, panelKeyText, regencyOfSub, subKeyOf, type RecordBody } from '../../../shared/sync/record.ts';
import type { Db } from '../db/open.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { currentActor } from '../services/context.ts';
import { assessmentRef, emitForAssessment, rubricFields, snapshotFields, subOfSubmission } from './emit.ts';
import { emitRecord, queueTargets, teamSelf, type EmittedRecord } from './outbox.ts';

/**
 * Work made before this workspace joined a team has no records (docs/sync.md §4): at join,
 * each assessment of mine becomes one snapshot, each panel I lead its lead and agreed records,
 * and the registry its regency, submission and rubric records. Each gets its trail line, as a
 * change made through the services would. Idempotent: what already has a record is skipped.
 * Returns how many records were made.
 */
export function seedRecords(db: Db, now: string): number {
  const self = teamSelf(db);
  if (!self || self.role === 'ministry') return 0;
  const by = currentActor(db, 'unknown').name;
  // What already has a record (made here, or received) is not seeded again.
  const known = queryValue<1>(db, "SELECT 1 FROM sync_record WHERE target = ? AND state <> 'refused' LIMIT 1");
  const hasTarget = (target: string) => known.get(target) !== undefined;
  const myLead = queryValue<1>(db, "SELECT 1 FROM sync_record WHERE target = ? AND kind = 'lead' AND author = ? LIMIT 1");
  let made = 0;
  const count = (record: EmittedRecord | null) => {
    if (record) made += 1;
    return record;
  };
  const event = execute(
    db,
    `INSERT INTO assessment_event (at, actor, actor_id, submission_id, rubric_id, assessment_id, criterion_code, action, before, after, reason,
                                   record_id, seq)
     VALUES (@at, @by, @author, @submission, @rubric, @assessment, @criterion, @action, @before, @after, NULL, @id, @seq)`,
  );
  const trail = (
    record: EmittedRecord,
    line: {
      submission: number;
      rubric: string;
      assessment: number | null;
      criterion?: string;
      action: string;
      before?: unknown;
      after?: unknown;
    },
  ) =>
    event({
      at: record.body.at,
      by: record.body.by,
      author: record.body.author,
      submission: line.submission,
      rubric: line.rubric,
      assessment: line.assessment,
      criterion: line.criterion ?? null,
      action: line.action,
      before: line.before === undefined ? null : JSON.stringify(line.before),
      after: line.after === undefined ? null : JSON.stringify(line.after),
      id: record.id,
      seq: record.body.seq,
    });
  const audit = execute(
    db,
    `INSERT INTO audit_log (at, actor, actor_id, actor_role, action, entity, entity_key, before, after, record_id)
     VALUES (@at, @by, @author, @role, @action, @entity, @key, NULL, @after, @id)`,
  );
  const role = queryValue<string>(db, 'SELECT role FROM profile WHERE id = 1').get() ?? null;
  const registry = (fields: Parameters<typeof emitRecord>[2], line: { action: string; entity: string; key: string; after: unknown }) => {
    const record = count(emitRecord(db, now, { ...fields, by }, [REGISTRY_DOC]));
    if (record) {
      audit({
        at: record.body.at,
        by: record.body.by,
        author: record.body.author,
        role,
        action: line.action,
        entity: line.entity,
        key: line.key,
        after: JSON.stringify(line.after),
        id: record.id,
      });
    }
  };

  db.transaction(() => {
    // The registry first: the assessments below refer to its submissions and rubric versions.
    for (const regency of query<{ code: string; cohort_year: number; stage: number }>(
      db,
      'SELECT code, cohort_year, stage FROM regency ORDER BY code',
    ).all()) {
      if (hasTarget(`r:regency:${regency.code}`)) continue;
      const input = { code: regency.code, cohortYear: regency.cohort_year, stage: regency.stage };
      registry({ kind: 'regency', ...input }, { action: 'regency.add', entity: 'regency', key: regency.code, after: input });
    }
    for (const submission of query<{
      id: number;
      regency_code: string;
      kind: 'bimtek' | 'evaluation';
      stage: number | null;
      year: number | null;
      title: string | null;
    }>(db, 'SELECT id, regency_code, kind, stage, year, title FROM submission ORDER BY id').all()) {
      const sub = subKeyOf({ regencyCode: submission.regency_code, kind: submission.kind, stage: submission.stage, year: submission.year });
      if (hasTarget(`r:submission:${sub}`)) continue;
      const input = {
        regencyCode: submission.regency_code,
        kind: submission.kind,
        ...(submission.kind === 'bimtek' ? { stage: submission.stage } : { year: submission.year }),
        ...(submission.title ? { title: submission.title } : {}),
      };
      registry(
        { kind: 'submission', sub, title: submission.title },
        { action: 'submission.create', entity: 'submission', key: String(submission.id), after: input },
      );
    }
    for (const version of query<{ rubric_id: string; version: number; change_kind: string | null; origin: string }>(
      db,
      `SELECT v.rubric_id, v.version, v.change_kind, r.origin FROM rubric_version v JOIN rubric r ON r.id = v.rubric_id
       WHERE r.origin <> 'template' ORDER BY v.rubric_id, v.version`,
    ).all()) {
      if (hasTarget(`r:rubric:${version.rubric_id}@${version.version}`)) continue;
      const fields = rubricFields(db, version.rubric_id, version.version);
      if (!fields) continue;
      registry(fields, {
        action: 'rubric.save',
        entity: 'rubric',
        key: `${version.rubric_id}@${version.version}`,
        after: { origin: version.origin, changeKind: version.change_kind },
      });
    }

    // My assessments, each as it stands; submitted and final work is published at once.
    for (const id of queryValue<number>(db, 'SELECT id FROM assessment WHERE assessor_id = ? ORDER BY id').all(self.person)) {
      const ref = assessmentRef(db, id);
      if (hasTarget(`a:${assessmentKeyText(ref.a)}`)) continue;
      const fields = snapshotFields(db, ref);
      const record = count(emitForAssessment(db, now, by, ref, fields, ref.row.status !== 'draft'));
      if (!record) continue;
      const snapshot = record.body as Extract<RecordBody, { kind: 'snapshot' }>;
      trail(record, {
        submission: ref.row.submission_id,
        rubric: ref.row.rubric_id,
        assessment: id,
        action: 'import',
        after: { scores: Object.keys(snapshot.scores).length, evidence: snapshot.evidence.length, status: snapshot.status },
      });
    }

    // The panels I lead: the lead, then the agreed scores as they stand.
    for (const panel of query<{ submission_id: number; rubric_id: string }>(
      db,
      'SELECT submission_id, rubric_id FROM panel WHERE lead_id = ? ORDER BY submission_id, rubric_id',
    ).all(self.person)) {
      const sub = subOfSubmission(db, panel.submission_id);
      const key = { sub, rubric: panel.rubric_id };
      const docs = [panelDocName(sub)];
      const line = { submission: panel.submission_id, rubric: panel.rubric_id, assessment: null };
      if (myLead.get(`p:${panelKeyText(key)}`, self.person) === undefined) {
        const lead = count(emitRecord(db, now, { kind: 'lead', panel: key, by }, docs));
        if (lead) trail(lead, { ...line, action: 'lead', after: by });
      }
      const agreed = query<{ criterion_code: string; value: number | null; not_applicable: 0 | 1; reason: string }>(
        db,
        `SELECT criterion_code, value, not_applicable, reason FROM panel_agreement
         WHERE submission_id = ? AND rubric_id = ? AND record_id IS NULL ORDER BY criterion_code`,
      ).all(panel.submission_id, panel.rubric_id);
      for (const row of agreed) {
        const value = row.not_applicable ? 'na' : row.value;
        const record = count(
          emitRecord(db, now, { kind: 'agreed', panel: key, c: row.criterion_code, value, before: null, reason: row.reason, by }, docs),
        );
        if (!record) continue;
        execute(db, 'UPDATE panel_agreement SET record_id = ? WHERE submission_id = ? AND rubric_id = ? AND criterion_code = ?')(
          record.id,
          panel.submission_id,
          panel.rubric_id,
          row.criterion_code,
        );
        trail(record, { ...line, criterion: row.criterion_code, action: 'agreed', before: null, after: value });
      }
    }
  }).immediate();
  return made;
}

/**
 * The results of every final panel, published to its regency (docs/sync.md §4): when every
 * assessor assessment of a panel is finalized, all their records and the panel's lead and agreed
 * records are queued into `regency/<code>`. Records already there are skipped. The engine calls
 * this after each ingest. Returns how many records were queued.
 */
export function publishFinalPanels(db: Db, _now?: string): number {
  const self = teamSelf(db);
  if (!self || self.role === 'ministry') return 0;
  const panels = query<{ submission_id: number; rubric_id: string }>(
    db,
    `SELECT submission_id, rubric_id FROM assessment WHERE role = 'assessor'
     GROUP BY submission_id, rubric_id HAVING count(*) > 0 AND sum(status <> 'finalized') = 0`,
  ).all();
  let queued = 0;
  db.transaction(() => {
    for (const panel of panels) {
      const sub = subOfSubmission(db, panel.submission_id);
      const targets = [
        `p:${panelKeyText({ sub, rubric: panel.rubric_id })}`,
        ...queryValue<number>(db, "SELECT id FROM assessment WHERE submission_id = ? AND rubric_id = ? AND role = 'assessor'")
          .all(panel.submission_id, panel.rubric_id)
          .map((id) => `a:${assessmentKeyText(assessmentRef(db, id).a)}`),
      ];
      queued += queueTargets(db, targets, regencyDocName(regencyOfSub(sub)));
    }
  }).immediate();
  return queued;
}
