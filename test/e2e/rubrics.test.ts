import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readRubricJson, writeRubricJson } from '../../shared/rubric/json-file.ts';
import { tempDir } from '../helpers/temp.ts';
import { loadTemplate } from '../helpers/templates.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

const rubricRow = (page: Page, id: string) => page.locator(`tr[data-rubric="${id}"]`);
const problems = (page: Page) => page.getByTestId('rubric-problems');

describe('rubrics in web mode', () => {
  it('clones a template, sees a weight error, fixes it, saves, and keeps the template intact', async () => {
    const page = await open(tempDir(), '#/rubrics');
    await page.getByRole('heading', { name: 'Rubrik penilaian' }).waitFor();
    await expect.poll(() => page.locator('tr[data-rubric]').count()).toBe(4);
    await screenshot(page, 'rubrics-list');

    await rubricRow(page, 'kominfo-evaluation-2021').getByRole('link', { name: 'Salin untuk diubah' }).click();
    await page.getByRole('heading', { name: /^Rubrik baru dari Evaluasi Implementasi/ }).waitFor();
    await expect.poll(() => problems(page).textContent()).toContain('Tidak ada masalah');
    await expect(page.getByLabel('Pengenal', { exact: true }).inputValue()).resolves.toBe('kominfo-evaluation-2021-salinan');

    // The mapping is shown for the selected criterion: Baseline is 1–5 by ratio.
    await page.getByRole('button', { name: 'Pilih B untuk diubah' }).click();
    await page.getByText('3 / 5 = 60%').waitFor();

    const baseline = page.getByLabel('Bobot B', { exact: true });
    await baseline.fill('15');
    await expect.poll(() => problems(page).textContent()).toContain('Bobot di bawah tingkat teratas berjumlah 105%');
    await page.getByText('Tingkat teratas: Jumlah bobot: 105%').waitFor();
    await screenshot(page, 'rubric-editor-error');

    // Saving is refused while the problem stands; focus goes to the list of problems.
    await page.getByRole('button', { name: 'Simpan rubrik' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toContain('problems');
    expect(page.url()).toContain('/clone');

    await page.getByLabel('Bobot O', { exact: true }).fill('15');
    await expect.poll(() => problems(page).textContent()).toContain('Tidak ada masalah');

    // Leaving with unsaved changes asks first; declining keeps the draft.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Daerah', exact: true }).click();
    await expect.poll(() => asked).toEqual([expect.stringContaining('belum disimpan')]);
    expect(page.url()).toContain('/clone');
    await expect(page.getByLabel('Bobot O', { exact: true }).inputValue()).resolves.toBe('15');
    await page.getByLabel('Nama (Bahasa Indonesia)').fill('Evaluasi Kominfo (bobot Banggai)');
    await page.getByRole('button', { name: 'Simpan rubrik' }).click();

    await page.getByRole('heading', { name: 'Evaluasi Kominfo (bobot Banggai)' }).waitFor();
    expect(page.url()).toContain('#/rubrics/kominfo-evaluation-2021-salinan/1');
    await page.getByRole('status').getByText('kominfo-evaluation-2021-salinan versi 1 disimpan.').waitFor();
    await expect(page.getByLabel('Bobot B', { exact: true }).inputValue()).resolves.toBe('15');

    // Edit again: a second version, classified, beside the first.
    await page.getByRole('link', { name: 'Ubah (versi baru)' }).click();
    await page.getByLabel('Bobot I', { exact: true }).fill('25');
    await page.getByLabel('Bobot QW', { exact: true }).fill('15');
    await page.getByRole('button', { name: 'Simpan versi baru' }).click();
    await page.getByRole('status').getByText('kominfo-evaluation-2021-salinan versi 2 disimpan (skala atau bobot diubah).').waitFor();
    await screenshot(page, 'rubric-view');
    const closeButtons = page.getByRole('status').getByRole('button', { name: 'Tutup' });
    while ((await closeButtons.count()) > 0) await closeButtons.first().click();
    await screenshot(page, 'rubric-view-top', { fullPage: false });

    await page.getByRole('link', { name: 'Rubrik', exact: true }).first().click();
    await expect.poll(() => page.locator('tr[data-rubric]').count()).toBe(5);
    await expect
      .poll(() => rubricRow(page, 'kominfo-evaluation-2021-salinan').getByRole('link', { name: /^v\d$/ }).allTextContents())
      .toEqual(['v1', 'v2']);
    await expect
      .poll(() => rubricRow(page, 'kominfo-evaluation-2021').getByRole('link', { name: /^v\d$/ }).allTextContents())
      .toEqual(['v1']);

    // The template is untouched, and read-only.
    await rubricRow(page, 'kominfo-evaluation-2021').getByRole('link', { name: 'v1' }).click();
    await page.getByText('Templat bawaan tidak dapat diubah').waitFor();
    const templateWeight = page.getByLabel('Bobot B', { exact: true });
    await expect(templateWeight.inputValue()).resolves.toBe('10');
    await expect(templateWeight.getAttribute('readonly')).resolves.not.toBeNull();
    await expect(page.getByRole('link', { name: 'Ubah (versi baru)' }).count()).resolves.toBe(0);
  });

  it('imports a rubric file, and lists every problem of a broken one', async () => {
    const page = await open(tempDir(), '#/rubrics');
    await page.getByRole('heading', { name: 'Rubrik penilaian' }).waitFor();
    const mine = { ...loadTemplate('plan-quality-8'), id: 'kualitas-rencana-itb' };
    const input = page.locator('input[type="file"]');
    await input.setInputFiles({ name: 'kualitas.json', mimeType: 'application/json', buffer: Buffer.from(writeRubricJson(mine)) });
    await page.getByRole('status').getByText('Rubrik kualitas-rencana-itb diimpor sebagai versi 1.').waitFor();
    await rubricRow(page, 'kualitas-rencana-itb').waitFor();

    const broken = structuredClone(mine);
    broken.id = 'rusak';
    broken.items[0]!.weight = 40;
    await input.setInputFiles({ name: 'rusak.json', mimeType: 'application/json', buffer: Buffer.from(writeRubricJson(broken)) });
    const alert = page.getByRole('alert');
    await alert.getByText('Berkas rusak.json tidak dapat diimpor.').waitFor();
    await alert.getByText('Bobot di bawah tingkat teratas berjumlah 127,5%').waitFor();
    await expect(rubricRow(page, 'rusak').count()).resolves.toBe(0);
  });

  it('exports JSON and Excel that read back as the same rubric', async () => {
    const page = await open(tempDir(), '#/rubrics');
    const row = rubricRow(page, 'masterplan-review');
    await row.waitFor();
    const dir = tempDir();

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /^Ekspor JSON/ }).click()]);
    const jsonPath = join(dir, jsonDownload.suggestedFilename());
    await jsonDownload.saveAs(jsonPath);
    // The latest version: 2, where a partly due group counts with its due share.
    expect(jsonDownload.suggestedFilename()).toBe('masterplan-review-v2.json');
    const fromJson = readRubricJson(readFileSync(jsonPath, 'utf8'));
    expect(fromJson.ok && fromJson.rubric).toEqual({ ...loadTemplate('masterplan-review', 2) });
    expect(fromJson.ok && fromJson.rubric.stageWeighting).toBe('due-share');

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /^Ekspor Excel/ }).click()]);
    const xlsxPath = join(dir, xlsxDownload.suggestedFilename());
    await xlsxDownload.saveAs(xlsxPath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxPath);
    const sheet = workbook.getWorksheet('Kriteria')!;
    expect(sheet.getCell('C2').value).toBe('GOV');
    expect(sheet.rowCount).toBe(1 + 8 + 53);
  });

  it('shows a criterion of the masterplan review with its descriptors and how each level becomes a percentage', async () => {
    const page = await open(tempDir(), '#/rubrics/masterplan-review/1');
    await page.getByRole('heading', { name: 'Penilaian Masterplan Smart City (per tahap Bimtek)' }).waitFor();
    await page.getByText('ECO: Jumlah bobot: 100%').waitFor();
    await page.getByRole('button', { name: 'Pilih ECO.3 untuk diubah' }).click();
    await page.getByRole('heading', { name: 'Rincian ECO.3' }).waitFor();
    await page.getByText('(2 − 0) / (4 − 0) = 50%').waitFor();
    await expect(page.getByLabel('ECO.3 Deskriptor 4').inputValue()).resolves.toContain(
      'Ketiga subdimensi (ekosistem industri, kesejahteraan, ekosistem transaksi keuangan)',
    );
    await screenshot(page, 'rubric-masterplan');
  });
});
