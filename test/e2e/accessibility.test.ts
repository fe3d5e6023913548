import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { timbang } from '../helpers/cli.ts';
import { cohortFile } from '../helpers/cohort.ts';
import { tempDir } from '../helpers/temp.ts';
import { loadTemplate } from '../helpers/templates.ts';
import { seriousViolations } from './support/axe.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();
function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('accessibility of the main views (axe-core)', () => {
  it('finds no serious or critical violation on the registry, a regency, a submission, scoring, panel, dashboard, progress, cohort, portfolio, rubrics and settings', async () => {
    const dataDir = tempDir();
    for (const [code, cohort] of [
      ['72.01', 2022],
      ['73.71', 2022],
    ] as const)
      run(['regency', 'add', code, '--cohort', String(cohort), '--stage', '3', '--data', dataDir]);
    const file = join(tempDir(), 'cohort.json');
    writeFileSync(
      file,
      JSON.stringify(
        cohortFile(loadTemplate('masterplan-review'), [
          { code: '72.01', stages: [2, 3], strength: 0.4, selfBias: 1 },
          { code: '73.71', stages: [3], strength: 0.7 },
        ]),
      ),
    );
    // I am Dr. Sari before her files (made before person ids) come in: matched by name, they are mine.
    run(['profile', 'set', '--name', 'Dr. Sari Wulandari', '--institution', 'UGM', '--data', dataDir]);
    run(['assessment', 'import', file, '--data', dataDir]);
    const summaries = JSON.parse(run(['summary', '--json', '--regency', '72.01', '--data', dataDir])) as {
      submissionId: number;
      stage: number;
    }[];
    const b3 = summaries.find((entry) => entry.stage === 3)?.submissionId as number;
    const assessments = JSON.parse(run(['assessment', 'export', '--submission', String(b3), '--data', dataDir])) as {
      assessments: unknown[];
    };
    expect(assessments.assessments.length).toBeGreaterThan(0);

    const page = await open(dataDir, '#/regencies');
    // Each view is ready when its own heading and its own data are there: a heading or a chart alone
    // may still be the previous view's, or this view before its data arrived.
    const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
    const shown = (...locators: Locator[]) => Promise.all(locators.map((locator) => locator.waitFor()));
    const views: [string, string, () => Promise<unknown>][] = [
      [
        'registry',
        '#/regencies',
        () => shown(heading('Daerah peserta'), page.locator('tr[data-code="72.01"]'), page.locator('tr[data-code="73.71"]')),
      ],
      ['regency', '#/regencies/72.01', () => shown(heading('Kabupaten Banggai'), page.locator(`a[href="#/submissions/${b3}"]`))],
      [
        'submission',
        `#/submissions/${b3}`,
        async () => {
          await shown(heading('Kabupaten Banggai · Bimtek 3'), page.getByRole('link', { name: 'Prof. Budi Santoso', exact: true }));
          await page.getByLabel('Rubrik', { exact: true }).locator('option[value="masterplan-review"]').waitFor({ state: 'attached' });
        },
      ],
      [
        'scoring',
        '#/assessments/1',
        () => shown(heading('Kabupaten Banggai · Bimtek 2'), page.getByRole('radiogroup').getByRole('radio').first()),
      ],
      [
        'panel',
        `#/submissions/${b3}/panel`,
        () => shown(heading('Panel penilai: Kabupaten Banggai · Bimtek 3'), page.locator('tr[data-criterion="GOV.1"]')),
      ],
      [
        'dashboard',
        `#/submissions/${b3}/dashboard`,
        () =>
          shown(
            heading('Dasbor: Kabupaten Banggai · Bimtek 3'),
            page.locator('[data-chart="radar"] .recharts-surface').first(),
            page.locator('[data-chart="heat"] [data-row="GOV"]'),
          ),
      ],
      [
        'progress',
        '#/regencies/72.01/progress',
        () =>
          shown(
            heading('Kemajuan Kabupaten Banggai dari tahap ke tahap'),
            page.locator('[data-chart="lines"] .recharts-surface').first(),
            page.locator('tr[data-code="overall"]'),
          ),
      ],
      ['cohort', '#/cohort', () => shown(heading('Kohort'), page.locator('[data-chart="heat"] [data-row]').nth(1))],
      ['portfolio', '#/assessments', () => shown(heading('Penilaian saya'), page.locator('tbody tr').filter({ hasText: '73.71' }).first())],
      ['rubrics', '#/rubrics', () => shown(heading('Rubrik penilaian'), page.locator('tr[data-rubric="masterplan-review"]'))],
      [
        'rubric',
        '#/rubrics/masterplan-review/1',
        () => shown(heading('Penilaian Masterplan Smart City (per tahap Bimtek)'), page.locator('[data-path]').first()),
      ],
      ['settings', '#/settings', () => shown(heading('Pengaturan'), page.getByRole('button', { name: /^Pulihkan cadangan / }).first())],
      [
        'profile',
        '#/profile',
        async () => {
          await heading('Profil').waitFor();
          await expect.poll(() => page.getByLabel('Nama lengkap').inputValue()).toBe('Dr. Sari Wulandari');
        },
      ],
    ];
    const found: string[] = [];
    for (const [name, hash, ready] of views) {
      await page.evaluate((target) => (window.location.hash = target), hash);
      await ready();
      await page.waitForTimeout(150);
      for (const violation of await seriousViolations(page)) found.push(`${name}: ${violation}`);
    }
    expect(found).toEqual([]);
  }, 120_000);
});
