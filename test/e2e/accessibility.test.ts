import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
    for (const [code, cohort] of [['72.01', 2022], ['73.71', 2022]] as const) run(['regency', 'add', code, '--cohort', String(cohort), '--stage', '3', '--data', dataDir]);
    const file = join(tempDir(), 'cohort.json');
    writeFileSync(file, JSON.stringify(cohortFile(loadTemplate('masterplan-review'), [{ code: '72.01', stages: [2, 3], strength: 0.4, selfBias: 1 }, { code: '73.71', stages: [3], strength: 0.7 }])));
    run(['assessment', 'import', file, '--data', dataDir]);
    run(['profile', 'set', '--name', 'Dr. Sari Wulandari', '--institution', 'UGM', '--data', dataDir]);
    const summaries = JSON.parse(run(['summary', '--json', '--regency', '72.01', '--data', dataDir])) as { submissionId: number; stage: number }[];
    const b3 = summaries.find((entry) => entry.stage === 3)?.submissionId as number;
    const assessments = JSON.parse(run(['assessment', 'export', '--submission', String(b3), '--data', dataDir])) as { assessments: unknown[] };
    expect(assessments.assessments.length).toBeGreaterThan(0);

    const page = await open(dataDir, '#/regencies');
    const views: [string, string, string][] = [
      ['registry', '#/regencies', 'h1'],
      ['regency', '#/regencies/72.01', 'h1'],
      ['submission', `#/submissions/${b3}`, 'h1'],
      ['scoring', '#/assessments/1', '.criterion-panel'],
      ['panel', `#/submissions/${b3}/panel`, '.panel-table'],
      ['dashboard', `#/submissions/${b3}/dashboard`, '[data-chart="radar"] .recharts-surface'],
      ['progress', '#/regencies/72.01/progress', '[data-chart="lines"] .recharts-surface'],
      ['cohort', '#/cohort', '[data-chart="heat"] [data-row]'],
      ['portfolio', '#/assessments', 'h1'],
      ['rubrics', '#/rubrics', 'h1'],
      ['rubric', '#/rubrics/masterplan-review/1', 'h1'],
      ['settings', '#/settings', 'h1'],
      ['profile', '#/profile', 'h1'],
    ];
    const found: string[] = [];
    for (const [name, hash, ready] of views) {
      await page.evaluate((target) => (window.location.hash = target), hash);
      await page.locator(ready).first().waitFor();
      await page.waitForTimeout(150);
      for (const violation of await seriousViolations(page)) found.push(`${name}: ${violation}`);
    }
    expect(found).toEqual([]);
  }, 120_000);
});
