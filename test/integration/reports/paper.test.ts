import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutOf, SCORE_SHEET } from '../../../electron/core/reports/scoresheet.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { timbang, ROOT } from '../../helpers/cli.ts';
import { cohortFile } from '../../helpers/cohort.ts';
import { isA4Landscape, lines, median, print, renderPages, type Paper, type PaperPage, type PaperWord } from '../../helpers/paper.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

/**
 * The exports as they come out of a printer: each workbook converted to PDF by LibreOffice
 * once, then read word by word (pdftotext -bbox), and its first pages rendered to
 * test-results/paper/ to look at.
 */

const PICTURES = join(ROOT, 'test-results', 'paper');
/** A word's box is about 1.3 × its point size in the sheets' font (Carlito, for Calibri): 11-pt text measures 14.3. */
const BOX_PER_POINT = 1.3;

/** Which sheet a page belongs to: the sheet's name ends its running header, the page's first line. */
function sheetOf(page: PaperPage): string {
  const top = Math.min(...page.words.map((word) => word.yMin));
  const header = page.words.filter((word) => word.yMin < top + 2).sort((a, b) => a.xMax - b.xMax);
  return header.at(-1)?.text ?? '';
}

/** The words between the running header and footer. */
function body(page: PaperPage): string[] {
  return page.words.filter((word) => word.yMin > 40 && word.yMax < page.height - 40).map((word) => word.text);
}

/** The running footer's words, left to right. */
function footer(page: PaperPage): string {
  return page.words
    .filter((word) => word.yMin > page.height - 40)
    .sort((a, b) => a.xMin - b.xMin)
    .map((word) => word.text)
    .join(' ');
}

/** Pages a sheet spilled onto: after its first, with fewer than 5 words (a chart page is its pictures' title only: it is one page). */
function spills(paper: Paper): number[] {
  const seen = new Set<string>();
  return paper.pages.flatMap((page) => {
    const first = !seen.has(sheetOf(page));
    seen.add(sheetOf(page));
    return !first && body(page).length < 5 ? [page.number] : [];
  });
}

function pagesOf(paper: Paper, sheet: string): PaperPage[] {
  return paper.pages.filter((page) => sheetOf(page) === sheet);
}

/** The median word of a page, in points. */
function points(page: PaperPage): number {
  return median(page.words.map((word) => word.height)) / BOX_PER_POINT;
}

/** Whether `words` appear in `stream` in this order (other words between them allowed), from `from`; where the last one was. */
function inOrder(stream: readonly string[], words: readonly string[], from: number): number {
  let at = from;
  for (const word of words) {
    at = stream.indexOf(word, at);
    if (at < 0) return -1;
    at += 1;
  }
  return at;
}

/** Words printed over each other (a text run into its neighbour's): boxes of different words may touch, not overlap. */
function overlaps(page: PaperPage): string[] {
  const found: string[] = [];
  const words = [...page.words].sort((a, b) => a.xMin - b.xMin);
  words.forEach((word, index) => {
    for (const other of words.slice(index + 1)) {
      if (other.xMin >= word.xMax - 0.5) break;
      const across = Math.min(word.yMax, other.yMax) - Math.max(word.yMin, other.yMin);
      if (across > Math.min(word.height, other.height) / 2) found.push(`"${word.text}" × "${other.text}"`);
    }
  });
  return found;
}

/**
 * How often a phrase is printed whole in one cell: word after word on a line, or wrapped onto the next lines at
 * the same left edge (or, right-aligned, the same right edge); a word may break after a dash: "12–" then "14.".
 */
function phrases(page: PaperPage, phrase: string): number {
  const next = (start: PaperWord, previous: PaperWord, sameLine: boolean) =>
    page.words.filter(
      (word) =>
        (sameLine && Math.abs(word.yMin - previous.yMin) < 1 && word.xMin > previous.xMax && word.xMin - previous.xMax < previous.height) ||
        ((Math.abs(word.xMin - start.xMin) < 1.5 || Math.abs(word.xMax - previous.xMax) < 1.5) &&
          word.yMin > previous.yMin + 1 &&
          word.yMin - previous.yMin < 2 * previous.height),
    );
  const whole = (start: PaperWord): boolean => {
    let remaining = phrase;
    let previous = start;
    for (;;) {
      if (remaining === previous.text) return true;
      // The word, then a space (the next word on the line or the next line), or a dash where the line broke.
      const broken = /[–-]$/.test(previous.text) && remaining.startsWith(previous.text);
      if (!broken && !remaining.startsWith(`${previous.text} `)) return false;
      remaining = remaining.slice(previous.text.length).replace(/^ /, '');
      const candidates = next(start, previous, !broken).filter((word) => remaining.startsWith(word.text));
      if (candidates.length !== 1) return false;
      previous = candidates[0] as PaperWord;
    }
  };
  return page.words.filter(whole).length;
}

