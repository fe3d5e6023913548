import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { cohortFile } from '../helpers/cohort.ts';
import { masterplanPdf } from '../helpers/masterplans.ts';
import { tempDir } from '../helpers/temp.ts';
import { loadTemplate } from '../helpers/templates.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const REGISTRY_SUBTITLE = 'Kabupaten dan kota yang Anda nilai atau dampingi dalam Gerakan Smart City.';
const gapText = (gap: number) => `−${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(gap)}`;

describe("the regional planner's path in web mode", () => {
  it("makes a planner's home, self-assesses on its own page, saves the file by regency, stage, role and day, and compares with the panel", async () => {
    const dataDir = tempDir();
    const { data } = await masterplanPdf();
    const pdf = join(tempDir(), 'masterplan-banggai.pdf');
    writeFileSync(pdf, data);
    run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]);
    run(['import', pdf, '--regency', '72.01', '--stage', '3', '--data', dataDir]);
    // The national panel's two assessments of Bimtek 3, as their lead would send them.
    const panelFile = join(tempDir(), 'panel.assessment.json');
    writeFileSync(
      panelFile,
      JSON.stringify(cohortFile(loadTemplate('masterplan-review'), [{ code: '72.01', stages: [3], strength: 0.5 }])),
    );

    // Before a profile, the bare address is the regency registry, as for an assessor.
    const page = await open(dataDir, '#/');
    await page.getByRole('heading', { name: 'Daerah peserta', level: 1 }).waitFor();
    await page.getByText(REGISTRY_SUBTITLE).waitFor();
    expect(await page.getByRole('link', { name: 'Beranda' }).count()).toBe(0);

    // The planner fills in the profile as a user would.
    await page.getByRole('link', { name: 'Isi profil sekarang' }).click();
    await page.getByLabel('Nama lengkap').fill('Rina Marlina');
    await page.getByLabel('Institusi').fill('DKISP Kabupaten Banggai');
    await page.getByRole('radio', { name: 'Perencana daerah (DKISP/Diskominfo)' }).check();
    await page.getByLabel('Daerah Anda').selectOption('72.01');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('status').getByText('Profil disimpan.').waitFor();

    // Home is now the planner's: their regency, their next step, in their words.
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await nav.getByRole('link', { name: 'Beranda' }).click();
    await page.getByRole('heading', { name: 'Masterplan Kabupaten Banggai', level: 1 }).waitFor();
    expect(await nav.getByRole('link', { name: 'Beranda' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Penilaian mandiri' }).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('planner-next').textContent())
      .toBe('Mulai penilaian mandiri Bimtek 3: nilai masterplan Anda kriteria demi kriteria, dengan rubrik yang dipakai panel nasional.');
    const bimtek3 = page.locator('tr[data-submission]');
    await expect.poll(() => bimtek3.locator('td').nth(1).textContent()).toBe('Belum dimulai');
    // No panel result yet, and the assessors' home (the registry) is not what a planner sees first.
    await expect.poll(() => bimtek3.locator('td').nth(4).textContent()).toBe('Belum ada hasil panel');
    expect(await page.getByText(REGISTRY_SUBTITLE).count()).toBe(0);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'planner-home-start', { fullPage: false });

    // The self-assessment page: start it, score one criterion, back to the page.
    await page.getByRole('link', { name: 'Mulai penilaian mandiri' }).click();
    await page.getByRole('heading', { name: 'Penilaian mandiri: Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Mulai penilaian mandiri' }).click();
    await page.getByRole('heading', { name: 'Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /GOV\.1 / }).waitFor();
    await page.keyboard.press('2');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Tersimpan');
    await page.locator('.breadcrumb').getByRole('link', { name: 'Penilaian mandiri' }).click();
    await page.getByRole('heading', { name: 'Penilaian mandiri: Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('self-completeness').textContent()).toBe('1 dari 43 kriteria dinilai');
    // One level 2 of 4 on a 1–4 scale: GOV at 33,3%, far below 70%; provisional, and said so.
    const gov = page.getByTestId('self-result').locator('tr[data-code="GOV"]');
    await expect.poll(() => gov.locator('td').first().textContent()).toMatch(/^\d{1,3}(,\d)?%$/);
    const govPercent = Number((await gov.locator('td').first().textContent())?.replace('%', '').replace(',', '.'));
    expect(await gov.locator('td').nth(1).textContent()).toBe(gapText(70 - govPercent));
    await page.getByText('Hasil sementara: belum semua kriteria yang jatuh tempo dinilai.').waitFor();
    await page
      .getByTestId('self-comparison')
      .getByText(/Belum ada hasil panel untuk pengumpulan ini/)
      .waitFor();

    // The exchange file is named by regency, stage, role, person and day.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Simpan berkas penilaian (JSON)' }).click(),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(`72.01-bimtek3-mandiri-Rina-Marlina-${today}.assessment.json`);

    // The panel's file arrives; the planner brings it in on the submission page.
    await page.getByRole('link', { name: 'Bimtek 3' }).click();
    await page.getByTestId('assessment-file').setInputFiles(panelFile);
    await page.getByRole('status').getByText('2 penilaian diimpor: Dr. Sari Wulandari, Prof. Budi Santoso.').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Halaman penilaian mandiri' }).click();
    await page.getByRole('heading', { name: 'Penilaian mandiri: Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();
    const comparison = page.getByTestId('self-comparison');
    await comparison.getByRole('heading', { name: 'Penilaian mandiri (Rina Marlina) dibanding panel' }).waitFor();
    const govRow = comparison.locator('tr[data-code="GOV"]');
    await expect.poll(() => govRow.locator('td').nth(1).textContent()).toMatch(/^\d{1,3}(,\d)?%$/);
    expect(await govRow.locator('td').nth(0).textContent()).toBe(await gov.locator('td').first().textContent());
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'planner-self', { fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'planner-self-full');

    // Home: the self-assessment's gap to the pass mark and the panel's result side by side.
    await nav.getByRole('link', { name: 'Beranda' }).click();
    await expect
      .poll(() => page.getByTestId('planner-next').textContent())
      .toBe('Lanjutkan penilaian mandiri Bimtek 3: 1 dari 43 kriteria dinilai.');
    await expect.poll(() => bimtek3.locator('td').nth(4).textContent()).toMatch(/^\d{1,3}(,\d)?%/);
    await screenshot(page, 'planner-home', { fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);

    // The panel page keeps a link to the self-assessment, and tells a planner nothing about a panel lead.
    await page.goto(page.url().replace(/#.*$/, `#/submissions/${await bimtek3.getAttribute('data-submission')}/panel?tab=self`));
    await page.getByRole('link', { name: 'Halaman penilaian mandiri' }).waitFor();
    expect(await page.getByText('Panel belum memiliki ketua.').count()).toBe(0);
    await screenshot(page, 'planner-panel', { fullPage: false });
  });
});
