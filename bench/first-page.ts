import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import { benchPdf } from './intake.ts';
import { median, report, spawnServer, stop } from './lib.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 5;
/** From the drop to the first page drawn in the import panel. */
const FIRST_PAGE_BUDGET_MS = 300;

/**
 * How soon a dropped 300-page PDF shows its first page: web mode in headless Chromium, a
 * submission page open for a moment (as a user looks at it before dropping), then the
 * file given to the page's file input; the time is the page's own, from the drop to the
 * first page painted from the file. Reference: poppler's pdftoppm drawing the same page.
 */
export async function benchFirstPage(): Promise<boolean> {
  if (spawnSync('pdftoppm', ['-v']).error) {
    console.log(
      '\n## First page after a drop\n- FAILED, not measured: pdftoppm (Debian: apt-get install -y poppler-utils) is needed as the reference',
    );
    return false;
  }
  const folder = mkdtempSync(join(tmpdir(), 'timbang-bench-first-'));
  const data = mkdtempSync(join(tmpdir(), 'timbang-bench-first-ws-'));
  const browser = await launchBrowser();
  try {
    const { file, pages } = benchPdf(folder);
    const reference = median(
      Array.from({ length: RUNS }, () => {
        const started = performance.now();
        execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '72', '-png', file, join(folder, 'page')]);
        return performance.now() - started;
      }),
    );
    execFileSync(process.execPath, [join(ROOT, 'bin', 'timbang.cjs'), 'regency', 'add', '72.01', '--data', data], { cwd: ROOT });
    const { child, info } = await spawnServer(process.execPath, [join(ROOT, 'bin', 'timbang.cjs'), 'serve', '--data', data, '--json']);
    const times: number[] = [];
    let address = '#/regencies/72.01';
    try {
      for (let run = 0; run < RUNS; run += 1) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await context.newPage();
        await page.goto(`${info.url}${address}`);
        await page.waitForSelector('body[data-ready="true"]');
        if (run === 0) {
          await page.getByRole('button', { name: 'Buat pengumpulan' }).click();
          await page.waitForURL(/#\/submissions\/\d+/);
          address = new URL(page.url()).hash;
        }
        await page.getByRole('region', { name: 'Dokumen', exact: true }).waitFor();
        await page.waitForTimeout(1500);
        await page.getByRole('region', { name: 'Dokumen', exact: true }).locator('input[type="file"]').setInputFiles(file);
        const shown = await page.locator('figure[data-rendered-ms]').first().getAttribute('data-rendered-ms', { timeout: 10_000 });
        times.push(Number(shown));
        await page
          .locator('[data-job]')
          .waitFor({ state: 'detached', timeout: 60_000 })
          .catch(() => undefined);
        // The next run drops the file afresh: the same file again would be refused as a duplicate
        // at once, and a refusal takes its preview away before it is drawn.
        await removeDocuments(page, Number(/#\/submissions\/(\d+)/.exec(address)?.[1]));
        await context.close();
      }
    } finally {
      await stop(child);
    }
    return report(`First page after a drop (${pages}-page PDF, median of ${RUNS}, Chromium headless)`, [
      {
        name: 'drop → first page drawn from the file',
        value: median(times),
        unit: 'ms',
        reference: { name: 'pdftoppm, page 1 at 72 dpi', value: reference },
        budget: { max: FIRST_PAGE_BUDGET_MS },
      },
    ]);
  } finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
}

/** Every document of a submission removed through the app's own API, as the page calls it. */
async function removeDocuments(page: Page, submissionId: number): Promise<void> {
  const left = await page.evaluate(async (id) => {
    const post = async (channel: string, body: unknown) => {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('timbang.token')}` },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value?: { documents: { id: number }[] } };
    };
    const submission = await post('submissions.get', { id });
    for (const document of submission.value?.documents ?? []) await post('documents.remove', { id: document.id });
    return (await post('submissions.get', { id })).value?.documents.length;
  }, submissionId);
  if (left !== 0) throw new Error(`first-page bench: the submission's documents could not be removed (${String(left)} left)`);
}
