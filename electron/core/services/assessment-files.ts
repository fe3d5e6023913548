import { AppError, type ProblemData } from '../../../shared/errors.ts';
import {
  ASSESSMENT_FILE_FORMAT,
  checkScoresAgainstRubric,
  readAssessmentJson,
  type AssessmentFile,
  type FileAssessment,
} from '../../../shared/assessment/file.ts';
import type { AssessmentStatus } from '../../../shared/assessment/model.ts';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { appendAudit } from './audit.ts';
import { storedScore, type AssessmentService } from './assessments.ts';
import type { ServiceContext } from './context.ts';

interface Target {
  record: FileAssessment;
  rubric: Rubric;
  submissionId: number | null;
  existing: { id: number; status: AssessmentStatus; revision: number } | null;
}

export interface ImportedAssessment {
  id: number;
  assessor: string;
  role: FileAssessment['assessor']['role'];
  regency: string;
  stage: number | null;
  year: number | null;
  status: AssessmentStatus;
  created: boolean;
  scores: number;
}

function invalid(problems: ProblemData[]): AppError {
  const first = problems[0];
  return new AppError(
    'assessment.invalid',
    { count: problems.length, path: first?.path ?? '', node: first?.node ?? '' },
    `invalid assessment file: ${problems.map((problem) => `${problem.path}: ${problem.code}`).join('; ')}`,
    problems,
  );
}

/**
 * Assessment files in and out (docs/formats/assessment.md). An import is checked whole
 * first (regency, rubric version, every criterion code and value, the state of each
 * target) and written in one transaction: all of it, or nothing.
 */
