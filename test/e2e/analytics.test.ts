import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANEL_RUBRIC } from '../helpers/assessments.ts';
import { timbang } from '../helpers/cli.ts';
import { cohortWorkspace } from '../helpers/cohort-workspace.ts';
import { tempDir } from '../helpers/temp.ts';
import { screenshot } from './support/browser.ts';
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
  { code: '35.71', cohort: 2023, stages: [1, 2], strength: 0.5 },
  { code: '15.71', cohort: 2023, stages: [2], strength: 0.25 },
];

/** Five regencies, three of them over several Bimtek stages, each scored by a panel of two; Banggai also self-assessed. */
function seededWorkspace(): { dataDir: string; banggaiB3: number } {
  const dataDir = cohortWorkspace(REGENCIES);
  const summary = JSON.parse(run(['summary', '--json', '--regency', '72.01', '--data', dataDir])) as {
    submissionId: number;
    stage: number;
  }[];
  return { dataDir, banggaiB3: summary.find((entry) => entry.stage === 3)?.submissionId ?? 0 };
}

describe('gap analytics in web mode', () => {
  it('shows a submission dashboard, its path to the pass mark, and saves a chart as PNG and SVG', async () => {
    const { dataDir, banggaiB3 } = seededWorkspace();
    const page = await open(dataDir, `#/submissions/${banggaiB3}/dashboard`);
    await page.getByRole('heading', { name: 'Dasbor: Kabupaten Banggai · Bimtek 3' }).waitFor();
    await page.locator('[data-chart="radar"] .recharts-surface').first().waitFor();
    await page.locator('[data-chart="gaps"] .recharts-surface').first().waitFor();
    // The six dimensions and the other parts (readiness, road map) are counted apart.
    const belowFigure = page.locator('dt', { hasText: 'Di bawah batas lulus' }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => belowFigure.textContent()).toMatch(/^[0-6] dari 6 dimensi; [0-2] dari 2 bagian lain$/);
    await page.locator('[data-chart="heat"] [data-row="GOV"]').waitFor();
    // Banggai is weak: some dimensions below the pass mark, each with a plan in plain words.
    const plans = page.locator('article[data-target]');
    await expect.poll(() => plans.count()).toBeGreaterThan(0);
    const first = (await plans.locator('li').first().textContent()) ?? '';
    expect(first).toMatch(/^Naikkan “.+” \([A-Z]{3}\.\d\) di .+ dari \d+ ke \d+: \+\d+(,\d)? poin$/);
    // The radar draws the self-assessment too (Banggai rated itself a level higher).
    await expect.poll(() => page.locator('[data-chart="radar"] .recharts-radar').count()).toBe(3);
    // The numbers are there for the keyboard and screen readers as well.
    await page.getByText('Lihat angka').first().click();
    await page.getByRole('cell', { name: /%$/ }).first().waitFor();
    await screenshot(page, 'dashboard');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Simpan PNG: Dimensi terhadap batas lulus' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('72.01-bimtek3-radar.png');
    expect(readFileSync((await png.path()) as string).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Simpan SVG: Peta panas kriteria' }).click(),
    ]);
    expect(readFileSync((await svg.path()) as string, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    // The score sheet from the dashboard: a workbook with the criteria and live formulas.
    const [sheetDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ekspor lembar nilai (Excel)' }).click(),
    ]);
    expect(sheetDownload.suggestedFilename()).toMatch(/^lembar-nilai-72\.01-Kabupaten-Banggai-bimtek3-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const scoreBook = new ExcelJS.Workbook();
    await scoreBook.xlsx.readFile((await sheetDownload.path()) as string);
    const nilai = scoreBook.getWorksheet('Nilai') as ExcelJS.Worksheet;
    const codes: string[] = [];
    let formulas = 0;
    nilai.eachRow((row) => {
      const code = row.getCell('B').value;
      if (typeof code === 'string' && /^[A-Z]{3}\.\d$/.test(code)) codes.push(code);
      row.eachCell((cell) => (formulas += cell.formula ? 1 : 0));
    });
    expect(codes).toHaveLength(53);
    expect(formulas).toBeGreaterThan(200);
    expect(nilai.getCell('D2').value).toBe('Kabupaten Banggai'); // the facts block: labels in B, values in D

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard: Kabupaten Banggai · Bimtek 3' }).waitFor();
    await expect
      .poll(async () => (await page.locator('article[data-target] li').first().textContent()) ?? '')
      .toMatch(/^raise “.+” .* points$/);
  });

  it('shows the path to the pass mark with the figures worked out from the rubric: where it stands, what is missing, which steps', async () => {
    const dataDir = tempDir();
    const rubricFile = join(tempDir(), 'panel-test.json');
    writeFileSync(rubricFile, JSON.stringify({ format: 'timbang.rubric', formatVersion: 1, rubric: PANEL_RUBRIC }));
    run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]);
    run(['rubric', 'import', rubricFile, '--data', dataDir]);
    const levels: Record<string, number> = { 'ECO.1': 5, 'ECO.2': 4, 'LIV.1': 1, 'LIV.2': 2 };
    const file = join(tempDir(), 'budi.assessment.json');
    const assessment = {
      rubric: { id: 'panel-test', version: 1 },
      regency: '72.01',
      stage: 3,
      assessor: { name: 'Prof. Budi Santoso', institution: 'ITB', role: 'assessor' },
      status: 'submitted',
      scores: Object.fromEntries(Object.entries(levels).map(([code, value]) => [code, { value }])),
    };
    writeFileSync(file, JSON.stringify({ format: 'timbang.assessment', formatVersion: 1, assessments: [assessment] }));
    run(['assessment', 'import', file, '--data', dataDir]);
    const submissionId = (JSON.parse(run(['summary', '--json', '--regency', '72.01', '--data', dataDir])) as { submissionId: number }[])[0]
      ?.submissionId;

    // Worked out here from the rubric: levels 1–5 map to 0–100 % (one level = 25 %), weights shared among siblings.
    const PASS = 70;
    const groups = PANEL_RUBRIC.items.flatMap((group) => (group.type === 'group' ? [group] : []));
    const total = groups.reduce((sum, group) => sum + group.weight, 0);
    const criteria = groups.flatMap((group) => {
      const within = group.children.reduce((sum, child) => sum + child.weight, 0);
      return group.children.map((child) => ({
        code: child.code,
        title: child.title.id,
        group: group.code,
        groupTitle: group.title.id,
        level: levels[child.code] as number,
        inGroup: child.weight / within,
        overall: (group.weight / total) * (child.weight / within),
      }));
    });
    const percentOf = (level: number) => ((level - 1) / 4) * 100;
    type Entry = (typeof criteria)[number];
    const id = (value: number) => value.toLocaleString('id-ID', { maximumFractionDigits: 1 });
    /** Every way to raise the criteria level by level; the plans shown must be one of the fewest-step ways, with the most points among them. */
    function plans(entries: Entry[], share: (entry: Entry) => number, needed: number) {
      let ways: { counts: number[]; steps: number; gain: number }[] = [{ counts: [], steps: 0, gain: 0 }];
      for (const entry of entries) {
        ways = ways.flatMap((way) =>
          Array.from({ length: 5 - entry.level + 1 }, (_, k) => ({
            counts: [...way.counts, k],
            steps: way.steps + k,
            gain: way.gain + share(entry) * k * 25,
          })),
        );
      }
      const reaching = ways.filter((way) => way.gain + 1e-9 >= needed);
      const steps = Math.min(...reaching.map((way) => way.steps));
      const most = Math.max(...reaching.filter((way) => way.steps === steps).map((way) => way.gain));
      const best = reaching.filter((way) => way.steps === steps && way.gain > most - 1e-9);
      const texts = best.map((way) =>
        entries
          .map((entry, index) => ({ entry, k: way.counts[index] as number, gain: share(entry) * (way.counts[index] as number) * 25 }))
          .filter((step) => step.k > 0)
          .sort((a, b) =>
            b.gain / b.k - a.gain / a.k > 1e-9 ? 1 : a.gain / a.k - b.gain / b.k > 1e-9 ? -1 : a.entry.code.localeCompare(b.entry.code),
          )
          .map(({ entry, k, gain }) => {
            const { title, code, groupTitle, level } = entry;
            return `Naikkan “${title}” (${code}) di ${groupTitle} dari ${level} ke ${level + k}: +${id(gain)} poin`;
          }),
      );
      return { steps, texts };
    }
    const current = (entries: Entry[], share: (entry: Entry) => number) =>
      entries.reduce((sum, entry) => sum + share(entry) * percentOf(entry.level), 0);
    const targets = [
      { target: 'overall', heading: 'Nilai keseluruhan', entries: criteria, share: (entry: Entry) => entry.overall },
      ...groups.map((group) => ({
        target: group.code,
        heading: `${group.code} ${group.title.id}`,
        entries: criteria.filter((entry) => entry.group === group.code),
        share: (entry: Entry) => entry.inGroup,
      })),
    ]
      .map((target) => ({ ...target, current: current(target.entries, target.share) }))
      .filter((target) => target.current < PASS);
    // ECO 87,5 % is above the pass mark; Smart Living (12,5 %) and the overall result (57,5 %) are below.
    expect(targets.map((target) => [target.target, target.current])).toEqual([
      ['overall', 57.5],
      ['LIV', 12.5],
    ]);

    const page = await open(dataDir, `#/submissions/${submissionId}/dashboard`);
    await page.getByRole('heading', { name: 'Dasbor: Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('dashboard-overall').textContent()).toBe(`${id(targets[0]?.current as number)}%`);
    const cards = page.locator('article[data-target]');
    const shownTargets = () => cards.evaluateAll((found) => found.map((card) => card.getAttribute('data-target')));
    await expect.poll(shownTargets).toEqual(targets.map((target) => target.target));
    for (const target of targets) {
      const needed = PASS - target.current;
      const { steps, texts } = plans(target.entries, target.share, needed);
      const card = page.locator(`article[data-target="${target.target}"]`);
      expect(await card.locator('h3').textContent()).toBe(target.heading);
      expect(await card.locator('p').textContent()).toBe(`Sekarang ${id(target.current)}%; kurang ${id(needed)} poin: ${steps} langkah.`);
      expect(texts).toContainEqual(await card.locator('li').allTextContents());
    }
    // The overall plan: ECO.2 one level (+7,5) and one level of a Smart Living criterion (+5): 12,5 points, two steps.
    expect(await page.locator('article[data-target="overall"] p').textContent()).toBe('Sekarang 57,5%; kurang 12,5 poin: 2 langkah.');
  });

  it('shows a regency over its stages and the cohort as a ranked heat map, with filters and a click through', async () => {
    const { dataDir } = seededWorkspace();
    const page = await open(dataDir, '#/regencies/72.01/progress');
    await page.getByRole('heading', { name: 'Kemajuan Kabupaten Banggai dari tahap ke tahap' }).waitFor();
    await page.locator('[data-chart="lines"] .recharts-surface').first().waitFor();
    await expect.poll(() => page.locator('[data-chart="lines"] .recharts-line').count()).toBe(8);
    const overall = page.locator('tr[data-code="overall"]');
    await expect.poll(() => overall.textContent()).toMatch(/^Nilai keseluruhan\d/);
    await page.getByRole('columnheader', { name: 'Bimtek 2' }).waitFor();
    await screenshot(page, 'stage-progress');

    await page.getByRole('link', { name: 'Kohort' }).click();
    await page.getByRole('heading', { name: 'Kohort', exact: true }).waitFor();
    const rows = page.locator('[data-chart="heat"] [data-row]');
    await expect.poll(() => rows.count()).toBe(5);
    // Ranked by overall % among the regencies at the same stage: Bimtek 3 first, Kota Yogyakarta (the strongest) at its head;
    // the Bimtek 2 regencies below, ranked among themselves, not against Bimtek 3 results.
    const order = () => page.locator('tr[data-regency]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-regency')));
    await expect.poll(order).toEqual(['34.71', '73.71', '72.01', '35.71', '15.71']);
    const rankOf = async (code: string) => (await page.locator(`tr[data-regency="${code}"] td`).first().textContent())?.trim();
    expect([await rankOf('34.71'), await rankOf('35.71'), await rankOf('15.71')]).toEqual(['1', '1', '2']);
    await screenshot(page, 'cohort');

    await page.getByLabel('Angkatan').selectOption('2023');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Tahap', { exact: true }).selectOption('2');
    await expect.poll(() => page.url()).toContain('stage=2');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Angkatan').selectOption('');
    await expect.poll(() => rows.count()).toBe(4);

    // The recap of the cohort, as Kominfo receives it.
    const [recapDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ekspor rekap (Excel)' }).click(),
    ]);
    const recapBook = new ExcelJS.Workbook();
    await recapBook.xlsx.readFile((await recapDownload.path()) as string);
    expect((recapBook.getWorksheet('Rekap') as ExcelJS.Worksheet).rowCount).toBe(1 + 4);
    expect((recapBook.getWorksheet('Data') as ExcelJS.Worksheet).rowCount).toBeGreaterThan(4 * 2 * 53);

    // Click through from the heat map to a regency's dashboard.
    await rows.first().locator('text').first().click();
    await page.getByRole('heading', { name: /^Dasbor: .* · Bimtek 2$/ }).waitFor();
  });

  it('says there is no result yet, not that nothing is below the pass mark, while the only assessment is a draft', async () => {
    const dataDir = tempDir();
    run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]);
    const file = join(tempDir(), 'draft.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'timbang.assessment',
        formatVersion: 1,
        assessments: [
          {
            rubric: { id: 'masterplan-review', version: 1 },
            regency: '72.01',
            stage: 3,
            assessor: { name: 'Dr. Sari Wulandari', role: 'assessor' },
            status: 'draft',
            scores: { 'GOV.1': { value: 4 } },
          },
        ],
      }),
    );
    run(['assessment', 'import', file, '--data', dataDir]);
    const [submission] = JSON.parse(run(['submission', 'list', '--json', '--data', dataDir])) as { id: number }[];
    const page = await open(dataDir, `#/submissions/${submission?.id}/dashboard`);
    await page.getByRole('heading', { name: 'Dasbor: Kabupaten Banggai · Bimtek 3' }).waitFor();
    await page.getByText('Belum ada nilai untuk digambarkan: kirim penilaian dulu.').first().waitFor();
    const figure = (label: string) => page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    expect(await figure('Di bawah batas lulus').textContent()).toBe('–');
    expect(await page.getByTestId('dashboard-band').textContent()).toBe('–');
    expect(await page.getByText(/Di bawah batas lulus 70%: tidak ada/).count()).toBe(0);
    await page.getByText('Belum ada hasil untuk dibandingkan dengan batas lulus 70%.').first().waitFor();
    await screenshot(page, 'dashboard-no-result');
  });
});
