import { createHash } from 'node:crypto';
import type { AssessmentRole, AssessmentStatus, HistoryAction, StoredScore } from '../../../shared/assessment/model.ts';
import { draftDocName, panelDocName, regencyDocName, REGISTRY_DOC } from '../../../shared/sync/docs.ts';
import { regencyOfSub, subKeyOf, targetOf, type AssessmentKey, type RecordOf, type SubKey } from '../../../shared/sync/record.ts';
import type { Db } from '../db/open.ts';
import { execute, query, queryValue } from '../db/query.ts';
import type { ServiceContext } from '../services/context.ts';
import { emitRecord, inTeam, queueTargets, teamSelf, type EmittedRecord, type RecordFields } from './outbox.ts';

/**
 * From the services' changes to records (docs/sync.md §4): what each change is as a record,
 * which documents it goes to, and whether the person acting is its rightful author. Everything
 * here runs inside the service's transaction and does nothing outside a team.
 */

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

interface SubmissionKeyRow {
  regency_code: string;
  kind: 'bimtek' | 'evaluation';
  stage: number | null;
  year: number | null;
}

export function subOfSubmission(db: Db, submissionId: number): SubKey {
  const row = query<SubmissionKeyRow>(db, 'SELECT regency_code, kind, stage, year FROM submission WHERE id = ?').get(submissionId);
  if (!row) throw new Error(`no submission ${submissionId}`);
  return subKeyOf({ regencyCode: row.regency_code, kind: row.kind, stage: row.stage, year: row.year });
}

/** SHA-256 of a rubric version's stored text: what records name it by. */
export function rubricShaOf(db: Db, rubricId: string, version: number): string {
  const text = queryValue<string>(db, 'SELECT document FROM rubric_version WHERE rubric_id = ? AND version = ?').get(rubricId, version);
  if (text === undefined) throw new Error(`no rubric ${rubricId} v${version}`);
  return sha256Hex(text);
}

interface AssessmentKeyRow extends SubmissionKeyRow {
  id: number;
  submission_id: number;
  rubric_id: string;
  rubric_version: number;
  role: AssessmentRole;
  assessor_id: string;
  assessor_name: string;
  assessor_institution: string;
  status: AssessmentStatus;
  revision: number;
}

export interface AssessmentRef {
  row: AssessmentKeyRow;
  a: AssessmentKey;
  sub: SubKey;
}

export function assessmentRef(db: Db, id: number): AssessmentRef {
  const row = query<AssessmentKeyRow>(
    db,
    `SELECT a.id, a.submission_id, a.rubric_id, a.rubric_version, a.role, a.assessor_id, a.assessor_name, a.assessor_institution,
            a.status, a.revision, s.regency_code, s.kind, s.stage, s.year
     FROM assessment a JOIN submission s ON s.id = a.submission_id WHERE a.id = ?`,
  ).get(id);
  if (!row) throw new Error(`no assessment ${id}`);
  const sub = subKeyOf({ regencyCode: row.regency_code, kind: row.kind, stage: row.stage, year: row.year });
  return { row, sub, a: { sub, rubric: row.rubric_id, role: row.role, person: row.assessor_id } };
}

/** Where an assessment's work is published: the panel's document for an assessor, the regency's for a self-assessment. */
export const publicationDoc = (a: AssessmentKey): string =>
  a.role === 'assessor' ? panelDocName(a.sub) : regencyDocName(regencyOfSub(a.sub));

/** A snapshot of an assessment as it stands (seeding, and importing my own assessment file). */
export function snapshotFields(
  db: Db,
  ref: AssessmentRef,
  status: AssessmentStatus = ref.row.status,
  withEvidence = true,
  revision = ref.row.revision,
): RecordFields {
  const scores = query<{ criterion_code: string; value: number | null; not_applicable: 0 | 1; note: string; needs_rescore: 0 | 1 }>(
    db,
    'SELECT criterion_code, value, not_applicable, note, needs_rescore FROM assessment_score WHERE assessment_id = ? ORDER BY criterion_code',
  ).all(ref.row.id);
  const evidence = withEvidence
    ? query<{ criterion_code: string; sha256: string | null; file_name: string; page: number; quote: string }>(
        db,
        'SELECT criterion_code, sha256, file_name, page, quote FROM evidence WHERE assessment_id = ? ORDER BY id',
      ).all(ref.row.id)
    : [];
  return {
    kind: 'snapshot',
    a: ref.a,
    rubricVersion: ref.row.rubric_version,
    rubricSha: rubricShaOf(db, ref.row.rubric_id, ref.row.rubric_version),
    name: ref.row.assessor_name,
    institution: ref.row.assessor_institution,
    status,
    revision,
    scores: Object.fromEntries(
      scores.map((score) => [
        score.criterion_code,
        { value: score.not_applicable ? 'na' : score.value, note: score.note, needsRescore: score.needs_rescore === 1 },
      ]),
    ),
    evidence: evidence.map((item) => ({
      c: item.criterion_code,
      sha256: item.sha256,
      file: item.file_name,
      page: item.page,
      quote: item.quote,
    })),
  };
}

