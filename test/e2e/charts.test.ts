import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { cohortWorkspace } from '../helpers/cohort-workspace.ts';
import { tempDir } from '../helpers/temp.ts';
import { SCREENSHOT_DIR, screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const REGENCIES = [
  { code: '72.01', cohort: 2022, stages: [1, 2, 3], strength: 0.35, selfBias: 1 },
  { code: '73.71', cohort: 2022, stages: [2, 3], strength: 0.7 },
  { code: '34.71', cohort: 2022, stages: [3], strength: 0.8 },
];

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

const GROUPS = ['GOV', 'BRA', 'ECO', 'LIV', 'SOC', 'ENV', 'RDY', 'MAP'];

/** Three regencies scored by a panel; and a draft of my own on a fourth: Smart Environment at level 1 of 0–4 (25 %, −45), GOV.1 at 3 (75 %). */
function seeded(): { dataDir: string; banggaiB3: number; draftId: number } {
  const dataDir = cohortWorkspace(REGENCIES);
  run(['regency', 'add', '35.71', '--cohort', '2023', '--stage', '3', '--data', dataDir]);
  run(['profile', 'set', '--name', 'Dr. Rina Kusuma', '--institution', 'ITS', '--data', dataDir]);
  const scores: Record<string, { value: number }> = { 'GOV.1': { value: 3 } };
  for (const code of ['ENV.1', 'ENV.2', 'ENV.3', 'ENV.4', 'ENV.5', 'ENV.6']) scores[code] = { value: 1 };
  const draft = join(tempDir(), 'draft.json');
  writeFileSync(
    draft,
    JSON.stringify({
      format: 'timbang.assessment',
      formatVersion: 1,
      assessments: [
        {
          rubric: { id: 'masterplan-review', version: 1 },
          regency: '35.71',
          stage: 3,
          assessor: { name: 'Dr. Rina Kusuma', institution: 'ITS', role: 'assessor' },
          status: 'draft',
          scores,
        },
      ],
    }),
  );
  const imported = JSON.parse(run(['assessment', 'import', draft, '--json', '--data', dataDir])) as { id: number }[];
  const summary = JSON.parse(run(['summary', '--json', '--regency', '72.01', '--data', dataDir])) as {
    submissionId: number;
    stage: number;
  }[];
  return { dataDir, banggaiB3: summary.find((entry) => entry.stage === 3)?.submissionId ?? 0, draftId: imported[0]?.id ?? 0 };
}

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface ChartLayout {
  svg: Box;
  texts: Box[];
  barLabels: (Box & { code: string })[];
  passMark: Box | null;
  categories: string[];
}

/** Where everything written in a chart's SVG lies on the screen. */
function layoutOf(chart: Locator): Promise<ChartLayout> {
  return chart.evaluate((element) => {
    const svg = element.querySelector('.recharts-wrapper > svg.recharts-surface') as SVGSVGElement;
    const box = (node: Element): Box => {
      const rect = node.getBoundingClientRect();
      return { text: node.textContent ?? '', left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
    };
    const texts = [...svg.querySelectorAll('text')].filter(
      (node) => (node.textContent ?? '').trim() && node.getBoundingClientRect().width > 0,
    );
    const passMark = svg.querySelector('[data-pass-mark-label]');
    return {
      svg: box(svg),
      texts: texts.map(box),
      barLabels: [...svg.querySelectorAll('[data-bar-label]')].map((node) => ({
        ...box(node),
        code: node.getAttribute('data-bar-label') ?? '',
      })),
      passMark: passMark ? box(passMark) : null,
      categories: [...svg.querySelectorAll('[data-category-tick]')].map((node) =>
        [...node.querySelectorAll('tspan')].map((line) => line.textContent).join(' '),
      ),
    };
  });
}

const inside = (outer: Box, inner: Box) =>
  inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;

/** Pairs of texts that cover each other (more than a sliver). */
function overlaps(texts: readonly Box[]): string[] {
  const found: string[] = [];
  texts.forEach((a, index) => {
    for (const b of texts.slice(index + 1)) {
      const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (width > 1 && height > 1) found.push(`${a.text} × ${b.text}`);
    }
  });
  return found;
}

/** Every bar has its own label, inside the SVG, none over another text; the pass-mark label inside too. */
async function expectGapBarsLabelled(chart: Locator, count: number, passMark: boolean): Promise<ChartLayout> {
  await expect.poll(async () => (await layoutOf(chart)).barLabels.length).toBe(count);
  const layout = await layoutOf(chart);
  expect(new Set(layout.barLabels.map((label) => label.code)).size).toBe(count);
  expect(await chart.locator('.recharts-bar-rectangle').count()).toBeLessThanOrEqual(count);
  expect(layout.barLabels.filter((label) => !inside(layout.svg, label))).toEqual([]);
  expect(overlaps(layout.texts)).toEqual([]);
  if (passMark) {
    expect(layout.passMark?.text).toBe('Batas lulus');
    expect(inside(layout.svg, layout.passMark as Box)).toBe(true);
  }
  return layout;
}

/** The chart's figure squeezed to `width` px, as on a narrow window; the chart follows. */
async function squeeze(page: Page, chart: Locator, width: number): Promise<void> {
  await chart.evaluate((element, to) => {
    (element.parentElement as HTMLElement).style.width = `${to}px`;
  }, width);
  await expect.poll(async () => (await layoutOf(chart)).svg.right - (await layoutOf(chart)).svg.left).toBeLessThanOrEqual(width);
  await page.waitForTimeout(100);
}

async function shootFigures(page: Page, name: string, viewport: (typeof VIEWPORTS)[number]): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `${name}-${viewport.width}`, { fullPage: false });
  const figures = page.locator('figure');
  for (let index = 0; index < (await figures.count()); index += 1)
    await figures.nth(index).screenshot({ path: join(SCREENSHOT_DIR, `${name}-${viewport.width}-figure${index}.png`) });
}

