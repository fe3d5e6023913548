import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { masterplanDocx, masterplanPdf, QUICK_WINS } from '../helpers/masterplans.ts';
import { tempDir } from '../helpers/temp.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open, expectConsoleErrors } = useWebSession();

/** Whether an element's top edge sits in the upper half of its reader's scrolling box (where a jump must put it). */
function topInReader(element: Element): boolean {
  const box = element.getBoundingClientRect();
  const view = element.closest('[data-viewer]')!.getBoundingClientRect();
  return box.top >= view.top - 1 && box.top < view.top + view.height / 2;
}

function workspaceWithBanggai(): string {
  const dataDir = tempDir();
  expect(timbang(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]).status).toBe(0);
  return dataDir;
}

describe('masterplan intake in web mode', () => {
  it('imports a PDF into a submission, searches a word, opens the hit on its page, and cites a selection', async () => {
    const { data, truth } = await masterplanPdf();
    const file = join(tempDir(), 'masterplan-banggai.pdf');
    writeFileSync(file, data);
    const page = await open(workspaceWithBanggai(), '#/regencies/72.01');

    await page.getByRole('heading', { name: 'Kabupaten Banggai' }).waitFor();
    await page.getByLabel('Tahap Bimtek saat ini').selectOption('3');
    await page.getByRole('button', { name: 'Buat pengumpulan' }).click();
    await page.getByRole('heading', { name: 'Kabupaten Banggai · Bimtek 3' }).waitFor();
    await page.getByText('Belum ada dokumen.').waitFor();

    await page.getByRole('region', { name: 'Dokumen', exact: true }).locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('status').getByText(`masterplan-banggai.pdf diimpor: ${truth.pageCount} halaman.`).waitFor({ timeout: 60_000 });
    const listed = page.locator('[data-document]');
    await expect.poll(() => listed.textContent()).toContain('Halaman 9–11 tidak punya lapisan teks');

    // The coverage strip flags the thin dimension.
    await page.locator('[data-topic="BRA"]').getByText('tipis').waitFor();
    await page.getByText('Perlu perhatian: Smart Branding (tipis)').waitFor();

    await page.getByRole('searchbox', { name: 'Cari di dokumen' }).fill('ambulans gratis');
    const hit = page.getByRole('button', { name: /masterplan-banggai\.pdf · hlm \d+/ }).first();
    await hit.waitFor();
    const hitPage = Number(/hlm (\d+)/.exec((await hit.textContent()) ?? '')?.[1]);
    await screenshot(page, 'submission-search', { fullPage: false });
    expect(hitPage).toBeGreaterThan(1);
    await hit.click();

    await expect.poll(() => page.getByLabel('Halaman', { exact: true }).inputValue()).toBe(String(hitPage));
    const shown = page.locator(`[data-viewer="pdf"] [data-page="${hitPage}"]`);
    await shown.locator('canvas').waitFor();
    await expect.poll(() => shown.locator('[data-text-layer] span.hit').count()).toBeGreaterThan(0);
    // The reader shows the first word found, not just the top of its page, marked over that word only.
    await expect.poll(() => shown.locator('[data-text-layer] span.hit').first().evaluate(topInReader)).toBe(true);
    const marked = await shown
      .locator('[data-text-layer] span.hit')
      .first()
      .evaluate((span) => span.getBoundingClientRect().width / span.closest('[data-page]')!.getBoundingClientRect().width);
    expect(marked).toBeLessThan(0.9);
    await expect.poll(() => page.url()).toContain(`p=${hitPage}`);

    // Select words on the page: a citation with document, page and quote.
    await shown
      .locator('[data-text-layer] span.hit')
      .first()
      .evaluate((span) => {
        const range = document.createRange();
        range.selectNodeContents(span);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      });
    const citation = page.getByTestId('citation-text');
    await expect.poll(() => citation.textContent()).toMatch(new RegExp(`^masterplan-banggai\\.pdf, hlm ${hitPage}: “.*ambulans`, 'i'));
    await screenshot(page, 'reader');
    await screenshot(page, 'reader-top', { fullPage: false });

    // The quick wins read from the table, confirmed by the assessor.
    await page.getByRole('tab', { name: 'Program dan quick win' }).click();
    const rows = page.locator('[data-item]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
    const first = QUICK_WINS[0]!;
    await page.getByRole('checkbox', { name: `Pilih ${first.name}` }).click();
    await page.getByRole('button', { name: 'Konfirmasi yang dipilih' }).click();
    await page.getByRole('status').getByText('1 butir dikonfirmasi.').waitFor();
    await expect.poll(() => page.locator('[data-item].is-confirmed').textContent()).toContain(first.name);
  });

  it('stays responsive while a long PDF is imported', async () => {
    const { data } = await masterplanPdf({ extraPages: 400 });
    const file = join(tempDir(), 'masterplan-panjang.pdf');
    writeFileSync(file, data);
    const dataDir = workspaceWithBanggai();
    const page = await open(dataDir, '#/regencies/72.01');
    await page.getByRole('button', { name: 'Buat pengumpulan' }).click();
    await page.getByRole('heading', { name: /Bimtek/ }).waitFor();

    await page.getByRole('region', { name: 'Dokumen', exact: true }).locator('input[type="file"]').setInputFiles(file);
    const running = page.locator('[data-job="running"]');
    await running.waitFor({ timeout: 30_000 });
    const clicked = Date.now();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Documents', exact: true }).first().waitFor();
    const answered = Date.now() - clicked;
    expect(await running.count()).toBe(1);
    expect(answered).toBeLessThan(1500);
    await screenshot(page, 'import-progress', { fullPage: false });
    await page
      .getByRole('status')
      .getByText(/masterplan-panjang\.pdf imported/)
      .waitFor({ timeout: 90_000 });
  });

  it('refuses an oversized file before sending it and an encrypted PDF with a message, keeping what was imported', async () => {
    const folder = tempDir();
    const good = join(folder, 'masterplan-banggai.pdf');
    writeFileSync(good, (await masterplanPdf()).data);
    const locked = join(folder, 'terkunci.pdf');
    writeFileSync(locked, (await masterplanPdf({ userPassword: 'rahasia' })).data);
    const big = join(folder, 'besar.pdf');
    writeFileSync(big, Buffer.alloc(1.5 * 1024 * 1024, 0x20));
    const page = await open(workspaceWithBanggai(), '#/settings');

    const limit = page.getByLabel('Batas ukuran berkas impor');
    await expect(limit.inputValue()).resolves.toBe('200');
    await limit.fill('5000');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByText('Masukkan bilangan bulat antara 1 dan 2.000 (MB).').waitFor();
    await limit.fill('1');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByRole('status').getByText('Pengaturan disimpan.').waitFor();

    await page.getByRole('link', { name: 'Daerah' }).click();
    await page
      .getByRole('link', { name: /Kabupaten Banggai/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Buat pengumpulan' }).click();
    await page.getByText('Paling besar 1 MB per berkas.').waitFor();
    const input = page.getByRole('region', { name: 'Dokumen', exact: true }).locator('input[type="file"]');
    await input.setInputFiles(good);
    await page.getByRole('status').getByText('masterplan-banggai.pdf diimpor: 11 halaman.').waitFor({ timeout: 60_000 });

    await input.setInputFiles(big);
    await page.getByText('Berkas besar.pdf berukuran 1,5 MB, melebihi batas 1 MB (dapat diubah di Pengaturan).').waitFor();
    await input.setInputFiles(locked);
    await page
      .getByRole('status')
      .getByText(/^Berkas terkunci\.pdf dilindungi kata sandi/)
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'import-refusals', { fullPage: false });
    await expect.poll(() => page.locator('[data-document]').count()).toBe(1);
    await expect(page.locator('[data-document]').textContent()).resolves.toContain('masterplan-banggai.pdf');
  });

  it('opens a DOCX search hit on its section and keeps it there while the rest loads', async () => {
    const file = join(tempDir(), 'masterplan-banggai.docx');
    writeFileSync(file, await masterplanDocx());
    const page = await open(workspaceWithBanggai(), '#/regencies/72.01');
    await page.getByRole('button', { name: 'Buat pengumpulan' }).click();
    await page.getByRole('region', { name: 'Dokumen', exact: true }).locator('input[type="file"]').setInputFiles(file);
    await page
      .getByRole('status')
      .getByText(/^masterplan-banggai\.docx diimpor: \d+ bagian\.$/)
      .waitFor({ timeout: 60_000 });

    await page.getByRole('searchbox', { name: 'Cari di dokumen' }).fill('ambulans gratis');
    const hit = page.getByRole('button', { name: /masterplan-banggai\.docx · bagian/ }).first();
    await hit.waitFor();
    await hit.click();
    const section = page.locator('[data-viewer="text"] [data-page]:has(mark)').first();
    await section.waitFor();

    await expect.poll(() => section.evaluate(topInReader)).toBe(true);
    await expect(section.locator('mark').first().textContent()).resolves.toMatch(/ambulans|gratis/i);
    await screenshot(page, 'reader-docx', { fullPage: false });
  });

  it('says so when a regency or a submission in the address does not exist', async () => {
    expectConsoleErrors(/^console error: Failed to load resource: the server responded with a status of 404/);
    const page = await open(workspaceWithBanggai(), '#/regencies/73.71');
    await page.getByText('Daerah dengan kode 73.71 tidak ada di ruang kerja ini.').waitFor();
    await page.goto(page.url().replace(/#.*$/, '#/submissions/42'));
    await page.getByText('Pengumpulan dokumen 42 tidak ada.').waitFor();
  });
});
