import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { formatGap, formatPercent } from '../../../shared/format/number.ts';
import { importDocument } from '../../../electron/core/intake/import.ts';
import { cohortFile } from '../../helpers/cohort.ts';
import { ROOT } from '../../helpers/cli.ts';
import { workspaceWithSubmission } from '../../helpers/import-file.ts';
import { sofficePath } from '../../helpers/libreoffice.ts';
import { tempDir } from '../../helpers/temp.ts';

/** Where the pictures of the letter's pages go, to be looked at. */
const PAPER_DIR = join(ROOT, 'test-results', 'letter');

/** A DOCX as LibreOffice prints it: a PDF. Without soffice this fails, loudly (CI installs it). */
function docxToPdf(docx: Buffer): string {
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice (soffice) is needed to print the letter: apt-get install -y libreoffice-writer-nogui');
  const dir = tempDir();
  const input = join(dir, 'letter.docx');
  writeFileSync(input, docx);
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      input,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return join(dir, 'letter.pdf');
}

const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
/** Words only, one space between: a table cell or a line break does not split what is looked for. */
const words = (text: string) => text.replace(/\s+/g, ' ');

/** Page `page` of a PDF as a small PNG in test-results/letter, to look at. */
function pagePicture(pdf: string, name: string, page = 1): string {
  mkdirSync(PAPER_DIR, { recursive: true });
  const prefix = join(tempDir(), 'page');
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  const out = join(PAPER_DIR, `${name}.png`);
  copyFileSync(`${prefix}.png`, out);
  return out;
}

/** One part of a DOCX (a zip), as text. */
function unzipEntry(docx: Buffer, entry: string): string {
  const path = join(tempDir(), 'letter.docx');
  writeFileSync(path, docx);
  return execFileSync('unzip', ['-p', path, entry], { encoding: 'utf8' });
}

const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

/**
 * Banggai at Bimtek 3 with its masterplan (its quick-win table read from the DOCX), a panel of
 * two with notes, a self-assessment; and three other regencies at Bimtek 3 to rank against,
 * one of them in the same province (Sulawesi Tengah).
 */
async function seeded() {
  const { workspace: ws, submission, context } = await workspaceWithSubmission('72.01');
  for (const code of ['72.03', '73.71', '34.71']) ws.regencies.add({ code, cohortYear: 2022, stage: 3 });
  const masterplan = join(ROOT, 'test', 'fixtures', 'masterplans', 'banggai-2024.docx');
  await importDocument({ submissionId: submission.id, path: masterplan, fileName: 'banggai-2024.docx', role: 'masterplan' }, context());
  const rubric = ws.rubrics.get('masterplan-review').rubric;
  const file = cohortFile(rubric, [
    { code: '72.01', stages: [3], strength: 0.4, selfBias: 1 },
    { code: '72.03', stages: [3], strength: 0.2 },
    { code: '73.71', stages: [3], strength: 0.7 },
    { code: '34.71', stages: [3], strength: 0.8 },
  ]);
  // The first assessor writes a note on every criterion of Banggai; the second on none.
  for (const assessment of file.assessments) {
    if (assessment.regency !== '72.01' || assessment.assessor.name !== 'Dr. Sari Wulandari') continue;
    for (const [code, entry] of Object.entries(assessment.scores)) entry.note = `Catatan ${code}: bukti di dokumen masterplan.`;
  }
  ws.assessmentFiles.importText(JSON.stringify(file));
  const quickWins = ws.documents.inventory(submission.id).filter((item) => item.kind === 'quick_win');
  expect(quickWins.length).toBeGreaterThan(1);
  ws.documents.setInventoryStatus([quickWins[0]?.id as number], 'confirmed');
  return { ws, submissionId: submission.id, quickWins };
}

