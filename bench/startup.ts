import react from '@vitejs/plugin-react';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import { gzipBytes, median, peakRssMb, report, spawnServer, stop, within, type Measurement } from './lib.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 5;
/** Budgets as ratios to the references measured in the same run: a bare React 19 page's JavaScript, a static page's first paint. */
const INITIAL_JS_RATIO_BUDGET = 4;
const FIRST_PAINT_RATIO_BUDGET = 8;
const STEP_TIMEOUT_MS = 30_000;

/** The JavaScript a page loads before it can run: its module entry and the chunks it preloads. */
function initialJsKb(buildDir: string): number {
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => join(buildDir, (match[1] as string).replace(/^\.?\//, '')));
  if (files.length === 0) throw new Error(`no module script found in ${buildDir}/index.html`);
  return files.reduce((sum, file) => sum + gzipBytes(file), 0) / 1024;
}

async function bareReactKb(): Promise<number> {
  const outDir = mkdtempSync(join(tmpdir(), 'timbang-bench-bare-'));
  try {
    await build({
      configFile: false,
      root: join(ROOT, 'bench', 'reference', 'bare-react'),
      plugins: [react()],
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2023', reportCompressedSize: false },
    });
    return initialJsKb(outDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Milliseconds from spawning the server to the first contentful paint and to the page being ready. */
async function coldStart(browser: Browser, command: string, args: string[], readySelector: string) {
  const started = Date.now();
  const { child, info } = await spawnServer(command, args);
  const listening = Date.now() - started;
  const context = await browser.newContext();
  try {
    const page: Page = await context.newPage();
    await page.goto(info.url, { timeout: STEP_TIMEOUT_MS });
    await page.waitForSelector(readySelector, { timeout: STEP_TIMEOUT_MS });
    const ready = Date.now() - started;
    const paintEpoch = await within(
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) resolve(performance.timeOrigin + entry.startTime);
            }).observe({ type: 'paint', buffered: true });
          }),
      ),
      STEP_TIMEOUT_MS,
      `a first contentful paint of ${info.url}`,
    );
    const peakMb = peakRssMb(child.pid as number);
    return { listening, firstPaint: paintEpoch - started, ready, peakMb };
  } finally {
    await context.close();
    await stop(child);
  }
}

const STATIC_SERVER = `
const http = require('node:http');
const page = '<!doctype html><html lang="id"><title>ref</title><body><h1>Timbang</h1></body></html>';
const server = http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(page); });
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port + '/' })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export async function benchStartup(): Promise<boolean> {
  const oursKb = initialJsKb(join(ROOT, 'dist', 'renderer'));
  const bareKb = await bareReactKb();
  const bundleOk = report('Renderer initial JavaScript (gzip)', [
    {
      name: 'Timbang',
      value: oursKb,
      unit: 'KB',
      reference: { name: 'bare React 19 page', value: bareKb },
      budget: { ratio: INITIAL_JS_RATIO_BUDGET },
    },
  ]);

  const browser = await launchBrowser();
  const ours: Awaited<ReturnType<typeof coldStart>>[] = [];
  const reference: Awaited<ReturnType<typeof coldStart>>[] = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const data = mkdtempSync(join(tmpdir(), 'timbang-bench-ws-'));
      ours.push(
        await coldStart(
          browser,
          process.execPath,
          [join(ROOT, 'bin', 'timbang.cjs'), 'serve', '--data', data, '--json'],
          'body[data-ready="true"]',
        ),
      );
      rmSync(data, { recursive: true, force: true });
      reference.push(await coldStart(browser, process.execPath, ['-e', STATIC_SERVER], 'h1'));
    }
  } finally {
    await browser.close();
  }
  const pick = (runs: typeof ours, key: 'listening' | 'firstPaint' | 'ready') => median(runs.map((run) => run[key]));
  const measurements: Measurement[] = [
    {
      name: 'spawn → listening',
      value: pick(ours, 'listening'),
      unit: 'ms',
      reference: { name: 'bare node:http server', value: pick(reference, 'listening') },
    },
    {
      name: 'spawn → first contentful paint',
      value: pick(ours, 'firstPaint'),
      unit: 'ms',
      reference: { name: 'static page from bare node:http', value: pick(reference, 'firstPaint') },
      budget: { ratio: FIRST_PAINT_RATIO_BUDGET },
    },
    {
      name: 'spawn → registry ready (data loaded)',
      value: pick(ours, 'ready'),
      unit: 'ms',
      reference: { name: 'static page', value: pick(reference, 'ready') },
    },
  ];
  const peaks = ours.map((run) => run.peakMb).filter((mb): mb is number => mb !== undefined);
  const refPeaks = reference.map((run) => run.peakMb).filter((mb): mb is number => mb !== undefined);
  if (peaks.length && refPeaks.length) {
    measurements.push({
      name: 'web-mode server peak RSS',
      value: Math.max(...peaks),
      unit: 'MB',
      reference: { name: 'bare node:http server', value: Math.max(...refPeaks) },
    });
  }
  const startOk = report(`Web mode cold start (median of ${RUNS}, Chromium headless)`, measurements);
  return bundleOk && startOk;
}
