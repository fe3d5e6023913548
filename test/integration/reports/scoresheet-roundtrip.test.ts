import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { layoutOf, SCORE_SHEET } from '../../../electron/core/reports/scoresheet.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { createTranslator, describeProblem } from '../../../shared/i18n/index.ts';
import { rubricSchema } from '../../../shared/rubric/schema.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC, scoreAndSubmit } from '../../helpers/assessments.ts';
import { snapshot } from '../../helpers/db-snapshot.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

async function setup() {
  const ws = await openTestWorkspace();
  ws.rubrics.save(PANEL_RUBRIC, true);
  const submissionId = banggaiBimtek3(ws);
  actAs(ws, 'Prof. Budi');
  const budi = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
  scoreAndSubmit(ws, budi, { 'ECO.1': 5, 'ECO.2': 3, 'LIV.1': 2, 'LIV.2': 4 });
  actAs(ws, 'Dr. Sari');
  const sari = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
  ws.assessments.setScore(sari, 'ECO.1', 2);
  return { ws, submissionId, sari, budi };
}

/** Export, then fill cells as a person would in Excel, and give back the file. */
async function filled(
  ws: Workspace,
  submissionId: number,
  fill: (sheet: ExcelJS.Worksheet, cell: (code: string, assessor: number) => ExcelJS.Cell) => void,
) {
  const { data } = await ws.reports.scoreSheet(submissionId, 'panel-test');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(SCORE_SHEET) as ExcelJS.Worksheet;
  const layout = layoutOf(rubricSchema.parse(PANEL_RUBRIC), ws.panelViews.sheet(submissionId).columns.length);
  fill(sheet, (code, assessor) => sheet.getCell(`${layout.columns.score[assessor]}${layout.rows.get(code)}`));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('a score sheet filled offline', () => {
  it('brings my scores back: the app shows them, the trail says they came from the sheet', async () => {
    const { ws, submissionId, sari } = await setup();
    // While Sari drafts, the sheet holds her column only: Budi's scores stay hidden.
    expect(ws.panelViews.sheet(submissionId).columns.map((column) => column.name)).toEqual(['Dr. Sari']);
    const file = await filled(ws, submissionId, (sheet, cell) => {
      // How a score becomes a percentage is said in the reader's words, not the rubric file's ('range').
      const mapping = sheet.getCell(`H${cell('ECO.1', 0).row}`).value;
      expect([mapping, sheet.getCell(`H${cell('LIV.1', 0).row}`).value]).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(\(nilai − min\) \/ \(maks − min\)|nilai \/ maks)$/)]),
      );
      cell('ECO.1', 0).value = 3;
      cell('ECO.2', 0).value = 'NA';
      cell('LIV.1', 0).value = '4';
      cell('LIV.2', 0).value = 5;
    });
    expect(await ws.reports.importScoreSheet(file)).toEqual({ assessments: [{ id: sari, name: 'Dr. Sari', changed: 4 }] });
    const entries = Object.fromEntries(ws.assessments.get(sari).entries.map((entry) => [entry.criterion, entry.value]));
    expect(entries).toEqual({ 'ECO.1': 3, 'ECO.2': 'na', 'LIV.1': 4, 'LIV.2': 5 });
    const trail = ws.assessments.history({ assessmentId: sari, criterion: 'ECO.1' });
    expect(trail.at(-1)).toMatchObject({ action: 'score', before: 2, after: 3, reason: 'scoresheet' });
    // The workbook also carries the dimension chart as a picture.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet('Grafik')?.getImages()).toHaveLength(1);
    // The same sheet again changes nothing.
    expect((await ws.reports.importScoreSheet(file)).assessments).toEqual([]);
  });

  it('brings my notes back with my scores, in one go, each change in the trail; a note too long is refused by its cell', async () => {
    const { ws, submissionId, sari } = await setup();
    ws.assessments.setNote(sari, 'LIV.1', 'Belum ada analisis tata ruang.');
    const layout = layoutOf(rubricSchema.parse(PANEL_RUBRIC), 1);
    const note = (sheet: ExcelJS.Worksheet, code: string) => sheet.getCell(`${layout.columns.notes[0]}${layout.rows.get(code)}`);
    const file = await filled(ws, submissionId, (sheet, cell) => {
      // The note column holds what the app has, as a person sees it before typing over it.
      expect(note(sheet, 'LIV.1').value).toBe('Belum ada analisis tata ruang.');
      cell('ECO.1', 0).value = 4;
      note(sheet, 'ECO.1').value = 'Analisis SWOT lengkap; galeri UMKM daring sebagai inovasi.';
      note(sheet, 'LIV.1').value = null;
    });
    expect(await ws.reports.importScoreSheet(file)).toEqual({ assessments: [{ id: sari, name: 'Dr. Sari', changed: 3 }] });
    const entries = new Map(ws.assessments.get(sari).entries.map((entry) => [entry.criterion, entry]));
    expect([entries.get('ECO.1')?.value, entries.get('ECO.1')?.note, entries.get('LIV.1')?.note ?? '']).toEqual([
      4,
      'Analisis SWOT lengkap; galeri UMKM daring sebagai inovasi.',
      '',
    ]);
    expect(ws.assessments.history({ assessmentId: sari, criterion: 'ECO.1' }).at(-1)).toMatchObject({
      action: 'note',
      before: '',
      after: 'Analisis SWOT lengkap; galeri UMKM daring sebagai inovasi.',
      reason: 'scoresheet',
    });
    expect(ws.assessments.history({ assessmentId: sari, criterion: 'LIV.1' }).at(-1)).toMatchObject({
      action: 'note',
      before: 'Belum ada analisis tata ruang.',
      after: '',
      reason: 'scoresheet',
    });
    // The same sheet again changes nothing.
    expect((await ws.reports.importScoreSheet(file)).assessments).toEqual([]);

    const long = await filled(ws, submissionId, (sheet, cell) => {
      cell('ECO.2', 0).value = 1;
      note(sheet, 'ECO.2').value = 'x'.repeat(8001);
    });
    const before = snapshot(ws.db);
    const error = await ws.reports
      .importScoreSheet(long)
      .catch((caught: unknown) => caught as { problems: { code: string; path: string }[] });
    const problems = (error as { problems: { code: string; path: string; params: Record<string, string> }[] }).problems;
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['scoresheet.note_too_long', `Nilai!${layout.columns.notes[0]}${layout.rows.get('ECO.2')}`],
    ]);
    expect(describeProblem(createTranslator('id'), problems[0] as never)).toBe(
      'Catatan untuk ECO.2 terlalu panjang (8001 karakter; paling banyak 8000).',
    );
    expect(snapshot(ws.db)).toEqual(before);
  });

  it('reads untouched notes as unchanged, even ones pasted with line feeds and a form feed from a PDF', async () => {
    const ws = await openTestWorkspace();
    ws.rubrics.save(PANEL_RUBRIC, true);
    const submissionId = banggaiBimtek3(ws);
    const pasted = 'Fakta: data ada.\r\nAnalisis: memadai.\fBukti: hlm. 12.\u0002';
    // Budi's submitted note and Sari's own draft note, both with what a cell cannot hold as typed.
    actAs(ws, 'Prof. Budi');
    const budi = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    ws.assessments.setNote(budi, 'ECO.1', pasted);
    scoreAndSubmit(ws, budi, { 'ECO.1': 5, 'ECO.2': 3, 'LIV.1': 2, 'LIV.2': 4 });
    actAs(ws, 'Dr. Sari');
    const sari = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    ws.assessments.setNote(sari, 'LIV.1', pasted);
    scoreAndSubmit(ws, sari, { 'ECO.1': 2, 'ECO.2': 3, 'LIV.1': 2, 'LIV.2': 4 });
    const untouched = await filled(ws, submissionId, () => {});
    const before = snapshot(ws.db);
    expect(await ws.reports.importScoreSheet(untouched)).toEqual({ assessments: [] });
    expect(snapshot(ws.db)).toEqual(before);
  });

  it('refuses the whole sheet, naming every bad cell, and writes nothing', async () => {
    const { ws, submissionId } = await setup();
    const file = await filled(ws, submissionId, (sheet, cell) => {
      cell('ECO.1', 0).value = 7;
      cell('ECO.2', 0).value = 'tinggi';
      cell('LIV.1', 0).value = 'NA';
      cell('LIV.2', 0).value = 4;
      sheet.getCell('B15').value = 'XYZ.9';
    });
    const before = snapshot(ws.db);
    const error = await ws.reports
      .importScoreSheet(file)
      .catch((caught: unknown) => caught as { code: string; problems: { code: string; path: string }[] });
    expect(error).toMatchObject({ code: 'scoresheet.invalid' });
    const problems = (error as unknown as { problems: { code: string; path: string; params: Record<string, string> }[] }).problems;
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['scoresheet.value_outside_scale', 'Nilai!I14'],
      ['scoresheet.unknown_code', 'Nilai!B15'],
      ['scoresheet.na_not_allowed', 'Nilai!I17'],
      ['scoresheet.missing_criterion', 'Nilai!B'],
    ]);
    const t = createTranslator('id');
    expect(describeProblem(t, problems[0] as never)).toBe('Nilai 7 untuk ECO.1 di luar skala; yang diizinkan: 1, 2, 3, 4, 5.');
    expect(snapshot(ws.db)).toEqual(before);
  });

  it('refuses a sheet older than the edits made in the app since, and another assessor’s column', async () => {
    const { ws, submissionId, sari, budi } = await setup();
    const old = await filled(ws, submissionId, (_sheet, cell) => {
      cell('LIV.2', 0).value = 1;
    });
    ws.assessments.setScore(sari, 'LIV.1', 3);
    const before = snapshot(ws.db);
    const stale = await ws.reports
      .importScoreSheet(old)
      .catch((caught: unknown) => caught as { problems: { code: string; path: string }[] });
    expect((stale as { problems: { code: string; path: string }[] }).problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['scoresheet.stale', 'Nilai!I12'],
    ]);
    expect(snapshot(ws.db)).toEqual(before);

    // Once Sari has submitted, the sheet holds Budi's column too; she cannot change it.
    scoreAndSubmit(ws, sari, { 'ECO.2': 3, 'LIV.2': 4 });
    void budi;
    const theirs = await filled(ws, submissionId, (_sheet, cell) => {
      cell('ECO.1', 1).value = 1;
    });
    const refused = await ws.reports.importScoreSheet(theirs).catch((caught: unknown) => caught as { problems: { code: string }[] });
    expect((refused as { problems: { code: string }[] }).problems.map((problem) => problem.code)).toEqual(['scoresheet.not_yours']);
  });

  it('refuses a workbook that is not a score sheet', async () => {
    const { ws } = await setup();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Nilai').getCell('A1').value = 'hello';
    const error = await ws.reports
      .importScoreSheet(Buffer.from(await workbook.xlsx.writeBuffer()))
      .catch((caught: unknown) => caught as { problems: { code: string }[] });
    expect((error as { problems: { code: string }[] }).problems.map((problem) => problem.code)).toEqual(['scoresheet.not_scoresheet']);
    const notZip = await ws.reports
      .importScoreSheet(Buffer.from('not a workbook'))
      .catch((caught: unknown) => caught as { problems: { code: string }[] });
    expect((notZip as { problems: { code: string }[] }).problems.map((problem) => problem.code)).toEqual(['scoresheet.unreadable']);
  });
});

