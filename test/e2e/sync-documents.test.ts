import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspaceSync } from '../../electron/core/sync/driver.ts';
import { actAs, banggaiBimtek3 } from '../helpers/assessments.ts';
import { timbang } from '../helpers/cli.ts';
import { invite, startHubChild, type HubChild } from '../helpers/hub.ts';
import { addDocument } from '../helpers/sync-panel.ts';
import { tempDir } from '../helpers/temp.ts';
import { openTestWorkspace } from '../helpers/workspace.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { startWebMode, type WebMode } from './support/web-mode.ts';

/**
 * docs/sync.md §4.7 on screen: Sari imported the masterplan on her laptop and synced; Budi's
 * submission page lists it among the documents from the team, with its size and pages, and one
 * key press on "Unduh" brings it from the hub into his submission's documents.
 */
function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('a document from the team, downloaded on demand', { timeout: 120_000 }, () => {
  let browser: Browser;
  let hub: HubChild;
  let server: WebMode | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    hub = await startHubChild(tempDir());
  });
  afterAll(async () => {
    await server?.stop();
    await browser?.close();
    await hub?.stop();
  });

  it('lists it with its size and pages, and Unduh (by keyboard) makes it one of the submission’s documents', async () => {
    // Sari's laptop: the submission, the masterplan imported, one pass.
    const sari = await openTestWorkspace();
    actAs(sari, 'Dr. Sari');
    const sariSync = startWorkspaceSync(sari, { appVersion: 'test', background: false });
    await sari.sync.join(hub.url, invite(hub.dataDir, 'Dr. Sari', 'assessor'));
    const document = await addDocument(sari, banggaiBimtek3(sari));
    await sari.sync.syncNow();
    await sariSync.stop();
    sari.close();

    // Budi's laptop joins and syncs from the command line, then opens the app in web mode.
    const dataDir = tempDir();
    run(['profile', 'set', '--name', 'Prof. Budi Santoso', '--institution', 'ITB', '--data', dataDir]);
    run(['sync', '--hub', hub.url, '--token', invite(hub.dataDir, 'Prof. Budi', 'assessor'), '--data', dataDir]);
    server = await startWebMode(dataDir);
    const { page, problems } = await openPage(browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('navigation').getByRole('link', { name: 'Daerah' }).click();
    await page.getByRole('link', { name: 'Kabupaten Banggai', exact: true }).click();
    await page
      .getByRole('link', { name: /Bimtek 3/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();

    const remote = page.getByRole('region', { name: 'Dokumen dari tim — belum ada di laptop ini' });
    await remote.waitFor();
    const item = remote.locator(`li[data-remote-document="${document.sha256}"]`);
    expect(await item.textContent()).toContain('masterplan-banggai.docx');
    expect(await item.textContent()).toContain('Masterplan');
    expect(await item.textContent()).toMatch(new RegExp(`\\d+(,\\d)? KB · ${document.pages} bagian`));
    expect(await page.getByText('Belum ada dokumen.', { exact: false }).count()).toBe(1);
    await screenshot(page, 'sync-documents-remote-1366x768', { fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);

    const download = remote.getByRole('button', { name: 'Unduh masterplan-banggai.docx' });
    await download.focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(`masterplan-banggai.docx diunduh dari hub dan diimpor: ${document.pages} bagian.`)
      .waitFor({ timeout: 30_000 });
    await remote.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Lihat masterplan-banggai.docx' }).waitFor();
    await screenshot(page, 'sync-documents-downloaded-1366x768', { fullPage: false });
    expect(problems).toEqual([]);
  });
});
