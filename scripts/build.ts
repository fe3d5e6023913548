import { build as esbuild, type Metafile } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * The packages the bundles leave in node_modules, because they find their own files on disk
 * at run time: better-sqlite3 its N-API prebuild (prebuilds/<platform>.node), idn-area-data
 * its CSV files, tesseract.js the worker script a thread runs (with the Tesseract core and
 * its WebAssembly). @hyzyla/pdfium is bundled, but its pdfium.wasm is resolved as a package
 * file. electron-builder.json ships exactly these files; test/unit/packaging.test.ts checks it.
 */
export const RUNTIME_EXTERNAL = ['electron', 'better-sqlite3', 'idn-area-data', 'tesseract.js'];

/**
 * The Electron main process (ESM) and the preload (CommonJS, as sandboxed preloads
 * must be) into dist/electron. Every other package is bundled, so that the packaged app
 * holds the bundles and only the package files loaded at run time (RUNTIME_EXTERNAL).
 */
export async function buildElectron(): Promise<void> {
  rmSync(at('dist/electron'), { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' } as const;
  const bundled = {
    ...common,
    format: 'esm',
    external: RUNTIME_EXTERNAL,
    // Bundled CommonJS packages call require() for Node's own modules: give the ES module one.
    banner: {
      js: "import { createRequire as __timbangCreateRequire } from 'node:module'; const require = __timbangCreateRequire(import.meta.url);",
    },
  } as const;
  const main = await esbuild({
    ...bundled,
    metafile: true,
    entryPoints: [at('electron/desktop/main/index.ts')],
    outfile: at('dist/electron/main.js'),
  });
  // Imports run in worker threads; the worker is its own file beside main.js.
  const worker = await esbuild({
    ...bundled,
    metafile: true,
    entryPoints: [at('electron/core/intake/worker.ts')],
    outfile: at('dist/electron/intake-worker.js'),
  });
  writeFileSync(at('dist/electron/THIRD-PARTY-NOTICES.txt'), thirdPartyNotices([main.metafile, worker.metafile]));
  await esbuild({
    ...common,
    entryPoints: [at('electron/desktop/preload/index.ts')],
    outfile: at('dist/electron/preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
}

/**
 * The licences of the packages bundled into main.js and the worker: bundling drops their own
 * LICENSE files from the package, so their notices travel beside the bundles instead.
 */
function thirdPartyNotices(metafiles: Metafile[]): string {
  const packageRoots = new Set<string>();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match?.[1]) packageRoots.add(match[1]);
    }
  }
  const notices = [...packageRoots].sort().map((folder) => {
    const pkg = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const licenceFile = readdirSync(join(root, folder)).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    const text = licenceFile
      ? readFileSync(join(root, folder, licenceFile), 'utf8').trim()
      : `License: ${pkg.license ?? 'see the package'}`;
    return `${pkg.name} ${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}`;
  });
  return `Timbang bundles these packages into dist/electron/main.js and intake-worker.js.\n\n${notices.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}

/**
 * electron-builder --linux dir on the real configuration, against a stand-in Electron (a shell
 * script: the real binary is not downloaded here, and only the app's own files matter), into
 * `out`; the Electron fuses are left out (they are flipped inside the real binary). Needs the
 * build. Returns the packaged resources/ folder. The packaging test and the bench use it.
 */
export async function packageWithStandInElectron(out: string): Promise<string> {
  const { Arch, build: electronBuilder, Platform } = await import('electron-builder');
  const standIn = join(out, 'electron-dist');
  mkdirSync(join(standIn, 'resources'), { recursive: true });
  writeFileSync(join(standIn, 'electron'), '#!/bin/sh\necho "a stand-in for Electron"\n', { mode: 0o755 });
  const {
    $schema: _schema,
    electronFuses: _fuses,
    ...config
  } = JSON.parse(readFileSync(at('electron-builder.json'), 'utf8')) as Record<string, unknown> & {
    directories: Record<string, string>;
  };
  // Given as a file: a configuration object would be merged with electron-builder.json, doubling its lists.
  const configFile = join(out, 'electron-builder.json');
  writeFileSync(
    configFile,
    JSON.stringify({ ...config, electronDist: standIn, directories: { ...config.directories, output: join(out, 'release') } }),
  );
  await electronBuilder({ projectDir: root, config: configFile, targets: Platform.LINUX.createTarget('dir', Arch.x64), publish: 'never' });
  return join(out, 'release', 'linux-unpacked', 'resources');
}

export async function buildAll(options: { quiet?: boolean } = {}): Promise<void> {
  await buildRenderer(options);
  await buildElectron();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.chdir(root);
  await buildAll();
}
