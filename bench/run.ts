// npm run bench: every benchmark, each against a reference measured in the same run.
// Exits non-zero when a budget is exceeded.
import { execFileSync } from 'node:child_process';
import { benchCohort } from './cohort.ts';
import { benchFirstPage } from './first-page.ts';
import { benchIntake } from './intake.ts';
import { benchOcr } from './ocr.ts';
import { benchPackageSize } from './package-size.ts';
import { benchRecap } from './recap.ts';
import { benchStartup } from './startup.ts';
import { benchSync } from './sync.ts';

const benches: [string, () => Promise<boolean>][] = [
  ['startup', benchStartup],
  ['intake', benchIntake],
  ['first-page', benchFirstPage],
  ['ocr', benchOcr],
  ['cohort', benchCohort],
  ['recap', benchRecap],
  ['sync', benchSync],
  ['package-size', benchPackageSize],
];
const only = process.argv.slice(2);
let ok = true;
for (const [name, run] of benches) {
  if (only.length && !only.includes(name)) continue;
  // Dirty pages of the bench before (or of npm ci) are written out now rather than during the next one's timing.
  execFileSync('sync');
  ok = (await run()) && ok;
}
console.log(`\nbudgets: ${ok ? 'all within' : 'EXCEEDED'}; Node ${process.version}, ${process.platform}-${process.arch}`);
process.exitCode = ok ? 0 : 1;
