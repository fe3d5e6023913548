import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRubricJson } from '../../shared/rubric/json-file.ts';
import { timbang } from '../helpers/cli.ts';
import { masterplanPdf } from '../helpers/masterplans.ts';
import { tempDir } from '../helpers/temp.ts';
import { loadTemplate } from '../helpers/templates.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open } = useWebSession();

function run(args: string[]): string {
  const result = timbang(args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('stage weighting on the scoring screen', () => {
  it('says at Bimtek 3 how the partly due groups count, by due share, and opens to one line per group by keyboard', async () => {
    const dataDir = tempDir();
    const { data } = await masterplanPdf();
    const pdf = join(tempDir(), 'masterplan-banggai.pdf');
    writeFileSync(pdf, data);
    const rubricFile = join(tempDir(), 'masterplan-bagian.json');
    writeFileSync(
      rubricFile,
      writeRubricJson({
        ...loadTemplate('masterplan-review'),
        id: 'masterplan-bagian',
        name: { id: 'Penilaian per bagian' },
        stageWeighting: 'due-share',
      }),
    );
    run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--data', dataDir]);
    run(['profile', 'set', '--name', 'Dr. Sari Wulandari', '--institution', 'UGM', '--data', dataDir]);
    run(['import', pdf, '--regency', '72.01', '--stage', '3', '--data', dataDir]);
    run(['rubric', 'import', rubricFile, '--data', dataDir]);

    const page = await open(dataDir, '#/submissions/1');
    await page.getByRole('heading', { name: 'Penilaian' }).waitFor();
    await page.getByLabel('Rubrik', { exact: true }).selectOption('masterplan-bagian');
    await page.getByRole('button', { name: 'Mulai penilaian' }).click();
    await page.getByRole('heading', { name: 'Kabupaten Banggai · Bimtek 3', level: 1 }).waitFor();

    const note = page.getByTestId('stage-weighting');
    // Six dimensions (their seventh criterion is for Bimtek 4) and the road map (only MAP.4).
    await expect
      .poll(() => note.locator('summary').textContent())
      .toBe('Bimtek 3: 7 kelompok baru sebagian kriterianya dinilai; masing-masing dihitung sesuai bagian bobotnya yang jatuh tempo.');
    await note.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => note.getByRole('listitem').last().textContent())
      .toBe('Peta jalan dan monitoring: 1 dari 5 kriteria jatuh tempo, dihitung 3,75% dari 15%');
    await expect
      .poll(() => note.getByRole('listitem').first().textContent())
      .toBe('Smart Governance: 6 dari 7 kriteria jatuh tempo, dihitung 10,2% dari 12%');
    await note.getByRole('listitem').last().scrollIntoViewIfNeeded();
    await screenshot(page, 'stage-weighting-bimtek3', { fullPage: false });
  });
});
