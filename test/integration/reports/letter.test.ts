import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/domain/settings.ts';
import { AppError } from '../../../shared/errors.ts';
import { formatGap, formatPercent } from '../../../shared/format/number.ts';
import { importDocument } from '../../../electron/core/intake/import.ts';
import { cohortFile } from '../../helpers/cohort.ts';
import { ROOT } from '../../helpers/cli.ts';
import { workspaceWithSubmission } from '../../helpers/import-file.ts';
import { isA4Portrait, lines, median, readPdf, renderPages, toPdf, type Paper } from '../../helpers/paper.ts';
import { tempDir } from '../../helpers/temp.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

/** Where the pictures of the letter's pages go, to be looked at. */
const PAPER_DIR = join(ROOT, 'test-results', 'letter');

/** A DOCX as LibreOffice prints it: a PDF file (the paper helper's conversion, kept where the page pictures can read it). */
function docxToPdf(docx: Buffer): string {
  const path = join(tempDir(), 'letter.pdf');
  writeFileSync(path, toPdf({ name: 'letter.docx', data: docx }));
  return path;
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
    expect(text).toMatch(/Naikkan “[^”]+” \([^)]+\) dari level \d/);
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

/** The letter's page footer ("Halaman 2 dari 5", "Page 2 of 5"): not part of the text flow. */
const FOOTER = /(Halaman \d+ dari \d+|Page \d+ of \d+)$/;
/** The page count stated for the seeded Banggai letter (panel of two, notes, self-assessment, seven quick wins). */
const PAGES = { min: 4, max: 6 };
/**
 * A weak regency's letter stays a letter: every dimension below the pass mark, both assessors' notes on
 * every criterion. (The demo's weakest, Banggai at Bimtek 1, prints on 5; this harsher one on 6.)
 */
const WEAK_PAGES = 6;
/**
 * pdftotext -bbox gives each word a box from the font's descent to its ascent (yMax − yMin), about
 * 1.15 × the point size: the body (10.5 pt in the PDF, 11 pt Arial in Word) gives a box of about 12.
 */
const MIN_MEDIAN_WORD_BOX = 9;

type Kind = 'pdf' | 'docx';
interface Printed {
  kind: Kind;
  language: Language;
  paper: Paper;
  /** The letter as laid out (its headings, in order). */
  headings: string[];
}

/** One page's body lines (the footer left out), and all pages' words as one text. */
const bodyLines = (paper: Paper) => paper.pages.map((page) => lines(page).filter((line) => !FOOTER.test(line)));
const flatText = (paper: Paper) => words(paper.pages.map((page) => lines(page).join(' ')).join(' '));

