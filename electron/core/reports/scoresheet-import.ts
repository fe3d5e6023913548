import { sheetText } from './sheet-text.ts';
import type ExcelJS from 'exceljs';
import type { ProblemData } from '../../../shared/errors.ts';
import { NOTE_MAX } from '../../../shared/assessment/model.ts';
import { parseLocaleNumber } from '../../../shared/format/number.ts';
import { acceptsScore, allowedValues } from '../../../shared/rubric/scale.ts';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import { criteriaOf, walk } from '../../../shared/rubric/walk.ts';
import { inspectZip } from '../platform/zip-guard.ts';
import { SCORE_SHEET, SCORESHEET_FORMAT, STAMP_SHEET } from './scoresheet.ts';

/** What the hidden stamp of an exported score sheet says. */
export interface Stamp {
  submissionId: number;
  rubricId: string;
  rubricVersion: number;
  headerRow: number;
  /** assessorId: absent in sheets made before stable identities. */
  /** noteColumn: where the assessor's notes are (absent in sheets made before notes came back on import). */
  columns: { column: string; assessmentId: number; revision: number; name: string; assessorId?: string; noteColumn?: string }[];
}

export interface SheetReading {
  stamp: Stamp;
  /** Per criterion code: its row, and per assessor column the value typed there (null: empty). */
  values: Map<string, { row: number; cells: Map<string, number | 'na' | null>; notes: Map<string, string> }>;
}

export const SCORESHEET_LIMITS = { maxEntries: 500, maxUnpacked: 50 * 1024 * 1024 };

const NA_WORDS = new Set(['na', 'n/a', 't/b', 'tb', 'tidak berlaku', 'not applicable']);

function plain(value: ExcelJS.CellValue): unknown {
  if (value !== null && typeof value === 'object') {
    if ('result' in value) return value.result;
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return value.text;
  }
  return value;
}

/** The stamp, or the problem that the file is not a score sheet from Timbang. */
function readStamp(workbook: ExcelJS.Workbook): Stamp | ProblemData {
  const sheet = workbook.getWorksheet(STAMP_SHEET);
  if (!sheet || !workbook.getWorksheet(SCORE_SHEET)) return { code: 'scoresheet.not_scoresheet', path: '(file)', params: {} };
  const fields = new Map<string, unknown>();
  const columns: Stamp['columns'] = [];
  sheet.eachRow((row) => {
    const key = String(plain(row.getCell(1).value) ?? '');
    if (key === 'assessment') {
      const assessorId = plain(row.getCell(6).value);
      const noteColumn = plain(row.getCell(7).value);
      columns.push({
        column: String(plain(row.getCell(2).value)),
        assessmentId: Number(plain(row.getCell(3).value)),
        revision: Number(plain(row.getCell(4).value)),
        name: String(plain(row.getCell(5).value) ?? ''),
        ...(typeof assessorId === 'string' && assessorId ? { assessorId } : {}),
        ...(typeof noteColumn === 'string' && noteColumn ? { noteColumn } : {}),
      });
    } else fields.set(key, plain(row.getCell(2).value));
  });
  if (fields.get('format') !== SCORESHEET_FORMAT || Number(fields.get('formatVersion')) !== 1) {
    return { code: 'scoresheet.not_scoresheet', path: STAMP_SHEET, params: {} };
  }
  const stamp: Stamp = {
    submissionId: Number(fields.get('submissionId')),
    rubricId: String(fields.get('rubricId')),
    rubricVersion: Number(fields.get('rubricVersion')),
    headerRow: Number(fields.get('headerRow')),
    columns,
  };
  const sane =
    new Set(stamp.columns.map((column) => column.column)).size === stamp.columns.length &&
    new Set(stamp.columns.map((column) => column.assessmentId)).size === stamp.columns.length &&
    Number.isInteger(stamp.submissionId) &&
    Number.isInteger(stamp.rubricVersion) &&
    Number.isInteger(stamp.headerRow) &&
    stamp.columns.every(
      (column) =>
        /^[A-Z]{1,3}$/.test(column.column) &&
        (column.noteColumn === undefined || /^[A-Z]{1,3}$/.test(column.noteColumn)) &&
        Number.isInteger(column.assessmentId) &&
        Number.isInteger(column.revision),
    );
  return sane ? stamp : { code: 'scoresheet.not_scoresheet', path: STAMP_SHEET, params: {} };
}