/** The texts of a row, in the columns that print (not hidden). */
async function rowTexts(data: Uint8Array, sheet: string, row: number): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const worksheet = workbook.getWorksheet(sheet) as ExcelJS.Worksheet;
  const texts: string[] = [];
  worksheet.getRow(row).eachCell((cell, column) => {
    if (typeof cell.value === 'string' && !worksheet.getColumn(column).hidden) texts.push(cell.value);
  });
  return texts;
}

/**
 * The words of a table's header row on a page: from its first column's header (the lowest word `first` at the
 * left edge, its headers top-aligned) down to the first row under it in that column.
 */
function headerBand(page: PaperPage, first: string): PaperWord[] {
  const start = page.words.filter((word) => word.text === first).sort((a, b) => b.yMin - a.yMin)[0] as PaperWord;
  const below = page.words
    .filter((word) => word.yMin > start.yMax && Math.abs(word.xMin - start.xMin) < 1.5)
    .sort((a, b) => a.yMin - b.yMin)[0] as PaperWord;
  return page.words.filter((word) => word.yMin >= start.yMin - 1 && word.yMax <= below.yMin + 1);
}

interface PlacedHeader {
  header: string;
  left: number;
  right: number;
  /** Its words that are not printed whole in its column (a header broken inside a word: "Kusumawa ti"). */
  missing: string[];
}

/**
 * Find each header's words in the header row, left to right: a header's words lie in its own column, right of the
 * headers before it, so each is the leftmost unused word of its text past the previous header's right edge.
 */
function placeHeaders(band: readonly PaperWord[], headers: readonly string[]): PlacedHeader[] {
  const used = new Set<PaperWord>();
  let bound = 0;
  return headers.map((header) => {
    const found: PaperWord[] = [];
    const missing: string[] = [];
    for (const text of header.split(/\s+/)) {
      const word = band
        .filter((candidate) => candidate.text === text && !used.has(candidate) && candidate.xMin >= bound - 0.5)
        .sort((a, b) => a.xMin - b.xMin)[0];
      if (word) {
        used.add(word);
        found.push(word);
      } else missing.push(text);
    }
    const left = Math.min(...found.map((word) => word.xMin));
    if (found.length > 0) bound = Math.max(...found.map((word) => word.xMax));
    return { header, left, right: bound, missing };
  });
}

/** The words under a table's header row (the page's rows), the header's first column headed `first`. */
function belowHeader(page: PaperPage, first: string): PaperWord[] {
  const bottom = Math.max(...headerBand(page, first).map((word) => word.yMax));
  return page.words.filter((word) => word.yMin > bottom && word.yMax < page.height - 40);
}

/** Neighbouring headers closer than `gap` points, as "left | right". */
function crowdedHeaders(band: readonly PaperWord[], headers: readonly string[], gap: number): string[] {
  const placed = placeHeaders(band, headers);
  return placed.slice(1).flatMap((header, index) => {
    const before = placed[index] as PlacedHeader;
    return header.left - before.right > gap ? [] : [`${before.header} | ${header.header}`];
  });
}

/** Header words not printed whole in their own column, as "header: word". */
function brokenHeaderWords(band: readonly PaperWord[], headers: readonly string[]): string[] {
  return placeHeaders(band, headers).flatMap((placed) => placed.missing.map((word) => `${placed.header}: ${word}`));
}

interface PrintedSheet {
  data: Buffer;
  paper: Paper;
  titles: string[][];
  headerRow: number;
  selfScores: Record<string, unknown>;
  /** Criteria not assessed at this stage: their % cell says so in words. */
  notDue: number;
}

/** Two notes long enough to wrap in a narrow note column: they must print whole, in their column. */
const NOTES = [
  'Dokumen RPJMD belum memuat indikator kinerja smart city; lihat lampiran 3 halaman 12–14.',
  'Sudah ada, tetapi belum ditetapkan dengan peraturan bupati.',
];