/** Emit an assessment's record into its draft document and, when asked, publish it with everything before it. */
export function emitForAssessment(db: Db, now: string, by: string, ref: AssessmentRef, fields: RecordFields, publish: boolean) {
  const docs = [draftDocName(ref.a.person, ref.a.sub), ...(publish ? [publicationDoc(ref.a)] : [])];
  const record = emitRecord(db, now, { ...fields, by }, docs);
  if (record && publish) queueTargets(db, [targetOf(record.body)], publicationDoc(ref.a));
  return record;
}

/** What `assessments.record` was told about a change, beyond the trail's before and after. */
export interface AssessmentChange {
  criterion?: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  /** The evidence row added (evidence.add). */
  evidenceId?: number;
  /** The record that added the evidence now removed (evidence.remove), null for evidence that came with a snapshot. */
  evidenceRecordId?: string | null;
  /** The status an imported assessment ends in (import). */
  importedStatus?: AssessmentStatus;
  /** A step of a larger change whose record is made elsewhere (a file import): the trail line stays local. */
  local?: boolean;
}

/**
 * The record of one change to an assessment or a panel, when this workspace is in a team and
 * the person acting is its rightful author: their own assessment, or the panel's lead acting as
 * lead. Null otherwise (and for changes that stay on this laptop, such as importing someone
 * else's assessment file).
 */
export function emitAssessmentChange(
  ctx: ServiceContext,
  found: { id: number | null; submission_id: number; rubric_id: string },
  action: HistoryAction,
  change: AssessmentChange,
): EmittedRecord | null {
  const { db } = ctx;
  if (change.local || !inTeam(db)) return null;
  const actor = ctx.actor();
  if (found.id === null) return emitPanelChange(ctx, found, action, change);
  const ref = assessmentRef(db, found.id);
  const mine = ref.row.assessor_id === actor.id;
  const emit = (fields: RecordFields, publish = false) => emitForAssessment(db, ctx.now(), actor.name, ref, fields, publish);
  const c = change.criterion ?? '';
  const reason = change.reason ? { reason: change.reason } : {};
  if (action === 'status') {
    const from = change.before as AssessmentStatus;
    const to = change.after as AssessmentStatus;
    const fields: RecordFields = { kind: 'status', a: ref.a, from, to, ...reason };
    // Every move is published: a submit or finalize with all the work before it, a reopen so the panel sees it.
    if (mine) return emit(fields, true);
    const lead = queryValue<string>(db, 'SELECT lead_id FROM panel WHERE submission_id = ? AND rubric_id = ?').get(
      found.submission_id,
      found.rubric_id,
    );
    if (ref.a.role !== 'assessor' || lead !== actor.id || (to !== 'finalized' && to !== 'draft')) return null;
    return emitRecord(db, ctx.now(), { ...fields, by: actor.name }, [publicationDoc(ref.a)]);
  }
  if (!mine) return null;
  switch (action) {
    case 'create':
      return emit({
        kind: 'assessment',
        a: ref.a,
        rubricVersion: ref.row.rubric_version,
        rubricSha: rubricShaOf(db, ref.row.rubric_id, ref.row.rubric_version),
        name: ref.row.assessor_name,
        institution: ref.row.assessor_institution,
      });
    case 'score':
      return emit({ kind: 'score', a: ref.a, c, value: change.after as StoredScore, before: change.before as StoredScore, ...reason });
    case 'note':
      return emit({ kind: 'note', a: ref.a, c, text: change.after as string, before: change.before as string, ...reason });
    case 'evidence.add': {
      const item = query<{ criterion_code: string; sha256: string | null; file_name: string; page: number; quote: string }>(
        db,
        'SELECT criterion_code, sha256, file_name, page, quote FROM evidence WHERE id = ?',
      ).get(change.evidenceId ?? -1);
      if (!item) throw new Error(`evidence.add without its evidence row (${change.evidenceId})`);
      const record = emit({
        kind: 'evidence.add',
        a: ref.a,
        c: item.criterion_code,
        sha256: item.sha256,
        file: item.file_name,
        page: item.page,
        quote: item.quote,
      });
      if (record) execute(db, 'UPDATE evidence SET record_id = ? WHERE id = ?')(record.id, change.evidenceId);
      return record;
    }
    case 'evidence.remove':
      // Evidence that came inside a snapshot has no record of its own to take back: the state after the removal is sent whole.
      // The service counts this change (touch) only after recording it.
      if (!change.evidenceRecordId) return emit(snapshotFields(db, ref, ref.row.status, true, ref.row.revision + 1));
      return emit({ kind: 'evidence.remove', a: ref.a, c, target: change.evidenceRecordId });
    case 'rubric_version': {
      const from = (change.before as { version: number }).version;
      const to = (change.after as { version: number }).version;
      return emit({ kind: 'rubric_version', a: ref.a, from, to, toSha: rubricShaOf(db, ref.row.rubric_id, to) });
    }
    case 'import': {
      const status = change.importedStatus ?? ref.row.status;
      return emit(snapshotFields(db, ref, status), status !== 'draft');
    }
    default:
      return null;
  }
}

