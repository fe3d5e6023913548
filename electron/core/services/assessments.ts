import { SqliteError } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { canTransition, isEditable, needsReason } from '../../../shared/assessment/lifecycle.ts';
import type {
  AssessmentDetail,
  AssessmentRole,
  AssessmentStatus,
  AssessmentSummary,
  CriterionEntry,
  Evidence,
  HistoryAction,
  HistoryEvent,
  StoredScore,
} from '../../../shared/assessment/model.ts';
import { migrateScores } from '../../../shared/rubric/diff.ts';
import { acceptsScore, allowedValues } from '../../../shared/rubric/scale.ts';
import type { Criterion, Rubric } from '../../../shared/rubric/schema.ts';
import { scoreRubric } from '../../../shared/rubric/score.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { emitAssessmentChange, type AssessmentChange } from '../sync/emit.ts';
import type { EmittedRecord } from '../sync/outbox.ts';
import type { ServiceContext } from './context.ts';
import { panelsHiddenFrom, type HiddenPanels } from './panel-visibility.ts';
import type { RubricService } from './rubrics.ts';
import type { SettingsService } from './settings.ts';

interface AssessmentRow {
  id: number;
  submission_id: number;
  rubric_id: string;
  rubric_version: number;
  role: AssessmentRole;
  assessor_id: string;
  /** The person's current name (assessor_name is the name when the assessment was made). */
  assessor_label: string;
  assessor_institution: string;
  status: AssessmentStatus;
  revision: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
  submitted_at: string | null;
  finalized_at: string | null;
  regency_code: string;
  regency_name: string;
  submission_kind: 'bimtek' | 'evaluation';
  stage: number | null;
  year: number | null;
  latest_version: number;
}

interface ScoreRow {
  assessment_id: number;
  criterion_code: string;
  value: number | null;
  not_applicable: 0 | 1;
  note: string;
  needs_rescore: 0 | 1;
  updated_at: string;
  updated_by: string;
}

interface EvidenceRow {
  id: number;
  assessment_id: number;
  criterion_code: string;
  document_id: number | null;
  file_name: string;
  page: number;
  quote: string;
  created_at: string;
  created_by: string;
  record_id: string | null;
}

