import type ExcelJS from 'exceljs';
import type { Band, Criterion, Group, Level, Rubric, RubricNode, Scale } from '../../../shared/rubric/schema.ts';
import { validateRubric, type RubricProblem, type RubricValidation } from '../../../shared/rubric/validate.ts';
import { walk } from '../../../shared/rubric/walk.ts';
import { inspectZip } from '../platform/zip-guard.ts';

/**
 * The rubric as a workbook, for authors who work in Excel (docs/formats/rubric.md):
 * sheet "Rubrik" holds the settings as key/value rows, "Predikat" the bands, and
 * "Kriteria" one row per group or criterion in tree order, with its levels in
 * Nilai/Label/Deskriptor column triples. Columns are found by their header, so
 * authors may reorder them.
 */

const SHEET_META = 'Rubrik';
const SHEET_BANDS = 'Predikat';
const SHEET_NODES = 'Kriteria';

const COLUMNS = {
  path: 'Jalur (path)',
  type: 'Jenis (type)',
  code: 'Kode (code)',
  titleId: 'Judul (ID)',
  titleEn: 'Title (EN)',
  weight: 'Bobot (weight)',
  weighting: 'Pembobotan anak (weighting)',
  points: 'Poin (points)',
  scale: 'Skala (scale)',
  min: 'Min',
  max: 'Maks (max)',
  step: 'Langkah (step)',
  mapping: 'Pemetaan (mapping)',
  na: 'Boleh N/A',
  stages: 'Tahap Bimtek (stages)',
  guidance: 'Panduan (guidance)',
} as const;

const GROUP = 'kelompok';
const CRITERION = 'kriteria';
const LEVEL_SCALE = 'tingkat';
const NUMBER_SCALE = 'angka';
const YES = 'ya';
const NO = 'tidak';

const META_ROWS: [key: string, note: string][] = [
  ['id', 'Pengenal rubrik: huruf kecil, angka, tanda hubung (mis. masterplan-review)'],
  ['version', 'Versi; Timbang memberi nomor versi baru saat menyimpan'],
  ['name_id', 'Nama rubrik (Bahasa Indonesia)'],
  ['name_en', 'Name of the rubric (English)'],
  ['description', 'Keterangan'],
  ['pass_mark', 'Batas lulus dalam %; kosong = mengikuti pengaturan ruang kerja'],
  ['points', 'Hasil juga ditampilkan sebagai poin dari angka ini (mis. 5 atau 80); kosong = tidak'],
  ['weighting', 'percent = bobot tingkat teratas berjumlah 100; relative = bobot dinormalkan'],
  [
    'stage_weighting',
    'Kelompok yang baru sebagian kriterianya dinilai pada tahap Bimtek: due-share = dihitung sebesar bagian bobot yang sudah dinilai; whole = bobot penuh; kosong = whole',
  ],
];

// Writing -----------------------------------------------------------------------------

