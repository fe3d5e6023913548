import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDocuments } from '../test/helpers/corpus.ts';
import { median, report } from './lib.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TARGET_PAGES = 300;
/** Intake (two threads: extraction, tables, OCR decisions, analysis, index, write) against poppler's pdftotext. */
const RATIO_BUDGET = 2;
const MEMORY_BUDGET_MB = 400;

/**
 * A masterplan of 300+ pages made the way users make them: the corpus's LibreOffice PDFs
 * (bordered, borderless and ruled-row tables, landscape annexes) joined by poppler's
 * pdfunite. Scanned variants are left out: OCR has a benchmark of its own.
 */
export function benchPdf(folder: string): { file: string; pages: number } {
  const parts: string[] = [];
  let pages = 0;
  for (const document of corpusDocuments()
    .filter((entry) => entry.truth.scannedPages.length === 0)
    .sort((a, b) => b.truth.pageCount - a.truth.pageCount)) {
    if (pages >= TARGET_PAGES) break;
    parts.push(document.pdf);
    pages += document.truth.pageCount;
  }
  const file = join(folder, `masterplan-${pages}.pdf`);
  execFileSync('pdfunite', [...parts, file]);
  return { file, pages };
}

function pdftotextAvailable(): boolean {
  return spawnSync('pdftotext', ['-v']).error === undefined;
}

/**
 * Intake of a 300-page masterplan PDF made by LibreOffice: text extraction with PDFium,
 * tables, outline, coverage, inventory, full-text index and the database write, against
 * poppler's pdftotext reading the same file in the same run. Peak memory is the importing
 * process's.
 */
export async function benchIntake(): Promise<boolean> {
  if (!pdftotextAvailable()) {
    console.log('\n## Intake\n- FAILED, not measured: pdftotext and pdfunite (Debian: apt-get install -y poppler-utils) are needed');
    return false;
  }
  const folder = mkdtempSync(join(tmpdir(), 'timbang-bench-pdf-'));
  try {
    const { file, pages: pageCount } = benchPdf(folder);
    const truth = { pageCount };
    // An import ends in database writes that wait for the disk; the reference never does. Whatever a step
    // before this one left to write back (npm ci's gigabyte, the build) is flushed first, so that neither
    // side pays for it.
    execFileSync('sync');
    const reference = median(
      [0, 1, 2, 3, 4].map(() => {
        const started = performance.now();
        execFileSync('pdftotext', [file, join(folder, 'out.txt')]);
        return performance.now() - started;
      }),
    );
    execFileSync('sync');
    const run = spawnSync(process.execPath, [join(ROOT, 'bench', 'intake-child.ts'), file], { encoding: 'utf8', cwd: ROOT });
    if (run.status !== 0) throw new Error(run.stderr);
    const result = JSON.parse(run.stdout) as { coldMs: number; warmMs: number[]; pages: number; maxRssMb: number };
    if (result.pages !== truth.pageCount) throw new Error(`imported ${result.pages} pages, expected ${truth.pageCount}`);
    return report(`Intake of a ${truth.pageCount}-page PDF (extraction, analysis, index, write)`, [
      {
        name: 'first import in a process',
        value: result.coldMs,
        unit: 'ms',
        reference: { name: 'pdftotext, same file', value: reference },
      },
      {
        name: `later imports (warm threads), median of ${result.warmMs.length}`,
        value: median(result.warmMs),
        unit: 'ms',
        reference: { name: 'pdftotext, same file', value: reference },
        budget: { max: Math.round(RATIO_BUDGET * reference) },
      },
      { name: 'importing process peak RSS', value: result.maxRssMb, unit: 'MB', budget: { max: MEMORY_BUDGET_MB } },
    ]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
