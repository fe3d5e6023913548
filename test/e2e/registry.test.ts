import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';
import { timbang } from '../helpers/cli.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open, start } = useWebSession();

const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

describe('regency registry in web mode', () => {
  it('adds Kabupaten Banggai by typing "bangg", keeps it after a reload, and switches language', async () => {
    const page = await open();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Daerah peserta');
    await page.getByText('Belum ada daerah.').waitFor();

    const search = page.getByRole('combobox', { name: 'Kabupaten/kota' });
    await search.fill('bangg');
    const options = page.getByRole('listbox', { name: 'Kabupaten/kota' }).getByRole('option');
    await expect
      .poll(() => options.allTextContents())
      .toEqual([
        'Kabupaten BanggaiSulawesi Tengah · 72.01',
        'Kabupaten Banggai LautSulawesi Tengah · 72.11',
        'Kabupaten Banggai KepulauanSulawesi Tengah · 72.07',
      ]);
    await screenshot(page, 'registry-suggestions');

    // Keyboard: the best match is preselected; down and up again, then Enter.
    await expect(search.getAttribute('aria-activedescendant')).resolves.toBeTruthy();
    await search.press('ArrowDown');
    await search.press('ArrowUp');
    await search.press('Enter');
    await expect(search.inputValue()).resolves.toBe('Kabupaten Banggai, Sulawesi Tengah');
    await page.getByLabel('Angkatan (tahun)').fill('2022');
    await page.getByLabel('Tahap Bimtek saat ini').selectOption('3');
    await page.getByRole('button', { name: 'Tambah', exact: true }).click();

    const banggai = rowOf(page, 'Kabupaten Banggai');
    await banggai.waitFor();
    await expect.poll(() => banggai.textContent()).toContain('Sulawesi Tengah');
    await expect.poll(() => banggai.textContent()).toContain('Bimtek 3');
    await page.getByRole('status').getByText('Kabupaten Banggai ditambahkan.').waitFor();
    // Focus is back in the search box for the next regency.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await rowOf(page, 'Kabupaten Banggai').waitFor();

    // Already listed: shown, but cannot be picked again.
    await search.fill('bangg');
    const taken = page.getByRole('option', { name: /Kabupaten Banggai\b.*72\.01/ });
    await expect(taken.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(taken.textContent()).resolves.toContain('sudah terdaftar');
    await search.fill('');

    // Two more: type, Enter takes the best match.
    for (const [query, name] of [
      ['kota palu', 'Kota Palu'],
      ['kota jambi', 'Kota Jambi'],
    ] as const) {
      await search.fill(query);
      await page
        .getByRole('option', { name: new RegExp(name) })
        .first()
        .waitFor();
      await search.press('Enter');
      await page.getByRole('button', { name: 'Tambah', exact: true }).click();
      await rowOf(page, name).waitFor();
    }
    await page.getByRole('heading', { name: '3 daerah' }).waitFor();

    await page.getByLabel('Provinsi', { exact: true }).selectOption({ label: 'Jambi' });
    await expect.poll(() => page.getByRole('rowheader').allTextContents()).toEqual(['Kota Jambi']);
    await page.getByText('Menampilkan 1 dari 3').waitFor();
    await page.getByLabel('Provinsi', { exact: true }).selectOption({ label: 'Semua provinsi' });
    await page.getByLabel('Cari di daftar').fill('bangg');
    await expect.poll(() => page.getByRole('rowheader').allTextContents()).toEqual(['Kabupaten Banggai']);
    await page.getByLabel('Cari di daftar').fill('');
    // Notices can be dismissed at once; the screenshot is the README's.
    const closeButtons = page.getByRole('status').getByRole('button', { name: 'Tutup' });
    while ((await closeButtons.count()) > 0) await closeButtons.first().click();
    await screenshot(page, 'registry-id');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Participating regencies' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await screenshot(page, 'registry-en');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('heading', { name: 'Participating regencies' }).waitFor();
  });

  it('edits and removes a regency with confirmation, using only the keyboard', async () => {
    const dataDir = tempDir();
    expect(timbang(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '2', '--data', dataDir]).status).toBe(0);
    const page = await open(dataDir);
    await rowOf(page, 'Kabupaten Banggai').waitFor();

    await page.getByRole('button', { name: 'Ubah Kabupaten Banggai' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Ubah Kabupaten Banggai' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('2022');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Simpan');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => rowOf(page, 'Kabupaten Banggai').textContent()).toContain('Bimtek 3');

    // Escape cancels the removal; the regency stays.
    await page.getByRole('button', { name: 'Hapus Kabupaten Banggai' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog', { name: 'Hapus Kabupaten Banggai?' });
    await confirm.waitFor();
    await screenshot(page, 'registry-remove-confirm');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await rowOf(page, 'Kabupaten Banggai').waitFor();

    await page.getByRole('button', { name: 'Hapus Kabupaten Banggai' }).click();
    await confirm.getByRole('button', { name: 'Ya, hapus' }).click();
    await page.getByText('Belum ada daerah.').waitFor();
    const listed = JSON.parse(timbang(['regency', 'list', '--data', dataDir, '--json']).stdout);
    expect(listed).toEqual([]);
  });

  it('stamps changes with the profile, and keeps the pass mark in Indonesian numbers', async () => {
    const page = await open();
    await page.getByText('Profil belum diisi').waitFor();
    await page.getByRole('link', { name: 'Profil', exact: true }).click();
    await page.getByLabel('Nama lengkap').fill('Dr. Sari Wulandari');
    await page.getByLabel('Institusi').fill('Universitas Gadjah Mada');
    await page.getByLabel('Penilai (asesor nasional)').check();
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByText('Masuk sebagai Dr. Sari Wulandari').waitFor();

    await page.getByRole('link', { name: 'Pengaturan' }).click();
    const passMark = page.getByLabel('Batas lulus');
    await expect(passMark.inputValue()).resolves.toBe('70');
    await passMark.fill('150');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByText('Masukkan angka antara 1 dan 100').waitFor();
    await passMark.fill('72,5');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByText('Saat ini: 72,5%').waitFor();
    await screenshot(page, 'settings');
    // A backup on request, listed at once.
    await page.getByRole('button', { name: 'Buat cadangan sekarang' }).click();
    await page
      .getByRole('status')
      .getByText(/^Cadangan dibuat: timbang-manual-/)
      .waitFor();
    await page.getByRole('cell', { name: 'manual' }).first().waitFor();

    await page.getByRole('link', { name: 'Daerah' }).click();
    const search = page.getByRole('combobox', { name: 'Kabupaten/kota' });
    await search.fill('72.01');
    await search.press('Enter');
    await page.getByRole('button', { name: 'Tambah', exact: true }).click();
    await expect.poll(() => rowOf(page, 'Kabupaten Banggai').textContent()).toContain('oleh Dr. Sari Wulandari');
  });

  it('tells the user what to do when the address has no token', async () => {
    const { page, server } = await start();
    await page.goto(server.origin);
    await page.getByRole('alert').getByText('tokennya tidak ada').waitFor();
  });
});
