// Writes test/fixtures/bad/: every kind of malformed input the app accepts from a user,
// each with the refusal it must get (manifest.json). test/integration/bad-input.test.ts
// walks it. Run after adding a case:  node scripts/bad-corpus.ts
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tar from 'tar';
import { exportWorkspace } from '../electron/core/services/workspace-file.ts';
import { openWorkspace } from '../electron/core/workspace/open.ts';
import { masterplanPdf } from '../test/helpers/masterplans.ts';
import { makeZip } from '../test/helpers/zip.ts';

const DIR = fileURLToPath(new URL('../test/fixtures/bad/', import.meta.url));

export interface Case {
  file: string;
  /** What the user gives it to: a document import, a rubric import, an assessment file, a filled score sheet, a workspace import. */
  as: 'document' | 'rubric' | 'assessment' | 'scoresheet' | 'workspace';
  why: string;
  code: string;
  /** For a file refused for its contents: the first problem's code. */
  problem?: string;
  /** Words the Indonesian message must contain. */
  says: string;
  data: Uint8Array | string;
}

const assessment = (scores: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'timbang.assessment',
    formatVersion: 1,
    assessments: [
      {
        rubric: { id: 'kominfo-evaluation-2021', version: 1 },
        regency: '72.01',
        year: 2024,
        assessor: { name: 'Prof. Budi', role: 'assessor' },
        scores,
        ...extra,
      },
    ],
  });

/** A real workspace file (one regency, one document), unpacked: the cases below spoil it one way each. */
async function unpackedWorkspace(): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'timbang-bad-'));
  const ws = await openWorkspace(join(scratch, 'ws'), {
    resourcesDir: fileURLToPath(new URL('../resources/', import.meta.url)),
    now: () => '2026-08-15T02:00:00.000Z',
  });
  ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
  const submission = ws.submissions.create({ kind: 'bimtek', regencyCode: '72.01', stage: 3 });
  const path = join(scratch, 'masterplan.pdf');
  writeFileSync(path, (await masterplanPdf({ scannedPages: 0, chapters: 1 })).data);
  await ws.imports.wait(ws.imports.start(ws.uploads.register(path), submission.id, 'masterplan').id);
  await exportWorkspace(ws, join(scratch, 'good.timbang'), { now: () => '2026-08-15T02:00:00.000Z', appVersion: 'corpus' });
  ws.close();
  const unpacked = join(scratch, 'unpacked');
  mkdirSync(unpacked);
  await tar.x({ file: join(scratch, 'good.timbang'), cwd: unpacked });
  return unpacked;
}
const unpacked = await unpackedWorkspace();
const entriesOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files.map((entry: { path: string }) => entry.path) as string[];
async function pack(dir: string, extra: string[] = []): Promise<Buffer> {
  const file = join(dir, '..', `packed-${Math.random().toString(36).slice(2)}.timbang`);
  await tar.c({ file, cwd: dir, portable: true, preservePaths: true }, ['manifest.json', ...entriesOf(dir), ...extra]);
  return readFileSync(file);
}
const good = await pack(unpacked);
const documentEntry = entriesOf(unpacked).find((path) => path.startsWith('documents/')) as string;
const tampered = readFileSync(join(unpacked, documentEntry));
tampered[tampered.length - 10] = (tampered[tampered.length - 10] ?? 0) ^ 0xff;
writeFileSync(join(unpacked, documentEntry), tampered);
const changedDocument = await pack(unpacked);
writeFileSync(join(unpacked, '..', 'evil.txt'), 'di luar ruang kerja');
const escaping = await pack(unpacked, ['../evil.txt']);

const plainWorkbook = new ExcelJS.Workbook();
plainWorkbook.addWorksheet('Nilai').getCell('A1').value = 'Lembar buatan sendiri';