export async function loadScoreSheet(
  data: Uint8Array,
): Promise<{ ok: true; workbook: ExcelJS.Workbook; stamp: Stamp } | { ok: false; problems: ProblemData[] }> {
  const verdict = inspectZip(data, SCORESHEET_LIMITS);
  if (!verdict.ok) {
    const code =
      verdict.reason === 'too_large' || verdict.reason === 'too_many_entries' ? 'scoresheet.unsafe_archive' : 'scoresheet.unreadable';
    return { ok: false, problems: [{ code, path: '(file)', params: { message: verdict.detail, limit: '50 MB' } }] };
  }
  const ExcelJSModule = (await import('exceljs')).default;
  const workbook = new ExcelJSModule.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    return { ok: false, problems: [{ code: 'scoresheet.unreadable', path: '(file)', params: { message: (error as Error).message } }] };
  }
  const stamp = readStamp(workbook);
  return 'code' in stamp ? { ok: false, problems: [stamp] } : { ok: true, workbook, stamp };
}

/**
 * Read the scores typed into a score sheet, checking its structure against the rubric
 * (every criterion there, no unknown codes) and every value against its criterion's
 * scale. Every problem comes back with its cell address ("Nilai!J17").
 */
export function readScores(workbook: ExcelJS.Workbook, stamp: Stamp, rubric: Rubric): { reading: SheetReading; problems: ProblemData[] } {
  const sheet = workbook.getWorksheet(SCORE_SHEET) as ExcelJS.Worksheet;
  const criteria = new Map(criteriaOf(rubric).map(({ node }) => [node.code, node]));
  const groups = new Set([...walk(rubric)].filter(({ node }) => node.type === 'group').map(({ node }) => node.code));
  const problems: ProblemData[] = [];
  const values: SheetReading['values'] = new Map();
  const at = (address: string) => `${SCORE_SHEET}!${address}`;
  for (let r = stamp.headerRow + 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const code = String(plain(row.getCell('B').value) ?? '').trim();
    if (!code || groups.has(code)) continue;
    const criterion = criteria.get(code);
    if (!criterion) {
      problems.push({
        code: 'scoresheet.unknown_code',
        path: at(`B${r}`),
        node: code,
        params: { code, rubric: `${rubric.id} v${rubric.version}` },
      });
      continue;
    }
    if (values.has(code)) {
      problems.push({ code: 'scoresheet.duplicate_code', path: at(`B${r}`), node: code, params: { code } });
      continue;
    }
    const cells = new Map<string, number | 'na' | null>();
    const notes = new Map<string, string>();
    // Each assessor's note, as typed: text (or a number typed as one); an empty cell is no note.
    for (const { column, noteColumn } of stamp.columns) {
      if (!noteColumn) continue;
      const cell = row.getCell(noteColumn);
      const raw = plain(cell.value);
      const address = at(`${noteColumn}${r}`);
      if (raw === null || raw === undefined) notes.set(column, '');
      else if (typeof raw === 'string' || typeof raw === 'number') {
        const note = sheetText(String(raw));
        if (note.length > NOTE_MAX)
          problems.push({
            code: 'scoresheet.note_too_long',
            path: address,
            node: code,
            params: { code, length: note.length, max: NOTE_MAX },
          });
        else notes.set(column, note);
      } else problems.push({ code: 'scoresheet.not_a_note', path: address, node: code, params: { code, found: cell.text } });
    }
    for (const { column } of stamp.columns) {
      const raw = plain(row.getCell(column).value);
      const address = at(`${column}${r}`);
      let value: number | 'na' | null;
      if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) value = null;
      else if (typeof raw === 'number') value = raw;
      else if (typeof raw === 'string' && NA_WORDS.has(raw.trim().toLowerCase())) value = 'na';
      else if (typeof raw === 'string' && parseLocaleNumber(raw, 'id') !== undefined) value = parseLocaleNumber(raw, 'id') as number;
      else {
        const cell = row.getCell(column);
        // A formula or an error says so; anything else as it reads.
        const found = cell.formula ? `=${cell.formula}` : typeof raw === 'object' && raw !== null ? cell.text : String(raw);
        problems.push({ code: 'scoresheet.not_a_score', path: address, node: code, params: { code, found } });
        continue;
      }
      if (value !== null && !acceptsScore(criterion, value)) {
        problems.push({
          code: value === 'na' ? 'scoresheet.na_not_allowed' : 'scoresheet.value_outside_scale',
          path: address,
          node: code,
          params: { code, value: String(value), allowed: allowedValues(criterion.scale) },
        });
        continue;
      }
      cells.set(column, value);
    }
    values.set(code, { row: r, cells, notes });
  }
  for (const code of criteria.keys()) {
    if (!values.has(code) && !problems.some((problem) => problem.node === code)) {
      problems.push({ code: 'scoresheet.missing_criterion', path: at('B'), node: code, params: { code } });
    }
  }
  return { reading: { stamp, values }, problems };
}