describe('a score sheet and the others on the panel', () => {
  it('leaves out a hidden assessor’s evidence, and ignores their column when they have worked on since the export', async () => {
    const { ws, submissionId, budi, sari } = await setup();
    // Budi's citation, made before he submitted, must not reach Sari's sheet while hers is a draft.
    ws.db.prepare("INSERT INTO blob VALUES ('" + 'b'.repeat(64) + "', 10, 'pdf', 't')").run();
    const documentId = Number(
      ws.db
        .prepare(
          `INSERT INTO document (submission_id, sha256, file_name, kind, role, pages, words, pages_without_text, warnings, imported_at, imported_by)
                  VALUES (?, ?, 'budi-only.pdf', 'pdf', 'masterplan', 40, 10, '[]', '[]', 't', 'x')`,
        )
        .run(submissionId, 'b'.repeat(64)).lastInsertRowid,
    );
    ws.db.prepare("UPDATE assessment SET status = 'draft' WHERE id = ?").run(budi);
    actAs(ws, 'Prof. Budi');
    ws.assessments.addEvidence(budi, { criterion: 'ECO.1', documentId, page: 33, quote: 'rahasia' });
    ws.assessments.transition(budi, 'submitted');
    actAs(ws, 'Dr. Sari');
    expect([...ws.panelViews.sheet(submissionId).evidence.values()].join(' ')).not.toContain('budi-only.pdf');

    // With nothing hidden, Wati drafts too; she changes a score in the app after Sari's export: Sari's import still goes through.
    ws.settings.save({ hideOthersUntilSubmitted: false });
    actAs(ws, 'Ir. Wati');
    const wati = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    ws.assessments.setScore(wati, 'ECO.1', 1);
    actAs(ws, 'Dr. Sari');
    const sheet = ws.panelViews.sheet(submissionId);
    const mine = sheet.columns.findIndex((column) => column.name === 'Dr. Sari');
    const file = await filled(ws, submissionId, (_sheet, cell) => {
      cell('LIV.1', mine).value = 4;
    });
    actAs(ws, 'Ir. Wati');
    ws.assessments.setScore(wati, 'ECO.1', 5);
    actAs(ws, 'Dr. Sari');
    expect(await ws.reports.importScoreSheet(file)).toEqual({ assessments: [{ id: sari, name: 'Dr. Sari', changed: 1 }] });
  });
});