/** exceljs is large; load it when a workbook is actually read or written, not at every start. */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export async function rubricToXlsx(rubric: Rubric): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'Timbang';

  const meta = workbook.addWorksheet(SHEET_META, { views: [{ state: 'frozen', ySplit: 1 }] });
  meta.columns = [
    { header: 'Kunci (key)', key: 'key', width: 16 },
    { header: 'Nilai (value)', key: 'value', width: 60 },
    { header: 'Keterangan', key: 'note', width: 70 },
  ];
  const values: Record<string, string | number | undefined> = {
    id: rubric.id,
    version: rubric.version,
    name_id: rubric.name.id,
    name_en: rubric.name.en,
    description: rubric.description,
    pass_mark: rubric.passMark,
    points: rubric.points,
    weighting: rubric.weighting,
    stage_weighting: rubric.stageWeighting,
  };
  for (const [key, note] of META_ROWS) meta.addRow({ key, value: values[key] ?? null, note });
  meta.getColumn('value').alignment = { wrapText: true, vertical: 'top' };

  const bands = workbook.addWorksheet(SHEET_BANDS, { views: [{ state: 'frozen', ySplit: 1 }] });
  bands.columns = [
    { header: 'Predikat (ID)', key: 'id', width: 24 },
    { header: 'Band (EN)', key: 'en', width: 24 },
    { header: 'Mulai dari % (min)', key: 'min', width: 18 },
  ];
  for (const band of rubric.bands ?? []) bands.addRow({ id: band.label.id, en: band.label.en ?? null, min: band.min });

  const visits = [...walk(rubric)];
  const levelCount = Math.max(2, ...visits.map(({ node }) => (node.type === 'criterion' ? levelsOf(node.scale).length : 0)));
  const nodes = workbook.addWorksheet(SHEET_NODES, { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  nodes.columns = [
    { header: COLUMNS.path, key: 'path', width: 16 },
    { header: COLUMNS.type, key: 'type', width: 11 },
    { header: COLUMNS.code, key: 'code', width: 10 },
    { header: COLUMNS.titleId, key: 'titleId', width: 44 },
    { header: COLUMNS.titleEn, key: 'titleEn', width: 36 },
    { header: COLUMNS.weight, key: 'weight', width: 10 },
    { header: COLUMNS.weighting, key: 'weighting', width: 14 },
    { header: COLUMNS.points, key: 'points', width: 9 },
    { header: COLUMNS.scale, key: 'scale', width: 10 },
    { header: COLUMNS.min, key: 'min', width: 7 },
    { header: COLUMNS.max, key: 'max', width: 7 },
    { header: COLUMNS.step, key: 'step', width: 9 },
    { header: COLUMNS.mapping, key: 'mapping', width: 11 },
    { header: COLUMNS.na, key: 'na', width: 10 },
    { header: COLUMNS.stages, key: 'stages', width: 12 },
    { header: COLUMNS.guidance, key: 'guidance', width: 44 },
    ...Array.from({ length: levelCount }, (_, index) => [
      { header: `Nilai ${index + 1}`, key: `value${index}`, width: 8 },
      { header: `Label ${index + 1}`, key: `label${index}`, width: 14 },
      { header: `Deskriptor ${index + 1}`, key: `descriptor${index}`, width: 44 },
    ]).flat(),
  ];
  for (const { node, ancestors } of visits) {
    const row: Record<string, string | number | null> = {
      path: ancestors.join(' > '),
      type: node.type === 'group' ? GROUP : CRITERION,
      code: node.code,
      titleId: node.title.id,
      titleEn: node.title.en ?? null,
      weight: node.weight,
    };
    if (node.type === 'group') {
      row.weighting = node.weighting;
      row.points = node.points ?? null;
    } else {
      row.scale = node.scale.kind === 'levels' ? LEVEL_SCALE : NUMBER_SCALE;
      if (node.scale.kind === 'number') Object.assign(row, { min: node.scale.min, max: node.scale.max, step: node.scale.step });
      row.mapping = node.scale.mapping;
      row.na = node.allowNotApplicable ? YES : NO;
      row.stages = node.stages?.join(',') ?? null;
      row.guidance = node.guidance ?? null;
      levelsOf(node.scale).forEach((level, index) => {
        row[`value${index}`] = level.value;
        row[`label${index}`] = level.label;
        row[`descriptor${index}`] = level.descriptor;
      });
    }
    const added = nodes.addRow(row);
    if (node.type === 'group') added.font = { bold: true };
  }
  nodes.getRow(1).font = { bold: true };
  nodes.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  // Drop-down lists over the rows in use and room for more, as ranges (no empty rows are created).
  const lastRow = visits.length + 200;
  const validations = (nodes as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  const list = (column: string, values: string[]) =>
    validations.add(`${column}2:${column}${lastRow}`, { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] });
  list('B', [GROUP, CRITERION]);
  list('G', ['percent', 'relative']);
  list('I', [LEVEL_SCALE, NUMBER_SCALE]);
  list('M', ['range', 'ratio']);
  list('N', [YES, NO]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function levelsOf(scale: Scale): Level[] {
  return scale.kind === 'levels' ? scale.levels : scale.anchors;
}

// Reading -----------------------------------------------------------------------------

type CellValue = ExcelJS.CellValue;

function text(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('result' in value) return text(value.result as CellValue);
    if ('text' in value) return String(value.text).trim();
  }
  return String(value).trim();
}

class SheetReader {
  readonly problems: RubricProblem[] = [];
  private readonly sheetName: string;

  constructor(sheetName: string) {
    this.sheetName = sheetName;
  }

  at(address: string): string {
    return `${this.sheetName}!${address}`;
  }

  number(cell: ExcelJS.Cell, required: boolean): number | undefined {
    const value = cell.value;
    const raw = typeof value === 'object' && value !== null && 'result' in value ? value.result : value;
    if (typeof raw === 'number') return raw;
    const asText = text(raw as CellValue);
    if (asText === '') {
      if (required)
        this.problems.push({
          code: 'bad_cell',
          path: this.at(cell.address),
          params: { cell: this.at(cell.address), expected: 'number', found: '' },
        });
      return undefined;
    }
    const parsed = Number(asText.replace(',', '.'));
    if (Number.isFinite(parsed)) return parsed;
    this.problems.push({
      code: 'bad_cell',
      path: this.at(cell.address),
      params: { cell: this.at(cell.address), expected: 'number', found: asText },
    });
    return undefined;
  }

  choice<T extends string>(cell: ExcelJS.Cell, allowed: readonly T[], fallback?: T): T | undefined {
    const value = text(cell.value).toLowerCase();
    if (value === '' && fallback !== undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push({
      code: 'bad_cell',
      path: this.at(cell.address),
      params: { cell: this.at(cell.address), expected: allowed.join(' | '), found: value },
    });
    return undefined;
  }
}

function headerIndex(sheet: ExcelJS.Worksheet): Map<string, number> {
  const map = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => map.set(text(cell.value).toLowerCase(), column));
  return map;
}

/** Read a workbook written by rubricToXlsx (or by an author in its layout) and validate it. */
/** A rubric workbook is a few hundred KB unpacked; anything near these limits is not one. */
export const RUBRIC_WORKBOOK_LIMITS = { maxEntries: 500, maxUnpacked: 50 * 1024 * 1024 };

export async function rubricFromXlsx(data: Uint8Array): Promise<RubricValidation> {
  const verdict = inspectZip(data, RUBRIC_WORKBOOK_LIMITS);
  if (!verdict.ok) {
    const code = verdict.reason === 'too_large' || verdict.reason === 'too_many_entries' ? 'unsafe_archive' : 'unreadable_xlsx';
    return { ok: false, problems: [{ code, path: '(file)', params: { message: verdict.detail, limit: '50 MB' } }] };
  }
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    return { ok: false, problems: [{ code: 'unreadable_xlsx', path: '(file)', params: { message: (error as Error).message } }] };
  }
  const problems: RubricProblem[] = [];
  const sheets = [SHEET_META, SHEET_NODES].map((name) => workbook.getWorksheet(name));
  const [meta, nodes] = sheets;
  if (!meta || !nodes) {
    for (const name of [SHEET_META, SHEET_NODES]) {
      if (!workbook.getWorksheet(name)) problems.push({ code: 'missing_sheet', path: name, params: { sheet: name } });
    }
    return { ok: false, problems };
  }

  const metaReader = new SheetReader(SHEET_META);
  const settings = new Map<string, ExcelJS.Cell>();
  meta.eachRow((row, rowNumber) => {
    if (rowNumber > 1) settings.set(text(row.getCell(1).value).toLowerCase(), row.getCell(2));
  });
  const setting = (key: string) => text(settings.get(key)?.value ?? null);
  const settingNumber = (key: string) => {
    const cell = settings.get(key);
    return cell ? metaReader.number(cell, false) : undefined;
  };

  const bands: Band[] = [];
  const bandSheet = workbook.getWorksheet(SHEET_BANDS);
  const bandReader = new SheetReader(SHEET_BANDS);
  bandSheet?.eachRow((row, rowNumber) => {
    if (rowNumber === 1 || text(row.getCell(1).value) === '') return;
    const min = bandReader.number(row.getCell(3), true);
    const en = text(row.getCell(2).value);
    bands.push({ label: { id: text(row.getCell(1).value), ...(en ? { en } : {}) }, min: min ?? Number.NaN });
  });

  const columns = headerIndex(nodes);
  const column = (header: string) => columns.get(header.toLowerCase());
  for (const header of [COLUMNS.type, COLUMNS.code, COLUMNS.titleId, COLUMNS.weight]) {
    if (column(header) === undefined)
      problems.push({ code: 'missing_column', path: SHEET_NODES, params: { sheet: SHEET_NODES, column: header } });
  }
  if (problems.length) return { ok: false, problems };

  const reader = new SheetReader(SHEET_NODES);
  const items: RubricNode[] = [];
  const groups = new Map<string, Group>();
  nodes.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cell = (header: string) => row.getCell(column(header) ?? 1000);
    const cellText = (header: string) => (column(header) === undefined ? '' : text(cell(header).value));
    const code = cellText(COLUMNS.code);
    if (code === '' && cellText(COLUMNS.titleId) === '') return;
    const type = reader.choice(cell(COLUMNS.type), [GROUP, CRITERION] as const);
    const titleEn = cellText(COLUMNS.titleEn);
    const common = {
      code,
      title: { id: cellText(COLUMNS.titleId), ...(titleEn ? { en: titleEn } : {}) },
      weight: reader.number(cell(COLUMNS.weight), true) ?? Number.NaN,
    };
    const parent = cellText(COLUMNS.path)
      .split('>')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    const parentAddress = reader.at(cell(COLUMNS.path).address);
    // Parents come before their children, so a parent not yet seen (or the row itself) is an error, never a cycle.
    if (parent && !groups.has(parent)) {
      problems.push({ code: 'unknown_parent', path: parentAddress, node: code, params: { cell: parentAddress, parent } });
      return;
    }
    let node: RubricNode | undefined;
    if (type === GROUP) {
      const points = column(COLUMNS.points) === undefined ? undefined : reader.number(cell(COLUMNS.points), false);
      node = {
        type: 'group',
        ...common,
        weighting: reader.choice(cell(COLUMNS.weighting), ['percent', 'relative'] as const, 'percent') ?? 'percent',
        ...(points !== undefined ? { points } : {}),
        children: [],
      } satisfies Group;
    } else if (type === CRITERION) {
      node = readCriterion(row, common, cell, cellText, columns, reader);
    }
    if (!node) return;
    if (parent) groups.get(parent)?.children.push(node);
    else items.push(node);
    if (node.type === 'group') groups.set(code, node);
  });

  problems.push(...metaReader.problems, ...bandReader.problems, ...reader.problems);
  if (problems.length) return { ok: false, problems };

  const nameEn = setting('name_en');
  const description = setting('description');
  const passMark = settingNumber('pass_mark');
  const points = settingNumber('points');
  const stageWeighting = setting('stage_weighting');
  const candidate = {
    id: setting('id'),
    version: settingNumber('version') ?? 1,
    name: { id: setting('name_id'), ...(nameEn ? { en: nameEn } : {}) },
    ...(description ? { description } : {}),
    ...(passMark !== undefined ? { passMark } : {}),
    ...(points !== undefined ? { points } : {}),
    weighting: setting('weighting') || 'percent',
    ...(stageWeighting ? { stageWeighting } : {}),
    ...(bands.length ? { bands } : {}),
    items,
  };
  return validateRubric(candidate);
}

