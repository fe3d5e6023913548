import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { CORPUS_DIR, corpusDocuments } from '../helpers/corpus.ts';
import { tempDir } from '../helpers/temp.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

function workspaceWith(code: string): string {
  const dataDir = tempDir();
  expect(timbang(['regency', 'add', code, '--cohort', '2024', '--stage', '3', '--data', dataDir]).status).toBe(0);
  return dataDir;
}

/** Create the regency's Bimtek 3 submission in the UI and import a file there, as a user would. */
async function importInto(page: Page, code: string, name: string, fileName: string): Promise<void> {
  await page.getByRole('heading', { name }).waitFor();
  await page.getByLabel('Tahap Bimtek saat ini').selectOption('3');
  await page.getByRole('button', { name: 'Buat pengumpulan' }).click();
  await page.getByRole('heading', { name: `${name} · Bimtek 3` }).waitFor();
  await page.getByRole('region', { name: 'Dokumen', exact: true }).locator('input[type="file"]').setInputFiles(join(CORPUS_DIR, fileName));
  // The first page of the PDF shows, drawn from the file itself, while it imports. How fast is the first-page
  // bench's to say (≈ 250 ms); here the unit project's imports and OCR share the two cores, and once took over 10 s.
  await page.locator('figure[data-rendered-ms]').waitFor({ timeout: 30_000 });
  await page
    .getByRole('status')
    .getByText(new RegExp(`^${fileName.replace('.', '\\.')} diimpor`))
    .waitFor({ timeout: 90_000 });
  void code;
}