/** A panel with the regency's self-assessment and two notes, exported as a score sheet in each language asked for. */
async function panelSheets(dir: string, assessors: string[], languages: ('id' | 'en')[]): Promise<PrintedSheet[]> {
  const ws = await openTestWorkspace(dir);
  try {
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    const rubric = ws.rubrics.get('masterplan-review').rubric;
    const file = cohortFile(rubric, [{ code: '72.01', stages: [3], strength: 0.5, selfBias: 1 }], assessors);
    const [first, second] = criteriaOf(rubric).map(({ node }) => node.code);
    (file.assessments[0]?.scores[first as string] as { note: string }).note = NOTES[0] as string;
    (file.assessments[1]?.scores[second as string] as { note: string }).note = NOTES[1] as string;
    ws.assessmentFiles.importText(JSON.stringify(file));
    const submissionId = ws.panelViews.summary()[0]?.submissionId as number;
    const view = ws.panelViews.sheet(submissionId);
    const printed: PrintedSheet[] = [];
    for (const language of languages) {
      ws.settings.save({ language });
      const { data } = await ws.reports.scoreSheet(submissionId);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
      const layout = layoutOf(view.rubric, view.columns.length, true);
      let notDue = 0;
      for (const row of layout.rows.values()) {
        const value = workbook.getWorksheet(SCORE_SHEET)?.getCell(`${layout.columns.percent}${row}`).value;
        if (value === (language === 'id' ? 'bukan tahap ini' : 'not at this stage')) notDue += 1;
      }
      printed.push({
        data,
        paper: print({ name: `lembar-nilai-${assessors.length}-${language}.xlsx`, data }),
        titles: criteriaOf(view.rubric).map(({ node }) => node.title.id.split(/\s+/)),
        headerRow: layout.headerRow,
        selfScores: view.self?.scores ?? {},
        notDue,
      });
    }
    return printed;
  } finally {
    ws.close();
  }
}

/** Pictures to look at: the first page of each printed sheet (and the workbook and its PDF beside them). */
function picture(name: string, { data, paper }: { data: Buffer; paper: Paper }): void {
  writeFileSync(join(PICTURES, `${name}.xlsx`), data);
  writeFileSync(join(PICTURES, `${name}.pdf`), paper.pdf);
  const firsts = [...new Map(paper.pages.map((page) => [sheetOf(page), page.number] as const).reverse()).values()];
  renderPages(paper, PICTURES, name, { pages: firsts, dpi: 70 });
}

