import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { PANEL_RUBRIC } from '../helpers/assessments.ts';
import { timbang } from '../helpers/cli.ts';
import { hubCli, startHubChild, type HubChild } from '../helpers/hub.ts';
import { tempDir } from '../helpers/temp.ts';
import { seriousViolations } from './support/axe.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { startWebMode, type WebMode } from './support/web-mode.ts';

/**
 * docs/sync.md §8: two people, each in their own browser on their own workspace (`timbang
 * serve`, which runs the sync engine in the background), and one hub child. They join through
 * Sinkronkan with the link the hub printed; Sari sets up the regency and the submission, Budi
 * scores and submits first, then Sari scores the whole rubric by keyboard and submits, and Budi's
 * panel page, left open, shows her scores, the disagreement and the panel result without a reload.
 */
const SARI = 'Dr. Sari Wulandari';
const BUDI = 'Prof. Budi Santoso';
const CODES = ['ECO.1', 'ECO.2', 'LIV.1', 'LIV.2'] as const;
type Scores = Record<(typeof CODES)[number], number>;
const BUDI_SCORES: Scores = { 'ECO.1': 2, 'ECO.2': 3, 'LIV.1': 3, 'LIV.2': 4 };
const SARI_SCORES: Scores = { 'ECO.1': 5, 'ECO.2': 2, 'LIV.1': 2, 'LIV.2': 5 };

function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** Numbers as Indonesian writes them, worked out here rather than by the app's own formatter. */
const id = (value: number, digits: number) => value.toLocaleString('id-ID', { maximumFractionDigits: digits, useGrouping: false });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
/** The rubric's scale is 1–5, mapped as a range: a level s is (s − 1) / 4 of the maximum. */
const percentOf = (level: number) => ((level - 1) / 4) * 100;

/** The panel of two as the rules say (docs: the median of the submitted scores; the weighted means of the rubric). */
function expectedPanel() {
  const criteria = new Map(
    CODES.map((code) => {
      const values = [BUDI_SCORES[code], SARI_SCORES[code]];
      const spread = ((Math.max(...values) - Math.min(...values)) / 4) * 100;
      return [
        code,
        {
          median: median(values),
          mean: values.reduce((sum, value) => sum + value, 0) / values.length,
          spread,
          disagreement: spread > DEFAULT_SETTINGS.disagreementTolerance,
        },
      ];
    }),
  );
  const weighted = (parts: { weight: number; percent: number }[]) =>
    parts.reduce((sum, part) => sum + part.weight * part.percent, 0) / parts.reduce((sum, part) => sum + part.weight, 0);
  const groups = new Map(
    PANEL_RUBRIC.items.map((group) => [
      group.code,
      weighted(
        (group.type === 'group' ? group.children : []).map((criterion) => ({
          weight: criterion.weight,
          percent: percentOf(criteria.get(criterion.code as (typeof CODES)[number])!.median),
        })),
      ),
    ]),
  );
  const overall = weighted(PANEL_RUBRIC.items.map((group) => ({ weight: group.weight, percent: groups.get(group.code)! })));
  return { criteria, groups, overall, disagreements: [...criteria.values()].filter((criterion) => criterion.disagreement).length };
}

interface Person {
  name: string;
  server: WebMode;
  page: Page;
  problems: string[];
}

const completeness = (page: Page) =>
  page
    .locator('.score-figures')
    .getByText(/kriteria dinilai/)
    .textContent();

