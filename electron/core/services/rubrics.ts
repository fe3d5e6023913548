import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { RubricOrigin, RubricSummary } from '../../../shared/rubric/catalog.ts';
import { classifyChange, type RubricChange } from '../../../shared/rubric/diff.ts';
import { readRubricJson, writeRubricJson } from '../../../shared/rubric/json-file.ts';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import { validateRubric, type RubricValidation } from '../../../shared/rubric/validate.ts';
import { criteriaOf, groupsOf } from '../../../shared/rubric/walk.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { rubricFromXlsx, rubricToXlsx } from '../rubrics/xlsx.ts';
import { emitRegistry, rubricFields } from '../sync/emit.ts';
import { appendAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';

interface VersionRow {
  rubric_id: string;
  version: number;
  document: string;
  change_kind: RubricSummary['changeKind'];
  created_at: string;
  created_by: string;
  origin: RubricOrigin;
  latest_version: number;
}

const VERSION_QUERY = `
  SELECT v.rubric_id, v.version, v.document, v.change_kind, v.created_at, v.created_by, r.origin,
         (SELECT max(version) FROM rubric_version WHERE rubric_id = v.rubric_id) AS latest_version
  FROM rubric_version v JOIN rubric r ON r.id = v.rubric_id`;

function summarise(row: VersionRow, rubric: Rubric): RubricSummary {
  return {
    id: row.rubric_id,
    version: row.version,
    origin: row.origin,
    name: rubric.name,
    ...(rubric.description ? { description: rubric.description } : {}),
    criteria: criteriaOf(rubric).length,
    groups: groupsOf(rubric).length,
    ...(rubric.points !== undefined ? { points: rubric.points } : {}),
    ...(rubric.passMark !== undefined ? { passMark: rubric.passMark } : {}),
    changeKind: row.change_kind,
    latest: row.version === row.latest_version,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export type ImportStatus = 'created' | 'new_version' | 'unchanged';
export type RubricFileFormat = 'json' | 'xlsx';

function invalid(problems: Extract<RubricValidation, { ok: false }>['problems']): AppError {
  const first = problems[0];
  return new AppError(
    'rubric.invalid',
    { count: problems.length, path: first?.path ?? '', node: first?.node ?? '' },
    `invalid rubric: ${problems.map((problem) => `${problem.path}: ${problem.code}`).join('; ')}`,
    problems,
  );
}

/** Sniff the format from the bytes (a workbook is a zip), not from the name a user gave the file. */
export async function readRubricFile(fileName: string, data: Uint8Array): Promise<RubricValidation> {
  const isZip = data.length >= 2 && data[0] === 0x50 && data[1] === 0x4b;
  if (isZip || extname(fileName).toLowerCase() === '.xlsx') return rubricFromXlsx(data);
  return readRubricJson(new TextDecoder('utf-8').decode(data));
}

/**
 * Rubrics and their versions. A saved version never changes (the database refuses);
 * editing saves the next version, classified against the one before. Shipped templates
 * are read-only: clone them to edit.
 */
export function createRubricService(ctx: ServiceContext) {
  const { db } = ctx;

  function row(id: string, version?: number): VersionRow | undefined {
    return version === undefined
      ? query<VersionRow>(db, `${VERSION_QUERY} WHERE v.rubric_id = ? ORDER BY v.version DESC LIMIT 1`).get(id)
      : query<VersionRow>(db, `${VERSION_QUERY} WHERE v.rubric_id = ? AND v.version = ?`).get(id, version);
  }

  function origin(id: string): RubricOrigin | undefined {
    return queryValue<RubricOrigin>(db, 'SELECT origin FROM rubric WHERE id = ?').get(id);
  }

  function list(): RubricSummary[] {
    const rows = query<VersionRow>(db, `${VERSION_QUERY} ORDER BY r.origin = 'template' DESC, v.rubric_id, v.version`).all();
    return rows.map((r) => summarise(r, JSON.parse(r.document) as Rubric));
  }

  function get(id: string, version?: number): { summary: RubricSummary; rubric: Rubric } {
    const found = row(id, version);
    if (!found) throw new AppError('rubric.not_found', { id, version: version ?? '' });
    const rubric = JSON.parse(found.document) as Rubric;
    return { summary: summarise(found, rubric), rubric };
  }

  function insert(rubric: Rubric, originOfNew: RubricOrigin, change: RubricChange | null): RubricSummary {
    db.transaction(() => {
      if (!origin(rubric.id)) {
        execute(db, 'INSERT INTO rubric (id, origin, created_at, created_by) VALUES (?, ?, ?, ?)')(
          rubric.id,
          originOfNew,
          ctx.now(),
          ctx.actor().name,
        );
      }
      execute(
        db,
        `INSERT INTO rubric_version (rubric_id, version, document, change_kind, change, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )(
        rubric.id,
        rubric.version,
        JSON.stringify(rubric),
        change?.kind ?? null,
        change ? JSON.stringify(change) : null,
        ctx.now(),
        ctx.actor().name,
      );
      // A saved version travels whole (its stored text); shipped templates do not travel.
      appendAudit(
        ctx,
        {
          action: 'rubric.save',
          entity: 'rubric',
          entityKey: `${rubric.id}@${rubric.version}`,
          after: { origin: originOfNew, changeKind: change?.kind ?? null },
        },
        emitRegistry(ctx, () => rubricFields(db, rubric.id, rubric.version)),
      );
    })();
    return get(rubric.id, rubric.version).summary;
  }

  /**
   * Store a checked rubric as the next version of its family (or the first of a new one).
   * Read, compare and write happen in one immediate transaction, so the app and the CLI
   * cannot both take the same version number. `baseVersion` is the version an editor
   * started from: if another version was saved meanwhile, the edit is refused, not merged.
   */
  function store(rubric: Rubric, originOfNew: RubricOrigin, baseVersion?: number): { summary: RubricSummary; change: RubricChange | null } {
    return db
      .transaction(() => {
        const familyOrigin = origin(rubric.id);
        if (familyOrigin === 'template') throw new AppError('rubric.template_readonly', { id: rubric.id });
        const latest = familyOrigin ? get(rubric.id) : undefined;
        if (latest && baseVersion !== undefined && baseVersion !== latest.summary.version) {
          throw new AppError('rubric.conflict', { id: rubric.id, base: baseVersion, latest: latest.summary.version });
        }
        const change = latest ? classifyChange(latest.rubric, rubric) : null;
        if (latest && change?.kind === 'none') {
          throw new AppError('rubric.unchanged', { id: rubric.id, version: latest.summary.version });
        }
        const next: Rubric = { ...rubric, version: (latest?.summary.version ?? 0) + 1 };
        return { summary: insert(next, originOfNew, change), change };
      })
      .immediate();
  }

  /** Save from the editor: a new rubric (a clone, say) must not take an existing id; otherwise the next version. */
  function save(input: unknown, asNew: boolean): { summary: RubricSummary; change: RubricChange | null } {
    const checked = validateRubric(input);
    if (!checked.ok) throw invalid(checked.problems);
    if (asNew && origin(checked.rubric.id)) throw new AppError('rubric.id_taken', { id: checked.rubric.id });
    return store(checked.rubric, 'user', asNew ? undefined : checked.rubric.version);
  }

  async function importFile(fileName: string, data: Uint8Array): Promise<{ summary: RubricSummary; status: ImportStatus }> {
    const checked = await readRubricFile(fileName, data);
    if (!checked.ok) throw invalid(checked.problems);
    const rubric = checked.rubric;
    const same = list().find(
      (summary) => summary.id === rubric.id && classifyChange(get(summary.id, summary.version).rubric, rubric).kind === 'none',
    );
    if (same) return { summary: same, status: 'unchanged' };
    const existed = origin(rubric.id) !== undefined;
    const { summary } = store(rubric, 'import');
    return { summary, status: existed ? 'new_version' : 'created' };
  }

  async function exportFile(id: string, version: number, format: RubricFileFormat) {
    const { rubric } = get(id, version);
    const base = `${id}-v${version}`;
    if (format === 'json') {
      return { fileName: `${base}.json`, mimeType: 'application/json', data: Buffer.from(writeRubricJson(rubric), 'utf8') };
    }
    return {
      fileName: `${base}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: await rubricToXlsx(rubric),
    };
  }

  /**
   * Load the shipped templates (resources/rubrics/*.json) that this workspace does not
   * have yet. A template version already stored is left alone; a template whose id a
   * user rubric already took is skipped.
   */
  function seedTemplates(dir: string): string[] {
    if (!existsSync(dir)) return [];
    const added: string[] = [];
    for (const file of readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      // Cheap look at id and version first: on most opens every template is already stored.
      const peek = (JSON.parse(text) as { rubric?: { id?: unknown; version?: unknown } }).rubric;
      if (typeof peek?.id === 'string' && typeof peek.version === 'number') {
        const familyOrigin = origin(peek.id);
        if ((familyOrigin && familyOrigin !== 'template') || row(peek.id, peek.version)) continue;
      }
      const checked = readRubricJson(text);
      if (!checked.ok) throw new Error(`shipped rubric template ${file} is invalid: ${JSON.stringify(checked.problems)}`);
      const { rubric } = checked;
      const familyOrigin = origin(rubric.id);
      if (familyOrigin && familyOrigin !== 'template') continue;
      if (row(rubric.id, rubric.version)) continue;
      const previous = familyOrigin ? get(rubric.id).rubric : undefined;
      insert(rubric, 'template', previous ? classifyChange(previous, rubric) : null);
      added.push(`${rubric.id}@${rubric.version}`);
    }
    return added;
  }

  return { list, get, save, importFile, exportFile, seedTemplates };
}

export type RubricService = ReturnType<typeof createRubricService>;