describe('masterplans made by a word processor, in the browser', () => {
  it('imports a LibreOffice PDF and lists every quick win of its table; the inventory fits a 1366-pixel screen and is confirmed by keyboard in bulk', async () => {
    const sumedang = corpusDocuments().find((entry) => entry.id === 'sumedang-2024');
    expect(sumedang).toBeDefined();
    const truth = sumedang!.truth;
    const page = await open(workspaceWith(truth.regency.code), `#/regencies/${truth.regency.code}`);
    await importInto(page, truth.regency.code, truth.regency.name, 'sumedang-2024.pdf');

    await page.getByRole('tab', { name: 'Program dan quick win' }).click();
    await page.getByLabel('Jenis', { exact: true }).selectOption('quick_win');
    const rows = page.locator('[data-item]');
    await expect.poll(() => rows.count()).toBe(truth.quickWins.length);
    const names = await page.locator('[data-item]').getByTestId('item-name').allTextContents();
    expect(names.sort()).toEqual(truth.quickWins.map((item) => item.name).sort());
    // Nothing wider than the screen: the table keeps to the page.
    await page.setViewportSize({ width: 1366, height: 768 });
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    await page.locator('.inventory').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'inventory-quick-wins', { fullPage: false });

    // Keyboard: the first row, Shift+↓ twice selects three, C confirms them.
    await rows.first().focus();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.locator('[data-item][aria-selected="true"]').count()).toBe(3);
    await page.keyboard.press('c');
    await page.getByRole('status').getByText('3 butir dikonfirmasi.').waitFor();
    await expect.poll(() => page.locator('[data-item].is-confirmed').count()).toBe(3);

    // Only those still to review: Ctrl+C is left to copying; C confirms the focused row, which leaves the list and hands focus to the next.
    await page.getByLabel('Status', { exact: true }).selectOption('found');
    await expect.poll(() => rows.count()).toBe(truth.quickWins.length - 3);
    await rows.first().focus();
    const next = await rows.nth(1).getAttribute('data-item');
    await page.keyboard.press('Control+c');
    // Nothing to wait for when nothing happens: give a wrong confirmation time to show.
    await page.waitForTimeout(500);
    expect(await rows.count()).toBe(truth.quickWins.length - 3);
    await page.keyboard.press('c');
    await page.getByRole('status').getByText('1 butir dikonfirmasi.').waitFor();
    await expect.poll(() => rows.count()).toBe(truth.quickWins.length - 4);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-item'))).toBe(next);
    await page.getByLabel('Status', { exact: true }).selectOption('all');

    // Programmes too, filtered; select all shown and reject them; Enter opens one to correct.
    await page.getByLabel('Jenis', { exact: true }).selectOption('programme');
    await expect.poll(() => rows.count()).toBe(truth.programmes.length);
    await page.getByLabel('Saring nama atau OPD').fill('sampah');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const shown = await rows.count();
    await page.getByLabel('Pilih semua yang ditampilkan').check();
    await page.getByRole('button', { name: 'Tolak yang dipilih' }).click();
    await page.getByRole('status').getByText(`${shown} butir ditolak.`).waitFor();
    await rows.first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Anggaran').fill('368 juta');
    await dialog.getByText('Rp 368.000.000').waitFor();
    await screenshot(page, 'inventory-editor', { fullPage: false });
    await dialog.getByRole('button', { name: 'Simpan dan konfirmasi' }).click();
    await expect.poll(() => rows.first().locator('.inv-budget').textContent()).toMatch(/^Rp 368\sjt$/);
    await page.getByLabel('Saring nama atau OPD').fill('');
    await page.getByLabel('Jenis', { exact: true }).selectOption('all');
    await page.locator('.inventory').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'inventory', { fullPage: false });
  });

  it('finds a word of a scanned page by search and opens the hit on that page, marked as OCR, where a selection cites it as OCR', async () => {
    const truth = corpusDocuments().find((entry) => entry.id === 'banggai-2024-scan')!.truth;
    const decree = truth.scannedPages.find((scanned) => scanned.what === 'decree')!;
    const page = await open(workspaceWith(truth.regency.code), `#/regencies/${truth.regency.code}`);
    await importInto(page, truth.regency.code, truth.regency.name, 'banggai-2024-scan.pdf');
    await expect.poll(() => page.locator('[data-document]').textContent()).toContain('dibaca dengan OCR');

    await page.getByRole('searchbox', { name: 'Cari di dokumen' }).fill('Menimbang');
    const hit = page.getByRole('button', { name: new RegExp(`banggai-2024-scan\\.pdf · hlm ${decree.page}\\b`) }).first();
    await hit.waitFor();
    await hit.click();
    await expect.poll(() => page.getByLabel('Halaman', { exact: true }).inputValue()).toBe(String(decree.page));
    const scanned = page.locator(`[data-viewer="pdf"] [data-page="${decree.page}"]`);
    await scanned.getByTitle('Teks halaman ini dibaca dengan OCR').waitFor();
    await expect.poll(() => scanned.locator('[data-text-layer] span.hit').count()).toBeGreaterThan(0);
    await scanned
      .locator('[data-text-layer] span.hit')
      .first()
      .evaluate((span) => {
        const range = document.createRange();
        range.selectNodeContents(span);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      });
    await expect
      .poll(() => page.getByTestId('citation-text').textContent())
      .toMatch(new RegExp(`hlm ${decree.page}: “\\(OCR\\) Menimbang`, 'i'));
    await screenshot(page, 'reader-ocr', { fullPage: false });
  });

  it("says which dimension a masterplan under-treats, with its numbers beside the others'", async () => {
    const thinOne = corpusDocuments().find((entry) => entry.truth.coverage.thinDimensions.length > 0)!;
    const page = await open(workspaceWith(thinOne.truth.regency.code), `#/regencies/${thinOne.truth.regency.code}`);
    await importInto(page, thinOne.truth.regency.code, thinOne.truth.regency.name, `${thinOne.id}.pdf`);
    const thin = thinOne.truth.coverage.thinDimensions[0];
    const note = page.locator(`[data-flag="${thin}"]`);
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(/: \d+ sebutan; dimensi lain \d+–\d+; .+ tidak ditemukan$/);
    await page
      .getByRole('region', { name: 'Cakupan dimensi' })
      .screenshot({ path: join(process.cwd(), 'test-results', 'e2e', 'coverage-explained.png') });
  });
});