/** Sinkronkan → paste the invitation link → join, as a person does; resolves when the page shows the team. */
async function joinByLink(person: Person, joinUrl: string, hubUrl: string, by: 'keyboard' | 'click'): Promise<void> {
  const { page } = person;
  await page.getByRole('navigation').getByRole('link', { name: 'Sinkronkan' }).click();
  await page.getByRole('heading', { name: 'Gabung ke tim' }).waitFor();
  const token = page.getByLabel('Token undangan atau tautan');
  await token.fill(joinUrl);
  await expect.poll(() => page.getByLabel('Alamat hub').inputValue()).toBe(hubUrl);
  await page.getByText('Alamat hub dan token diisi dari tautan.').waitFor();
  if (by === 'keyboard') await token.press('Enter');
  else await page.getByRole('button', { name: 'Gabung', exact: true }).click();
  await page.getByRole('heading', { name: 'Status', exact: true }).waitFor({ timeout: 20_000 });
  await page.getByRole('status').getByText(`Bergabung dengan tim di ${hubUrl} sebagai Penilai.`).waitFor();
}

/** On the submission page: start an assessment with the panel rubric, score it all by keyboard, submit it. */
async function scoreAndSubmit(page: Page, scores: Scores): Promise<void> {
  await page.getByLabel('Rubrik', { exact: true }).selectOption('panel-test');
  await page.getByRole('button', { name: 'Mulai penilaian' }).click();
  await expect.poll(() => completeness(page)).toBe('0 dari 4 kriteria dinilai');
  await page
    .getByTestId('criterion-panel')
    .getByRole('heading', { name: /ECO\.1/ })
    .waitFor();
  for (const [index, code] of CODES.entries()) {
    await page
      .getByTestId('criterion-panel')
      .getByRole('heading', { name: new RegExp(code.replace('.', '\\.')) })
      .waitFor();
    await page.keyboard.press(String(scores[code]));
    await expect.poll(() => completeness(page)).toBe(`${index + 1} dari 4 kriteria dinilai`);
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Tersimpan');
  await page.getByRole('button', { name: 'Kirim penilaian' }).click();
  await page.getByRole('alertdialog', { name: 'Kirim penilaian ini?' }).getByRole('button', { name: 'Kirim penilaian' }).click();
  await page.locator('.scoring-header .badge').getByText('Dikirim').waitFor();
}

describe('a panel across two browsers and a hub', { timeout: 120_000 }, () => {
  let browser: Browser;
  let hub: HubChild;
  const people: Person[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    hub = await startHubChild(tempDir());
  });
  afterAll(async () => {
    for (const person of people) {
      await person.page.context().close();
      await person.server.stop();
    }
    await browser?.close();
    await hub?.stop();
  });

  async function person(name: string, institution: string, prepare: (dataDir: string) => void = () => {}): Promise<Person> {
    const dataDir = tempDir();
    run(['profile', 'set', '--name', name, '--institution', institution, '--data', dataDir]);
    prepare(dataDir);
    const server = await startWebMode(dataDir);
    const { page, problems } = await openPage(browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    const made = { name, server, page, problems };
    people.push(made);
    return made;
  }

  it('Budi submits, Sari scores the whole rubric and submits, and Budi’s open panel page shows her scores, the disagreement and the result', async () => {
    const started = Date.now();
    const invitation = (name: string) =>
      hubCli<{ joinUrl: string; fingerprint: string }>(hub.dataDir, ['invite', '--name', name, '--role', 'assessor']).json;
    const forSari = invitation(SARI);
    const forBudi = invitation(BUDI);
    expect(forSari.fingerprint).toBe(hub.fingerprint);

    // The panel rubric is on Sari's laptop (imported before she joined); it reaches Budi through the hub.
    const rubricFile = join(tempDir(), 'panel-test.json');
    writeFileSync(rubricFile, JSON.stringify({ format: 'timbang.rubric', formatVersion: 1, rubric: PANEL_RUBRIC }));
    const [sari, budi] = await Promise.all([
      person(SARI, 'UGM', (dataDir) => run(['rubric', 'import', rubricFile, '--data', dataDir])),
      person(BUDI, 'ITB'),
    ]);

    // 1. Both join through Sinkronkan with the link the hub printed: Sari by keyboard, Budi by clicking.
    await joinByLink(sari, forSari.joinUrl, hub.url, 'keyboard');
    await joinByLink(budi, forBudi.joinUrl, hub.url, 'click');
    for (const [me, other] of [
      [sari, budi],
      [budi, sari],
    ] as const) {
      const { page } = me;
      await expect.poll(() => page.getByTestId('sync-connection').textContent(), { timeout: 20_000 }).toBe('Terhubung ke hub');
      await page.getByRole('region', { name: 'Siapa yang daring' }).getByText(other.name, { exact: true }).waitFor({ timeout: 20_000 });
      await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 20_000 }).toBe('Semua catatan sudah terkirim');
      expect(await page.getByTestId('sync-fingerprint').textContent()).toBe(hub.fingerprint.match(/.{4}/g)!.join(' '));
      await expect.poll(() => page.getByTestId('sync-last').textContent()).toMatch(/^sekarang|detik yang lalu/);
      await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 20_000 }).toBe('tersinkron');
    }
    await screenshot(budi.page, 'sync-panel-joined-1366x768', { fullPage: false });
    expect(await seriousViolations(budi.page)).toEqual([]);

    // 2. Sari sets up the registry: the regency, and its Bimtek 3 submission.
    const sariPage = sari.page;
    await sariPage.getByRole('navigation').getByRole('link', { name: 'Daerah' }).click();
    const search = sariPage.getByRole('combobox', { name: 'Kabupaten/kota' });
    await search.fill('bangg');
    await sariPage.getByRole('option', { name: /Kabupaten Banggai\b.*72\.01/ }).waitFor();
    await search.press('Enter');
    await sariPage.getByLabel('Angkatan (tahun)').fill('2022');
    await sariPage.getByLabel('Tahap Bimtek saat ini').selectOption('3');
    await sariPage.getByRole('button', { name: 'Tambah', exact: true }).click();
    await sariPage.getByRole('status').getByText('Kabupaten Banggai ditambahkan.').waitFor();
    await sariPage.getByRole('link', { name: 'Kabupaten Banggai', exact: true }).click();
    await sariPage.getByRole('heading', { name: 'Kabupaten Banggai', level: 1 }).waitFor();
    await sariPage.getByLabel('Tahap Bimtek saat ini').selectOption('3');
    await sariPage.getByRole('button', { name: 'Buat pengumpulan' }).click();
    await sariPage.getByRole('heading', { name: 'Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();

    // Budi, on the list of regencies, sees Banggai arrive without reloading; the rubric came too.
    const budiPage = budi.page;
    await budiPage.getByRole('navigation').getByRole('link', { name: 'Daerah' }).click();
    await budiPage.getByRole('link', { name: 'Kabupaten Banggai', exact: true }).click({ timeout: 20_000 });
    await budiPage.getByRole('heading', { name: 'Kabupaten Banggai', level: 1 }).waitFor();
    await budiPage
      .getByRole('link', { name: /Bimtek 3/ })
      .first()
      .click({ timeout: 20_000 });
    await budiPage.getByRole('heading', { name: 'Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();
    await budiPage
      .getByLabel('Rubrik', { exact: true })
      .locator('option[value="panel-test"]')
      .waitFor({ state: 'attached', timeout: 20_000 });

    // Budi scores and submits first, so the display rule shows him the others' scores.
    await scoreAndSubmit(budiPage, BUDI_SCORES);
    await budiPage.getByRole('link', { name: 'Panel', exact: true }).click();
    await budiPage.getByRole('heading', { name: /Panel/, level: 1 }).waitFor();
    await expect.poll(() => budiPage.locator('tr[data-criterion="ECO.1"] td').first().textContent()).toBe(String(BUDI_SCORES['ECO.1']));

    // Sari scores the whole rubric by keyboard and submits.
    await scoreAndSubmit(sariPage, SARI_SCORES);
    const submittedAt = Date.now();

    // 3. Budi's panel page, left open, shows Sari's column, her scores, the disagreement and the result.
    const expected = expectedPanel();
    const header = budiPage.locator('.panel-table thead th');
    await expect.poll(() => header.allTextContents(), { timeout: 30_000 }).toContain(SARI);
    const shownAfter = Date.now() - submittedAt;
    const names = (await header.allTextContents()).slice(1, 3);
    expect(names.sort()).toEqual([BUDI, SARI].sort());
    for (const code of CODES) {
      const row = budiPage.locator(`tr[data-criterion="${code}"]`);
      const cells = await row.locator('td').allTextContents();
      const want = expected.criteria.get(code)!;
      const byName: Record<string, number> = { [BUDI]: BUDI_SCORES[code], [SARI]: SARI_SCORES[code] };
      const low = Math.min(BUDI_SCORES[code], SARI_SCORES[code]);
      const high = Math.max(BUDI_SCORES[code], SARI_SCORES[code]);
      expect(cells.slice(0, 7), code).toEqual([
        String(byName[names[0]!]),
        String(byName[names[1]!]),
        id(want.median, 2),
        id(want.mean, 2),
        `${low}–${high}`,
        `${id(want.spread, 0)} poin`,
        `${id(want.median, 2)} (median)`,
      ]);
      expect(await row.getByText('beda pendapat').count(), code).toBe(want.disagreement ? 1 : 0);
    }
    expect(expected.disagreements).toBeGreaterThan(0);
    for (const group of PANEL_RUBRIC.items) {
      await expect
        .poll(() => budiPage.locator(`tr[data-group="${group.code}"] td`).first().textContent())
        .toBe(`${id(expected.groups.get(group.code)!, 1)}%`);
    }
    expect(await budiPage.getByTestId('panel-overall').textContent()).toBe(`${id(expected.overall, 1)}%`);
    const figures = budiPage.locator('.score-figures');
    expect(await figures.locator('div', { hasText: 'Beda pendapat' }).locator('dd').textContent()).toBe(String(expected.disagreements));
    await budiPage.evaluate(() => window.scrollTo(0, 0));
    await screenshot(budiPage, 'sync-panel-after-sync-1366x768', { fullPage: false });
    await screenshot(budiPage, 'sync-panel-after-sync-full');

    // Back on Sinkronkan: nothing pending on either side, and Sari still online.
    await budiPage.getByRole('navigation').getByRole('link', { name: 'Sinkronkan' }).click();
    await budiPage.getByRole('region', { name: 'Siapa yang daring' }).getByText(SARI, { exact: true }).waitFor();
    await expect.poll(() => budiPage.getByTestId('sync-pending').textContent()).toBe('Semua catatan sudah terkirim');
    // Sync now, with everything already here, says so in words rather than in zeros.
    const syncNow = budiPage.getByRole('button', { name: 'Sinkronkan sekarang' });
    await syncNow.click();
    await budiPage.getByRole('status').getByText('Sudah tersinkron: tidak ada catatan baru untuk dikirim atau diterima.').waitFor();

    // The hub goes away: offline in words, in the nav too, and the reason of the failed pass filled in.
    await hub.stop();
    await expect.poll(() => budiPage.getByTestId('sync-connection').textContent(), { timeout: 20_000 }).toMatch(/^Luring/);
    await expect.poll(() => syncNow.isEnabled(), { timeout: 20_000 }).toBe(true);
    await syncNow.click();
    const failed = budiPage.getByText(/^Sinkronisasi terakhir gagal: Hub tidak dapat dihubungi/);
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.textContent()).toMatch(/dihubungi \([A-Za-z_]+\)\./);
    await expect.poll(() => budiPage.getByTestId('sync-indicator').textContent(), { timeout: 20_000 }).toBe('luring');
    await budiPage.evaluate(() => window.scrollTo(0, 0));
    await screenshot(budiPage, 'sync-panel-hub-gone-1366x768', { fullPage: false });

    console.log(`sync-panel: Sari's submission shown on Budi's panel after ${shownAfter} ms; whole test ${Date.now() - started} ms`);
    for (const each of people) expect(each.problems, each.name).toEqual([]);
  });
});
