import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';
import { olderSystemNode } from '../helpers/app-copy.ts';
import { ROOT, timbang } from '../helpers/cli.ts';
import { masterplanDocx, masterplanPdf } from '../helpers/masterplans.ts';

describe('timbang CLI', () => {
  it('prints help', () => {
    const run = timbang(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['serve', 'regency', 'area', 'profile', 'settings']) expect(run.stdout).toContain(command);
  });

  it('adds Kabupaten Banggai and lists it as JSON with its province', () => {
    const data = tempDir();
    const add = timbang(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', data]);
    expect(add.status).toBe(0);
    expect(add.stdout).toContain('Kabupaten Banggai (72.01, Sulawesi Tengah) ditambahkan');
    const list = timbang(['regency', 'list', '--data', data, '--json']);
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ code: '72.01', name: 'Kabupaten Banggai', provinceName: 'Sulawesi Tengah', cohortYear: 2022, stage: 3 }),
    ]);
  });

  it('sends refusals to stderr with a non-zero exit code, in the chosen language', () => {
    const data = tempDir();
    timbang(['regency', 'add', '72.01', '--data', data]);
    const again = timbang(['regency', 'add', '72.01', '--data', data]);
    expect(again.status).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('Kabupaten Banggai (72.01) sudah terdaftar');
    const english = timbang(['regency', 'add', '72.01', '--data', data, '--lang', 'en']);
    expect(english.stderr).toContain('Kabupaten Banggai (72.01) is already listed');
    const json = timbang(['regency', 'add', '72.01', '--data', data, '--json']);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'regency.duplicate' } });
  });

  it('suggests codes when given a name instead of a code', () => {
    const run = timbang(['regency', 'add', 'banggai', '--data', tempDir()]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('72.01 Kabupaten Banggai');
  });

  it('refuses bad options as a usage error (exit 2) without touching the workspace', () => {
    const data = tempDir();
    const run = timbang(['regency', 'add', '72.01', '--stage', 'three', '--data', data]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--stage');
    expect(existsSync(`${data}/timbang.db`)).toBe(false);
    const outOfRange = timbang(['regency', 'add', '72.01', '--stage', '9', '--data', data]);
    expect(outOfRange.status).toBe(1);
    expect(outOfRange.stderr).toContain('tahap');
  });

  it('edits and removes (removal needs --yes)', () => {
    const data = tempDir();
    timbang(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '2', '--data', data]);
    expect(timbang(['regency', 'edit', '72.01', '--stage', '3', '--data', data]).status).toBe(0);
    const refused = timbang(['regency', 'remove', '72.01', '--data', data]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--yes');
    expect(timbang(['regency', 'remove', '72.01', '--yes', '--data', data]).status).toBe(0);
    expect(JSON.parse(timbang(['regency', 'list', '--data', data, '--json']).stdout)).toEqual([]);
  });

  it('sets the profile and the settings', () => {
    const data = tempDir();
    const profile = timbang(['profile', 'set', '--name', 'Dr. Sari', '--institution', 'UGM', '--data', data, '--json']);
    expect(JSON.parse(profile.stdout)).toMatchObject({ name: 'Dr. Sari', role: 'assessor' });
    const settings = timbang(['settings', 'set', '--pass-mark', '72,5', '--data', data, '--json']);
    expect(JSON.parse(settings.stdout)).toEqual({
      passMark: 72.5,
      language: 'id',
      maxUploadMb: 200,
      hideOthersUntilSubmitted: true,
      disagreementTolerance: 25,
      panelAggregate: 'median',
      ocr: true,
      ministry: 'Kementerian Komunikasi dan Digital (Komdigi)',
    });
    expect(timbang(['settings', 'show', '--data', data]).stdout).toContain('72,5%');
  });

  it('finds area codes by name', () => {
    const run = timbang(['area', 'search', 'bangg', '--json']);
    expect(JSON.parse(run.stdout).map((area: { code: string }) => area.code)).toEqual(['72.01', '72.11', '72.07']);
  });

  it('re-runs itself on the pinned Node 22 when started by an older system Node', () => {
    const older = olderSystemNode();
    expect(older, 'a Node older than 22.18 on PATH or in /usr/bin (CI has Node 20): the re-run is what this test is about').toBeDefined();
    const data = tempDir();
    const run = timbang(['regency', 'add', '72.01', '--data', data, '--json'], { node: older as string });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'Kabupaten Banggai' });
  });
});

