import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './lib.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 3;
const RATIO_BUDGET = 1.5;
const MEMORY_BUDGET_MB = 300;

function child(...args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, [join(ROOT, 'bench', 'recap-child.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, number>;
}

/** Two processes that keep both cores busy (as a second app, a virus scan or an indexer would) until stopped. */
function cpuHogs(): ChildProcess[] {
  return [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

/**
 * The recap of 500 regencies × 3 assessors × 60 criteria (90 000 criterion rows), from the
 * database to the file, against a bare exceljs streaming writer writing the same cells in
 * the same run; peak memory of the process writing it.
 */
export async function benchRecap(): Promise<boolean> {
  const folder = mkdtempSync(join(tmpdir(), 'timbang-bench-recap-'));
  try {
    const seeding = Date.now();
    const seeded = child('seed', join(folder, 'ws'));
    console.log(
      `\n(seeded ${seeded.regencies} regencies, ${seeded.assessments} assessments × 60 criteria in ${((Date.now() - seeding) / 1000).toFixed(1)} s)`,
    );
    const ours: Record<string, number>[] = [];
    const bare: Record<string, number>[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const out = join(folder, `recap-${run}.xlsx`);
      ours.push(child('ours', join(folder, 'ws'), out));
      bare.push(child('bare', out, join(folder, `bare-${run}.xlsx`)));
    }
    // Its memory must not depend on having the CPU to itself: the same, with both cores taken by two busy processes.
    const loaded: Record<string, number>[] = [];
    const loadedBare: Record<string, number>[] = [];
    const hogs = cpuHogs();
    try {
      for (let run = 0; run < RUNS; run += 1) {
        const out = join(folder, `recap-load-${run}.xlsx`);
        loaded.push(child('ours', join(folder, 'ws'), out));
        loadedBare.push(child('bare', out, join(folder, `bare-load-${run}.xlsx`)));
      }
    } finally {
      for (const hog of hogs) hog.kill('SIGKILL');
    }
    return report(`Recap workbook (median of ${RUNS})`, [
      {
        name: `recap of 500 regencies × 3 assessors × 60 criteria (${bare[0]?.cells ?? 0} cells)`,
        value: median(ours.map((run) => run.ms as number)),
        unit: 'ms',
        reference: { name: 'bare exceljs streaming writer, same cells', value: median(bare.map((run) => run.ms as number)) },
      },
      {
        name: 'ratio to the bare writer',
        value: median(ours.map((run) => run.ms as number)) / median(bare.map((run) => run.ms as number)),
        unit: '×',
        budget: { max: RATIO_BUDGET },
      },
      {
        name: 'peak memory of the writing process',
        value: Math.max(...ours.map((run) => run.peakMb as number)),
        unit: 'MB',
        budget: { max: MEMORY_BUDGET_MB },
      },
      {
        // Reported, not budgeted: with both cores taken the timing swings (1,1–2,3× over this machine's runs);
        // what must hold under load is the memory below.
        name: 'with two CPU hogs running: ratio to the bare writer, under the same load',
        value: median(loaded.map((run) => run.ms as number)) / median(loadedBare.map((run) => run.ms as number)),
        unit: '×',
      },
      {
        name: 'with two CPU hogs running: peak memory of the writing process',
        value: Math.max(...loaded.map((run) => run.peakMb as number)),
        unit: 'MB',
        budget: { max: MEMORY_BUDGET_MB },
      },
    ]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