let folder: string;
let recap: { data: Buffer; paper: Paper };
let recapEn: { data: Buffer; paper: Paper };
let three: PrintedSheet;
let four: PrintedSheet;
let fourEn: PrintedSheet;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'timbang-paper-test-'));
  // The demo's recap, written by the CLI as a user would: 4 regencies, 10 rows, 25 assessments; and in English.
  const demo = join(folder, 'demo');
  expect(timbang(['demo', '--json', '--data', demo]).status).toBe(0);
  const printRecap = (language: 'id' | 'en') => {
    const file = join(folder, `rekap-${language}.xlsx`);
    const written = timbang(['report', '--out', file, '--data', demo]);
    expect(written.status, written.stderr).toBe(0);
    const data = readFileSync(file);
    return { data, paper: print({ name: `rekap-${language}.xlsx`, data }) };
  };
  recap = printRecap('id');
  expect(timbang(['settings', 'set', '--language', 'en', '--data', demo]).status).toBe(0);
  recapEn = printRecap('en');

  // Panels of three and of four with the regency's self-assessment; the four also in English.
  [three] = (await panelSheets(join(folder, 'three'), ['Dr. Sari Wulandari', 'Prof. Budi Santoso', 'Ir. Wati Hasanah'], ['id'])) as [
    PrintedSheet,
  ];
  [four, fourEn] = (await panelSheets(
    join(folder, 'four'),
    ['Dr. Sari Wulandari', 'Prof. Budi Santoso', 'Ir. Wati Hasanah', 'Dr. Rina Kusumawati'],
    ['id', 'en'],
  )) as [PrintedSheet, PrintedSheet];

  mkdirSync(PICTURES, { recursive: true });
  picture('rekap', recap);
  picture('rekap-en', recapEn);
  picture('lembar-nilai-3', three);
  picture('lembar-nilai-4', four);
  picture('lembar-nilai-4-en', fourEn);
}, 120_000);

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the demo recap on paper', () => {
  it('prints every page on A4 landscape: the Rekap sheet on one page for 10 rows, the legend and the charts on one page each, the Data sheet not at all', () => {
    const { pages } = recap.paper;
    expect(pages.every(isA4Landscape)).toBe(true);
    // 10 rows of at most three wrapped lines each fit one page; the legend's 14 entries one page; the two charts one page.
    expect(pagesOf(recap.paper, 'Rekap')).toHaveLength(1);
    expect(pagesOf(recap.paper, 'Keterangan')).toHaveLength(1);
    expect(pagesOf(recap.paper, 'Grafik')).toHaveLength(1);
    // The Data sheet (one row per criterion per assessor, for pivot tables) prints no page: its print area is empty.
    expect(pagesOf(recap.paper, 'Data')).toHaveLength(0);
    expect(pages).toHaveLength(3);
    expect(spills(recap.paper)).toEqual([]);
  });

  it('numbers the pages of each sheet from 1, and says which sheet', () => {
    const footers = recap.paper.pages.map(footer);
    expect(footers[0]).toMatch(/^Rekap Penilaian Masterplan Smart City · 4 daerah .*Rekap · halaman 1$/);
    expect(footers[1]).toMatch(/ Keterangan · halaman 1$/);
    expect(footers[2]).toMatch(/ Grafik · halaman 1$/);
  });

  it('has a readable first page: the median word at least 6 pt', () => {
    const [first] = recap.paper.pages as [PaperPage];
    expect(sheetOf(first)).toBe('Rekap');
    expect(points(first)).toBeGreaterThanOrEqual(6);
  });

  it('wraps its headers between words, not inside them ("Angkatan", not "Angkata n"), and names the dimensions', async () => {
    const [first] = recap.paper.pages as [PaperPage];
    const headers = await rowTexts(recap.data, 'Rekap', 1);
    expect(headers).toContain('Smart Environment (ENV, %)');
    expect(brokenHeaderWords(headerBand(first, headers[0] as string), headers)).toEqual([]);
  });

  it('keeps its columns apart: the cohort year clear of the stage, number headers over their numbers, a gap between headers', async () => {
    const [first] = recap.paper.pages as [PaperPage];
    expect(overlaps(first)).toEqual([]);
    // "2023 Bimtek 1" read as one: the year (centred) stands apart from the stage (left-aligned) after it.
    const years = first.words.filter((word) => /^20\d\d$/.test(word.text));
    expect(years).toHaveLength(10);
    for (const year of years) {
      const stage = first.words
        .filter((word) => Math.abs(word.yMin - year.yMin) < 1 && word.xMin > year.xMax)
        .sort((a, b) => a.xMin - b.xMin)[0] as PaperWord;
      expect(stage.text).toMatch(/^(Bimtek|Evaluasi)$/);
      expect(stage.xMin - year.xMax, year.text).toBeGreaterThan(year.height / 2);
    }
    // The header row: every header's words, found left to right in its own column.
    const top = Math.min(...years.map((word) => word.yMin));
    const headers = await rowTexts(recap.data, 'Rekap', 1);
    const placed = placeHeaders(headerBand(first, 'Provinsi'), headers);
    expect(placed.flatMap((header) => header.missing)).toEqual([]);
    // A visible gap between neighbouring headers ("…(MAP, %)" then "Keseluruhan (%)" nearly touched).
    expect(crowdedHeaders(headerBand(first, 'Provinsi'), headers, 3)).toEqual([]);
    // A number column's header ends where its numbers end (both right-aligned).
    const numbers = first.words.filter((word) => word.yMin > top - 1 && /^-?\d+(\.\d)?$/.test(word.text));
    for (const name of ['Keseluruhan (%)', 'Selisih', 'Peringkat nasional', 'Peringkat provinsi', 'Smart Governance (GOV, %)']) {
      const header = placed.find((entry) => entry.header === name) as (typeof placed)[number];
      const below = numbers.filter((word) => Math.abs(word.xMax - header.right) < 1.5);
      expect(below.length, name).toBeGreaterThanOrEqual(4);
    }
  });

  it('explains its columns in a legend, and says that the Data sheet does not print', () => {
    const [legend] = pagesOf(recap.paper, 'Keterangan') as [PaperPage];
    const text = lines(legend).join(' ');
    for (const phrase of ['Keterangan kolom', 'Peringkat nasional', 'Mandiri − panel', 'tabel pivot', 'tidak dicetak'])
      expect(text).toContain(phrase);
  });

  it('prints in English too: headers whole, a readable first page, the legend in English', async () => {
    expect(recapEn.paper.pages.every(isA4Landscape)).toBe(true);
    expect(recapEn.paper.pages.map(sheetOf)).toEqual(['Recap', 'Legend', 'Charts']);
    const [first] = recapEn.paper.pages as [PaperPage];
    expect(points(first)).toBeGreaterThanOrEqual(6);
    const headers = await rowTexts(recapEn.data, 'Recap', 1);
    expect(headers).toEqual(expect.arrayContaining(['Cohort', 'National rank', 'Change since the previous stage']));
    expect(brokenHeaderWords(headerBand(first, headers[0] as string), headers)).toEqual([]);
    expect(crowdedHeaders(headerBand(first, headers[0] as string), headers, 3)).toEqual([]);
    expect(overlaps(first)).toEqual([]);
    const text = lines(pagesOf(recapEn.paper, 'Legend')[0] as PaperPage).join(' ');
    for (const phrase of ['What the columns mean', 'National rank', 'pivot tables', 'does not print']) expect(text).toContain(phrase);
    expect(footer(first)).toMatch(/Recap · page 1$/);
  });
});

