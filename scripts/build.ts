import { build as esbuild } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('../', import.meta.url));
const at = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The React renderer, bundled by Vite into dist/renderer. */
export async function buildRenderer(options: { quiet?: boolean } = {}): Promise<void> {
  await viteBuild({ configFile: at('vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
  // pdf.js fetches these at run time (fonts a PDF does not embed, character maps, image decoders).
  const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  for (const folder of ['standard_fonts', 'cmaps', 'wasm']) {
    cpSync(join(pdfjs, folder), at(`dist/renderer/pdfjs/${folder}`), { recursive: true });
  }
}

/**
 * The Electron main process (ESM) and the preload (CommonJS, as sandboxed preloads
 * must be) into dist/electron. Packages stay in node_modules: better-sqlite3 loads
 * its N-API prebuild from there, in the app and in tests alike.
 */
export async function buildElectron(): Promise<void> {
  rmSync(at('dist/electron'), { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' } as const;
  await esbuild({
    ...common,
    entryPoints: [at('electron/desktop/main/index.ts')],
    outfile: at('dist/electron/main.js'),
    format: 'esm',
    packages: 'external',
  });
  // Imports run in worker threads; the worker is its own file beside main.js.
  await esbuild({
    ...common,
    entryPoints: [at('electron/core/intake/worker.ts')],
    outfile: at('dist/electron/intake-worker.js'),
    format: 'esm',
    packages: 'external',
  });
  await esbuild({
    ...common,
    entryPoints: [at('electron/desktop/preload/index.ts')],
    outfile: at('dist/electron/preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
}

export async function buildAll(options: { quiet?: boolean } = {}): Promise<void> {
  await buildRenderer(options);
  await buildElectron();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.chdir(root);
  await buildAll();
}