export function createAssessmentFileService(ctx: ServiceContext, assessments: AssessmentService) {
  const { db } = ctx;

  function exportFile(filter: { submissionId?: number; assessmentId?: number } = {}): AssessmentFile {
    // What I may see: another panel member's work stays hidden until mine is submitted (get refuses it, lists mark it).
    const details = filter.assessmentId
      ? [assessments.get(filter.assessmentId)]
      : assessments
          .list(filter.submissionId ? { submissionId: filter.submissionId } : {})
          .filter((summary) => !summary.hidden)
          .map((summary) => assessments.detail(summary.id));
    return {
      format: ASSESSMENT_FILE_FORMAT,
      formatVersion: 1,
      exportedAt: ctx.now(),
      exportedBy: ctx.actor().name,
      assessments: details.map((detail) => {
        const summary = detail.assessment;
        const sha = new Map(
          query<{ id: number; sha256: string | null }>(db, 'SELECT id, sha256 FROM evidence WHERE assessment_id = ?')
            .all(summary.id)
            .map((row) => [row.id, row.sha256]),
        );
        const scores: FileAssessment['scores'] = {};
        for (const entry of detail.entries) {
          scores[entry.criterion] = { value: entry.value, note: entry.note, evidence: [], needsRescore: entry.needsRescore };
        }
        for (const evidence of detail.evidence) {
          scores[evidence.criterion] ??= { value: null, note: '', evidence: [], needsRescore: false };
          const hash = sha.get(evidence.id);
          scores[evidence.criterion]?.evidence.push({
            file: evidence.fileName,
            ...(hash ? { sha256: hash } : {}),
            page: evidence.page,
            quote: evidence.quote,
          });
        }
        return {
          rubric: { id: summary.rubricId, version: summary.rubricVersion },
          regency: summary.regencyCode,
          ...(summary.submissionKind === 'bimtek' ? { stage: summary.stage ?? 1 } : { year: summary.year ?? 0 }),
          assessor: { name: summary.assessorName, institution: summary.assessorInstitution, role: summary.role },
          status: summary.status,
          revision: summary.revision,
          scores,
        };
      }),
    };
  }

  function submissionIdFor(record: FileAssessment): number | null {
    const kind = record.stage !== undefined ? 'bimtek' : 'evaluation';
    const found = queryValue<number>(
      db,
      'SELECT id FROM submission WHERE regency_code = ? AND kind = ? AND coalesce(stage, 0) = ? AND coalesce(year, 0) = ?',
    ).get(record.regency, kind, record.stage ?? 0, record.year ?? 0);
    return found ?? null;
  }

  /** Every problem of the file against this workspace, before anything is written. */
  function check(file: AssessmentFile): Target[] {
    const problems: ProblemData[] = [];
    const targets: Target[] = [];
    const seen = new Set<string>();
    file.assessments.forEach((record, index) => {
      const at = `assessments.${index}`;
      const regency = queryValue<string>(db, 'SELECT code FROM regency WHERE code = ?').get(record.regency) !== undefined;
      if (!regency) problems.push({ code: 'assessment.unknown_regency', path: `${at}.regency`, params: { code: record.regency } });
      let rubric: Rubric | undefined;
      try {
        rubric = assessments.rubricOf(record.rubric.id, record.rubric.version);
      } catch {
        problems.push({
          code: 'assessment.unknown_rubric',
          path: `${at}.rubric`,
          params: { rubric: `${record.rubric.id} v${record.rubric.version}` },
        });
      }
      if (rubric) problems.push(...checkScoresAgainstRubric(record, rubric, at));
      const key = JSON.stringify([record.regency, record.stage, record.year, record.rubric.id, record.assessor.role, record.assessor.name]);
      if (seen.has(key)) problems.push({ code: 'assessment.duplicate_in_file', path: at, params: { assessor: record.assessor.name } });
      seen.add(key);
      const submissionId = regency ? submissionIdFor(record) : null;
      const existing = submissionId
        ? (query<NonNullable<Target['existing']>>(
            db,
            'SELECT id, status, revision FROM assessment WHERE submission_id = ? AND rubric_id = ? AND role = ? AND assessor_name = ?',
          ).get(submissionId, record.rubric.id, record.assessor.role, record.assessor.name) ?? null)
        : null;
      if (existing && record.revision !== undefined && record.revision < existing.revision) {
        // An older copy of work that has moved on here: importing it would undo the newer edits.
        problems.push({
          code: 'assessment.older_revision',
          path: `${at}.revision`,
          params: { assessor: record.assessor.name, file: record.revision, here: existing.revision },
        });
      }
      if (existing && existing.status !== 'draft') {
        problems.push({
          code: existing.status === 'finalized' ? 'assessment.target_finalized' : 'assessment.target_submitted',
          path: at,
          params: { assessor: record.assessor.name, id: existing.id },
        });
      }
      if (rubric) targets.push({ record, rubric, submissionId, existing });
    });
    if (problems.length > 0) throw invalid(problems);
    return targets;
  }

  function ensureSubmission(record: FileAssessment): number {
    const existing = submissionIdFor(record);
    if (existing) return existing;
    const kind = record.stage !== undefined ? 'bimtek' : 'evaluation';
    const insert = execute(
      db,
      'INSERT INTO submission (regency_code, kind, stage, year, title, created_at, created_by) VALUES (?, ?, ?, ?, NULL, ?, ?)',
    );
    const id = Number(insert(record.regency, kind, record.stage ?? null, record.year ?? null, ctx.now(), ctx.actor().name).lastInsertRowid);
    appendAudit(ctx, {
      action: 'submission.create',
      entity: 'submission',
      entityKey: String(id),
      after: { regencyCode: record.regency, kind, stage: record.stage, year: record.year, via: 'assessment import' },
    });
    return id;
  }

  function write(target: Target): ImportedAssessment {
    const { record } = target;
    const submissionId = ensureSubmission(record);
    const at = ctx.now();
    const actor = ctx.actor().name;
    const id =
      target.existing?.id ??
      Number(
        execute(
          db,
          `INSERT INTO assessment (submission_id, rubric_id, rubric_version, role, assessor_name, assessor_institution,
                                   created_at, created_by, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )(
          submissionId,
          record.rubric.id,
          record.rubric.version,
          record.assessor.role,
          record.assessor.name,
          record.assessor.institution,
          at,
          actor,
          at,
          actor,
        ).lastInsertRowid,
      );
    const event = { id, submission_id: submissionId, rubric_id: record.rubric.id };
    if (!target.existing)
      assessments.record(event, 'create', {
        after: { rubric: `${record.rubric.id} v${record.rubric.version}`, role: record.assessor.role },
      });
    execute(db, 'UPDATE assessment SET rubric_version = ?, assessor_institution = ? WHERE id = ?')(
      record.rubric.version,
      record.assessor.institution,
      id,
    );

    const before = new Map(
      query<{ criterion_code: string; value: number | null; not_applicable: 0 | 1; note: string }>(
        db,
        'SELECT criterion_code, value, not_applicable, note FROM assessment_score WHERE assessment_id = ?',
      )
        .all(id)
        .map((row) => [row.criterion_code, { value: storedScore(row), note: row.note }]),
    );
    const replaced = query<{ id: number; criterion_code: string; file_name: string; page: number; quote: string }>(
      db,
      'SELECT id, criterion_code, file_name, page, quote FROM evidence WHERE assessment_id = ?',
    ).all(id);
    for (const item of replaced) {
      assessments.record(event, 'evidence.remove', {
        criterion: item.criterion_code,
        before: { id: item.id, file: item.file_name, page: item.page, quote: item.quote },
        reason: 'import',
      });
    }
    execute(db, 'DELETE FROM evidence WHERE assessment_id = ?')(id);
    execute(db, 'DELETE FROM assessment_score WHERE assessment_id = ?')(id);
    const codes = new Set([...before.keys(), ...Object.keys(record.scores)]);
    for (const code of codes) {
      const old = before.get(code) ?? { value: null, note: '' };
      const now = record.scores[code];
      const value = now?.value ?? null;
      const note = now?.note ?? '';
      if (now) assessments.upsertScore(id, code, { value, note, needsRescore: now.needsRescore });
      if (old.value !== value) assessments.record(event, 'score', { criterion: code, before: old.value, after: value, reason: 'import' });
      if (old.note !== note) assessments.record(event, 'note', { criterion: code, before: old.note, after: note, reason: 'import' });
    }
    const documents = query<{ id: number; file_name: string; sha256: string }>(
      db,
      'SELECT id, file_name, sha256 FROM document WHERE submission_id = ?',
    ).all(submissionId);
    const insertEvidence = execute(
      db,
      `INSERT INTO evidence (assessment_id, criterion_code, document_id, file_name, sha256, page, quote, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let evidenceCount = 0;
    for (const [code, score] of Object.entries(record.scores)) {
      for (const evidence of score.evidence) {
        // The same content under any name, else the same name: the citation still opens the page.
        const document =
          documents.find((candidate) => evidence.sha256 !== undefined && candidate.sha256 === evidence.sha256) ??
          documents.find((candidate) => candidate.file_name === evidence.file);
        const evidenceId = Number(
          insertEvidence(
            id,
            code,
            document?.id ?? null,
            evidence.file,
            evidence.sha256 ?? document?.sha256 ?? null,
            evidence.page,
            evidence.quote,
            at,
            actor,
          ).lastInsertRowid,
        );
        assessments.record(event, 'evidence.add', {
          criterion: code,
          after: { id: evidenceId, file: evidence.file, page: evidence.page, quote: evidence.quote },
          reason: 'import',
        });
        evidenceCount += 1;
      }
    }
    const revision = Math.max((target.existing?.revision ?? 0) + 1, record.revision ?? 0);
    execute(db, 'UPDATE assessment SET revision = ?, updated_at = ?, updated_by = ? WHERE id = ?')(revision, at, actor, id);
    assessments.record(event, 'import', {
      after: { scores: Object.keys(record.scores).length, evidence: evidenceCount, status: record.status },
    });
    if (record.status !== 'draft') {
      execute(db, "UPDATE assessment SET status = 'submitted', submitted_at = ? WHERE id = ?")(at, id);
      assessments.record(event, 'status', { before: 'draft', after: 'submitted', reason: 'import' });
    }
    if (record.status === 'finalized') {
      execute(db, "UPDATE assessment SET status = 'finalized', finalized_at = ? WHERE id = ?")(at, id);
      assessments.record(event, 'status', { before: 'submitted', after: 'finalized', reason: 'import' });
    }
    return {
      id,
      assessor: record.assessor.name,
      role: record.assessor.role,
      regency: record.regency,
      stage: record.stage ?? null,
      year: record.year ?? null,
      status: record.status,
      created: !target.existing,
      scores: Object.values(record.scores).filter((score) => score.value !== null).length,
    };
  }

  function importText(text: string): ImportedAssessment[] {
    const reading = readAssessmentJson(text);
    if (!reading.ok) throw invalid(reading.problems);
    return db
      .transaction(() => {
        // Checked again inside the write lock: nothing can be finalized between the check and the write.
        const targets = check(reading.file);
        return targets.map(write);
      })
      .immediate();
  }

  return { exportFile, importText };
}

export type AssessmentFileService = ReturnType<typeof createAssessmentFileService>;