interface EventRow {
  id: number;
  at: string;
  actor: string;
  actor_id: string | null;
  submission_id: number;
  rubric_id: string;
  assessment_id: number | null;
  assessor_id: string | null;
  assessor_label: string | null;
  role: AssessmentRole | null;
  criterion_code: string | null;
  action: HistoryAction;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** Who is looking, under which settings, and (looked up when first needed) the panels hidden from them. */
interface Viewpoint {
  /** My person id. */
  me: string;
  settings: Settings;
  hidden(): HiddenPanels;
}

export interface HistoryFilter {
  assessmentId?: number;
  submissionId?: number;
  criterion?: string;
}

/** The events that would give another assessor's scores away. */
const REVEALING: readonly HistoryAction[] = ['score', 'note', 'evidence.add', 'evidence.remove', 'import', 'agreed'];

const SELECT = `
  SELECT a.*, s.regency_code, r.name AS regency_name, s.kind AS submission_kind, s.stage, s.year,
         (SELECT max(version) FROM rubric_version WHERE rubric_id = a.rubric_id) AS latest_version
  FROM assessment_named a JOIN submission s ON s.id = a.submission_id JOIN regency r ON r.code = s.regency_code`;

export const storedScore = (row: Pick<ScoreRow, 'value' | 'not_applicable'>): StoredScore => (row.not_applicable ? 'na' : row.value);

/** The scores of an assessment as the scoring engine takes them (not yet scored left out). */
export function scoresFrom(rows: readonly Pick<ScoreRow, 'criterion_code' | 'value' | 'not_applicable'>[]): Record<string, number | 'na'> {
  const scores: Record<string, number | 'na'> = {};
  for (const row of rows) {
    const value = storedScore(row);
    if (value !== null) scores[row.criterion_code] = value;
  }
  return scores;
}

/** The stage a submission is scored at: criteria of other Bimtek stages are not due. Evaluations have none. */
export const scoringStage = (row: { submission_kind: 'bimtek' | 'evaluation'; stage: number | null }) =>
  row.submission_kind === 'bimtek' && row.stage !== null ? row.stage : undefined;

/** Refuse a score the criterion does not accept, saying what it does accept. */
export function checkScore(criterion: Criterion, value: number | 'na'): void {
  if (acceptsScore(criterion, value)) return;
  if (value === 'na') throw new AppError('assessment.na_not_allowed', { code: criterion.code });
  throw new AppError('assessment.value_outside_scale', { code: criterion.code, value, allowed: allowedValues(criterion.scale) });
}

/** A trigger refused the write: the assessment is not a draft (someone else moved it meanwhile). */
function lockedBy(error: unknown): boolean {
  return error instanceof SqliteError && /assessment is (not a draft|finalized)/.test(error.message);
}

/**
 * Assessments: one person's scores, notes and evidence for one submission on one rubric
 * version. Every change is saved at once, appended to the assessment's history in the
 * same transaction, and refused (here, and by the database's triggers) unless the
 * assessment is a draft of the person using this workspace.
 */
export function createAssessmentService(ctx: ServiceContext, rubrics: RubricService, settings: SettingsService) {
  const { db } = ctx;
  const rubricCache = new Map<string, Rubric>();

  /** Versions never change, so a parsed rubric is kept. */
  function rubricOf(id: string, version: number): Rubric {
    const key = `${id}@${version}`;
    let rubric = rubricCache.get(key);
    if (!rubric) {
      rubric = rubrics.get(id, version).rubric;
      rubricCache.set(key, rubric);
    }
    return rubric;
  }

  function row(id: number): AssessmentRow {
    const found = query<AssessmentRow>(db, `${SELECT} WHERE a.id = ?`).get(id);
    if (!found) throw new AppError('assessment.not_found', { id });
    return found;
  }

  function scoreRows(id: number): ScoreRow[] {
    return query<ScoreRow>(db, 'SELECT * FROM assessment_score WHERE assessment_id = ? ORDER BY criterion_code').all(id);
  }

  /**
   * Who is looking and under which settings, read once per call however many assessments it
   * shows; the panels hidden from me are looked up once, when a row first asks.
   */
  function viewpoint(): Viewpoint {
    const me = ctx.actor().id;
    const current = settings.get();
    let hidden: HiddenPanels | undefined;
    return { me, settings: current, hidden: () => (hidden ??= panelsHiddenFrom(db, me, current)) };
  }

  /** Another assessor's assessment in a panel whose others' scores are hidden from me. */
  function hiddenFromMe(found: AssessmentRow, from: Viewpoint): boolean {
    if (found.role !== 'assessor' || found.assessor_id === from.me) return false;
    return from.hidden().has(found.submission_id, found.rubric_id);
  }

  function summarise(found: AssessmentRow, rows: ScoreRow[] = scoreRows(found.id), from: Viewpoint = viewpoint()): AssessmentSummary {
    const rubric = rubricOf(found.rubric_id, found.rubric_version);
    const hidden = hiddenFromMe(found, from);
    const stage = scoringStage(found);
    const result = scoreRubric(rubric, scoresFrom(rows), { passMark: from.settings.passMark, ...(stage ? { stage } : {}) });
    return {
      id: found.id,
      submissionId: found.submission_id,
      regencyCode: found.regency_code,
      regencyName: found.regency_name,
      submissionKind: found.submission_kind,
      stage: found.stage,
      year: found.year,
      rubricId: found.rubric_id,
      rubricVersion: found.rubric_version,
      rubricName: rubric.name,
      role: found.role,
      assessorId: found.assessor_id,
      assessorName: found.assessor_label,
      assessorInstitution: found.assessor_institution,
      status: found.status,
      revision: found.revision,
      percent: hidden ? null : result.percent,
      gap: hidden ? null : result.gap,
      passMark: result.passMark,
      completeness: result.completeness,
      needsRescore: rows.filter((entry) => entry.needs_rescore).length,
      newerVersion: found.latest_version > found.rubric_version ? found.latest_version : null,
      mine: found.assessor_id === from.me,
      hidden,
      createdAt: found.created_at,
      updatedAt: found.updated_at,
      updatedBy: found.updated_by,
      submittedAt: found.submitted_at,
      finalizedAt: found.finalized_at,
    };
  }

  /** A bounded number of statements however long the list: the scores of all its assessments are read in one. */
  function list(filter: { submissionId?: number; mine?: boolean } = {}): AssessmentSummary[] {
    const from = viewpoint();
    const params = { submission: filter.submissionId ?? null, assessor: filter.mine ? from.me : null };
    const rows = query<AssessmentRow, [typeof params]>(
      db,
      `${SELECT} WHERE (@submission IS NULL OR a.submission_id = @submission) AND (@assessor IS NULL OR a.assessor_id = @assessor)
       ORDER BY s.regency_code, s.kind, s.stage, s.year, a.role, a.assessor_label, a.id`,
    ).all(params);
    const scores = new Map<number, ScoreRow[]>();
    const listed = query<ScoreRow, [typeof params]>(
      db,
      `SELECT sc.* FROM assessment_score sc JOIN assessment a ON a.id = sc.assessment_id
       WHERE (@submission IS NULL OR a.submission_id = @submission) AND (@assessor IS NULL OR a.assessor_id = @assessor)
       ORDER BY sc.assessment_id, sc.criterion_code`,
    ).all(params);
    for (const score of listed) {
      const own = scores.get(score.assessment_id);
      if (own) own.push(score);
      else scores.set(score.assessment_id, [score]);
    }
    return rows.map((found) => summarise(found, scores.get(found.id) ?? [], from));
  }

  function entryOf(found: ScoreRow): CriterionEntry {
    return {
      criterion: found.criterion_code,
      value: storedScore(found),
      note: found.note,
      needsRescore: found.needs_rescore === 1,
      updatedAt: found.updated_at,
      updatedBy: found.updated_by,
    };
  }

  function evidenceOf(found: EvidenceRow): Evidence {
    return {
      id: found.id,
      criterion: found.criterion_code,
      documentId: found.document_id,
      fileName: found.file_name,
      page: found.page,
      quote: found.quote,
      createdAt: found.created_at,
      createdBy: found.created_by,
    };
  }

  /** What the screens may see: another panel member's scores stay hidden until mine is submitted. */
  function get(id: number): AssessmentDetail {
    const found = row(id);
    if (hiddenFromMe(found, viewpoint())) throw new AppError('assessment.hidden', { assessor: found.assessor_label });
    return detail(id);
  }

  /** Everything, for exports and the services themselves. */
  function detail(id: number): AssessmentDetail {
    const found = row(id);
    const rows = scoreRows(id);
    const evidence = query<EvidenceRow>(db, 'SELECT * FROM evidence WHERE assessment_id = ? ORDER BY id').all(id);
    return { assessment: summarise(found, rows), entries: rows.map(entryOf), evidence: evidence.map(evidenceOf) };
  }

  /**
   * The trail line of a change, and (in a team, when I am its rightful author) its signed record:
   * the line then carries the record's id, counter, time and name, as it will on every laptop.
   */
  function record(
    found: { id: number | null; submission_id: number; rubric_id: string },
    action: HistoryAction,
    change: AssessmentChange,
  ): EmittedRecord | null {
    const actor = ctx.actor();
    const emitted = emitAssessmentChange(ctx, found, action, change);
    execute(
      db,
      `INSERT INTO assessment_event (at, actor, actor_id, submission_id, rubric_id, assessment_id, criterion_code, action, before, after, reason,
                                     record_id, seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )(
      emitted?.body.at ?? ctx.now(),
      emitted?.body.by ?? actor.name,
      actor.id,
      found.submission_id,
      found.rubric_id,
      found.id,
      change.criterion ?? null,
      action,
      change.before === undefined ? null : JSON.stringify(change.before),
      change.after === undefined ? null : JSON.stringify(change.after),
      change.reason ?? null,
      emitted?.id ?? null,
      emitted?.body.seq ?? null,
    );
    return emitted;
  }

  function touch(id: number): void {
    execute(db, 'UPDATE assessment SET revision = revision + 1, updated_at = ?, updated_by = ? WHERE id = ?')(
      ctx.now(),
      ctx.actor().name,
      id,
    );
  }

  /** Run work on an assessment in one write transaction; a trigger's refusal becomes the user's message. */
  function writing<T>(id: number, work: (found: AssessmentRow) => T): T {
    try {
      return db.transaction(() => work(row(id))).immediate();
    } catch (error) {
      if (lockedBy(error)) throw new AppError('assessment.locked', { status: row(id).status });
      throw error;
    }
  }

  /** A change to a draft of mine. */
  function change<T>(id: number, work: (found: AssessmentRow) => T): T {
    return writing(id, (found) => {
      if (found.assessor_id !== ctx.actor().id) throw new AppError('assessment.not_yours', { assessor: found.assessor_label });
      if (!isEditable(found.status)) throw new AppError('assessment.locked', { status: found.status });
      return work(found);
    });
  }

  function criterionOf(found: AssessmentRow, code: string): Criterion {
    const criterion = criteriaOf(rubricOf(found.rubric_id, found.rubric_version)).find(({ node }) => node.code === code)?.node;
    if (!criterion) throw new AppError('assessment.unknown_criterion', { code, rubric: `${found.rubric_id} v${found.rubric_version}` });
    return criterion;
  }

  function currentScore(id: number, code: string): ScoreRow | undefined {
    return query<ScoreRow>(db, 'SELECT * FROM assessment_score WHERE assessment_id = ? AND criterion_code = ?').get(id, code);
  }

  function upsertScore(id: number, code: string, fields: { value?: StoredScore; note?: string; needsRescore?: boolean }): void {
    const existing = currentScore(id, code);
    const value = fields.value !== undefined ? fields.value : existing ? storedScore(existing) : null;
    execute(
      db,
      `INSERT INTO assessment_score (assessment_id, criterion_code, value, not_applicable, note, needs_rescore, updated_at, updated_by)
       VALUES (@id, @code, @value, @na, @note, @rescore, @at, @by)
       ON CONFLICT (assessment_id, criterion_code) DO UPDATE SET
         value = @value, not_applicable = @na, note = @note, needs_rescore = @rescore, updated_at = @at, updated_by = @by`,
    )({
      id,
      code,
      value: typeof value === 'number' ? value : null,
      na: value === 'na' ? 1 : 0,
      note: fields.note ?? existing?.note ?? '',
      rescore: (fields.needsRescore ?? existing?.needs_rescore === 1) ? 1 : 0,
      at: ctx.now(),
      by: ctx.actor().name,
    });
  }

  function create(input: { submissionId: number; rubricId: string; rubricVersion: number; role: AssessmentRole }): AssessmentSummary {
    const submission = queryValue<number>(db, 'SELECT id FROM submission WHERE id = ?').get(input.submissionId);
    if (submission === undefined) throw new AppError('submission.not_found', { id: input.submissionId });
    rubrics.get(input.rubricId, input.rubricVersion);
    const actor = ctx.actor();
    const institution = queryValue<string>(db, 'SELECT institution FROM profile WHERE id = 1').get() ?? '';
    const id = db
      .transaction(() => {
        const duplicate = queryValue<number>(
          db,
          'SELECT id FROM assessment WHERE submission_id = ? AND rubric_id = ? AND role = ? AND assessor_id = ?',
        ).get(input.submissionId, input.rubricId, input.role, actor.id);
        if (duplicate !== undefined) throw new AppError('assessment.duplicate', { id: duplicate, assessor: actor.name });
        const created = Number(
          execute(
            db,
            `INSERT INTO assessment (submission_id, rubric_id, rubric_version, role, assessor_id, assessor_name, assessor_institution,
                                   created_at, created_by, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )(
            input.submissionId,
            input.rubricId,
            input.rubricVersion,
            input.role,
            actor.id,
            actor.name,
            institution,
            ctx.now(),
            actor.name,
            ctx.now(),
            actor.name,
          ).lastInsertRowid,
        );
        record({ id: created, submission_id: input.submissionId, rubric_id: input.rubricId }, 'create', {
          after: { rubric: `${input.rubricId} v${input.rubricVersion}`, role: input.role },
        });
        return created;
      })
      .immediate();
    return summarise(row(id));
  }

  /** `reason` says where a change came from when it was not typed in the app (a score sheet). */
  function setScore(id: number, code: string, value: StoredScore, reason?: string): AssessmentDetail {
    change(id, (found) => {
      if (value !== null) checkScore(criterionOf(found, code), value);
      const existing = currentScore(id, code);
      const before = existing ? storedScore(existing) : null;
      if (before === value && !existing?.needs_rescore) return;
      upsertScore(id, code, { value, needsRescore: false });
      record(found, 'score', { criterion: code, before, after: value, ...(reason ? { reason } : {}) });
      touch(id);
    });
    return detail(id);
  }

  /** `reason` says where a change came from when it was not typed in the app (a score sheet). */
  function setNote(id: number, code: string, note: string, reason?: string): AssessmentDetail {
    change(id, (found) => {
      criterionOf(found, code);
      const before = currentScore(id, code)?.note ?? '';
      if (before === note) return;
      upsertScore(id, code, { note });
      record(found, 'note', { criterion: code, before, after: note, ...(reason ? { reason } : {}) });
      touch(id);
    });
    return detail(id);
  }

  function addEvidence(id: number, input: { criterion: string; documentId: number; page: number; quote: string }): AssessmentDetail {
    change(id, (found) => {
      criterionOf(found, input.criterion);
      const document = query<{ id: number; submission_id: number; file_name: string; sha256: string; pages: number }>(
        db,
        'SELECT id, submission_id, file_name, sha256, pages FROM document WHERE id = ?',
      ).get(input.documentId);
      if (!document || document.submission_id !== found.submission_id)
        throw new AppError('evidence.wrong_document', { id: input.documentId });
      if (input.page > Math.max(1, document.pages)) {
        throw new AppError('evidence.bad_page', { page: input.page, file: document.file_name, pages: document.pages });
      }
      const evidenceId = Number(
        execute(
          db,
          `INSERT INTO evidence (assessment_id, criterion_code, document_id, file_name, sha256, page, quote, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )(id, input.criterion, document.id, document.file_name, document.sha256, input.page, input.quote, ctx.now(), ctx.actor().name)
          .lastInsertRowid,
      );
      record(found, 'evidence.add', {
        criterion: input.criterion,
        after: { id: evidenceId, file: document.file_name, page: input.page, quote: input.quote },
        evidenceId,
      });
      touch(id);
    });
    return detail(id);
  }

  function removeEvidence(id: number, evidenceId: number): AssessmentDetail {
    change(id, (found) => {
      const existing = query<EvidenceRow>(db, 'SELECT * FROM evidence WHERE id = ? AND assessment_id = ?').get(evidenceId, id);
      if (!existing) throw new AppError('evidence.not_found', { id: evidenceId });
      execute(db, 'DELETE FROM evidence WHERE id = ?')(evidenceId);
      record(found, 'evidence.remove', {
        criterion: existing.criterion_code,
        before: { id: evidenceId, file: existing.file_name, page: existing.page, quote: existing.quote },
        evidenceRecordId: existing.record_id,
      });
      touch(id);
    });
    return detail(id);
  }

  /** Who may move an assessment: its assessor, or for finalizing and reopening, the panel's lead. */
  function mayMove(found: AssessmentRow, to: AssessmentStatus): boolean {
    const me = ctx.actor().id;
    if (found.assessor_id === me) return true;
    if (to === 'submitted' || found.role !== 'assessor') return false;
    return (
      queryValue<string>(db, 'SELECT lead_id FROM panel WHERE submission_id = ? AND rubric_id = ?').get(
        found.submission_id,
        found.rubric_id,
      ) === me
    );
  }

  function transition(id: number, to: AssessmentStatus, reason?: string): AssessmentSummary {
    writing(id, (found) => {
      if (!mayMove(found, to)) throw new AppError('assessment.not_yours', { assessor: found.assessor_label });
      if (!canTransition(found.status, to)) throw new AppError('assessment.bad_transition', { from: found.status, to });
      if (needsReason(found.status, to) && !reason?.trim()) throw new AppError('assessment.reason_required');
      if (to === 'submitted') {
        const summary = summarise(found);
        const missing = summary.completeness.scorable - summary.completeness.scored;
        if (missing > 0 || summary.needsRescore > 0) {
          throw new AppError('assessment.incomplete', { missing, rescore: summary.needsRescore });
        }
      }
      const at = ctx.now();
      execute(
        db,
        `UPDATE assessment SET status = @to, revision = revision + 1, updated_at = @at, updated_by = @by,
           submitted_at = CASE WHEN @to = 'submitted' THEN @at WHEN @to = 'draft' THEN NULL ELSE submitted_at END,
           finalized_at = CASE WHEN @to = 'finalized' THEN @at ELSE finalized_at END
         WHERE id = @id`,
      )({ to, at, by: ctx.actor().name, id });
      record(found, 'status', { before: found.status, after: to, ...(reason?.trim() ? { reason: reason.trim() } : {}) });
    });
    return summarise(row(id));
  }

  /**
   * Move a draft to a newer version of its rubric. Scores carry over where what they judge
   * is unchanged; new, moved and rescaled criteria are flagged "needs rescore"; scores of
   * removed criteria are dropped (the history keeps them). Nothing is recomputed silently.
   */
  function upgrade(
    id: number,
    version: number,
  ): { summary: AssessmentSummary; needsRescore: string[]; dropped: string[]; resultsChanged: boolean } {
    const outcome = change(id, (found) => {
      if (version <= found.rubric_version) throw new AppError('assessment.no_newer_version', { version });
      const before = rubricOf(found.rubric_id, found.rubric_version);
      const after = rubricOf(found.rubric_id, version);
      const rows = scoreRows(id);
      const migration = migrateScores(before, after, scoresFrom(rows));
      const flagged = new Set(migration.needsRescore);
      const known = new Set(criteriaOf(after).map(({ node }) => node.code));
      execute(db, 'UPDATE assessment SET rubric_version = ? WHERE id = ?')(version, id);
      // Evidence and notes of criteria that are gone go with them (the history keeps them).
      const evidence = query<{ id: number; criterion_code: string }>(
        db,
        'SELECT id, criterion_code FROM evidence WHERE assessment_id = ?',
      ).all(id);
      for (const item of evidence) if (!known.has(item.criterion_code)) execute(db, 'DELETE FROM evidence WHERE id = ?')(item.id);
      for (const existing of rows) {
        const code = existing.criterion_code;
        if (!known.has(code)) {
          execute(db, 'DELETE FROM assessment_score WHERE assessment_id = ? AND criterion_code = ?')(id, code);
          continue;
        }
        const carried = Object.hasOwn(migration.scores, code) ? (migration.scores[code] ?? null) : null;
        // A flag from an earlier version stays until the criterion is scored again.
        upsertScore(id, code, { value: carried, needsRescore: flagged.has(code) || existing.needs_rescore === 1 });
      }
      // New criteria have no row yet: they are flagged too, so that the assessor sees them.
      for (const code of flagged) if (!currentScore(id, code)) upsertScore(id, code, { value: null, needsRescore: true });
      record(found, 'rubric_version', {
        before: { version: found.rubric_version },
        after: { version, needsRescore: migration.needsRescore, dropped: migration.dropped },
      });
      touch(id);
      return migration;
    });
    return {
      summary: summarise(row(id)),
      needsRescore: outcome.needsRescore,
      dropped: outcome.dropped,
      resultsChanged: outcome.resultsChanged,
    };
  }

  function events(filter: HistoryFilter): HistoryEvent[] {
    const rows = query<EventRow, [Record<string, unknown>]>(
      db,
      `SELECT e.id, e.at, e.actor, e.actor_id, e.submission_id, e.rubric_id, e.assessment_id, a.assessor_id, a.assessor_label, a.role,
              e.criterion_code, e.action, e.before, e.after, e.reason
       FROM assessment_event e LEFT JOIN assessment_named a ON a.id = e.assessment_id
       WHERE (@assessment IS NULL OR e.assessment_id = @assessment)
         AND (@submission IS NULL OR e.submission_id = @submission)
         AND (@criterion IS NULL OR e.criterion_code = @criterion)
       ORDER BY e.at, e.seq, e.id`,
    ).all({
      assessment: filter.assessmentId ?? null,
      submission: filter.submissionId ?? null,
      criterion: filter.criterion ?? null,
    });
    return rows.map((event) => ({
      id: event.id,
      at: event.at,
      actor: event.actor,
      actorId: event.actor_id,
      submissionId: event.submission_id,
      rubricId: event.rubric_id,
      assessmentId: event.assessment_id,
      assessorId: event.assessor_id,
      assessorName: event.assessor_label,
      role: event.role,
      criterion: event.criterion_code,
      action: event.action,
      before: event.before === null ? null : (JSON.parse(event.before) as unknown),
      after: event.after === null ? null : (JSON.parse(event.after) as unknown),
      reason: event.reason,
    }));
  }

  /**
   * The audit trail as I may see it: in a panel whose others' scores are hidden from me, the
   * other assessors' score, note, evidence and import events are left out, as are agreed scores.
   */
  function history(filter: HistoryFilter): HistoryEvent[] {
    const all = events(filter);
    const { me, hidden } = viewpoint();
    return all.filter(
      (event) =>
        !REVEALING.includes(event.action) ||
        (event.assessorId === me && event.role === 'assessor') ||
        event.role === 'self' ||
        !hidden().has(event.submissionId, event.rubricId),
    );
  }

  return {
    list,
    get,
    detail,
    create,
    setScore,
    setNote,
    addEvidence,
    removeEvidence,
    transition,
    upgrade,
    history,
    rubricOf,
    record,
    upsertScore,
    summarise: (id: number) => summarise(row(id)),
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
