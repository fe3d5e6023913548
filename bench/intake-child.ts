// Runs in its own process for `npm run bench`: imports the same PDF five times into a fresh
// workspace (the first starts the intake threads; the rest find them warm, as in a working
// session) and prints the times and the peak memory as JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESOURCES_DIR } from '../electron/core/platform/project.ts';
import { openWorkspace } from '../electron/core/workspace/open.ts';

const file = process.argv[2] as string;
const dataDir = mkdtempSync(join(tmpdir(), 'timbang-bench-intake-'));
const workspace = await openWorkspace(dataDir, { resourcesDir: RESOURCES_DIR, fallbackActorName: 'bench' });
workspace.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
const times: number[] = [];
let pages = 0;
for (const year of [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]) {
  const submission = workspace.submissions.create({ kind: 'evaluation', regencyCode: '72.01', year });
  const started = performance.now();
  const job = workspace.imports.start(workspace.uploads.register(file), submission.id, 'masterplan');
  const marks: string[] = [];
  let phase = '';
  const watch = process.env.TIMBANG_BENCH_VERBOSE
    ? setInterval(() => {
        const now = workspace.imports.list().find((entry) => entry.id === job.id)?.progress;
        if (now && now.phase !== phase) {
          phase = now.phase;
          marks.push(`${phase}@${Math.round(performance.now() - started)}`);
        }
      }, 1)
    : undefined;
  const done = await workspace.imports.wait(job.id);
  if (watch) {
    clearInterval(watch);
    console.error(marks.join(' '));
  }
  times.push(performance.now() - started);
  if (process.env.TIMBANG_BENCH_VERBOSE) console.error(year, Math.round(performance.now() - started));
  if (done.status !== 'done') throw new Error(JSON.stringify(done.error));
  pages = done.result?.pages ?? 0;
}
workspace.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ coldMs: times[0], warmMs: times.slice(1), pages, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
