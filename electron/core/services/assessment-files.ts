import { randomUUID } from 'node:crypto';
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
import { parseJsonText } from '../../../shared/text/json.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { signDocument, verifyDocument } from '../identity/signing.ts';
import { subKeyOf } from '../../../shared/sync/record.ts';
import { emitRegistry } from '../sync/emit.ts';
import { appendAudit } from './audit.ts';
import { storedScore, type AssessmentService } from './assessments.ts';
import type { ServiceContext } from './context.ts';

interface Target {
  record: FileAssessment;
  rubric: Rubric;
  submissionId: number | null;
  /**
   * The person it belongs to here: known already (by id, or by name), or new. `claims`: a person known
   * here only by name (work from before person ids) whose own id this file now gives.
   */
  person: { id: string; known: boolean; claims?: string };
  matchedBy: 'id' | 'name';
  existing: { id: number; status: AssessmentStatus; revision: number } | null;
}

export interface ImportedAssessment {
  id: number;
  assessor: string;
  assessorId: string;
  /** 'name': the file carried no person id, so it was matched to (or made) a person by name: worth a look. */
  matchedBy: 'id' | 'name';
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

  /** A person here by the id their own files carry (for someone first known by name, the id they later sent). */
  function personById(id: string): string | undefined {
    return queryValue<string>(db, 'SELECT id FROM person WHERE id = ? OR own_id = ?').get(id, id);
  }

  /** The id a person's own files carry: what goes out in a file, so that it comes back to them. */
  function ownIdOf(personId: string): string {
    return queryValue<string>(db, 'SELECT coalesce(own_id, id) FROM person WHERE id = ?').get(personId) ?? personId;
  }