function emitPanelChange(
  ctx: ServiceContext,
  found: { submission_id: number; rubric_id: string },
  action: HistoryAction,
  change: AssessmentChange,
): EmittedRecord | null {
  const { db } = ctx;
  const actor = ctx.actor();
  const sub = subOfSubmission(db, found.submission_id);
  const panel = { sub, rubric: found.rubric_id };
  const docs = [panelDocName(sub)];
  if (action === 'lead') return emitRecord(db, ctx.now(), { kind: 'lead', panel, by: actor.name }, docs);
  if (action !== 'agreed') return null;
  const c = change.criterion ?? '';
  const value = (change.after ?? null) as StoredScore;
  const record = emitRecord(
    db,
    ctx.now(),
    { kind: 'agreed', panel, c, value, before: (change.before ?? null) as StoredScore, reason: change.reason ?? '', by: actor.name },
    docs,
  );
  if (record && value !== null) {
    execute(db, 'UPDATE panel_agreement SET record_id = ? WHERE submission_id = ? AND rubric_id = ? AND criterion_code = ?')(
      record.id,
      found.submission_id,
      found.rubric_id,
      c,
    );
  }
  return record;
}

/**
 * A registry change (a regency, a submission, a rubric version) as its record, for the audit row
 * to carry. Fields may be given lazily (read only in a team); null fields emit nothing.
 */
export function emitRegistry(ctx: ServiceContext, fields: RecordFields | (() => RecordFields | null)): EmittedRecord | null {
  if (!inTeam(ctx.db)) return null;
  const own = typeof fields === 'function' ? fields() : fields;
  return own && emitRecord(ctx.db, ctx.now(), { ...own, by: ctx.actor().name }, [REGISTRY_DOC]);
}

/** A saved rubric version, unless it is a shipped template (every laptop has those). */
export function rubricFields(db: Db, rubricId: string, version: number): RecordFields | null {
  const row = query<{ document: string; origin: string }>(
    db,
    'SELECT v.document, r.origin FROM rubric_version v JOIN rubric r ON r.id = v.rubric_id WHERE v.rubric_id = ? AND v.version = ?',
  ).get(rubricId, version);
  if (!row || row.origin === 'template') return null;
  return { kind: 'rubric', rubric: rubricId, version, rubricSha: sha256Hex(row.document), origin: row.origin, document: row.document };
}

/** A document of a submission, into the panel's document (assessors) or the regency's (planners). */
export function emitDocument(
  db: Db,
  now: string,
  by: string,
  document: { submissionId: number; sha256: string; file: string; role: RecordOf<'document'>['role']; size: number; pages: number },
): EmittedRecord | null {
  const self = teamSelf(db);
  if (!self || self.role === 'ministry') return null;
  const sub = subOfSubmission(db, document.submissionId);
  const doc = self.role === 'assessor' ? panelDocName(sub) : regencyDocName(regencyOfSub(sub));
  const { submissionId: _, ...fields } = document;
  return emitRecord(db, now, { kind: 'document', sub, ...fields, by }, [doc]);
}