const cases: Case[] = [
  { file: 'kosong.pdf', as: 'document', why: 'a zero-byte file', code: 'document.empty', says: 'kosong.pdf', data: new Uint8Array() },
  {
    file: 'rusak.pdf',
    as: 'document',
    why: 'a truncated PDF',
    code: 'document.corrupt',
    says: 'rusak.pdf',
    data: (await masterplanPdf()).data.subarray(0, 2000),
  },
  {
    file: 'terkunci.pdf',
    as: 'document',
    why: 'a password-protected PDF',
    code: 'document.encrypted',
    says: 'terkunci.pdf',
    data: (await masterplanPdf({ userPassword: 'rahasia' })).data,
  },
  {
    file: 'foto.pdf',
    as: 'document',
    why: 'a PNG picture named .pdf',
    code: 'document.unsupported',
    says: 'PNG',
    data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  },
  {
    file: 'lama.doc',
    as: 'document',
    why: 'an old Word 97 document',
    code: 'document.unsupported',
    says: 'lama.doc',
    data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
  },
  {
    file: 'catatan.docx',
    as: 'document',
    why: 'plain text named .docx',
    code: 'document.unsupported',
    says: 'catatan.docx',
    data: 'Ini hanya teks biasa, bukan dokumen Word.\n',
  },
  {
    file: 'bom.docx',
    as: 'document',
    why: 'a zip bomb dressed as DOCX',
    code: 'document.unsafe_archive',
    says: 'bom.docx',
    data: makeZip([
      { name: '[Content_Types].xml', data: new Uint8Array(10) },
      { name: 'word/document.xml', data: new Uint8Array(40 * 1024 * 1024), declaredSize: 2048 },
    ]),
  },
  {
    file: 'arsip.xlsx',
    as: 'document',
    why: 'a zip that is no office document',
    code: 'document.unsupported',
    says: 'arsip.xlsx',
    data: makeZip([{ name: 'readme.txt', data: new TextEncoder().encode('halo') }]),
  },
  {
    file: 'rubrik-rusak.json',
    as: 'rubric',
    why: 'not JSON at all',
    code: 'rubric.invalid',
    problem: 'not_json',
    says: 'masalah',
    data: '{ "format": "timbang.rubric", ',
  },
  {
    file: 'bobot-salah.json',
    as: 'rubric',
    why: 'weights that do not add up to 100',
    code: 'rubric.invalid',
    problem: 'weights_sum',
    says: 'masalah',
    data: JSON.stringify({
      format: 'timbang.rubric',
      formatVersion: 1,
      rubric: {
        id: 'rusak',
        version: 1,
        name: { id: 'Rusak' },
        items: [
          {
            type: 'criterion',
            code: 'A',
            title: { id: 'A' },
            weight: 60,
            scale: {
              kind: 'levels',
              mapping: 'range',
              levels: [
                { value: 0, label: 'Tidak', descriptor: 'x' },
                { value: 1, label: 'Ya', descriptor: 'y' },
              ],
            },
          },
          {
            type: 'criterion',
            code: 'B',
            title: { id: 'B' },
            weight: 60,
            scale: {
              kind: 'levels',
              mapping: 'range',
              levels: [
                { value: 0, label: 'Tidak', descriptor: 'x' },
                { value: 1, label: 'Ya', descriptor: 'y' },
              ],
            },
          },
        ],
      },
    }),
  },
  {
    file: 'penilaian-format.json',
    as: 'assessment',
    why: 'another format',
    code: 'assessment.invalid',
    problem: 'assessment.unknown_format',
    says: 'tidak ada yang diimpor',
    data: JSON.stringify({ format: 'timbang.rubric', formatVersion: 1 }),
  },
  {
    file: 'penilaian-kode.json',
    as: 'assessment',
    why: 'an unknown criterion code',
    code: 'assessment.invalid',
    problem: 'assessment.unknown_criterion',
    says: 'tidak ada yang diimpor',
    data: assessment({ XX: { value: 3 } }),
  },
  {
    file: 'penilaian-skala.json',
    as: 'assessment',
    why: 'a score off the scale',
    code: 'assessment.invalid',
    problem: 'assessment.value_outside_scale',
    says: 'tidak ada yang diimpor',
    data: assessment({ B: { value: 7 } }),
  },
  {
    file: 'penilaian-tahap.json',
    as: 'assessment',
    why: 'both a stage and a year',
    code: 'assessment.invalid',
    problem: 'schema',
    says: 'tidak ada yang diimpor',
    data: assessment({ B: { value: 3 } }, { stage: 3 }),
  },
  {
    file: 'bukan-lembar.xlsx',
    as: 'scoresheet',
    why: 'a workbook that is no Timbang score sheet',
    code: 'scoresheet.invalid',
    problem: 'scoresheet.not_scoresheet',
    says: 'tidak ada nilai yang diimpor',
    data: Buffer.from(await plainWorkbook.xlsx.writeBuffer()),
  },
  {
    file: 'bukan-excel.xlsx',
    as: 'scoresheet',
    why: 'text named .xlsx',
    code: 'scoresheet.invalid',
    problem: 'scoresheet.unreadable',
    says: 'tidak ada nilai yang diimpor',
    data: 'bukan buku kerja',
  },
  {
    file: 'bukan-ruang-kerja.timbang',
    as: 'workspace',
    why: 'a PDF named .timbang',
    code: 'workspace_file.invalid',
    says: 'bukan berkas ruang kerja Timbang',
    data: (await masterplanPdf({ scannedPages: 0, chapters: 1 })).data,
  },
  {
    file: 'terpotong.timbang',
    as: 'workspace',
    why: 'a workspace file cut short while copying',
    code: 'workspace_file.invalid',
    says: 'tidak ada yang diubah',
    data: good.subarray(0, Math.floor(good.length * 0.6)),
  },
  {
    file: 'diubah.timbang',
    as: 'workspace',
    why: 'a workspace file whose document changed after export',
    code: 'workspace_file.damaged',
    says: 'tidak cocok dengan checksum',
    data: changedDocument,
  },
  {
    file: 'jalan-keluar.timbang',
    as: 'workspace',
    why: 'a workspace file with an entry outside its folder (../)',
    code: 'workspace_file.invalid',
    says: 'bukan berkas ruang kerja Timbang',
    data: escaping,
  },
];

mkdirSync(DIR, { recursive: true });
for (const entry of cases) writeFileSync(join(DIR, entry.file), entry.data);
writeFileSync(
  join(DIR, 'manifest.json'),
  `${JSON.stringify(
    cases.map(({ data: _data, ...rest }) => rest),
    null,
    2,
  )}\n`,
);
console.log(`${cases.length} bad inputs written to ${DIR}`);