describe('timbang rubric', () => {
  it('lists the four shipped templates as JSON', () => {
    const run = timbang(['rubric', 'list', '--data', tempDir(), '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).map((rubric: { id: string }) => rubric.id)).toEqual([
      'kominfo-evaluation-2021',
      'kominfo-evaluation-legacy',
      'masterplan-review',
      'masterplan-review',
      'plan-quality-8',
    ]);
  });

  it('validates a good file, and rejects a malformed one naming the offending path, exit code 1', () => {
    const dir = tempDir();
    const good = join(dir, 'good.json');
    writeFileSync(good, readFileSync(join(ROOT, 'resources/rubrics/plan-quality-8.json')));
    expect(timbang(['rubric', 'validate', good]).status).toBe(0);

    const file = JSON.parse(readFileSync(good, 'utf8'));
    file.rubric.items[2].children[1].scale.levels[0].descriptor = '';
    file.rubric.items[0].weight = 20;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(file));
    const run = timbang(['rubric', 'validate', bad]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('rubric.items: Bobot di bawah tingkat teratas berjumlah 107,5%');
    expect(run.stderr).toContain('rubric.items.2.children.1.scale.levels.0.descriptor: Skala PO.2: tingkat 0 belum punya deskriptor.');
    const json = timbang(['rubric', 'validate', bad, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).problems.map((p: { code: string }) => p.code)).toEqual(['weights_sum', 'missing_descriptor']);
  });

  it('exports to Excel and imports it back as the next version after an edit', async () => {
    const data = tempDir();
    const out = join(data, 'kominfo.xlsx');
    expect(timbang(['rubric', 'export', 'kominfo-evaluation-2021', '--out', out, '--data', data]).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const meta = workbook.getWorksheet('Rubrik')!;
    meta.getCell('B2').value = 'kominfo-banggai';
    await workbook.xlsx.writeFile(out);
    const imported = timbang(['rubric', 'import', out, '--data', data, '--json']);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'created', summary: { id: 'kominfo-banggai', version: 1 } });
    const show = timbang(['rubric', 'show', 'kominfo-banggai', '--data', data]);
    expect(show.stdout).toContain('QW  Quick Win  [20]  1–5 ratio');
  });
});