describe.each([
  ['three', () => three],
  ['four', () => four],
])('a score sheet of a panel of %s with a self-assessment, on paper', (_, sheet) => {
  it('prints on A4 landscape at 7 pt or more: the table on a few pages, the legend and the chart on one page each', () => {
    const { paper } = sheet();
    expect(paper.pages.every(isA4Landscape)).toBe(true);
    // 62 rows (8 groups, 53 criteria, the overall), most two lines tall: 3 to 7 pages.
    const table = pagesOf(paper, SCORE_SHEET);
    expect(table.length).toBeGreaterThanOrEqual(3);
    expect(table.length).toBeLessThanOrEqual(7);
    expect(pagesOf(paper, 'Keterangan')).toHaveLength(1);
    expect(pagesOf(paper, 'Grafik')).toHaveLength(1);
    expect(paper.pages).toHaveLength(table.length + 2);
    expect(spills(paper)).toEqual([]);
    // Projected in a Bimtek session and printed: readable, and every page full of rows (the result not alone on a last page).
    expect(points(table[0] as PaperPage)).toBeGreaterThanOrEqual(7);
    for (const page of table) {
      const rows = belowHeader(page, 'Kode');
      expect(median(rows.map((word) => word.height)) / BOX_PER_POINT, `page ${page.number}`).toBeGreaterThanOrEqual(7);
      // Rows down past the middle of the page: not a line or two alone.
      expect(Math.max(...rows.map((word) => word.yMax)), `page ${page.number}`).toBeGreaterThan(page.height / 2);
    }
    table.forEach((page, index) =>
      expect(footer(page)).toMatch(new RegExp(`^Kabupaten Banggai · Bimtek 3 .*Nilai · halaman ${index + 1}$`)),
    );
    expect(footer(pagesOf(paper, 'Keterangan')[0] as PaperPage)).toMatch(/ Keterangan · halaman 1$/);
  });

  it('prints every criterion name whole, in the rubric’s order', () => {
    const stream = pagesOf(sheet().paper, SCORE_SHEET).flatMap((page) => lines(page).flatMap((line) => line.split(' ')));
    let at = 0;
    for (const title of sheet().titles) {
      const next = inOrder(stream, title, at);
      expect(next, title.join(' ')).toBeGreaterThan(0);
      at = next;
    }
    expect(sheet().titles).toHaveLength(53);
  });

  it('prints every cell whole: no word over another, "bukan tahap ini" and the notes wrapped in their columns', () => {
    const table = pagesOf(sheet().paper, SCORE_SHEET);
    for (const page of table) expect(overlaps(page), `page ${page.number}`).toEqual([]);
    expect(sheet().notDue).toBeGreaterThan(0);
    expect(table.reduce((sum, page) => sum + phrases(page, 'bukan tahap ini'), 0)).toBe(sheet().notDue);
    for (const note of NOTES)
      expect(
        table.reduce((sum, page) => sum + phrases(page, note), 0),
        note,
      ).toBe(1);
  });

  it('wraps its headers between words on every page (no "Pemetaa n"), with the self-assessment column and a note column per assessor', async () => {
    const headers = await rowTexts(sheet().data, SCORE_SHEET, sheet().headerRow);
    expect(headers).toEqual(expect.arrayContaining(['Pemetaan', 'Penilaian mandiri daerah (tidak dihitung)', 'Catatan Ir. Wati Hasanah']));
    for (const page of pagesOf(sheet().paper, SCORE_SHEET)) {
      expect(brokenHeaderWords(headerBand(page, 'Kode'), headers), `page ${page.number}`).toEqual([]);
      // A visible gap between neighbouring headers ("Kontribusi" ran into "Catatan").
      expect(crowdedHeaders(headerBand(page, 'Kode'), headers, 2), `page ${page.number}`).toEqual([]);
    }
  });

  it('leaves out of print only what another column says: the group path and the scale’s Min and Maks', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet().data as unknown as ExcelJS.Buffer);
    const nilai = workbook.getWorksheet(SCORE_SHEET) as ExcelJS.Worksheet;
    const hidden = (nilai.columns ?? []).filter((column) => column.hidden).map((column) => column.letter);
    expect(hidden).toEqual(['A', 'F', 'G']);
    const words = new Set(pagesOf(sheet().paper, SCORE_SHEET).flatMap((page) => page.words.map((word) => word.text)));
    expect(words.has('Kelompok')).toBe(false);
    expect(words.has('Maks')).toBe(false);
    // The scale shows the levels from Min to Maks; the facts above the table are still printed.
    expect(words.has('0')).toBe(true);
    for (const word of ['Daerah', 'Provinsi', 'Batas', 'Kabupaten', 'Banggai']) expect(words.has(word), word).toBe(true);
  });
});

