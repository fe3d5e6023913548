import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, timbang } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

const go = (page: Page, hash: string) => page.evaluate((next) => (window.location.hash = next), hash);
const closeNotices = async (page: Page) => {
  const buttons = page.getByRole('status').getByRole('button', { name: 'Tutup' });
  while ((await buttons.count()) > 0) await buttons.first().click();
};

describe('first run and moving house in web mode', () => {
  it('offers the demo on an empty workspace, opens it by keyboard with its progress, shows its results, and comes back', async () => {
    const page = await open();
    await page.getByRole('heading', { name: 'Baru di Timbang? Lihat dulu ruang kerja demo' }).waitFor();
    await page.getByText('Belum ada daerah.').waitFor();
    await screenshot(page, 'demo-offer');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Buka ruang kerja demo' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('progressbar', { name: 'Menyiapkan demo…' }).waitFor();
    await page.getByRole('note').getByText('Ruang kerja demo', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').getByText('Ruang kerja demo dibuka.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: '4 daerah' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Baru di Timbang? Lihat dulu ruang kerja demo' }).count()).resolves.toBe(0);

    // Banggai at Bimtek 3: the panel's radar against the pass mark, the gaps, the heat map and the path to the pass mark.
    await go(page, '#/submissions/3/dashboard');
    await page.getByRole('heading', { level: 1, name: /Kabupaten Banggai/ }).waitFor();
    await page.getByRole('figure').first().waitFor();
    await expect.poll(() => page.getByRole('figure').count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('main').textContent()).toContain('Smart Branding');
    await closeNotices(page);
    await screenshot(page, 'demo-dashboard');
    expect(await seriousViolations(page)).toEqual([]);

    // My work: the Kota Jambi draft is next.
    await go(page, '#/assessments');
    await expect.poll(() => page.locator('main').textContent()).toContain('Kota Jambi');

    await page.getByRole('button', { name: 'Kembali ke ruang kerja saya' }).click();
    await page.getByRole('status').getByText('Kembali ke ruang kerja Anda.').waitFor();
    await page.getByText('Belum ada daerah.').waitFor();
    await expect(page.getByRole('note').count()).resolves.toBe(0);
  });

  it('restores a backup from Settings, exports the workspace, and imports it back after checking it (and refuses a damaged one)', async () => {
    const dataDir = tempDir();
    expect(timbang(['--data', dataDir, 'demo']).status).toBe(0);
    const page = await open(dataDir, '#/settings');
    await page.getByRole('heading', { name: 'Cadangan' }).waitFor();

    // A backup now; then the pass mark changes; the restore brings back 70.
    await page.getByRole('button', { name: 'Buat cadangan sekarang' }).click();
    const restore = page.getByRole('button', { name: /^Pulihkan cadangan / });
    await restore.first().waitFor();
    await page.getByLabel('Batas lulus').fill('75');
    await page.getByRole('button', { name: 'Simpan', exact: true }).first().click();
    await page.getByRole('status').getByText('Pengaturan disimpan.').waitFor();
    await restore.first().click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.textContent()).resolves.toContain('sebelum pemulihan');
    await dialog.getByRole('button', { name: 'Pulihkan', exact: true }).click();
    await page
      .getByRole('status')
      .getByText(/dipulihkan/)
      .waitFor();
    await go(page, '#/settings');
    await expect.poll(() => page.getByLabel('Batas lulus').inputValue()).toBe('70');
    await expect.poll(() => page.getByRole('table').first().textContent()).toContain('sebelum pemulihan');

    // Export, then a change that the import must undo.
    await page.getByRole('button', { name: 'Ekspor ruang kerja' }).click();
    const exported = page.getByRole('status').filter({ hasText: 'Ruang kerja diekspor' });
    await exported.waitFor();
    await expect(exported.textContent()).resolves.toContain('4 daerah, 11 pengumpulan, 12 dokumen, 25 penilaian');
    const file = (await exported.locator('dd.mono').first().textContent()) ?? '';
    expect(file).toMatch(/\.timbang$/);
    await screenshot(page, 'settings-move');
    expect(await seriousViolations(page)).toEqual([]);
    expect(timbang(['--data', dataDir, 'regency', 'add', '11.01', '--cohort', '2024', '--stage', '1']).status).toBe(0);

    // A damaged file is refused in the dialog, nothing changes.
    await page.getByLabel('Impor ruang kerja…').setInputFiles(join(ROOT, 'test', 'fixtures', 'bad', 'diubah.timbang'));
    await page.getByRole('alertdialog').getByRole('button', { name: 'Periksa dan impor' }).click();
    await page
      .getByRole('alertdialog')
      .getByText(/tidak cocok dengan checksum/)
      .waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Batal' }).click();

    await page.getByLabel('Impor ruang kerja…').setInputFiles(file);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Periksa dan impor' }).click();
    await page
      .getByRole('status')
      .getByText(/diperiksa dan diimpor: 4 daerah/)
      .waitFor();
    await page.getByRole('heading', { name: '4 daerah' }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).not.toContain('Kabupaten Aceh Selatan');
  });
});