function readCriterion(
  row: ExcelJS.Row,
  common: Pick<Criterion, 'code' | 'title' | 'weight'>,
  cell: (header: string) => ExcelJS.Cell,
  cellText: (header: string) => string,
  columns: Map<string, number>,
  reader: SheetReader,
): Criterion | undefined {
  const levels: Level[] = [];
  for (let index = 1; columns.has(`nilai ${index}`); index += 1) {
    const valueCell = row.getCell(columns.get(`nilai ${index}`) as number);
    const label = text(row.getCell(columns.get(`label ${index}`) ?? 1000).value);
    const descriptor = text(row.getCell(columns.get(`deskriptor ${index}`) ?? 1000).value);
    if (text(valueCell.value) === '' && label === '' && descriptor === '') continue;
    const value = reader.number(valueCell, true);
    if (value !== undefined) levels.push({ value, label, descriptor });
  }
  const kind = reader.choice(cell(COLUMNS.scale), [LEVEL_SCALE, NUMBER_SCALE] as const);
  const mapping = reader.choice(cell(COLUMNS.mapping), ['range', 'ratio'] as const, 'range');
  if (!kind || !mapping) return undefined;
  let scale: Scale;
  if (kind === LEVEL_SCALE) {
    scale = { kind: 'levels', mapping, levels };
  } else {
    const min = reader.number(cell(COLUMNS.min), true);
    const max = reader.number(cell(COLUMNS.max), true);
    const step = reader.number(cell(COLUMNS.step), true);
    if (min === undefined || max === undefined || step === undefined) return undefined;
    scale = { kind: 'number', mapping, min, max, step, anchors: levels };
  }
  const stagesText = cellText(COLUMNS.stages);
  const stages = stagesText
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  if (stages.some((stage) => !Number.isInteger(stage))) {
    reader.problems.push({
      code: 'bad_cell',
      path: reader.at(cell(COLUMNS.stages).address),
      params: { cell: reader.at(cell(COLUMNS.stages).address), expected: '1,2,3,4', found: stagesText },
    });
  }
  const guidance = cellText(COLUMNS.guidance);
  const na = reader.choice(cell(COLUMNS.na), [YES, NO] as const, NO);
  return {
    type: 'criterion',
    ...common,
    scale,
    allowNotApplicable: na === YES,
    ...(stages.length ? { stages } : {}),
    ...(guidance ? { guidance } : {}),
  };
}