describe('a score sheet of a panel of three on paper, beside the panel', () => {
  it('shows the regency’s own scores beside the panel, read by no formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(three.data as unknown as ExcelJS.Buffer);
    const nilai = workbook.getWorksheet(SCORE_SHEET) as ExcelJS.Worksheet;
    const self = nilai.getRow(three.headerRow).values as unknown[];
    const column = self.indexOf('Penilaian mandiri daerah (tidak dihitung)');
    expect(column).toBeGreaterThan(0);
    const letter = nilai.getColumn(column).letter;
    let compared = 0;
    let formulas = 0;
    nilai.eachRow((row, number) => {
      const code = row.getCell('B').value;
      if (number > three.headerRow && typeof code === 'string' && code in three.selfScores) {
        expect(row.getCell(letter).value, code).toBe(three.selfScores[code] === 'na' ? 'NA' : three.selfScores[code]);
        compared += 1;
      }
      row.eachCell((cell) => {
        if (cell.formula) {
          formulas += 1;
          expect(cell.formula).not.toMatch(new RegExp(`\\b${letter}\\d`));
        }
      });
    });
    expect(compared).toBe(53);
    expect(formulas).toBeGreaterThan(100);
  });
});

describe('a score sheet in English, on paper', () => {
  it('prints at 7 pt or more with its headers whole, every cell whole and the legend in English', async () => {
    const { paper, data, headerRow, notDue } = fourEn;
    expect(paper.pages.every(isA4Landscape)).toBe(true);
    const table = pagesOf(paper, SCORE_SHEET);
    expect(paper.pages.map(sheetOf)).toEqual([...table.map(() => SCORE_SHEET), 'Legend', 'Charts']);
    expect(spills(paper)).toEqual([]);
    const headers = await rowTexts(data, SCORE_SHEET, headerRow);
    expect(headers).toEqual(
      expect.arrayContaining(['Mapping', 'Contribution (points)', 'Evidence (pages)', 'Notes Dr. Rina Kusumawati', 'Weight counted']),
    );
    expect(points(table[0] as PaperPage)).toBeGreaterThanOrEqual(7);
    for (const page of table) {
      expect(median(belowHeader(page, 'Code').map((word) => word.height)) / BOX_PER_POINT, `page ${page.number}`).toBeGreaterThanOrEqual(7);
      expect(Math.max(...belowHeader(page, 'Code').map((word) => word.yMax)), `page ${page.number}`).toBeGreaterThan(page.height / 2);
      expect(brokenHeaderWords(headerBand(page, 'Code'), headers), `page ${page.number}`).toEqual([]);
      expect(crowdedHeaders(headerBand(page, 'Code'), headers, 2), `page ${page.number}`).toEqual([]);
      expect(overlaps(page), `page ${page.number}`).toEqual([]);
    }
    expect(table.reduce((sum, page) => sum + phrases(page, 'not at this stage'), 0)).toBe(notDue);
    const legend = lines(pagesOf(paper, 'Legend')[0] as PaperPage).join(' ');
    for (const phrase of ['What the columns mean', 'Weight counted', 'Effective share', 'hidden (not printed)', 'not at this stage'])
      expect(legend).toContain(phrase);
    expect(footer(table[0] as PaperPage)).toMatch(/Nilai · page 1$/);
  });
});
