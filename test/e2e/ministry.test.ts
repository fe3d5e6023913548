import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../shared/format/number.ts';
import { invite, startHubChild, waitFor, type HubChild } from '../helpers/hub.ts';
import { finalizedPanel, laptopOn, type Laptop } from '../helpers/ministry.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';

/**
 * The ministry opens the hub's address with its invite token: the read-only view of the team's
 * projection. The cohort shows Banggai with the panel's result, the dashboard opens, the recap
 * downloads; every page says it is read-only and offers no action that writes.
 */
const BANNER = 'Tampilan kementerian (hanya baca) — data dari hub tim';

describe("the ministry's view in a browser", { timeout: 240_000 }, () => {
  let hub: HubChild;
  let dataDir: string;
  let browser: Browser;
  const laptops: Laptop[] = [];
  let expected: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'timbang-ministry-e2e-'));
    hub = await startHubChild(dataDir);
    const sari = await laptopOn(hub, 'Dr. Sari');
    const budi = await laptopOn(hub, 'Prof. Budi');
    laptops.push(sari, budi);
    await finalizedPanel(sari, budi);
    expected = sari.ws.analytics.cohort({ rubricId: 'panel-test' }).rows[0]?.overall ?? Number.NaN;
    await waitFor(
      () => {
        const db = new Database(join(dataDir, 'workspace', 'timbang.db'), { readonly: true });
        try {
          return (db.prepare("SELECT count(*) AS n FROM assessment WHERE status = 'finalized'").get() as { n: number }).n === 2;
        } finally {
          db.close();
        }
      },
      'the panel projected at the hub',
      20_000,
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const { ws, sync } of laptops) {
      await sync.stop();
      ws.close();
    }
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the cohort with the result, opens the dashboard and downloads the recap, read-only', async () => {
    const token = invite(dataDir, 'Direktorat Kota Cerdas', 'ministry');
    const { page, problems } = await openPage(browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${hub.url}/?token=${token}`);
    await page.waitForSelector('body[data-ready="true"]');
    // The token leaves the address bar at once, as in web mode.
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => page.getByRole('note').textContent()).toContain(BANNER);
    // Nothing that writes: no add form, no row actions, no settings or sync pages.
    expect(await page.getByRole('link', { name: 'Banggai' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^Ubah$/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /tambah/i }).count()).toBe(0);
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'Pengaturan' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Sinkronkan' }).count()).toBe(0);
    // "My assessments" is a laptop's person's page: the hub is nobody's.
    expect(await nav.getByRole('link', { name: 'Penilaian' }).count()).toBe(0);
    await screenshot(page, 'ministry-regencies', { fullPage: false });

    // The cohort: Banggai with the panel's result, the Indonesian way (a decimal comma).
    await nav.getByRole('link', { name: 'Kohort' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Banggai' });
    await row.first().waitFor();
    expect(expected).toBeGreaterThan(0);
    const percent = formatPercent(expected, 'id');
    await expect.poll(async () => (await row.first().textContent()) ?? '').toContain(percent);
    await screenshot(page, 'ministry-cohort', { fullPage: false });

    // The recap downloads as a workbook with Banggai in it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /rekap/i }).click()]);
    const file = join(dataDir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((each) => each.eachCell((cell) => cells.push(String(cell.value)))));
    expect(cells.some((text) => text.includes('Banggai'))).toBe(true);

    // The dashboard of Banggai's submission.
    await row.first().getByRole('link').first().click();
    await page.waitForURL(/dashboard/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Banggai');
    expect(await page.getByRole('button', { name: /impor/i }).count()).toBe(0);
    await screenshot(page, 'ministry-dashboard', { fullPage: false });

    // A laptop's own pages, asked for by their address: not part of this view, said so, no form.
    for (const hash of ['#/settings', '#/profile', '#/sync', '#/assessments']) {
      await page.goto(`${hub.url}/${hash}`);
      await page.getByRole('heading', { level: 1, name: 'Halaman ini tidak ada di tampilan kementerian' }).waitFor();
      expect(await page.getByRole('textbox').count(), hash).toBe(0);
      expect(await page.getByRole('button', { name: /simpan|gabung/i }).count(), hash).toBe(0);
    }
    await screenshot(page, 'ministry-laptop-page', { fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Buka kohort' }).click();
    await page.getByRole('row').filter({ hasText: 'Banggai' }).first().waitFor();

    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('refuses an assessor token: the view is the ministry’s', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${hub.url}/?token=${invite(dataDir, 'Dr. Rina', 'assessor')}`);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toBeTruthy();
    expect(await page.locator('body[data-ready="true"]').count()).toBe(0);
    await page.context().close();
  });
});
