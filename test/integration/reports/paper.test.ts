import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutOf, SCORE_SHEET } from '../../../electron/core/reports/scoresheet.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { timbang, ROOT } from '../../helpers/cli.ts';
import { cohortFile } from '../../helpers/cohort.ts';
import { isA4Landscape, lines, median, print, renderPages, type Paper, type PaperPage } from '../../helpers/paper.ts';
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

async function headerTexts(data: Uint8Array, sheet: string, row: number): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const texts: string[] = [];
  workbook
    .getWorksheet(sheet)
    ?.getRow(row)
    .eachCell((cell) => {
      if (typeof cell.value === 'string') texts.push(cell.value);
    });
  return texts;
}

let folder: string;
let recap: { data: Buffer; paper: Paper };
let sheet: { data: Buffer; paper: Paper; titles: string[][]; headerRow: number; selfScores: Record<string, unknown> };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'timbang-paper-test-'));
  // The demo's recap, written by the CLI as a user would: 4 regencies, 10 rows, 25 assessments.
  const demo = join(folder, 'demo');
  expect(timbang(['demo', '--json', '--data', demo]).status).toBe(0);
  const file = join(folder, 'rekap.xlsx');
  const written = timbang(['report', '--out', file, '--data', demo]);
  expect(written.status, written.stderr).toBe(0);
  const recapData = readFileSync(file);
  recap = { data: recapData, paper: print({ name: 'rekap.xlsx', data: recapData }) };

  // A panel of three with the regency's self-assessment.
  const ws = await openTestWorkspace(join(folder, 'panel'));
  ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
  const rubric = ws.rubrics.get('masterplan-review').rubric;
  ws.assessmentFiles.importText(
    JSON.stringify(
      cohortFile(
        rubric,
        [{ code: '72.01', stages: [3], strength: 0.5, selfBias: 1 }],
        ['Dr. Sari Wulandari', 'Prof. Budi Santoso', 'Ir. Wati Hasanah'],
      ),
    ),
  );
  const submissionId = ws.panelViews.summary()[0]?.submissionId as number;
  const view = ws.panelViews.sheet(submissionId);
  const { data } = await ws.reports.scoreSheet(submissionId);
  sheet = {
    data,
    paper: print({ name: 'lembar-nilai.xlsx', data }),
    titles: criteriaOf(view.rubric).map(({ node }) => node.title.id.split(/\s+/)),
    headerRow: layoutOf(view.rubric, view.columns.length, true).headerRow,
    selfScores: view.self?.scores ?? {},
  };
  ws.close();
  // Pictures to look at: the first page of each printed sheet.
  for (const [name, paper] of [
    ['rekap', recap.paper],
    ['lembar-nilai', sheet.paper],
  ] as const) {
    const firsts = [...new Map(paper.pages.map((page) => [sheetOf(page), page.number] as const).reverse()).values()];
    renderPages(paper, PICTURES, name, { pages: firsts, dpi: 60 });
  }
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

  it('has a readable first page: the median word at least 6 pt', () => {
    const [first] = recap.paper.pages as [PaperPage];
    expect(sheetOf(first)).toBe('Rekap');
    expect(median(first.words.map((word) => word.height)) / BOX_PER_POINT).toBeGreaterThanOrEqual(6);
  });

  it('wraps its headers between words, not inside them ("Angkatan", not "Angkata n"), and names the dimensions', async () => {
    const [first] = recap.paper.pages as [PaperPage];
    const words = new Set(first.words.map((word) => word.text));
    const headers = await headerTexts(recap.data, 'Rekap', 1);
    expect(headers).toContain('Smart Environment (ENV, %)');
    const split = headers.flatMap((header) => header.split(/\s+/).filter((word) => !words.has(word)));
    expect(split).toEqual([]);
  });

  it('explains its columns in a legend, and says that the Data sheet does not print', () => {
    const [legend] = pagesOf(recap.paper, 'Keterangan') as [PaperPage];
    const text = lines(legend).join(' ');
    for (const phrase of ['Keterangan kolom', 'Peringkat nasional', 'Mandiri − panel', 'tabel pivot', 'tidak dicetak'])
      expect(text).toContain(phrase);
  });
});

describe('a score sheet of a panel of three with a self-assessment, on paper', () => {
  it('prints on A4 landscape: the table on a few pages, the legend and the chart on one page each', () => {
    const { pages } = sheet.paper;
    expect(pages.every(isA4Landscape)).toBe(true);
    // 62 rows (8 groups, 53 criteria, the overall), most two lines tall: 2 to 5 pages.
    const table = pagesOf(sheet.paper, SCORE_SHEET);
    expect(table.length).toBeGreaterThanOrEqual(2);
    expect(table.length).toBeLessThanOrEqual(5);
    expect(pagesOf(sheet.paper, 'Keterangan')).toHaveLength(1);
    expect(pagesOf(sheet.paper, 'Grafik')).toHaveLength(1);
    expect(pages).toHaveLength(table.length + 2);
    expect(spills(sheet.paper)).toEqual([]);
    // Twenty columns fitted to the width: small print, but above 5 pt (the recap's first page is the one that must reach 6).
    expect(median((pages[0] as PaperPage).words.map((word) => word.height)) / BOX_PER_POINT).toBeGreaterThanOrEqual(5);
  });

  it('prints every criterion name whole, in the rubric’s order', () => {
    const stream = pagesOf(sheet.paper, SCORE_SHEET).flatMap((page) => lines(page).flatMap((line) => line.split(' ')));
    let at = 0;
    for (const title of sheet.titles) {
      const next = inOrder(stream, title, at);
      expect(next, title.join(' ')).toBeGreaterThan(0);
      at = next;
    }
    expect(sheet.titles).toHaveLength(53);
  });

  it('wraps its headers between words on every page (no "Pemetaa n"), with the self-assessment column and a note column per assessor', async () => {
    const headers = await headerTexts(sheet.data, SCORE_SHEET, sheet.headerRow);
    expect(headers).toEqual(expect.arrayContaining(['Pemetaan', 'Penilaian mandiri daerah (tidak dihitung)', 'Catatan Ir. Wati Hasanah']));
    for (const page of pagesOf(sheet.paper, SCORE_SHEET)) {
      const words = new Set(page.words.map((word) => word.text));
      const split = headers.flatMap((header) => header.split(/\s+/).filter((word) => !words.has(word)));
      expect(split, `page ${page.number}`).toEqual([]);
    }
  });

  it('shows the regency’s own scores beside the panel, read by no formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.data as unknown as ExcelJS.Buffer);
    const nilai = workbook.getWorksheet(SCORE_SHEET) as ExcelJS.Worksheet;
    const self = nilai.getRow(sheet.headerRow).values as unknown[];
    const column = self.indexOf('Penilaian mandiri daerah (tidak dihitung)');
    expect(column).toBeGreaterThan(0);
    const letter = nilai.getColumn(column).letter;
    let compared = 0;
    let formulas = 0;
    nilai.eachRow((row, number) => {
      const code = row.getCell('B').value;
      if (number > sheet.headerRow && typeof code === 'string' && code in sheet.selfScores) {
        expect(row.getCell(letter).value, code).toBe(sheet.selfScores[code] === 'na' ? 'NA' : sheet.selfScores[code]);
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