describe('the result letter', () => {
  it('writes a DOCX that LibreOffice prints with every number of the summary, the names, the ranks, the notes and the quick wins', async () => {
    const { ws, submissionId, quickWins } = await seeded();
    const summary = ws.panelViews.summary({ submissionId })[0];
    if (!summary) throw new Error('no summary');
    const { fileName, mimeType, data } = await ws.letters.letter(submissionId, 'docx');
    expect(fileName).toBe('laporan-hasil-72.01-Kabupaten-Banggai-bimtek3-2026-08-15.docx');
    expect(mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // Word's own parts: a header row that repeats, two chart pictures, page numbers in the footer.
    const xml = unzipEntry(data, 'word/document.xml');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml.match(/<pic:pic /g)?.length).toBe(2);
    expect(xml).toContain('w:orient');
    expect(unzipEntry(data, 'word/footer1.xml')).toMatch(/NUMPAGES/);

    const pdf = docxToPdf(data);
    const text = words(pdfText(pdf));
    const percent = (value: number | null) => formatPercent(value as number, 'id');
    expect(text).toContain('Laporan Hasil Penilaian Masterplan Smart City');
    expect(text).toContain('Yth. Bupati Banggai');
    expect(text).toContain('Kabupaten Banggai (72.01)');
    expect(text).toContain('Kementerian Komunikasi dan Digital (Komdigi)');
    expect(text).toContain(`Penilaian Masterplan Smart City (per tahap Bimtek) (versi ${summary.rubricVersion})`);
    // The overall result, its band and its gap; every dimension by name with its result and gap.
    expect(text).toContain(percent(summary.panel.overall.percent));
    expect(text).toContain(`${formatGap(summary.panel.overall.gap, 'id')} poin`);
    expect(text).toContain(summary.panel.overall.band?.id as string);
    for (const group of summary.panel.groups) {
      expect(text).toContain(`${group.title.id} ${percent(group.percent)} ${formatGap(group.gap, 'id')}`);
    }
    // Names, not codes (the codes left are in the assessors' own notes: "Catatan GOV.1").
    expect(text).not.toMatch(/\b(GOV|BRA|ECO|LIV|SOC|ENV|RDY|MAP)\b(?!\.\d)/);
    // Ranked among the four at Bimtek 3, and among the two in Sulawesi Tengah.
    const ranked = ws.panelViews
      .summary()
      .map((entry) => entry.panel.overall.percent as number)
      .sort((a, b) => b - a);
    const national = ranked.indexOf(summary.panel.overall.percent as number) + 1;
    expect(text).toContain(`Peringkat nasional (Bimtek 3) peringkat ${national} dari 4`);
    const banggaiKepulauan = ws.panelViews.summary().find((entry) => entry.regencyCode === '72.03');
    const province = (banggaiKepulauan?.panel.overall.percent as number) > (summary.panel.overall.percent as number) ? 2 : 1;
    // (The label may wrap in its cell, so its last words can follow the value.)
    expect(text).toMatch(new RegExp(`Peringkat di Sulawesi Tengah .{0,15}peringkat ${province} dari 2`));
    // The self-assessment beside the panel.
    expect(text).toContain(`Penilaian mandiri ${percent(summary.self?.overall.percent ?? null)} oleh DKISP 72.01`);
    // Recommendations in plain words, the notes quoted with their author, the quick wins with their status.
    expect(text).toMatch(/Naikkan “[^”]+” \(Smart [A-Za-z]+\) dari level \d/);
    expect(text).toMatch(/“Catatan [A-Z]+\.\d+: bukti di dokumen masterplan\.” \(Dr\. Sari Wulandari\)/);
    expect(text).toContain('Kekuatan');
    expect(text).toContain('Kelemahan');
    // (Table cells wrap on paper: the names are looked for in the document itself.)
    const content = words(xml.replace(/<[^>]+>/g, ' '));
    for (const win of quickWins) expect(content).toContain(win.name);
    expect(content).toContain('dikonfirmasi penilai');
    // The panel's signature block: both assessors under their institution.
    expect(text).toContain('Anggota panel');
    expect(content).toMatch(/Anggota panel Dr\. Sari Wulandari UGM/);
    expect(content).toMatch(/Anggota panel Prof\. Budi Santoso UGM/);
    expect(text).toMatch(/Dr\. Sari Wulandari Prof\. Budi Santoso UGM UGM/);
    expect(text).toMatch(/Halaman 1 dari \d/);
    expect(pageCount(pdf)).toBeGreaterThan(1);
    pagePicture(pdf, 'letter-docx-page1');
    pagePicture(pdf, 'letter-docx-page2', 2);
    ws.close();
  }, 180_000);

  it('is written in English with the ministry the settings name', async () => {
    const { ws, submissionId } = await seeded();
    ws.settings.save({ ministry: 'Kementerian Komunikasi dan Informatika (Kominfo)', language: 'en' });
    const summary = ws.panelViews.summary({ submissionId })[0];
    const { data } = await ws.letters.letter(submissionId, 'docx');
    const xml = words(unzipEntry(data, 'word/document.xml').replace(/<[^>]+>/g, ' '));
    expect(xml).toContain('Smart City Masterplan Assessment Result');
    expect(xml).toContain('The Regent of Banggai');
    expect(xml).toContain('Kementerian Komunikasi dan Informatika (Kominfo)');
    expect(xml).not.toContain('Komdigi');
    expect(xml).toContain(formatPercent(summary?.panel.overall.percent as number, 'en'));
    expect(xml).toContain('Strengths');
    ws.close();
  });

  it('is refused while the panel result is hidden from me, rather than giving it away', async () => {
    const { ws, submissionId } = await seeded();
    const me = ws.profile.save({ name: 'Dr. Rina Kusuma', institution: 'ITS', role: 'assessor' });
    const rubric = ws.rubrics.get('masterplan-review').rubric;
    ws.assessmentFiles.importText(
      JSON.stringify({
        format: 'timbang.assessment',
        formatVersion: 1,
        assessments: [
          {
            rubric: { id: rubric.id, version: rubric.version },
            regency: '72.01',
            stage: 3,
            assessor: { name: me.name, institution: 'ITS', role: 'assessor' },
            status: 'draft',
            scores: {},
          },
        ],
      }),
    );
    await expect(ws.letters.letter(submissionId, 'docx')).rejects.toSatisfy(
      (error: unknown) => error instanceof AppError && error.code === 'letter.hidden',
    );
    ws.close();
  });

  it('writes a PDF with the same numbers (the PDF renderer of electron/core/reports/letter-pdf.ts)', async () => {
    const { ws, submissionId } = await seeded();
    const summary = ws.panelViews.summary({ submissionId })[0];
    const { fileName, mimeType, data } = await ws.letters.letter(submissionId, 'pdf');
    expect(fileName).toBe('laporan-hasil-72.01-Kabupaten-Banggai-bimtek3-2026-08-15.pdf');
    expect(mimeType).toBe('application/pdf');
    const path = join(tempDir(), 'letter.pdf');
    writeFileSync(path, data);
    const text = words(pdfText(path));
    expect(text).toContain('Bupati Banggai');
    expect(text).toContain(formatPercent(summary?.panel.overall.percent as number, 'id'));
    for (const group of summary?.panel.groups ?? []) expect(text).toContain(formatPercent(group.percent as number, 'id'));
    pagePicture(path, 'letter-pdf-page1');
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    ws.close();
  }, 120_000);
});
