import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { masterplanPdf } from '../helpers/masterplans.ts';
import { tempDir } from '../helpers/temp.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const NOT_MINE = /hanya dapat dibaca/;
const HIDDEN = /disembunyikan sampai Anda mengirim/;

describe('a person is an id, the name a label', () => {
  it('keeps editing my draft after I correct my name, and keeps two people of the same name apart', async () => {
    const dataDir = tempDir();
    const { data } = await masterplanPdf();
    const pdf = join(tempDir(), 'masterplan-banggai.pdf');
    writeFileSync(pdf, data);
    run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]);
    run(['import', pdf, '--regency', '72.01', '--stage', '3', '--data', dataDir]);
    const [submission] = JSON.parse(run(['submission', 'list', '--json', '--data', dataDir])) as { id: number }[];

    // A profile with a typo in the name, and a draft under it.
    const page = await open(dataDir, '#/profile');
    await page.setViewportSize({ width: 1366, height: 768 });
    const saveProfile = async (name: string) => {
      await page.getByLabel('Nama lengkap').fill(name);
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await page.getByRole('status').getByText('Profil disimpan.').last().waitFor();
    };
    await page.getByLabel('Institusi').fill('Universitas Gadjah Mada');
    await saveProfile('Dr Sari Wulandri');
    await page.evaluate((id) => (window.location.hash = `#/submissions/${id}`), submission!.id);
    await page.getByRole('button', { name: 'Mulai penilaian' }).click();
    await page.getByRole('heading', { name: /GOV\.1 / }).waitFor();
    await page.keyboard.press('3');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Tersimpan');
    const draft = new URL(page.url()).hash;

    // The spelling corrected: the draft is still mine, under the new name, and takes the next score.
    await page.evaluate(() => (window.location.hash = '#/profile'));
    await page.getByRole('heading', { name: 'Profil' }).waitFor();
    await saveProfile('Dr. Sari Wulandari');
    await page.evaluate((hash) => (window.location.hash = hash), draft);
    await page.getByRole('heading', { name: /^GOV\.\d+ / }).waitFor();
    await expect.poll(() => page.getByText('Dr. Sari Wulandari').first().isVisible()).toBe(true);
    expect(await page.getByText(NOT_MINE).count()).toBe(0);
    await page.keyboard.press('2');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Tersimpan');
    await screenshot(page, 'identity-renamed-draft', { fullPage: false });

    // Someone else of the same name takes the laptop: a new person, not a rename.
    await page.evaluate(() => (window.location.hash = '#/profile'));
    await page.getByRole('heading', { name: 'Profil' }).waitFor();
    const before = await page.getByTestId('person-id').textContent();
    await page.getByRole('button', { name: 'Mulai sebagai orang baru dengan nama di atas' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/Draf Dr\. Sari Wulandari tetap milik Dr\. Sari Wulandari/).waitFor();
    await dialog.getByRole('button', { name: 'Mulai sebagai orang baru dengan nama di atas' }).click();
    await page.getByRole('status').getByText('Sekarang bekerja sebagai Dr. Sari Wulandari (orang baru).').waitFor();
    await expect.poll(() => page.getByTestId('person-id').textContent()).not.toBe(before);
    const switchBack = page.getByRole('button', { name: /^Pakai sebagai Dr\. Sari Wulandari · #[0-9a-f]{6}$/ });
    await switchBack.waitFor();
    await screenshot(page, 'identity-profile-two-people', { fullPage: false });

    // Each starts their own assessment of the same submission; the list tells them apart by id.
    await page.evaluate((id) => (window.location.hash = `#/submissions/${id}`), submission!.id);
    await page.getByRole('button', { name: 'Mulai penilaian' }).click();
    await page.getByRole('heading', { name: /GOV\.1 / }).waitFor();
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Tersimpan');
    await page.evaluate((id) => (window.location.hash = `#/submissions/${id}`), submission!.id);
    const people = page.getByRole('link', { name: /^Dr\. Sari Wulandari · #[0-9a-f]{6}$/ });
    await expect.poll(() => people.count()).toBe(2);
    const names = await people.allTextContents();
    expect(new Set(names).size).toBe(2);
    await screenshot(page, 'identity-two-same-names', { fullPage: false });

    // The first Sari's draft is hers: while mine is a draft too, her scores are hidden from me.
    await page.evaluate((hash) => (window.location.hash = hash), draft);
    await page.getByText(HIDDEN).first().waitFor();

    // She takes the laptop back: her draft is hers to edit again.
    await page.evaluate(() => (window.location.hash = '#/profile'));
    await switchBack.click();
    await page.getByRole('status').getByText('Sekarang bekerja sebagai Dr. Sari Wulandari.').waitFor();
    await page.evaluate((hash) => (window.location.hash = hash), draft);
    await page.getByRole('heading', { name: /^GOV\.\d+ / }).waitFor();
    expect(await page.getByText(NOT_MINE).count()).toBe(0);
    expect(await page.getByText(HIDDEN).count()).toBe(0);
    await page.keyboard.press('4');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Tersimpan');
  });
});
