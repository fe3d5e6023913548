import { AppError } from '../../../shared/errors.ts';
import type { Submission, SubmissionInput } from '../../../shared/intake/model.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { subKeyOf } from '../../../shared/sync/record.ts';
import { emitRegistry } from '../sync/emit.ts';
import { appendAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';

interface SubmissionRow {
  id: number;
  regency_code: string;
  regency_name: string;
  kind: 'bimtek' | 'evaluation';
  stage: number | null;
  year: number | null;
  title: string | null;
  documents: number;
  created_at: string;
  created_by: string;
}

const SELECT = `
  SELECT s.*, r.name AS regency_name, (SELECT count(*) FROM document d WHERE d.submission_id = s.id) AS documents
  FROM submission s JOIN regency r ON r.code = s.regency_code`;

function fromRow(row: SubmissionRow): Submission {
  return {
    id: row.id,
    regencyCode: row.regency_code,
    regencyName: row.regency_name,
    kind: row.kind,
    stage: row.stage,
    year: row.year,
    title: row.title,
    documents: row.documents,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** A regency's masterplan per Bimtek stage (or evaluation year): the box its documents go into. */
export function createSubmissionService(ctx: ServiceContext) {
  const { db } = ctx;

  function list(regencyCode?: string): Submission[] {
    const rows = query<SubmissionRow>(
      db,
      `${SELECT} WHERE (@code IS NULL OR s.regency_code = @code) ORDER BY s.regency_code, s.kind, s.stage, s.year`,
    ).all({
      code: regencyCode ?? null,
    });
    return rows.map(fromRow);
  }

  const getQuery = query<SubmissionRow>(db, `${SELECT} WHERE s.id = ?`);

  function get(id: number): Submission {
    const row = getQuery.get(id);
    if (!row) throw new AppError('submission.not_found', { id });
    return fromRow(row);
  }

  function create(input: SubmissionInput): Submission {
    const regency = query<{ name: string }>(db, 'SELECT name FROM regency WHERE code = ?').get(input.regencyCode);
    if (!regency) throw new AppError('regency.not_found', { code: input.regencyCode });
    const stage = input.kind === 'bimtek' ? input.stage : null;
    const year = input.kind === 'evaluation' ? input.year : null;
    const duplicate = queryValue<number>(
      db,
      'SELECT id FROM submission WHERE regency_code = ? AND kind = ? AND coalesce(stage, 0) = ? AND coalesce(year, 0) = ?',
    ).get(input.regencyCode, input.kind, stage ?? 0, year ?? 0);
    if (duplicate !== undefined) {
      throw new AppError('submission.duplicate', { regency: regency.name, what: stage ? `Bimtek ${stage}` : String(year) });
    }
    const id = db.transaction(() => {
      const insert = execute(
        db,
        'INSERT INTO submission (regency_code, kind, stage, year, title, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const created = Number(
        insert(input.regencyCode, input.kind, stage, year, input.title || null, ctx.now(), ctx.actor().name).lastInsertRowid,
      );
      const sub = subKeyOf({ regencyCode: input.regencyCode, kind: input.kind, stage, year });
      const record = emitRegistry(ctx, { kind: 'submission', sub, title: input.title || null });
      appendAudit(ctx, { action: 'submission.create', entity: 'submission', entityKey: String(created), after: input }, record);
      return created;
    })();
    return get(id);
  }

  function remove(id: number): { id: number } {
    const submission = get(id);
    if (submission.documents > 0) throw new AppError('submission.not_empty', { id, count: submission.documents });
    const assessed = queryValue<number>(db, 'SELECT count(*) FROM assessment WHERE submission_id = ?').get(id) ?? 0;
    if (assessed > 0) throw new AppError('submission.assessed', { id, count: assessed });
    db.transaction(() => {
      execute(db, 'DELETE FROM submission WHERE id = ?')(id);
      appendAudit(ctx, { action: 'submission.remove', entity: 'submission', entityKey: String(id), before: submission });
    })();
    return { id };
  }

  return { list, get, create, remove };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