  function exportFile(filter: { submissionId?: number; assessmentId?: number } = {}): AssessmentFile {
    // What I may see: another panel member's work stays hidden until mine is submitted (get refuses it, lists mark it).
    const details = filter.assessmentId
      ? [assessments.get(filter.assessmentId)]
      : assessments
          .list(filter.submissionId ? { submissionId: filter.submissionId } : {})
          .filter((summary) => !summary.hidden)
          .map((summary) => assessments.detail(summary.id));
    const actor = ctx.actor();
    const publicKey = queryValue<string>(db, 'SELECT public_key FROM person WHERE id = ?').get(actor.id) ?? '';
    const file: AssessmentFile = {
      format: ASSESSMENT_FILE_FORMAT,
      formatVersion: 1,
      exportedAt: ctx.now(),
      exportedBy: actor.name,
      exporter: { id: actor.id, name: actor.name, publicKey },
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
          assessor: {
            id: ownIdOf(summary.assessorId),
            name: summary.assessorName,
            institution: summary.assessorInstitution,
            role: summary.role,
          },
          status: summary.status,
          revision: summary.revision,
          scores,
        };
      }),
    };
    return { ...file, signature: signDocument(db, file) };
  }

  /**
   * The person a record belongs to: by id when the file has one (a name can change, two
   * people can share one), else by name, refusing a name two people here share.
   */
  function personFor(
    record: FileAssessment,
    at: string,
    problems: ProblemData[],
    newByName: Map<string, string>,
  ): Target['person'] & { matchedBy: 'id' | 'name' } {
    const { id, name } = record.assessor;
    if (id !== undefined) {
      const known = personById(id);
      if (known !== undefined) return { id: known, known: true, matchedBy: 'id' };
      // Someone this workspace knew only by name (migrated, or from files without ids) now sends their id.
      const byName = queryValue<string>(
        db,
        `SELECT id FROM person WHERE name = ? AND from_name = 1 AND own_id IS NULL
           AND id NOT IN (SELECT person_id FROM local_person)`,
      ).all(name);
      const only = byName.length === 1 ? byName[0] : undefined;
      if (only !== undefined) return { id: only, known: true, claims: id, matchedBy: 'name' };
      return { id, known: false, matchedBy: 'id' };
    }
    const named = queryValue<string>(db, 'SELECT id FROM person WHERE name = ?').all(name);
    if (named.length > 1)
      problems.push({ code: 'assessment.ambiguous_name', path: `${at}.assessor`, params: { assessor: name, count: named.length } });
    const only = named[0];
    if (only !== undefined) return { id: only, known: true, matchedBy: 'name' };
    // One new person per name in the file: their assessments of several submissions stay together.
    const made = newByName.get(name) ?? randomUUID();
    newByName.set(name, made);
    return { id: made, known: false, matchedBy: 'name' };
  }

  /** A signed file must be what its exporter signed; an exporter known here must sign with the key known here. */
  function checkSignature(text: string, file: AssessmentFile): ProblemData[] {
    if (!file.exporter || file.signature === undefined) return [];
    const raw = parseJsonText(text);
    const document = raw.ok ? (raw.data as Record<string, unknown>) : {};
    if (!verifyDocument(file.exporter.publicKey, document, file.signature)) {
      return [{ code: 'assessment.bad_signature', path: 'signature', params: { name: file.exporter.name } }];
    }
    const knownKey = queryValue<string | null>(db, 'SELECT public_key FROM person WHERE id = ? OR own_id = ?').get(
      file.exporter.id,
      file.exporter.id,
    );
    if (knownKey && knownKey !== file.exporter.publicKey) {
      return [{ code: 'assessment.other_key', path: 'exporter', params: { name: file.exporter.name } }];
    }
    return [];
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
  function check(file: AssessmentFile, text: string): Target[] {
    const problems: ProblemData[] = checkSignature(text, file);
    const targets: Target[] = [];
    const seen = new Set<string>();
    const newByName = new Map<string, string>();
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
      const person = personFor(record, at, problems, newByName);
      const key = JSON.stringify([record.regency, record.stage, record.year, record.rubric.id, record.assessor.role, person.id]);
      if (seen.has(key)) problems.push({ code: 'assessment.duplicate_in_file', path: at, params: { assessor: record.assessor.name } });
      seen.add(key);
      const submissionId = regency ? submissionIdFor(record) : null;
      const existing = submissionId
        ? (query<NonNullable<Target['existing']>>(
            db,
            'SELECT id, status, revision FROM assessment WHERE submission_id = ? AND rubric_id = ? AND role = ? AND assessor_id = ?',
          ).get(submissionId, record.rubric.id, record.assessor.role, person.id) ?? null)
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
      if (rubric)
        targets.push({
          record,
          rubric,
          submissionId,
          person: { id: person.id, known: person.known, ...(person.claims ? { claims: person.claims } : {}) },
          matchedBy: person.matchedBy,
          existing,
        });
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
    const sub = subKeyOf({ regencyCode: record.regency, kind, stage: record.stage ?? null, year: record.year ?? null });
    appendAudit(
      ctx,
      {
        action: 'submission.create',
        entity: 'submission',
        entityKey: String(id),
        after: { regencyCode: record.regency, kind, stage: record.stage, year: record.year, via: 'assessment import' },
      },
      emitRegistry(ctx, { kind: 'submission', sub, title: null }),
    );
    return id;
  }

  /** The person as the file names them: new ones are added, others' names follow their latest file (mine follows my profile). */
  function notePerson(target: Target, file: AssessmentFile, at: string): void {
    const { id, name, institution } = { ...target.record.assessor, id: target.person.id };
    const ownId = target.person.claims ?? target.record.assessor.id ?? id;
    const publicKey = file.exporter?.id === ownId && file.signature !== undefined ? file.exporter.publicKey : null;
    if (!target.person.known && queryValue<string>(db, 'SELECT id FROM person WHERE id = ?').get(id) === undefined) {
      const fromName = target.record.assessor.id === undefined ? 1 : 0;
      execute(db, 'INSERT INTO person (id, name, institution, public_key, from_name, updated_at) VALUES (?, ?, ?, ?, ?, ?)')(
        id,
        name,
        institution,
        publicKey,
        fromName,
        at,
      );
      return;
    }
    if (target.person.claims) execute(db, 'UPDATE person SET own_id = ? WHERE id = ? AND own_id IS NULL')(target.person.claims, id);
    if (id === ctx.actor().id) return;
    execute(
      db,
      `UPDATE person SET name = ?, institution = ?, public_key = coalesce(public_key, ?), updated_at = ?
       WHERE id = ? AND (name <> ? OR institution <> ? OR public_key IS NULL)`,
    )(name, institution, publicKey, at, id, name, institution);
  }

  function write(target: Target, file: AssessmentFile): ImportedAssessment {
    const { record } = target;
    const submissionId = ensureSubmission(record);
    const at = ctx.now();
    const actor = ctx.actor().name;
    notePerson(target, file, at);
    const id =
      target.existing?.id ??
      Number(
        execute(
          db,
          `INSERT INTO assessment (submission_id, rubric_id, rubric_version, role, assessor_id, assessor_name, assessor_institution,
                                   created_at, created_by, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )(
          submissionId,
          record.rubric.id,
          record.rubric.version,
          record.assessor.role,
          target.person.id,
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
        local: true,
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
        local: true,
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
      // The steps of an import stay local: in a team, the import of my own work travels as one snapshot (below).
      if (old.value !== value) {
        assessments.record(event, 'score', { criterion: code, before: old.value, after: value, reason: 'import', local: true });
      }
      if (old.note !== note)
        assessments.record(event, 'note', { criterion: code, before: old.note, after: note, reason: 'import', local: true });
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
          local: true,
        });
        evidenceCount += 1;
      }
    }
    const revision = Math.max((target.existing?.revision ?? 0) + 1, record.revision ?? 0);
    execute(db, 'UPDATE assessment SET revision = ?, updated_at = ?, updated_by = ? WHERE id = ?')(revision, at, actor, id);
    assessments.record(event, 'import', {
      after: { scores: Object.keys(record.scores).length, evidence: evidenceCount, status: record.status },
      importedStatus: record.status,
    });
    if (record.status !== 'draft') {
      execute(db, "UPDATE assessment SET status = 'submitted', submitted_at = ? WHERE id = ?")(at, id);
      assessments.record(event, 'status', { before: 'draft', after: 'submitted', reason: 'import', local: true });
    }
    if (record.status === 'finalized') {
      execute(db, "UPDATE assessment SET status = 'finalized', finalized_at = ? WHERE id = ?")(at, id);
      assessments.record(event, 'status', { before: 'submitted', after: 'finalized', reason: 'import', local: true });
    }
    return {
      id,
      assessor: record.assessor.name,
      assessorId: target.person.id,
      matchedBy: target.matchedBy,
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
        const targets = check(reading.file, text);
        return targets.map((target) => write(target, reading.file));
      })
      .immediate();
  }

  return { exportFile, importText };
}

export type AssessmentFileService = ReturnType<typeof createAssessmentFileService>;
