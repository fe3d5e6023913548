import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../shared/format/number.ts';
import { timbang } from '../helpers/cli.ts';
import { cohortWorkspace } from '../helpers/cohort-workspace.ts';
import { SCREENSHOT_DIR, screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

interface Summary {
  submissionId: number;
  regencyCode: string;
  stage: number;
  panel: { overall: { percent: number }; groups: { title: { id: string }; percent: number }[] };
}

/** Banggai (with a self-assessment) and Makassar at Bimtek 3, each scored by a panel of two. */
function seeded(): { dataDir: string; banggai: Summary } {
  const dataDir = cohortWorkspace([
    { code: '72.01', cohort: 2022, stages: [3], strength: 0.35, selfBias: 1 },
    { code: '73.71', cohort: 2022, stages: [3], strength: 0.7 },
  ]);
  const result = timbang(['summary', '--json', '--data', dataDir]);
  expect(result.status, result.stderr).toBe(0);
  const banggai = (JSON.parse(result.stdout) as Summary[]).find((entry) => entry.regencyCode === '72.01');
  if (!banggai) throw new Error('no Banggai');
  return { dataDir, banggai };
}

/** The words of a DOCX's body, its XML tags left out. */
function docxWords(path: string): string {
  return execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' })
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('the result letter from the dashboard', () => {
  it('downloads as DOCX by keyboard, with the regency, its overall result and every dimension in it', async () => {
    const { dataDir, banggai } = seeded();
    const page = await open(dataDir, `#/submissions/${banggai.submissionId}/dashboard`);
    const group = page.getByRole('group', { name: 'Unduh laporan hasil' });
    const word = group.getByRole('button', { name: 'Unduh laporan hasil (Word)' });
    await word.waitFor();
    await expect.poll(() => group.getByRole('button', { name: 'Unduh laporan hasil (PDF)' }).isVisible()).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'letter-dashboard', { fullPage: false });

    await word.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^laporan-hasil-72\.01-Kabupaten-Banggai-bimtek3-\d{4}-\d{2}-\d{2}\.docx$/);
    const path = (await download.path()) as string;
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
    const text = docxWords(path);
    expect(text).toContain('Laporan Hasil Penilaian Masterplan Smart City');
    expect(text).toContain('Bupati Banggai');
    expect(text).toContain('Kabupaten Banggai (72.01)');
    expect(text).toContain(formatPercent(banggai.panel.overall.percent, 'id'));
    for (const dimension of banggai.panel.groups) {
      expect(text).toContain(`${dimension.title.id} ${formatPercent(dimension.percent, 'id')}`);
    }
    expect(text).toContain('peringkat 2 dari 2');
    await page.getByText(`${download.suggestedFilename()} disimpan.`).waitFor();
  });

  it('names the ministry the settings page says', async () => {
    const { dataDir, banggai } = seeded();
    const page = await open(dataDir, '#/settings');
    const field = page.getByLabel('Kementerian penerima');
    await expect.poll(() => field.inputValue()).toBe('Kementerian Komunikasi dan Digital (Komdigi)');
    await field.fill('Kementerian Komunikasi dan Informatika (Kominfo)');
    await field.press('Enter');
    await page.getByText('Pengaturan disimpan.').waitFor();
    const card = page.locator('form', { has: field });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(SCREENSHOT_DIR, 'letter-settings.png') });
    await page.goto(page.url().replace(/#.*$/, `#/submissions/${banggai.submissionId}/dashboard`));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh laporan hasil (Word)' }).click(),
    ]);
    const text = docxWords((await download.path()) as string);
    expect(text).toContain('atas nama Kementerian Komunikasi dan Informatika (Kominfo)');
    expect(text).not.toContain('Komdigi');
  });

  it('downloads as PDF', async () => {
    const { dataDir, banggai } = seeded();
    const page = await open(dataDir, `#/submissions/${banggai.submissionId}/dashboard`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh laporan hasil (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^laporan-hasil-72\.01-Kabupaten-Banggai-bimtek3-\d{4}-\d{2}-\d{2}\.pdf$/);
    const path = (await download.path()) as string;
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Bupati Banggai');
    expect(text).toContain(formatPercent(banggai.panel.overall.percent, 'id'));
  });
});
