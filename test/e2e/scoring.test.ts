import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { PANEL_RUBRIC } from '../helpers/assessments.ts';
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

const completeness = (page: Page) =>
  page
    .locator('.score-figures')
    .getByText(/kriteria dinilai/)
    .textContent();

describe('scoring in web mode', () => {
  it('scores a whole rubric by keyboard, cites evidence from the viewer, survives a reload, and refuses changes once final', async () => {
    const dataDir = tempDir();
    const { data } = await masterplanPdf();
    const pdf = join(tempDir(), 'masterplan-banggai.pdf');
    writeFileSync(pdf, data);
    run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]);
    run(['profile', 'set', '--name', 'Dr. Sari Wulandari', '--institution', 'UGM', '--data', dataDir]);
    run(['import', pdf, '--regency', '72.01', '--stage', '3', '--data', dataDir]);

    const page = await open(dataDir, '#/submissions/1');
    await page.getByRole('heading', { name: 'Penilaian' }).waitFor();
    await page.getByLabel('Rubrik', { exact: true }).selectOption('masterplan-review');
    await page.getByRole('button', { name: 'Mulai penilaian' }).click();
    await page.getByRole('heading', { name: 'Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();
    // Bimtek 3: 43 of the 53 criteria are due; the ten of Bimtek 4 only are not counted.
    await expect.poll(() => completeness(page)).toBe('0 dari 43 kriteria dinilai');
    await page.getByRole('heading', { name: /GOV\.1 Analisis kondisi dan SWOT Smart Governance/ }).waitFor();
    // The viewer opened on the pages about Smart Governance.
    await page.getByText('Halaman tentang Smart Governance:').waitFor();

    // Only the keyboard: a level by its number, Enter to the next criterion, 43 times.
    const levels = [3, 4, 2, 3, 1, 4, 3];
    for (let index = 0; index < 43; index += 1) {
      await page.keyboard.press(String(levels[index % levels.length]));
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => completeness(page)).toBe('43 dari 43 kriteria dinilai');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Tersimpan');
    // Undo takes back the last level; the keyboard puts it back.
    const lastCode =
      (await page.getByTestId('criterion-panel').getByRole('heading', { level: 2 }).locator('.tree-code').textContent()) ?? '';
    await page.keyboard.press('Control+z');
    await expect.poll(() => completeness(page)).toBe('42 dari 43 kriteria dinilai');
    await page.keyboard.press('3');
    await expect.poll(() => completeness(page)).toBe('43 dari 43 kriteria dinilai');
    expect(lastCode).toMatch(/^MAP\./);

    // Back to GOV.1 by clicking the tree; a note by keyboard (E, type, Esc).
    await page
      .getByRole('navigation', { name: 'Kriteria rubrik' })
      .getByRole('button', { name: /GOV\.1/ })
      .click();
    await page.keyboard.press('e');
    await page.keyboard.type('Fakta: SWOT ada. Analisis: berbasis data. Bukti: hlm. 3.');
    await page.keyboard.press('Escape');

    // Evidence: select words in the viewer, keep them for GOV.1.
    const span = page
      .getByRole('complementary', { name: 'Dokumen masterplan' })
      .locator('[data-text-layer] span')
      .filter({ hasText: /\w{4,}/ })
      .first();
    await span.waitFor({ timeout: 30_000 });
    const quote = ((await span.textContent()) ?? '').trim();
    await span.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    });
    await page.getByRole('button', { name: 'Tambahkan sebagai bukti GOV.1' }).click();
    await page.getByRole('heading', { name: 'Bukti (1)' }).waitFor();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Tersimpan');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'scoring', { fullPage: false });

    // Reload: everything is there.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await expect.poll(() => completeness(page)).toBe('43 dari 43 kriteria dinilai');
    await page.getByRole('heading', { name: /GOV\.1 Analisis kondisi/ }).waitFor();
    expect(await page.getByLabel('Catatan').inputValue()).toBe('Fakta: SWOT ada. Analisis: berbasis data. Bukti: hlm. 3.');
    await expect.poll(() => page.locator('[data-evidence] blockquote').textContent()).toBe(quote);
    expect(await page.getByRole('radio', { checked: true }).getAttribute('data-level')).toBe('3');
    // The evidence opens its page in the viewer.
    await page
      .locator('[data-evidence]')
      .getByRole('button', { name: /masterplan-banggai\.pdf, hlm\. \d+/ })
      .click();

    // The criterion's history: every change, old → new.
    await page.getByText('Riwayat kriteria ini').click();
    await page.getByTestId('criterion-history').getByText('nilai (kosong) → 3').waitFor();
    await page
      .getByTestId('criterion-history')
      .getByText(/bukti ditambahkan: masterplan-banggai\.pdf hlm\. \d+/)
      .waitFor();

    // Submit, finalize: each asks first in the app's own dialog; Escape (or Batal) leaves it as it is.
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    const asked = page.getByRole('alertdialog', { name: 'Kirim penilaian ini?' });
    await expect.poll(() => asked.textContent()).toContain('43 dari 43 kriteria sudah dinilai');
    await screenshot(page, 'scoring-submit-confirm');
    await page.keyboard.press('Escape');
    await asked.waitFor({ state: 'hidden' });
    expect(await page.locator('.scoring-header .badge').textContent()).toBe('Draf');
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    await asked.getByRole('button', { name: 'Kirim penilaian' }).click();
    await page.locator('.badge').getByText('Dikirim').waitFor();
    await page.getByRole('button', { name: 'Finalkan' }).click();
    await page.getByRole('alertdialog', { name: 'Finalkan penilaian ini?' }).getByRole('button', { name: 'Finalkan' }).click();
    await page.locator('.scoring-header .badge').getByText('Final').waitFor();
    await page.getByText('Penilaian ini sudah final dan tidak dapat diubah.').first().waitFor();

    // Try to change a score: refused, with the reason, and nothing changes.
    await page.getByTestId('criterion-panel').focus();
    await page.keyboard.press('1');
    await page.locator('.notices .notice-error').getByText('Penilaian ini sudah final dan tidak dapat diubah.').waitFor();
    expect(await page.getByRole('radio', { checked: true }).getAttribute('data-level')).toBe('3');
    expect(await page.getByRole('radio').first().isDisabled()).toBe(true);
    await screenshot(page, 'scoring-final', { fullPage: false });

    // The same refusal from the service, whatever the screen does.
    const json = JSON.parse(run(['assessment', 'export', '--data', dataDir])) as {
      assessments: { status: string; scores: Record<string, { value: number }> }[];
    };
    expect(json.assessments[0]?.status).toBe('finalized');
    expect(json.assessments[0]?.scores['GOV.1']?.value).toBe(3);
  });

  it('flags a disagreement between two assessors; the lead reconciles; the summary uses the agreed score; the trail shows each step', async () => {
    const dataDir = tempDir();
    const rubricFile = join(tempDir(), 'panel-test.json');
    writeFileSync(rubricFile, JSON.stringify({ format: 'timbang.rubric', formatVersion: 1, rubric: PANEL_RUBRIC }));
    run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]);
    run(['rubric', 'import', rubricFile, '--data', dataDir]);
    run(['profile', 'set', '--name', 'Dr. Sari Wulandari', '--institution', 'UGM', '--data', dataDir]);
    // Prof. Budi scored on his own laptop and sent his file.
    const budi = join(tempDir(), 'budi.assessment.json');
    writeFileSync(
      budi,
      JSON.stringify({
        format: 'timbang.assessment',
        formatVersion: 1,
        assessments: [
          {
            rubric: { id: 'panel-test', version: 1 },
            regency: '72.01',
            stage: 3,
            assessor: { name: 'Prof. Budi Santoso', institution: 'ITB', role: 'assessor' },
            status: 'submitted',
            scores: {
              'ECO.1': { value: 5, note: 'Analisis PDRB lengkap.' },
              'ECO.2': { value: 3 },
              'LIV.1': { value: 2 },
              'LIV.2': { value: 4 },
            },
          },
          {
            rubric: { id: 'panel-test', version: 1 },
            regency: '72.01',
            stage: 3,
            assessor: { name: 'Ibu Rina', institution: 'DKISP Banggai', role: 'self' },
            status: 'submitted',
            scores: { 'ECO.1': { value: 5 }, 'ECO.2': { value: 5 }, 'LIV.1': { value: 2 }, 'LIV.2': { value: 4 } },
          },
        ],
      }),
    );
    run(['regency', 'list', '--data', dataDir]);
    const page = await open(dataDir, '#/regencies/72.01');
    await page.getByRole('heading', { name: 'Kabupaten Banggai' }).waitFor();
    await page.getByLabel('Tahap Bimtek saat ini').selectOption('3');
    await page.getByRole('button', { name: 'Buat pengumpulan' }).click();
    await page.getByRole('heading', { name: 'Kabupaten Banggai · Bimtek 3' }).waitFor();

    // The lead brings in Budi's file, then scores herself.
    await page.getByTestId('assessment-file').setInputFiles(budi);
    await page.getByRole('status').getByText('2 penilaian diimpor: Prof. Budi Santoso, Ibu Rina.').waitFor();
    await page.getByLabel('Rubrik', { exact: true }).selectOption('panel-test');
    await page.getByRole('button', { name: 'Mulai penilaian' }).click();
    await expect.poll(() => completeness(page)).toBe('0 dari 4 kriteria dinilai');
    for (const key of ['2', '3', '3', '4']) {
      await page.keyboard.press(key);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => completeness(page)).toBe('4 dari 4 kriteria dinilai');

    // Before she submits, Budi's scores stay hidden.
    await page.getByRole('link', { name: 'Panel' }).click();
    await page.getByText('Nilai penilai lain disembunyikan sampai Anda mengirim penilaian Anda sendiri.').first().waitFor();
    expect(await page.locator('tr[data-criterion="ECO.1"]').textContent()).not.toContain('5');
    await page.goBack();
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Kirim penilaian' }).click();
    await page.locator('.badge').getByText('Dikirim').waitFor();

    // Now the panel: 2 against 5 on ECO.1 is a disagreement.
    await page.getByRole('link', { name: 'Panel' }).click();
    const eco1 = page.locator('tr[data-criterion="ECO.1"]');
    await eco1.getByText('beda pendapat').first().waitFor();
    await expect.poll(() => eco1.textContent()).toContain('3,5 (median)');
    expect(await page.locator('tr[data-criterion="LIV.1"]').textContent()).not.toContain('beda pendapat');
    await screenshot(page, 'panel-disagreement');

    // She leads the panel and sets the agreed score, with a reason.
    await page.getByRole('button', { name: 'Jadikan saya ketua panel' }).click();
    await page.getByText('Ketua panel: Dr. Sari Wulandari.').waitFor();
    await eco1.getByRole('button', { name: 'Tetapkan' }).click();
    // The median 3,5 lies between two levels: no level is chosen for her, and only the scale's levels are offered.
    const agreed = page.getByLabel('Nilai sepakat untuk ECO.1');
    expect(await agreed.inputValue()).toBe('');
    expect((await agreed.locator('option').allTextContents()).slice(1).map((text) => text.split(' · ')[0])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    await agreed.selectOption('4');
    await page.getByLabel('Alasan (dicatat di riwayat)').fill('Data PDRB ada di lampiran hlm. 88; disepakati dalam rapat panel.');
    await screenshot(page, 'panel-agreed-form');
    await page.getByRole('button', { name: 'Simpan nilai sepakat' }).click();
    await expect.poll(() => eco1.textContent()).toContain('4 (sepakat)');
    await page
      .getByText('Nilai sepakat ditetapkan Dr. Sari Wulandari: Data PDRB ada di lampiran hlm. 88; disepakati dalam rapat panel.')
      .waitFor();
    // ECO: agreed 4 → 75%, ECO.2 median(3,3) → 50%: 62,5%. LIV: 2,5 → 37,5%, 4 → 75%: 56,25%. Overall 60%.
    await expect.poll(() => page.locator('tr[data-group="ECO"]').textContent()).toContain('62,5%');
    await expect.poll(() => page.getByTestId('panel-overall').textContent()).toBe('60%');
    await screenshot(page, 'panel-reconciled');

    // The summary (what reports use) has the agreed score.
    const summary = JSON.parse(run(['summary', '--json', '--data', dataDir])) as {
      panel: { overall: { percent: number }; agreed: number };
    }[];
    expect(summary[0]?.panel.agreed).toBe(1);
    expect(summary[0]?.panel.overall.percent).toBeCloseTo(60, 9);

    // The audit trail shows each step.
    await page.getByRole('tab', { name: 'Riwayat' }).click();
    const trail = page.getByTestId('history');
    await trail.getByText('Dr. Sari Wulandari menjadi ketua panel').waitFor();
    await trail.getByText(/ECO\.1: nilai sepakat panel \(kosong\) → 4/).waitFor();
    await trail.getByText(/alasan: Data PDRB ada di lampiran hlm\. 88/).waitFor();
    await trail.getByText('status Draf → Dikirim').first().waitFor();
    await expect.poll(() => trail.getByText(/diimpor dari berkas \(4 nilai\)/).count()).toBe(2);
    await expect.poll(() => trail.getByText(/ECO\.1: nilai \(kosong\) → 2/).count()).toBe(1);
    await screenshot(page, 'panel-history');

    // The region's self-assessment against the panel, and never in it.
    await page.getByRole('tab', { name: 'Mandiri vs panel' }).click();
    await page.getByText('Menilai diri lebih tinggi pada: Smart Economy.').waitFor();
    await page.getByText('Menilai diri lebih rendah pada: Smart Living.').waitFor();
    await expect.poll(() => page.locator('tr[data-code="ECO"]').textContent()).toContain('100%');
    await screenshot(page, 'panel-self');
    expect((summary[0] as unknown as { self: { assessor: string } }).self.assessor).toBe('Ibu Rina');

    // My portfolio: the assessment, submitted, nothing left to do.
    await page.getByRole('link', { name: 'Penilaian', exact: true }).click();
    await page.getByRole('heading', { name: 'Penilaian saya', exact: true }).waitFor();
    await page.getByText('Semua penilaian Anda sudah dikirim.').waitFor();
    await screenshot(page, 'portfolio');
  });

  it('marks a criterion not applicable with N, and shows the live gap to the pass mark after every key', async () => {
    const dataDir = tempDir();
    const rubricFile = join(tempDir(), 'panel-test.json');
    writeFileSync(rubricFile, JSON.stringify({ format: 'timbang.rubric', formatVersion: 1, rubric: PANEL_RUBRIC }));
    run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]);
    run(['rubric', 'import', rubricFile, '--data', dataDir]);
    run(['profile', 'set', '--name', 'Dr. Sari Wulandari', '--institution', 'UGM', '--data', dataDir]);
    // Her own draft, nothing scored yet.
    const draft = join(tempDir(), 'draft.assessment.json');
    const assessor = { name: 'Dr. Sari Wulandari', institution: 'UGM', role: 'assessor' };
    const assessment = { rubric: { id: 'panel-test', version: 1 }, regency: '72.01', stage: 3, assessor, status: 'draft', scores: {} };
    writeFileSync(draft, JSON.stringify({ format: 'timbang.assessment', formatVersion: 1, assessments: [assessment] }));
    run(['assessment', 'import', draft, '--data', dataDir]);

    // The expected result, worked out here from the rubric's weights: levels 1–5 map to 0–100 % (range);
    // a group is the weighted mean of its scored, applicable criteria; the overall the weighted mean of its groups.
    const scores: Record<string, number | 'na'> = {};
    const weighted = (parts: { weight: number; percent: number | null }[]) => {
      const counted = parts.filter((part): part is { weight: number; percent: number } => part.percent !== null);
      const weights = counted.reduce((sum, part) => sum + part.weight, 0);
      return weights === 0 ? null : counted.reduce((sum, part) => sum + part.weight * part.percent, 0) / weights;
    };
    const overall = () =>
      weighted(
        PANEL_RUBRIC.items.map((group) => ({
          weight: group.weight,
          percent: weighted(
            (group.type === 'group' ? group.children : []).map((criterion) => {
              const value = scores[criterion.code];
              return { weight: criterion.weight, percent: typeof value === 'number' ? ((value - 1) / 4) * 100 : null };
            }),
          ),
        })),
      );
    const id = (value: number) => value.toLocaleString('id-ID', { maximumFractionDigits: 1 });
    // Until every criterion is scored the result is provisional: the gap, but no claim to pass or not.
    const gapShown = (complete: boolean) => {
      const percent = overall();
      if (percent === null) return '–';
      const gap = percent - 70;
      const figure = `${gap >= 0 ? '+' : '−'}${id(Math.abs(gap))}`;
      return complete ? `${figure} ${gap >= 0 ? 'mencapai batas lulus' : 'di bawah batas lulus'}` : figure;
    };
    const overallShown = () => {
      const percent = overall();
      return percent === null ? '–' : `${id(percent)}%`;
    };

    const page = await open(dataDir, '#/assessments/1');
    await page.getByRole('heading', { name: 'Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /ECO\.1 Analisis ekonomi/ }).waitFor();
    // The header's figures, each a term and its value.
    const figure = (label: string) => page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    const shownNow = async () =>
      Promise.all(['Nilai keseluruhan', 'Selisih dari batas lulus 70%', 'Kelengkapan'].map((label) => figure(label).textContent()));
    const expected = (scored: number, scorable: number) => [
      overallShown(),
      gapShown(scored === scorable),
      `${scored} dari ${scorable} kriteria dinilai`,
    ];
    await expect.poll(shownNow).toEqual(['–', '–', '0 dari 4 kriteria dinilai']);

    // ECO.1 at level 4: 75 % overall, 5 points above the pass mark.
    await page.keyboard.press('4');
    scores['ECO.1'] = 4;
    await expect.poll(shownNow).toEqual(expected(1, 4));
    expect(gapShown(false)).toBe('+5');
    expect(await page.locator('dt', { hasText: 'Nilai keseluruhan' }).textContent()).toBe('Nilai keseluruhan (sementara)');
    expect(await page.locator('dt', { hasText: 'Predikat' }).count()).toBe(0);

    // ECO.2 at level 2: Smart Economy falls to 50 %, and with it the overall result.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /ECO\.2 Quick win ekonomi/ }).waitFor();
    await page.keyboard.press('2');
    scores['ECO.2'] = 2;
    await expect.poll(shownNow).toEqual(expected(2, 4));
    expect(gapShown(false)).toBe('−20');

    // N: ECO.2 is not applicable; it drops out of the sums (and of the criteria to score).
    const notApplicable = page.getByRole('button', { name: /^Tidak berlaku/ });
    expect(await notApplicable.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Shift+N');
    scores['ECO.2'] = 'na';
    await expect.poll(shownNow).toEqual(expected(1, 3));
    expect(await notApplicable.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.getByText('Ditandai tidak berlaku: tidak dihitung.', { exact: true }).waitFor();

    // LIV.1 may not be marked not applicable: n does nothing there. Level 5, then LIV.2 at level 1.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /LIV\.1 Analisis kesehatan/ }).waitFor();
    expect(await notApplicable.count()).toBe(0);
    await page.keyboard.press('n');
    await page.keyboard.press('5');
    scores['LIV.1'] = 5;
    await expect.poll(shownNow).toEqual(expected(2, 3));
    expect(gapShown(false)).toBe('+15');
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    scores['LIV.2'] = 1;
    await expect.poll(shownNow).toEqual(expected(3, 3));
    expect(gapShown(true)).toBe('−5 di bawah batas lulus');
    expect(await page.locator('dt', { hasText: 'Nilai keseluruhan' }).textContent()).toBe('Nilai keseluruhan');

    // Back to ECO.2: a level counts it again (57,5 %), N takes it out again.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.getByRole('heading', { name: /ECO\.2 Quick win ekonomi/ }).waitFor();
    await page.keyboard.press('3');
    scores['ECO.2'] = 3;
    await expect.poll(shownNow).toEqual(expected(4, 4));
    expect(gapShown(true)).toBe('−12,5 di bawah batas lulus');
    await page.keyboard.press('N');
    scores['ECO.2'] = 'na';
    await expect.poll(shownNow).toEqual(expected(3, 3));
    await page.getByRole('status').getByText('Tersimpan', { exact: true }).waitFor();

    // Saved as not applicable, and LIV.1 kept its level.
    const json = JSON.parse(run(['assessment', 'export', '--data', dataDir])) as {
      assessments: { scores: Record<string, { value: number | 'na' }> }[];
    };
    expect(Object.fromEntries(Object.entries(json.assessments[0]?.scores ?? {}).map(([code, score]) => [code, score.value]))).toEqual({
      'ECO.1': 4,
      'ECO.2': 'na',
      'LIV.1': 5,
      'LIV.2': 1,
    });
  });
});
