import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { cohortFile } from '../helpers/cohort.ts';
import { tempDir } from '../helpers/temp.ts';
import { loadTemplate } from '../helpers/templates.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const REGENCIES = [
  { code: '72.01', cohort: 2022, stages: [1, 2, 3], strength: 0.35, selfBias: 1 },
  { code: '73.71', cohort: 2022, stages: [2, 3], strength: 0.7 },
  { code: '34.71', cohort: 2022, stages: [3], strength: 0.8 },
  { code: '35.71', cohort: 2023, stages: [1, 2], strength: 0.5 },
  { code: '15.71', cohort: 2023, stages: [2], strength: 0.25 },
];

/** Five regencies, three of them over several Bimtek stages, each scored by a panel of two; Banggai also self-assessed. */
function seededWorkspace(): { dataDir: string; banggaiB3: number } {
  const dataDir = tempDir();
  for (const regency of REGENCIES) run(['regency', 'add', regency.code, '--cohort', String(regency.cohort), '--stage', String(Math.max(...regency.stages)), '--data', dataDir]);
  const file = join(tempDir(), 'cohort.json');
  writeFileSync(file, JSON.stringify(cohortFile(loadTemplate('masterplan-review'), REGENCIES)));
  run(['assessment', 'import', file, '--data', dataDir]);
  const summary = JSON.parse(run(['summary', '--json', '--regency', '72.01', '--data', dataDir])) as { submissionId: number; stage: number }[];
  return { dataDir, banggaiB3: summary.find((entry) => entry.stage === 3)?.submissionId ?? 0 };
}

describe('gap analytics in web mode', () => {
  it('shows a submission dashboard, its path to the pass mark, and saves a chart as PNG and SVG', async () => {
    const { dataDir, banggaiB3 } = seededWorkspace();
    const page = await open(dataDir, `#/submissions/${banggaiB3}/dashboard`);
    await page.getByRole('heading', { name: 'Dasbor: Kabupaten Banggai · Bimtek 3' }).waitFor();
    await page.locator('[data-chart="radar"] .recharts-surface').first().waitFor();
    await page.locator('[data-chart="gaps"] .recharts-surface').first().waitFor();
    await page.locator('[data-chart="heat"] [data-row="GOV"]').waitFor();
    // Banggai is weak: some dimensions below the pass mark, each with a plan in plain words.
    const plans = page.locator('.plan-card');
    await expect.poll(() => plans.count()).toBeGreaterThan(0);
    const first = (await plans.locator('li').first().textContent()) ?? '';
    expect(first).toMatch(/^Naikkan “.+” \([A-Z]{3}\.\d\) di .+ dari \d+ ke \d+: \+\d+(,\d)? poin$/);
    // The radar draws the self-assessment too (Banggai rated itself a level higher).
    await expect.poll(() => page.locator('[data-chart="radar"] .recharts-radar').count()).toBe(3);
    // The numbers are there for the keyboard and screen readers as well.
    await page.getByText('Lihat angka').first().click();
    await page.getByRole('cell', { name: /%$/ }).first().waitFor();
    await screenshot(page, 'dashboard');

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Simpan PNG: Dimensi terhadap batas lulus' }).click()]);
    expect(png.suggestedFilename()).toBe('72.01-bimtek3-radar.png');
    expect(readFileSync((await png.path()) as string).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Simpan SVG: Peta panas kriteria' }).click()]);
    expect(readFileSync((await svg.path()) as string, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    // The score sheet from the dashboard: a workbook with the criteria and live formulas.
    const [sheetDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor lembar nilai (Excel)' }).click()]);
    expect(sheetDownload.suggestedFilename()).toBe('lembar-nilai-72.01-bimtek3.xlsx');
    const scoreBook = new ExcelJS.Workbook();
    await scoreBook.xlsx.readFile((await sheetDownload.path()) as string);
    const nilai = scoreBook.getWorksheet('Nilai') as ExcelJS.Worksheet;
    const codes: string[] = [];
    let formulas = 0;
    nilai.eachRow((row) => {
      const code = row.getCell('B').value;
      if (typeof code === 'string' && /^[A-Z]{3}\.\d$/.test(code)) codes.push(code);
      row.eachCell((cell) => (formulas += cell.formula ? 1 : 0));
    });
    expect(codes).toHaveLength(53);
    expect(formulas).toBeGreaterThan(200);
    expect(nilai.getCell('B2').value).toBe('Kabupaten Banggai');

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard: Kabupaten Banggai · Bimtek 3' }).waitFor();
    await expect.poll(async () => (await page.locator('.plan-card li').first().textContent()) ?? '').toMatch(/^raise “.+” .* points$/);
  });

  it('shows a regency over its stages and the cohort as a ranked heat map, with filters and a click through', async () => {
    const { dataDir } = seededWorkspace();
    const page = await open(dataDir, '#/regencies/72.01/progress');
    await page.getByRole('heading', { name: 'Kemajuan Kabupaten Banggai dari tahap ke tahap' }).waitFor();
    await page.locator('[data-chart="lines"] .recharts-surface').first().waitFor();
    await expect.poll(() => page.locator('[data-chart="lines"] .recharts-line').count()).toBe(8);
    const overall = page.locator('tr[data-code="overall"]');
    await expect.poll(() => overall.textContent()).toMatch(/^Nilai keseluruhan\d/);
    await page.getByRole('columnheader', { name: 'Bimtek 2' }).waitFor();
    await screenshot(page, 'stage-progress');

    await page.getByRole('link', { name: 'Kohort' }).click();
    await page.getByRole('heading', { name: 'Kohort', exact: true }).waitFor();
    const rows = page.locator('[data-chart="heat"] [data-row]');
    await expect.poll(() => rows.count()).toBe(5);
    // Ranked by overall %: Kota Yogyakarta (the strongest) first.
    await expect.poll(() => page.locator('tr[data-regency]').first().getAttribute('data-regency')).toBe('34.71');
    await screenshot(page, 'cohort');

    await page.getByLabel('Angkatan').selectOption('2023');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Tahap', { exact: true }).selectOption('2');
    await expect.poll(() => page.url()).toContain('stage=2');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Angkatan').selectOption('');
    await expect.poll(() => rows.count()).toBe(4);

    // The recap of the cohort, as Kominfo receives it.
    const [recapDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor rekap (Excel)' }).click()]);
    const recapBook = new ExcelJS.Workbook();
    await recapBook.xlsx.readFile((await recapDownload.path()) as string);
    expect((recapBook.getWorksheet('Rekap') as ExcelJS.Worksheet).rowCount).toBe(1 + 4);
    expect((recapBook.getWorksheet('Data') as ExcelJS.Worksheet).rowCount).toBeGreaterThan(4 * 2 * 53);

    // Click through from the heat map to a regency's dashboard.
    await rows.first().locator('.heat-label').click();
    await page.getByRole('heading', { name: /^Dasbor: .* · Bimtek 2$/ }).waitFor();
  });
});