describe('the result letter on paper: its PDF and its DOCX printed by LibreOffice, in both languages', () => {
  let seed: Awaited<ReturnType<typeof seeded>>;
  const printed: Printed[] = [];
  let weak: Paper;
  let weakDocx: Paper;
  let docx: Buffer;

  beforeAll(async () => {
    seed = await seeded();
    const { ws, submissionId } = seed;
    for (const language of ['id', 'en'] as const) {
      const headings = ws.letters
        .document(submissionId, { language })
        .blocks.flatMap((block) => (block.kind === 'heading' ? [block.text] : []));
      const pdf = await ws.letters.letter(submissionId, 'pdf', { language });
      const word = await ws.letters.letter(submissionId, 'docx', { language });
      if (language === 'id') docx = word.data;
      printed.push(
        { kind: 'pdf', language, paper: readPdf(pdf.data), headings },
        // Each DOCX converted once, here.
        { kind: 'docx', language, paper: readPdf(toPdf({ name: word.fileName, data: word.data })), headings },
      );
    }

    // A weak regency: every dimension below the pass mark, a note on every criterion, a self-assessment.
    const weakWs = await openTestWorkspace();
    weakWs.regencies.add({ code: '72.03', cohortYear: 2022, stage: 3 });
    const rubric = weakWs.rubrics.get('masterplan-review').rubric;
    const file = cohortFile(rubric, [{ code: '72.03', stages: [3], strength: 0.05, selfBias: 1 }]);
    for (const assessment of file.assessments) {
      if (assessment.assessor.role !== 'assessor') continue;
      for (const [code, entry] of Object.entries(assessment.scores))
        entry.note = `Catatan ${code}: analisis belum didukung data, program belum dipetakan ke RPJMD dan Renstra, anggaran dan perangkat daerah penanggung jawab belum disebutkan.`;
    }
    weakWs.assessmentFiles.importText(JSON.stringify(file));
    const weakSummary = weakWs.panelViews.summary()[0];
    if (!weakSummary) throw new Error('no weak summary');
    expect(weakSummary.panel.groups.every((group) => (group.percent ?? 0) < 70)).toBe(true);
    weak = readPdf((await weakWs.letters.letter(weakSummary.submissionId, 'pdf')).data);
    const weakWord = await weakWs.letters.letter(weakSummary.submissionId, 'docx');
    weakDocx = readPdf(toPdf({ name: weakWord.fileName, data: weakWord.data }));
    weakWs.close();

    // Last run's pictures go first: a letter that got shorter leaves no stale last page to look at.
    mkdirSync(PAPER_DIR, { recursive: true });
    for (const name of readdirSync(PAPER_DIR)) if (name.startsWith('paper-')) rmSync(join(PAPER_DIR, name));
    for (const { kind, language, paper } of printed) renderPages(paper, PAPER_DIR, `paper-${kind}-${language}`, { dpi: 60 });
    renderPages(weak, PAPER_DIR, 'paper-weak-pdf', { dpi: 60 });
    renderPages(weakDocx, PAPER_DIR, 'paper-weak-docx', { dpi: 60 });
  }, 300_000);

  it('is A4 portrait, within the stated pages, readable, and every word on the page', () => {
    for (const { kind, language, paper } of printed) {
      const what = `${kind} ${language}`;
      expect(paper.pages.length, what).toBeGreaterThanOrEqual(PAGES.min);
      expect(paper.pages.length, what).toBeLessThanOrEqual(PAGES.max);
      for (const page of paper.pages) {
        expect(isA4Portrait(page), `${what} page ${page.number}`).toBe(true);
        for (const word of page.words) {
          expect(word.xMin >= 0 && word.yMin >= 0 && word.xMax <= page.width && word.yMax <= page.height, `${what}: ${word.text}`).toBe(
            true,
          );
        }
      }
      const heights = paper.pages.flatMap((page) => page.words.map((word) => word.height));
      expect(median(heights), what).toBeGreaterThanOrEqual(MIN_MEDIAN_WORD_BOX);
    }
  });

  it('never leaves a heading alone at the bottom of a page: what follows it starts on the same page', () => {
    for (const { kind, language, paper, headings } of printed) {
      const pages = bodyLines(paper);
      let page = 0;
      let line = -1;
      for (const heading of headings) {
        // Each heading on a line of its own, after the one before.
        let found = false;
        for (; page < pages.length && !found; page++, line = -1) {
          const index = (pages[page] ?? []).findIndex((text, at) => at > line && text === heading);
          if (index >= 0) {
            found = true;
            line = index;
            break;
          }
        }
        expect(found, `${kind} ${language}: “${heading}”`).toBe(true);
        expect(line, `${kind} ${language}: “${heading}” ends page ${page + 1}`).toBeLessThan((pages[page]?.length ?? 0) - 1);
      }
    }
  });

  it('says every number of the summary, formatted the way of its language', () => {
    const { ws, submissionId } = seed;
    const summary = ws.panelViews.summary({ submissionId })[0];
    if (!summary?.self) throw new Error('no summary with a self-assessment');
    const all = ws.panelViews.summary();
    const national = all.filter((entry) => (entry.panel.overall.percent as number) > (summary.panel.overall.percent as number)).length + 1;
    const province =
      all.filter(
        (entry) =>
          entry.regencyCode.startsWith('72.') && (entry.panel.overall.percent as number) > (summary.panel.overall.percent as number),
      ).length + 1;
    // The formats differ by language (62,2% and 62.2%): each letter is checked with its own.
    expect(formatPercent(12.5, 'id')).not.toBe(formatPercent(12.5, 'en'));
    for (const { kind, language, paper } of printed) {
      const what = `${kind} ${language}`;
      const percent = (value: number | null) => formatPercent(value as number, language);
      const gap = (value: number | null) => formatGap(value, language);
      const text = flatText(paper);
      const rows = bodyLines(paper).flat();
      const overall = percent(summary.panel.overall.percent);
      const points = language === 'id' ? 'poin' : 'points';
      expect(text, what).toContain(language === 'id' ? `Nilai keseluruhan ${overall}` : `The overall result is ${overall}`);
      expect(text, what).toContain(`${gap(summary.panel.overall.gap)} ${points}`);
      expect(text, what).toContain(language === 'id' ? `peringkat ${national} dari 4` : `rank ${national} of 4`);
      expect(text, what).toContain(language === 'id' ? `peringkat ${province} dari 2` : `rank ${province} of 2`);
      const selfOverall = percent(summary.self.overall.percent);
      expect(text, what).toContain(language === 'id' ? `${selfOverall} oleh DKISP 72.01` : `${selfOverall} by DKISP 72.01`);
      for (const group of summary.panel.groups) {
        const title = language === 'en' && group.title.en ? group.title.en : group.title.id;
        // The dimension's row: its name (its first words, where it wraps in its cell), its result and its gap on one line.
        const named = (row: string) => row.startsWith(title.split(' ').slice(0, 2).join(' '));
        expect(
          rows.some((row) => named(row) && row.includes(` ${percent(group.percent)} ${gap(group.gap)}`)),
          `${what}: ${title}`,
        ).toBe(true);
        // The self-assessment table: the self's % beside the panel's.
        const self = summary.self.groups.find((row) => row.code === group.code);
        expect(
          rows.some((row) => named(row) && row.includes(` ${percent(self?.percent ?? null)} ${percent(group.percent)}`)),
          `${what}: ${title} (self)`,
        ).toBe(true);
      }
      // The other language's format of the overall result is nowhere.
      const other = formatPercent(summary.panel.overall.percent as number, language === 'id' ? 'en' : 'id');
      if (other !== overall) expect(text, what).not.toContain(` ${other}`);
    }
  });

  it('keeps the quick wins’ status to two lines and the self-assessment’s standing to one', () => {
    const found = seed.quickWins.length - 1;
    for (const { kind, language, paper } of printed) {
      const rows = bodyLines(paper).flat();
      const [first, second, over] =
        language === 'id'
          ? ['terbaca dari dokumen,', 'belum dikonfirmasi', 'mandiri lebih']
          : ['in the documents,', 'confirmed', 'self rated'];
      // Each status in one or two lines: its halves whole ("terbaca dari dokumen," then "belum dikonfirmasi").
      expect(rows.filter((row) => row.includes(first)).length, `${kind} ${language}`).toBe(found);
      expect(rows.filter((row) => row.endsWith(second)).length, `${kind} ${language}`).toBe(found);
      // "mandiri lebih tinggi" whole on its line, never "mandiri lebih" / "tinggi".
      expect(
        rows.filter((row) => row.endsWith(over)),
        `${kind} ${language}`,
      ).toEqual([]);
      expect(rows.filter((row) => row.includes(over)).length, `${kind} ${language}`).toBeGreaterThan(0);
    }
  });

  it('shows each chart’s title once in Word: drawn in the picture, the caption as its alt text', () => {
    const xml = unzipEntry(docx, 'word/document.xml');
    for (const caption of ['Profil dimensi terhadap batas lulus', 'Selisih setiap dimensi dari batas lulus']) {
      expect(xml.split(caption).length - 1, caption).toBe(1);
      expect(xml).toMatch(new RegExp(`<wp:docPr [^>]*descr="${caption}"`));
    }
    // And not as a line of its own on paper (the picture's title is no text).
    const docxId = printed.find((entry) => entry.kind === 'docx' && entry.language === 'id') as Printed;
    expect(bodyLines(docxId.paper).flat()).not.toContain('Profil dimensi terhadap batas lulus');
  });

  it(`keeps a weak regency's letter within ${WEAK_PAGES} pages, the recommendations cut to the best`, () => {
    for (const [what, paper] of [
      ['pdf', weak],
      ['docx', weakDocx],
    ] as const) {
      expect(paper.pages.length, what).toBeLessThanOrEqual(WEAK_PAGES);
      const text = flatText(paper);
      expect(text, what).toMatch(/…dan \d+ langkah lain \(\+\d+(,\d)? poin\)\./);
      // The overall path lists five improvements, not six.
      expect(text, what).toContain(' 5. Naikkan “');
      expect(text, what).not.toContain(' 6. Naikkan “');
    }
  });
});
