import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { timbang } from './cli.ts';
import { cohortFile, type SeedRegency } from './cohort.ts';
import { tempDir } from './temp.ts';
import { loadTemplate } from './templates.ts';

/**
 * A workspace folder with these regencies (each at its latest Bimtek stage) and their panels'
 * assessments of the masterplan review, brought in through the CLI as a user would.
 */
export function cohortWorkspace(regencies: readonly (SeedRegency & { cohort: number })[]): string {
  const dataDir = tempDir();
  const run = (args: string[]) => {
    const result = timbang([...args, '--data', dataDir]);
    if (result.status !== 0) throw new Error(`timbang ${args.join(' ')} refused: ${result.stderr}`);
  };
  for (const regency of regencies) {
    run(['regency', 'add', regency.code, '--cohort', String(regency.cohort), '--stage', String(Math.max(...regency.stages))]);
  }
  const file = join(tempDir(), 'cohort.json');
  writeFileSync(file, JSON.stringify(cohortFile(loadTemplate('masterplan-review'), regencies)));
  run(['assessment', 'import', file]);
  return dataDir;
}
