import {
  filterRegencies,
  type Regency,
  type RegencyAddInput,
  type RegencyFilter,
  type RegencyUpdateInput,
} from '../../../shared/domain/regency.ts';
import { AppError } from '../../../shared/errors.ts';
import { isForeignKeyViolation, isPrimaryKeyViolation } from '../db/errors.ts';
import { execute, query } from '../db/query.ts';
import type { AreaCatalog } from './areas.ts';
import { emitRegistry } from '../sync/emit.ts';
import { appendAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';

interface RegencyRow {
  code: string;
  name: string;
  province_code: string;
  province_name: string;
  cohort_year: number;
  stage: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

function fromRow(row: RegencyRow): Regency {
  return {
    code: row.code,
    name: row.name,
    provinceCode: row.province_code,
    provinceName: row.province_name,
    cohortYear: row.cohort_year,
    stage: row.stage,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The regency registry: which regencies and cities this workspace follows, and where each one stands. */
export function createRegencyService(ctx: ServiceContext, areas: AreaCatalog) {
  const { db } = ctx;

  function find(code: string): Regency | undefined {
    const row = query<RegencyRow>(db, 'SELECT * FROM regency WHERE code = ?').get(code);
    return row && fromRow(row);
  }

  function get(code: string): Regency {
    const regency = find(code);
    if (!regency) throw new AppError('regency.not_found', { code });
    return regency;
  }

  function list(filter: RegencyFilter = {}): Regency[] {
    const rows = query<RegencyRow>(db, 'SELECT * FROM regency ORDER BY code').all();
    return filterRegencies(rows.map(fromRow), filter);
  }

  function add(input: RegencyAddInput): Regency {
    const area = areas.find(input.code);
    if (!area) throw new AppError('regency.unknown_code', { code: input.code });
    const existing = find(input.code);
    if (existing) throw new AppError('regency.duplicate', { code: existing.code, name: existing.name });
    const at = ctx.now();
    const by = ctx.actor().name;
    try {
      db.transaction(() => {
        execute(
          db,
          `INSERT INTO regency (code, name, province_code, province_name, cohort_year, stage,
                                created_at, created_by, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )(area.code, area.name, area.provinceCode, area.provinceName, input.cohortYear, input.stage, at, by, at, by);
        const record = emitRegistry(ctx, { kind: 'regency', code: area.code, cohortYear: input.cohortYear, stage: input.stage });
        appendAudit(ctx, { action: 'regency.add', entity: 'regency', entityKey: area.code, after: input }, record);
      })();
    } catch (error) {
      // Another process (the CLI beside the app) may have added it a moment ago.
      if (isPrimaryKeyViolation(error)) {
        throw new AppError('regency.duplicate', { code: area.code, name: area.name });
      }
      throw error;
    }
    return get(area.code);
  }

  function update(input: RegencyUpdateInput): Regency {
    const before = get(input.code);
    const cohortYear = input.cohortYear ?? before.cohortYear;
    const stage = input.stage ?? before.stage;
    if (cohortYear === before.cohortYear && stage === before.stage) {
      throw new AppError('regency.nothing_to_change', { code: before.code });
    }
    db.transaction(() => {
      execute(db, 'UPDATE regency SET cohort_year = ?, stage = ?, updated_at = ?, updated_by = ? WHERE code = ?')(
        cohortYear,
        stage,
        ctx.now(),
        ctx.actor().name,
        before.code,
      );
      const record = emitRegistry(ctx, { kind: 'regency', code: before.code, cohortYear, stage });
      appendAudit(
        ctx,
        {
          action: 'regency.update',
          entity: 'regency',
          entityKey: before.code,
          before: { cohortYear: before.cohortYear, stage: before.stage },
          after: { cohortYear, stage },
        },
        record,
      );
    })();
    return get(before.code);
  }

  /**
   * Remove a regency that nothing refers to. Every table that belongs to a regency
   * (submissions, assessments…) references it ON DELETE RESTRICT, so the database
   * itself refuses while such rows exist.
   */
  function remove(code: string): { code: string } {
    const before = get(code);
    try {
      db.transaction(() => {
        execute(db, 'DELETE FROM regency WHERE code = ?')(code);
        appendAudit(ctx, { action: 'regency.remove', entity: 'regency', entityKey: code, before });
      })();
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new AppError('regency.in_use', { code, name: before.name });
      }
      throw error;
    }
    return { code };
  }

  return { list, get, find, add, update, remove };
}

export type RegencyService = ReturnType<typeof createRegencyService>;