describe('charts that say the point', () => {
  it('labels every bar, keeps the labels on the plot and off each other, and names the codes, at 1366×768 and 1920×1080', async () => {
    const { dataDir, banggaiB3, draftId } = seeded();
    const page = await open(dataDir, `#/assessments/${draftId}`);
    const base = page.url().replace(/#.*$/, '');

    // The live chart while scoring: ENV −45 and GOV +5 labelled, the six groups without a score all say so.
    // On a short screen it starts folded: unfold it, as a user would.
    const toggle = page.getByRole('button', { name: 'Grafik dimensi' });
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    const live = page.getByTestId('live-dimensions').locator('[data-chart="gaps"]');
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const layout = await expectGapBarsLabelled(live, GROUPS.length, false);
      const text = (code: string) => layout.barLabels.find((label) => label.code === code)?.text;
      expect([text('ENV'), text('GOV')]).toEqual(['−45', '+5']);
      expect(GROUPS.filter((code) => code !== 'ENV' && code !== 'GOV').map(text)).toEqual(Array(6).fill('belum dinilai'));
      // Every row has its code on the axis; the names are in the table for screen readers.
      expect([...layout.categories].sort()).toEqual([...GROUPS].sort());
      expect(await page.getByTestId('live-dimensions').locator('table th[scope="row"]').allTextContents()).toContain(
        'ENV · Smart Environment',
      );
      await shootFigures(page, 'charts-scoring', viewport);
    }

    // In English the same: "not scored", the names in English.
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(async () => (await layoutOf(live)).barLabels.filter((label) => label.text === 'not scored').length)
      .toBe(GROUPS.length - 2);
    expect(await page.getByTestId('live-dimensions').locator('table th[scope="row"]').allTextContents()).toContain(
      'RDY · Readiness, vision and enablers',
    );
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await expect.poll(async () => (await layoutOf(live)).barLabels.filter((label) => label.text === 'belum dinilai').length).toBe(6);

    await page.goto(`${base}#/submissions/${banggaiB3}/dashboard`);
    const gaps = page.locator('[data-chart="gaps"]');
    const radar = page.locator('[data-chart="radar"]');
    await radar.locator('.recharts-wrapper > svg.recharts-surface').waitFor();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const layout = await expectGapBarsLabelled(gaps, GROUPS.length, true);
      // Names with the codes beside the bars where there is room.
      expect(layout.categories).toContain('Smart Governance (GOV)');
      expect(layout.categories.join(' ')).toMatch(/\(RDY\)/);
      // The radar: each axis named, nothing written over anything else.
      const radarLayout = await layoutOf(radar);
      expect(await radar.locator('[data-axis-label="GOV"]').textContent()).toBe('GOVSmart Governance');
      expect(overlaps(radarLayout.texts)).toEqual([]);
      expect(radarLayout.texts.filter((text) => !inside(radarLayout.svg, text))).toEqual([]);
      await page.locator('dl[data-code-key][aria-label="Kode dan nama"]').first().waitFor();
      await shootFigures(page, 'charts-dashboard', viewport);
    }
    // Down to 320 px wide: still every label, the pass mark's included, inside the chart.
    await page.setViewportSize(VIEWPORTS[0]);
    for (const chart of [gaps, radar]) await squeeze(page, chart, 320);
    const narrow = await expectGapBarsLabelled(gaps, GROUPS.length, true);
    expect(narrow.categories.sort()).toEqual([...GROUPS].sort());
    const narrowRadar = await layoutOf(radar);
    expect(overlaps(narrowRadar.texts)).toEqual([]);
    expect(narrowRadar.texts.filter((text) => !inside(narrowRadar.svg, text))).toEqual([]);
    await gaps.screenshot({ path: join(SCREENSHOT_DIR, 'charts-dashboard-gaps-320.png') });
    await radar.screenshot({ path: join(SCREENSHOT_DIR, 'charts-dashboard-radar-320.png') });

    // The regency over its stages: the lines named by code and name, the pass-mark label inside the chart.
    await page.goto(`${base}#/regencies/72.01/progress`);
    const lines = page.locator('[data-chart="lines"]');
    await lines.locator('.recharts-wrapper > svg.recharts-surface').waitFor();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await lines.locator('.recharts-legend-item-text', { hasText: 'GOV · Smart Governance' }).waitFor();
      const layout = await layoutOf(lines);
      const passMark = layout.texts.find((text) => text.text === 'Batas lulus 70%') as Box;
      expect(inside(layout.svg, passMark)).toBe(true);
      expect(overlaps(layout.texts)).toEqual([]);
      await shootFigures(page, 'charts-progress', viewport);
    }
    await squeeze(page, lines, 320);
    const narrowLines = await layoutOf(lines);
    expect(inside(narrowLines.svg, narrowLines.texts.find((text) => text.text === 'Batas lulus 70%') as Box)).toBe(true);
    expect(overlaps(narrowLines.texts)).toEqual([]);
    await lines.screenshot({ path: join(SCREENSHOT_DIR, 'charts-progress-320.png') });

    // The cohort: the heat map's codes named under it, and in its table.
    await page.goto(`${base}#/cohort`);
    await page.locator('[data-chart="heat"] [data-row]').first().waitFor();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const key = page.locator('dl[data-code-key][aria-label="Kode dan nama"]');
      await expect.poll(() => key.locator('div').allTextContents()).toContain('GOVSmart Governance');
      await shootFigures(page, 'charts-cohort', viewport);
    }
    // The ranking counts the six dimensions below the pass mark apart from readiness and the road map.
    const below = await page.locator('tr[data-regency] td[data-below]').allTextContents();
    expect(below).toHaveLength(3);
    for (const text of below) expect(text).toMatch(/^[0-6] dari 6 dimensi; [0-2] dari 2 bagian lain$/);
    await page.getByText('Lihat angka').click();
    await page.getByRole('columnheader', { name: 'RDY · Kesiapan, visi, dan pendukung' }).waitFor();
  });
});
