import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { masterplanPdf, type PdfTruth } from '../helpers/masterplans.ts';
import { tempDir } from '../helpers/temp.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** A workspace with Banggai's Bimtek 3 masterplan imported (submission 1) and a profile. */
async function workspace(): Promise<{ dataDir: string; truth: PdfTruth }> {
  const dataDir = tempDir();
  const { data, truth } = await masterplanPdf();
  const pdf = join(tempDir(), 'masterplan-banggai.pdf');
  writeFileSync(pdf, data);
  run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]);
  run(['profile', 'set', '--name', 'Dr. Sari Wulandari', '--institution', 'UGM', '--data', dataDir]);
  run(['import', pdf, '--regency', '72.01', '--stage', '3', '--data', dataDir]);
  return { dataDir, truth };
}

/** From the submission page: a new assessment on the masterplan rubric, open on its first criterion. */
async function startScoring(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Penilaian', exact: true }).waitFor();
  await page.getByLabel('Rubrik', { exact: true }).selectOption('masterplan-review');
  await page.getByRole('button', { name: 'Mulai penilaian' }).click();
  await page.getByRole('heading', { name: /GOV\.1 Analisis kondisi/ }).waitFor();
}

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not laid out');
  return found;
};

/** The scale the PDF reader shows now (1 = 100%). */
const readerScale = (page: Page) =>
  page
    .locator('[data-viewer="pdf"]')
    .getAttribute('data-scale')
    .then((value) => Number(value));