describe('timbang import and search', () => {
  it('imports masterplans into a submission, reports what it found, refuses a bad file, and searches across submissions', async () => {
    const data = tempDir();
    const pdf = await masterplanPdf();
    writeFileSync(join(data, 'masterplan.pdf'), pdf.data);
    writeFileSync(join(data, 'masterplan.docx'), await masterplanDocx());
    writeFileSync(join(data, 'foto.pdf'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    timbang(['regency', 'add', '72.01', '--data', data]);
    const mixed = timbang([
      'import',
      join(data, 'masterplan.pdf'),
      join(data, 'foto.pdf'),
      '--regency',
      '72.01',
      '--stage',
      '2',
      '--data',
      data,
    ]);
    expect(mixed.status).toBe(1);
    expect(mixed.stdout).toContain(`masterplan.pdf → dokumen 1: ${pdf.truth.pageCount} halaman`);
    expect(mixed.stdout).toContain('Halaman tanpa lapisan teks: 9–11');
    expect(mixed.stderr).toContain('Berkas foto.pdf tidak dapat dibaca sebagai masterplan: isinya gambar PNG.');
    expect(mixed.stderr).toContain('1 dari 2 berkas tidak diimpor.');

    const json = timbang(['import', join(data, 'masterplan.docx'), '--regency', '72.01', '--stage', '3', '--data', data, '--json']);
    expect(json.status).toBe(0);
    const [docx] = JSON.parse(json.stdout) as {
      kind: string;
      sha256: string;
      pages: number;
      words: number;
      coverage: { code: string; status: string }[];
      quickWins: number;
    }[];
    expect(docx).toMatchObject({ kind: 'docx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), quickWins: 7 });
    expect(docx?.coverage.find((topic) => topic.code === 'BRA')?.status).toBe('thin');

    const hits = JSON.parse(timbang(['search', 'pelayanan', 'publik', '--data', data, '--json']).stdout) as {
      regencyName: string;
      stage: number;
      fileName: string;
    }[];
    expect(new Set(hits.map((hit) => `${hit.stage} ${hit.fileName}`))).toEqual(new Set(['2 masterplan.pdf', '3 masterplan.docx']));
    const onlyStage2 = timbang(['search', 'pelayanan', 'publik', '--data', data, '--submission', '1']);
    expect(onlyStage2.stdout).toMatch(/^Kabupaten Banggai · Bimtek 2 · masterplan\.pdf · hlm \d+: .*«pelayanan» «publik»/m);
    expect(onlyStage2.stdout).not.toContain('Bimtek 3');
    expect(timbang(['search', 'zzzz', '--data', data]).stdout.trim()).toBe('Tidak ada hasil.');
  });

  it('reports per file the quick wins, programmes, pages read by OCR and a second copy of the same text (JSON and text)', () => {
    const data = tempDir();
    timbang(['regency', 'add', '72.01', '--data', data]);
    const corpus = (name: string) => join(ROOT, 'test', 'fixtures', 'masterplans', name);
    const json = timbang([
      'import',
      corpus('banggai-2024-scan.pdf'),
      corpus('banggai-2024.docx'),
      '--regency',
      '72.01',
      '--stage',
      '3',
      '--data',
      data,
      '--json',
    ]);
    expect(json.status).toBe(0);
    const [scan, docx] = JSON.parse(json.stdout) as {
      id: number;
      quickWins: number;
      programmes: number;
      ocrPages: number[];
      duplicateOf?: { id: number; fileName: string };
    }[];
    expect(scan).toMatchObject({ quickWins: 7, programmes: 52, ocrPages: [2, 8] });
    expect(scan?.duplicateOf).toBeUndefined();
    expect(docx).toMatchObject({
      quickWins: 7,
      programmes: 52,
      ocrPages: [],
      duplicateOf: { id: scan?.id, fileName: 'banggai-2024-scan.pdf' },
    });

    const text = timbang(['import', corpus('makassar-2024.pdf'), '--regency', '72.01', '--stage', '2', '--data', data, '--lang', 'en']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('From tables: 8 quick wins, 42 programmes.');
    expect(text.stdout).toMatch(/Needs attention: Smart Environment: \d+ mentions; the other dimensions \d+–\d+; .* not found/);
  }, 60_000);
});

describe('timbang assessment and summary', () => {
  it('imports an assessment file, refuses a bad one naming its problems, exports, summarises, and writes the reports', async () => {
    const data = tempDir();
    expect(timbang(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', data]).status).toBe(0);
    const record = (name: string, role: 'assessor' | 'self', scores: Record<string, number>) => ({
      rubric: { id: 'kominfo-evaluation-2021', version: 1 },
      regency: '72.01',
      year: 2024,
      assessor: { name, role },
      status: 'submitted',
      scores: Object.fromEntries(Object.entries(scores).map(([code, value]) => [code, { value }])),
    });
    const file = join(tempDir(), 'jambi-like.json');
    // The published Kota Jambi 2024 figures, as one assessor's scores: the index is 3,475 of 5.
    writeFileSync(
      file,
      JSON.stringify({
        format: 'timbang.assessment',
        formatVersion: 1,
        assessments: [
          record('Prof. Budi', 'assessor', { B: 3.84, O: 3.18, OC: 3.53, I: 3.63, QW: 3.35 }),
          record('DKISP', 'self', { B: 4, O: 4, OC: 4, I: 4, QW: 4 }),
        ],
      }),
    );
    const imported = timbang(['assessment', 'import', file, '--data', data]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Prof. Budi');

    const summary = timbang(['summary', '--json', '--data', data]);
    expect(summary.status).toBe(0);
    const [first] = JSON.parse(summary.stdout) as {
      kind: string;
      year: number;
      panel: { overall: { points: { value: number }; percent: number } };
      self: { overall: { points: { value: number } } };
    }[];
    expect(first).toMatchObject({ kind: 'evaluation', year: 2024 });
    expect(first?.panel.overall.points.value).toBeCloseTo(3.475, 9);
    expect(first?.self.overall.points.value).toBeCloseTo(4, 9);
    const text = timbang(['summary', '--data', data]);
    expect(text.stdout).toContain('Keseluruhan');
    expect(text.stdout).toContain('69,5%');

    const exported = timbang(['assessment', 'export', '--submission', '1', '--data', data]);
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      format: 'timbang.assessment',
      assessments: [{ assessor: { name: 'Prof. Budi' } }, { assessor: { name: 'DKISP' } }],
    });

    const bad = join(tempDir(), 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ format: 'timbang.assessment', formatVersion: 1, assessments: [record('Ir. Wati', 'assessor', { B: 7, XX: 3 })] }),
    );
    // The reports: the recap streamed to a file, a score sheet, and the sheet back unchanged.
    const recapFile = join(tempDir(), 'rekap.xlsx');
    const report = timbang(['report', '--out', recapFile, '--json', '--data', data]);
    expect(report.status, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ file: recapFile, rows: 1, regencies: 1 });
    const recapBook = new ExcelJS.Workbook();
    await recapBook.xlsx.readFile(recapFile);
    expect(recapBook.getWorksheet('Rekap')?.getRow(2).getCell(3).value).toBe('72.01');
    const sheetFile = join(tempDir(), 'lembar.xlsx');
    expect(timbang(['scoresheet', '--submission', '1', '--out', sheetFile, '--data', data]).status).toBe(0);
    const back = timbang(['scoresheet', 'import', sheetFile, '--data', data]);
    expect(back.stdout).toContain('tidak ada yang berubah');
    const notASheet = timbang(['scoresheet', 'import', recapFile, '--data', data, '--lang', 'en']);
    expect(notASheet.status).toBe(1);
    expect(notASheet.stderr).toContain('(file): This file is not a score sheet from Timbang');

    const rules = timbang([
      'settings',
      'set',
      '--aggregate',
      'mean',
      '--tolerance',
      '12,5',
      '--hide-others',
      'no',
      '--json',
      '--data',
      data,
    ]);
    expect(JSON.parse(rules.stdout)).toMatchObject({
      panelAggregate: 'mean',
      disagreementTolerance: 12.5,
      hideOthersUntilSubmitted: false,
    });
    const refused = timbang(['assessment', 'import', bad, '--data', data, '--lang', 'en']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('nothing was imported');
    expect(refused.stderr).toContain('assessments.0.scores.B.value: Score 7 for B is off the scale');
    expect(refused.stderr).toContain('assessments.0.scores.XX: Criterion code XX is not in rubric kominfo-evaluation-2021 v1.');
    expect(JSON.parse(timbang(['assessment', 'export', '--data', data]).stdout).assessments).toHaveLength(2);
  });
});

describe('timbang backup', () => {
  it('makes a backup, lists it, and restores it only when told --yes', () => {
    const data = tempDir();
    expect(timbang(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', data]).status).toBe(0);
    const made = JSON.parse(timbang(['backup', 'create', '--json', '--data', data]).stdout) as { file: string; kind: string };
    expect(made.kind).toBe('manual');
    expect(timbang(['regency', 'add', '73.71', '--cohort', '2022', '--stage', '3', '--data', data]).status).toBe(0);
    const list = JSON.parse(timbang(['backup', 'list', '--json', '--data', data]).stdout) as { file: string }[];
    expect(list.map((entry) => entry.file)).toEqual([made.file]);
    const unconfirmed = timbang(['backup', 'restore', made.file, '--data', data]);
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.stderr).toContain('--yes');
    const restored = timbang(['backup', 'restore', made.file, '--yes', '--json', '--data', data]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(
      JSON.parse(timbang(['regency', 'list', '--json', '--data', data]).stdout).map((regency: { code: string }) => regency.code),
    ).toEqual(['72.01']);
  });
});

describe('timbang workspace and demo', () => {
  it("builds the demo, moves it as one file, and refuses a damaged file in the user's language, not with a stack trace", () => {
    const demo = join(tempDir(), 'demo');
    const built = timbang(['demo', '--json', '--data', demo]);
    expect(built.status, built.stderr).toBe(0);
    expect(JSON.parse(built.stdout)).toMatchObject({ regencies: 4, documents: 12, assessments: 25 });
    const file = join(tempDir(), 'pindah.timbang');
    const exported = timbang(['workspace', 'export', '--out', file, '--json', '--data', demo]);
    expect(exported.status, exported.stderr).toBe(0);

    const laptop = tempDir();
    const damaged = timbang(['workspace', 'import', join(ROOT, 'test', 'fixtures', 'bad', 'diubah.timbang'), '--yes', '--data', laptop]);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toContain('tidak cocok dengan checksum');
    expect(damaged.stderr).not.toMatch(/\n\s+at /);
    const imported = timbang(['workspace', 'import', file, '--yes', '--json', '--data', laptop]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(timbang(['regency', 'list', '--json', '--data', laptop]).stdout)).toHaveLength(4);
  });
});

describe('timbang workspaces, submissions and reopening', () => {
  it('refuses a --data folder that does not exist unless --create is given, and makes nothing there', () => {
    const parent = tempDir();
    const typo = join(parent, 'ruang-kerja-salah-ketik');
    const refused = timbang(['regency', 'list', '--data', typo]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Tidak ada ruang kerja di ${typo}`);
    expect(refused.stderr).toContain('--create');
    expect(timbang(['regency', 'list', '--data', typo, '--lang', 'en']).stderr).toContain(`There is no workspace at ${typo}`);
    expect(existsSync(typo)).toBe(false);

    const created = timbang(['regency', 'add', '72.01', '--create', '--data', typo]);
    expect(created.status, created.stderr).toBe(0);
    expect(existsSync(join(typo, 'timbang.db'))).toBe(true);
    // Once it exists, no --create is needed; an existing empty folder still becomes a workspace.
    expect(timbang(['regency', 'list', '--data', typo]).stdout).toContain('72.01');
    expect(timbang(['regency', 'list', '--data', tempDir()]).status).toBe(0);
  });

  it('lists the submissions with their ids, stage or year and documents, as text and JSON', async () => {
    const data = tempDir();
    expect(timbang(['submission', 'list', '--data', data]).stdout.trim()).toBe('Belum ada pengumpulan di ruang kerja ini.');
    timbang(['regency', 'add', '72.01', '--data', data]);
    timbang(['regency', 'add', '15.71', '--data', data]);
    const pdf = join(data, 'masterplan.pdf');
    writeFileSync(pdf, (await masterplanPdf()).data);
    expect(timbang(['import', pdf, '--regency', '72.01', '--stage', '2', '--data', data]).status).toBe(0);
    expect(timbang(['import', pdf, '--regency', '15.71', '--year', '2024', '--data', data]).status).toBe(0);

    const text = timbang(['submission', 'list', '--data', data]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^1\s+72\.01 Kabupaten Banggai\s+Bimtek 2\s+1$/m);
    expect(text.stdout).toMatch(/^2\s+15\.71 Kota Jambi\s+Evaluasi 2024\s+1$/m);
    const onlyJambi = JSON.parse(timbang(['submission', 'list', '--regency', '15.71', '--json', '--data', data]).stdout) as unknown[];
    expect(onlyJambi).toEqual([expect.objectContaining({ id: 2, regencyCode: '15.71', kind: 'evaluation', year: 2024, documents: 1 })]);
  });

  it('reopens a submitted assessment with a reason kept in its history, and refuses without one', () => {
    const data = tempDir();
    timbang(['regency', 'add', '72.01', '--data', data]);
    timbang(['profile', 'set', '--name', 'Prof. Budi', '--institution', 'ITB', '--data', data]);
    const file = join(tempDir(), 'budi.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'timbang.assessment',
        formatVersion: 1,
        assessments: [
          {
            rubric: { id: 'kominfo-evaluation-2021', version: 1 },
            regency: '72.01',
            year: 2024,
            assessor: { name: 'Prof. Budi', role: 'assessor' },
            status: 'submitted',
            scores: { B: { value: 3.84 }, O: { value: 3.18 }, OC: { value: 3.53 }, I: { value: 3.63 }, QW: { value: 3.35 } },
          },
        ],
      }),
    );
    const [imported] = JSON.parse(timbang(['assessment', 'import', file, '--json', '--data', data]).stdout) as { id: number }[];
    const id = String(imported?.id);

    const noReason = timbang(['assessment', 'reopen', id, '--data', data]);
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toContain('--reason');
    expect(timbang(['assessment', 'reopen', id, '--reason', '   ', '--data', data]).stderr).toContain('Tuliskan alasannya');

    const reopened = timbang(['assessment', 'reopen', id, '--reason', 'Lampiran anggaran baru diterima', '--data', data]);
    expect(reopened.status, reopened.stderr).toBe(0);
    expect(reopened.stdout).toContain(`Penilaian ${id} milik Prof. Budi kembali menjadi draf (Lampiran anggaran baru diterima).`);
    const exported = JSON.parse(timbang(['assessment', 'export', '--data', data]).stdout) as { assessments: { status: string }[] };
    expect(exported.assessments.map((entry) => entry.status)).toEqual(['draft']);
    // Already a draft: nothing to reopen.
    expect(timbang(['assessment', 'reopen', id, '--reason', 'lagi', '--data', data]).status).toBe(1);
  });
});
