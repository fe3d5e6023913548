import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { hubCli, startHubChild, type HubChild } from '../helpers/hub.ts';
import { tempDir } from '../helpers/temp.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { startWebMode, type WebMode } from './support/web-mode.ts';

/**
 * docs/sync.md §2, §6: a laptop that joined a hub started with `--pass-mark 75 --aggregate mean`.
 * Its Pengaturan page shows the four panel rules as the team's (disabled, with the line that says
 * who sets them); its own settings still save, by keyboard.
 */
function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('the settings page of a laptop in a team', { timeout: 120_000 }, () => {
  let browser: Browser;
  let hub: HubChild;
  let server: WebMode | undefined;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    hub = await startHubChild(tempDir(), 0, ['--pass-mark', '75', '--aggregate', 'mean']);
  });
  afterAll(async () => {
    await page?.context().close();
    await server?.stop();
    await browser?.close();
    await hub?.stop();
  });

  it("shows the pass mark and the panel rules as the team's, and saves the laptop's own", async () => {
    const dataDir = tempDir();
    run(['profile', 'set', '--name', 'Dr. Sari Wulandari', '--institution', 'UGM', '--data', dataDir]);
    const token = hubCli<{ token: string }>(hub.dataDir, ['invite', '--name', 'Dr. Sari Wulandari', '--role', 'assessor']).json.token;
    run(['sync', '--hub', hub.url, '--token', token, '--data', dataDir]);

    server = await startWebMode(dataDir);
    ({ page, problems } = await openPage(browser));
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}#/settings`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('heading', { name: 'Pengaturan', exact: true }).waitFor();

    const line = `ditetapkan oleh hub tim ${hub.url} (sidik jari ${hub.fingerprint})`;
    await expect.poll(() => page.getByTestId('team-managed').count()).toBe(2);
    for (const each of await page.getByTestId('team-managed').all()) expect(await each.textContent()).toContain(line);
    const passMark = page.getByLabel('Batas lulus');
    expect(await passMark.inputValue()).toBe('75');
    expect(await passMark.isDisabled()).toBe(true);
    expect(await passMark.getAttribute('aria-describedby')).toMatch(/-pass-team$/);
    await page.getByText('Saat ini: 75%').waitFor();
    const hide = page.getByLabel('Sembunyikan nilai penilai lain sampai saya mengirim penilaian saya');
    expect([await hide.isChecked(), await hide.isDisabled()]).toEqual([true, true]);
    const tolerance = page.getByLabel('Batas beda pendapat');
    expect([await tolerance.inputValue(), await tolerance.isDisabled()]).toEqual(['25', true]);
    const mean = page.getByRole('radio', { name: 'Rata-rata' });
    expect([await mean.isChecked(), await mean.isDisabled()]).toEqual([true, true]);
    expect(await page.getByRole('radio', { name: /^Median/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Simpan aturan panel' }).count()).toBe(0);

    // By keyboard: the disabled pass mark is passed over; the import limit is the first field, and Enter saves it.
    const upload = page.getByLabel('Batas ukuran berkas impor');
    await page.getByRole('heading', { name: 'Pengaturan', exact: true }).click();
    for (let step = 0; step < 40 && !(await upload.evaluate((element) => element === document.activeElement)); step += 1) {
      await page.keyboard.press('Tab');
      expect(await passMark.evaluate((element) => element === document.activeElement)).toBe(false);
    }
    await page.keyboard.press('Control+A');
    await page.keyboard.type('300');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Pengaturan disimpan.').waitFor();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await expect.poll(() => page.getByLabel('Batas ukuran berkas impor').inputValue()).toBe('300');
    expect(await page.getByLabel('Batas lulus').inputValue()).toBe('75');

    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: 'Rata-rata' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-team-1366x768', { fullPage: false });
    await screenshot(page, 'settings-team-full');
    expect(problems).toEqual([]);
  });
});