describe('layouts for a 1366×768 laptop, a full-HD screen and a projector', () => {
  it('shows the criterion and all its levels above the fold at 1366×768, the chart folds and stays folded, the reader starts near the top; no serious axe finding', async () => {
    const { dataDir } = await workspace();
    const page = await open(dataDir, '#/submissions/1');
    await page.setViewportSize({ width: 1366, height: 768 });
    // Opened on the laptop's screen: what is folded by default depends on its height.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');

    // The submission page: the reader beside the documents, its pages in view without scrolling.
    await page.locator('[data-text-layer] span').first().waitFor({ timeout: 30_000 });
    const pages = await box(page.locator('[data-viewer="pdf"]'));
    expect(pages.y).toBeLessThan(400);
    expect((await box(page.locator('[data-page="1"]'))).y).toBeLessThan(768 - 200);
    await screenshot(page, 'layout-submission-1366x768', { fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);

    // The scoring screen: on a laptop the chart starts folded; title and every level are on the screen.
    await startScoring(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('[data-text-layer] span').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'layout-scoring-1366x768', { fullPage: false });
    const toggle = page.getByRole('button', { name: 'Grafik dimensi' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('live-dimensions').count()).toBe(0);
    const panel = page.getByTestId('criterion-panel');
    const title = await box(panel.getByRole('heading', { level: 2 }));
    expect(title.y).toBeGreaterThanOrEqual(0);
    const levels = panel.getByRole('radio');
    expect(await levels.count()).toBe(5);
    for (const level of await levels.all()) {
      const { y, height } = await box(level);
      expect(y + height, `level ${await level.getAttribute('data-level')} ends at ${y + height}`).toBeLessThanOrEqual(768);
    }
    await page.keyboard.press('3');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Tersimpan');
    expect(await seriousViolations(page)).toEqual([]);

    // Shown on request, and still shown after a reload; folded again, still folded after a reload.
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('live-dimensions').locator('[data-chart="gaps"] .recharts-surface').waitFor();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByTestId('live-dimensions').locator('[data-chart="gaps"] .recharts-surface').waitFor();
    expect(await page.getByRole('button', { name: 'Grafik dimensi' }).getAttribute('aria-expanded')).toBe('true');
    await page.locator('[data-text-layer] span').first().waitFor({ timeout: 30_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'layout-scoring-1366x768-chart', { fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Grafik dimensi' }).click();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('heading', { name: /GOV\.1 Analisis kondisi/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Grafik dimensi' }).getAttribute('aria-expanded')).toBe('false');

    // The dashboard at 1366×768.
    await page.evaluate(() => (window.location.hash = '#/submissions/1/dashboard'));
    await page.getByRole('heading', { level: 1, name: /^Dasbor: Kabupaten Banggai · Bimtek 3/ }).waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'layout-dashboard-1366x768', { fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);

    // A full-HD screen and a 1024×768 projector: the same screens, looked at.
    for (const [width, height] of [
      [1920, 1080],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => (window.location.hash = '#/submissions/1/dashboard'));
      await page.waitForTimeout(500);
      await screenshot(page, `layout-dashboard-${width}x${height}`, { fullPage: false });
      await page.evaluate(() => (window.location.hash = '#/submissions/1'));
      await page.getByRole('heading', { level: 1, name: 'Kabupaten Banggai · Bimtek 3' }).waitFor();
      await page.locator('[data-text-layer] span').first().waitFor({ timeout: 30_000 });
      await screenshot(page, `layout-submission-${width}x${height}`, { fullPage: false });
      await page.evaluate(() => (window.location.hash = '#/assessments/1'));
      await page
        .getByTestId('criterion-panel')
        .getByRole('heading', { level: 2, name: /^GOV\.2 / })
        .waitFor();
      await page.locator('[data-text-layer] span').first().waitFor({ timeout: 30_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `layout-scoring-${width}x${height}`, { fullPage: false });
    }
  });

  it('zooms the reader by buttons and keys, shows the level, and remembers it after a reload', async () => {
    const { dataDir } = await workspace();
    const page = await open(dataDir, '#/submissions/1');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('[data-page="1"] [data-text-layer] span').first().waitFor({ timeout: 30_000 });
    const fit = page.getByRole('button', { name: 'Selebar kolom' });
    const level = page.getByTestId('zoom-level');
    const pageWidth = async () => (await box(page.locator('[data-page="1"]'))).width;

    // Fit width at first: the page fills the reader's width.
    expect(await fit.getAttribute('aria-pressed')).toBe('true');
    const fitScale = await readerScale(page);
    const fitWidth = await pageWidth();
    const scroller = await box(page.locator('[data-viewer="pdf"]'));
    expect(fitWidth).toBeGreaterThan(scroller.width - 60);
    expect(fitWidth).toBeLessThanOrEqual(scroller.width);
    expect(await level.textContent()).toBe(`${Math.round(fitScale * 100)}%`);

    // The buttons.
    await page.getByRole('button', { name: 'Perbesar' }).click();
    await expect.poll(() => readerScale(page)).toBeGreaterThan(fitScale);
    const larger = await readerScale(page);
    expect(await fit.getAttribute('aria-pressed')).toBe('false');
    expect(await level.textContent()).toBe(`${Math.round(larger * 100)}%`);
    await expect.poll(pageWidth).toBeGreaterThan(fitWidth);
    await page.getByRole('button', { name: 'Perkecil' }).click();
    await expect.poll(() => readerScale(page)).toBeLessThan(larger);

    // The keys on the focused reader: + and −, Ctrl+0 back to fit width.
    await page.locator('[data-viewer="pdf"]').focus();
    const before = await readerScale(page);
    await page.keyboard.press('+');
    await expect.poll(() => readerScale(page)).toBeGreaterThan(before);
    const up = await readerScale(page);
    await page.keyboard.press('-');
    await expect.poll(() => readerScale(page)).toBeLessThan(up);
    await page.keyboard.press('Control+0');
    await expect.poll(() => readerScale(page)).toBe(fitScale);
    expect(await fit.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Control+=');
    await page.keyboard.press('Control+=');
    await expect.poll(() => readerScale(page)).toBeGreaterThan(fitScale);
    const chosen = await readerScale(page);

    // Typing in the page field is typing: a − there does not zoom.
    const pageField = page.getByLabel('Halaman', { exact: true });
    await pageField.focus();
    await page.keyboard.press('-');
    expect(await pageField.inputValue()).toContain('-');
    expect(await readerScale(page)).toBe(chosen);
    await screenshot(page, 'layout-reader-zoomed-1366x768', { fullPage: false });

    // Remembered across a reload.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('[data-page="1"] [data-text-layer] span').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => readerScale(page)).toBe(chosen);
    expect(await level.textContent()).toBe(`${Math.round(chosen * 100)}%`);
    expect(await page.getByRole('button', { name: 'Selebar kolom' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('cites exactly the table cell dragged over with the mouse: nothing on the page moves while the button is down', async () => {
    const { dataDir, truth } = await workspace();
    const page = await open(dataDir, '#/submissions/1');
    await page.setViewportSize({ width: 1366, height: 768 });
    await startScoring(page);
    const viewer = page.getByRole('complementary', { name: 'Dokumen masterplan' });
    await viewer.getByLabel('Halaman', { exact: true }).fill(String(truth.quickWinPage));
    await viewer.getByLabel('Halaman', { exact: true }).press('Enter');
    const cell = viewer.locator(`[data-page="${truth.quickWinPage}"] [data-text-layer] span`).filter({ hasText: /^Galeri UMKM daring$/ });
    await cell.waitFor({ timeout: 30_000 });

    // A long citation first (a whole page), then the window scrolled to its end: the case where a
    // citation card shrinking during the next drag moved the page under the pointer.
    await viewer.locator(`[data-page="${truth.quickWinPage - 2}"] [data-text-layer]`).evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    });
    await expect.poll(() => viewer.getByTestId('citation-text').textContent()).toMatch(/hlm 5: “.{200,}/);
    const longCitation = await viewer.getByTestId('citation-text').textContent();
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    // The cell above the floating citation, as a user would scroll it.
    await cell.evaluate((element) => {
      const root = element.closest('[data-viewer]') as HTMLElement;
      root.scrollTop += element.getBoundingClientRect().top - root.getBoundingClientRect().top - 80;
    });
    await page.waitForTimeout(200);

    const start = await box(cell);
    const y = start.y + start.height / 2;
    await page.mouse.move(start.x + 1, y);
    await page.mouse.down();
    for (let step = 1; step <= 12; step += 1) {
      await page.mouse.move(start.x + 1 + ((start.width - 2) * step) / 12, y);
      await page.waitForTimeout(40);
    }
    // The button is still down: the card has not changed and the cell has not moved.
    expect(await viewer.getByTestId('citation-text').textContent()).toBe(longCitation);
    expect(await box(cell)).toEqual(start);
    await page.mouse.up();

    await expect
      .poll(() => viewer.getByTestId('citation-text').textContent())
      .toBe(`masterplan-banggai.pdf, hlm ${truth.quickWinPage}: “Galeri UMKM daring”`);
    await screenshot(page, 'layout-citation-1366x768', { fullPage: false });
    await viewer.getByRole('button', { name: 'Tambahkan sebagai bukti GOV.1' }).click();
    await expect.poll(() => page.locator('[data-evidence] blockquote').textContent()).toBe('Galeri UMKM daring');
  });
});
