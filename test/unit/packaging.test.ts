import { build } from 'esbuild';
import PDFDocument from 'pdfkit';
import * as PImage from 'pureimage';
import { spawnSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageWithStandInElectron, RUNTIME_EXTERNAL } from '../../scripts/build.ts';
import { PINNED_NODE } from '../helpers/app-copy.ts';
import { ROOT } from '../helpers/cli.ts';

const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('never rebuilds native modules: better-sqlite3 ships N-API prebuilds for every platform', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(JSON.stringify(pkg.scripts)).not.toMatch(/electron-rebuild|node-gyp|postinstall/);
  });

  it('unpacks .node files from the asar so they can be loaded', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('targets Windows (nsis x64), Linux (AppImage, deb) and macOS (dmg)', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('sets the Electron fuses that close the usual doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the rubric templates, the lexicon, the chart font and the demo beside the asar, where the main process looks for them', () => {
    expect(config.extraResources).toContainEqual({ from: 'resources/rubrics', to: 'rubrics', filter: ['*.json'] });
    expect(config.extraResources).toContainEqual({ from: 'resources/lexicon', to: 'lexicon', filter: ['*.json'] });
    expect(config.extraResources).toContainEqual({ from: 'resources/fonts', to: 'fonts' });
    expect(config.extraResources).toContainEqual({ from: 'resources/demo', to: 'demo' });
    expect(config.extraResources).toContainEqual({ from: 'resources/tessdata', to: 'tessdata' });
    expect(readFileSync(join(ROOT, 'electron/desktop/main/index.ts'), 'utf8')).toContain(
      'resourcesDir: electron.app.isPackaged ? process.resourcesPath',
    );
  });

  it('packs the built app and points main at it', () => {
    expect(config.files).toContain('dist/**/*');
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(pkg.productName).toBe('Timbang');
  });

  it('ships, as dependencies, exactly the packages the desktop app, its intake threads and the CLI load at run time', async () => {
    const result = await build({
      entryPoints: [
        join(ROOT, 'electron/desktop/main/index.ts'),
        join(ROOT, 'electron/core/intake/worker.ts'),
        join(ROOT, 'electron/cli/index.ts'),
      ],
      outdir: join(ROOT, 'dist', 'probe'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const external = new Set(
      Object.values(result.metafile.inputs)
        .flatMap((input) => input.imports)
        .filter((imported) => imported.external)
        .map((imported) =>
          imported.path
            .split('/')
            .slice(0, imported.path.startsWith('@') ? 2 : 1)
            .join('/'),
        )
        .filter((name) => name !== 'electron' && !name.startsWith('node:') && !builtinModules.includes(name)),
    );
    expect([...external].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it('has an app icon large enough for every platform', () => {
    for (const platform of ['win', 'linux', 'mac']) {
      const { width, height } = pngSize(join(ROOT, config[platform].icon));
      expect(width).toBeGreaterThanOrEqual(512);
      expect(height).toBe(width);
    }
  });

  it('pins the runtime the design asks for', () => {
    expect(pkg.devDependencies.node).toMatch(/^22\./);
    expect(pkg.devDependencies.electron).toMatch(/^45\./);
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^13\./);
    expect(pkg.devDependencies.react).toMatch(/^19\./);
    expect(pkg.bin.timbang).toBe('bin/timbang.cjs');
  });
});

// The package itself: electron-builder run on the real configuration against a stand-in
// Electron (a shell script: the real binary cannot be downloaded here, and only the app's
// own files are looked at). It needs the build (npm test builds first).
describe('the packaged app (electron-builder --dir)', () => {
  let out: string;
  let resources: string;
  let files: string[];

  beforeAll(async () => {
    for (const file of ['dist/electron/main.js', 'dist/electron/intake-worker.js', 'dist/renderer/index.html']) {
      expect(existsSync(join(ROOT, file)), `${file}: run npm run build first`).toBe(true);
    }
    out = mkdtempSync(join(tmpdir(), 'timbang-package-'));
    resources = await packageWithStandInElectron(out);
    files = [...asarFiles(join(resources, 'app.asar')), ...walk(join(resources, 'app.asar.unpacked'))].sort();
  }, 180_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const modules = () => new Set(files.filter((file) => file.startsWith('node_modules/')).map(moduleOf));

  it('carries the licence of every package bundled into main.js and the worker', () => {
    const notices = readFileSync(join(ROOT, 'dist/electron/THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of ['exceljs', 'zod', 'i18next', 'mammoth', '@hyzyla/pdfium']) {
      expect(notices, name).toMatch(new RegExp(`^${name.replace('/', '\\/')} \\d+\\.\\d+\\.\\d+ \\(`, 'm'));
    }
    expect(notices).toContain('Permission is hereby granted');
  });

  it('holds the bundles with the licences of what they bundle, the renderer build and package.json: no sources, no source maps', () => {
    const own = files.filter((file) => !file.startsWith('node_modules/'));
    expect(own.filter((file) => !file.startsWith('dist/renderer/'))).toEqual([
      'dist/electron/THIRD-PARTY-NOTICES.txt',
      'dist/electron/intake-worker.js',
      'dist/electron/main.js',
      'dist/electron/preload.cjs',
      'package.json',
    ]);
    expect(own).toContain('dist/renderer/index.html');
    // Licences stay; sources, maps, read-mes and change logs do not.
    expect(files.filter((file) => /\.(map|ts|c|cc|cpp|h|gyp|md)$/.test(file) && !/(^|\/)LICENSE[^/]*$/i.test(file))).toEqual([]);
  });

  it('holds, of node_modules, only the packages left outside the bundles and what they load, with only the files that run', async () => {
    expect([...modules()].sort()).toEqual([...(await runtimeModules())].sort());
    // The one native module, for the platform packaged, unpacked from the asar so that it can be loaded.
    expect(files.filter((file) => file.endsWith('.node'))).toEqual(['node_modules/better-sqlite3/prebuilds/linux-x64.node']);
    expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'linux-x64.node'))).toBe(true);
    for (const file of [
      'node_modules/@hyzyla/pdfium/dist/pdfium.wasm',
      'node_modules/@hyzyla/pdfium/package.json',
      'node_modules/idn-area-data/data/provinces.csv',
      'node_modules/idn-area-data/data/regencies.csv',
      'node_modules/tesseract.js/src/worker-script/node/index.js',
      'node_modules/tesseract.js-core/tesseract-core-relaxedsimd-lstm.wasm',
      'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm',
      'node_modules/tesseract.js-core/tesseract-core-lstm.wasm',
    ]) {
      expect(files, file).toContain(file);
    }
    // Of the area lists only provinces and regencies are read: the larger ones stay out.
    const areaImports = readFileSync(join(ROOT, 'electron/core/services/areas.ts'), 'utf8').match(
      /import \{([^}]*)\} from 'idn-area-data'/,
    )?.[1];
    expect(areaImports?.split(',').map((name) => name.trim())).toEqual(['getProvinces', 'getRegencies']);
    expect(files.filter((file) => file.startsWith('node_modules/idn-area-data/data/') && file.endsWith('.csv')).sort()).toEqual([
      'node_modules/idn-area-data/data/provinces.csv',
      'node_modules/idn-area-data/data/regencies.csv',
    ]);
    // PDFium's code is in the bundles; of its package only the WebAssembly is read.
    expect(files.filter((file) => file.startsWith('node_modules/@hyzyla/')).sort()).toEqual([
      'node_modules/@hyzyla/pdfium/LICENSE.md',
      'node_modules/@hyzyla/pdfium/dist/pdfium.wasm',
      'node_modules/@hyzyla/pdfium/package.json',
    ]);
    expect(files.filter((file) => file.startsWith('node_modules/tesseract.js-core/') && file.endsWith('.wasm')).sort()).toEqual([
      'node_modules/tesseract.js-core/tesseract-core-lstm.wasm',
      'node_modules/tesseract.js-core/tesseract-core-relaxedsimd-lstm.wasm',
      'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm',
    ]);
  });

  it('keeps resources/ under 40 MB beside Electron itself', () => {
    const bytes = walk(resources).reduce((sum, file) => sum + statSync(join(resources, file)).size, 0);
    console.log(`[packaging] resources/: ${(bytes / 1e6).toFixed(1)} MB in ${walk(resources).length} files`);
    expect(bytes).toBeLessThan(40e6);
    for (const folder of ['rubrics', 'lexicon', 'fonts', 'demo', 'tessdata'])
      expect(existsSync(join(resources, folder)), folder).toBe(true);
  });

  it('runs: the packaged main process (with a stand-in electron module) builds the demo through its intake threads, reads a scan, writes the recap and serves the page', async () => {
    // The asar laid out as a folder (Electron loads resources/app the same way), plus the stand-in module.
    const app = join(resources, 'app');
    extractAsar(join(resources, 'app.asar'), app);
    cpSync(join(resources, 'app.asar.unpacked'), app, { recursive: true });
    mkdirSync(join(app, 'node_modules', 'electron'));
    writeFileSync(
      join(app, 'node_modules', 'electron', 'package.json'),
      JSON.stringify({ name: 'electron', type: 'module', main: 'index.js' }),
    );
    writeFileSync(join(app, 'node_modules', 'electron', 'index.js'), FAKE_ELECTRON);
    writeFileSync(join(app, 'smoke.js'), SMOKE);
    const scan = join(out, 'pindaian.pdf');
    writeFileSync(scan, await scannedPagePdf('PELAYANAN PUBLIK'));
    const run = spawnSync(PINNED_NODE, [join(app, 'smoke.js')], {
      cwd: out,
      encoding: 'utf8',
      env: { ...process.env, TIMBANG_USER_DATA: join(out, 'user-data'), TIMBANG_SCAN: scan, NODE_PATH: '', NODE_OPTIONS: '' },
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '');
    expect(result.demo).toMatchObject({ ok: true, value: { demo: true, mode: 'desktop' } });
    expect(result.documents).toBe(12);
    expect(result.recap).toMatchObject({ ok: true, fileName: expect.stringMatching(/\.xlsx$/) });
    expect(result.recap.bytes).toBeGreaterThan(10_000);
    expect(result.ocr).toMatchObject({ status: 'done', ocrPages: [1], source: 'ocr' });
    expect(result.ocr.text).toContain('PELAYANAN PUBLIK');
    expect(result.page).toMatchObject({ status: 200 });
    expect(result.page.html).toContain('<div id="root">');
  }, 150_000);
});

/** A one-page PDF holding only a picture of `words`, as a scanner makes it. */
async function scannedPagePdf(words: string): Promise<Buffer> {
  await PImage.registerFont(join(ROOT, 'resources', 'fonts', 'DejaVuSans.ttf'), 'Scan').load();
  const image = PImage.make(1600, 240);
  const context = image.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, 1600, 240);
  context.fillStyle = '#000000';
  context.font = '96px Scan';
  context.fillText(words, 60, 160);
  const png: Buffer[] = [];
  const sink = new PassThrough().on('data', (chunk: Buffer) => png.push(chunk));
  await PImage.encodePNGToStream(image, sink);
  const doc = new PDFDocument({ size: [576, 86.4], margin: 0 });
  const pdf: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => pdf.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.image(Buffer.concat(png), 0, 0, { width: 576 });
  doc.end();
  await ended;
  return Buffer.concat(pdf);
}

/** The packages the app loads from node_modules: those the bundles leave outside, and what those load. */
async function runtimeModules(): Promise<Set<string>> {
  const require = createRequire(join(ROOT, 'package.json'));
  const entries = RUNTIME_EXTERNAL.filter((name) => name !== 'electron').map((name) => require.resolve(name));
  // The OCR thread runs tesseract.js's own worker script (electron/core/intake/ocr.ts).
  entries.push(require.resolve('tesseract.js/src/worker-script/node/index.js'));
  const result = await build({
    entryPoints: entries,
    outdir: join(ROOT, 'dist', 'probe'),
    bundle: true,
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const names = new Set(
    Object.keys(result.metafile.inputs)
      .filter((input) => input.includes('node_modules/'))
      .map(moduleOf),
  );
  // Bundled, but its WebAssembly is read from the package (electron/core/intake/pdfium.ts).
  names.add('@hyzyla/pdfium');
  return names;
}

function moduleOf(path: string): string {
  const parts = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
  return parts.slice(0, parts[0]?.startsWith('@') ? 2 : 1).join('/');
}

function walk(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  size?: number;
  offset?: string;
  unpacked?: boolean;
}

/** An asar archive's header: a pickled JSON tree of files after an 8-byte size prefix. */
function asarHeader(archive: string): { header: AsarEntry; base: number } {
  const bytes = readFileSync(archive);
  const headerSize = bytes.readUInt32LE(4);
  const json = bytes.subarray(16, 16 + bytes.readUInt32LE(12)).toString('utf8');
  return { header: JSON.parse(json) as AsarEntry, base: 8 + headerSize };
}

function asarTree(entry: AsarEntry, prefix = ''): [string, AsarEntry][] {
  return Object.entries(entry.files ?? {}).flatMap(([name, child]) =>
    child.files ? asarTree(child, `${prefix}${name}/`) : [[`${prefix}${name}`, child] as [string, AsarEntry]],
  );
}

/** The files packed inside the asar (those unpacked beside it are listed from the folder). */
function asarFiles(archive: string): string[] {
  return asarTree(asarHeader(archive).header)
    .filter(([, entry]) => !entry.unpacked)
    .map(([path]) => path);
}

function extractAsar(archive: string, to: string): void {
  const { header, base } = asarHeader(archive);
  const bytes = readFileSync(archive);
  for (const [path, entry] of asarTree(header)) {
    if (entry.unpacked) continue;
    mkdirSync(dirname(join(to, path)), { recursive: true });
    const start = base + Number(entry.offset);
    writeFileSync(join(to, path), bytes.subarray(start, start + (entry.size ?? 0)));
  }
}

/** Enough of the electron module for the packaged main process to start in plain Node. */
const FAKE_ELECTRON = `
import { fileURLToPath } from 'node:url';
process.resourcesPath = fileURLToPath(new URL('../../..', import.meta.url));
let ready;
const fake = { handlers: new Map(), started: new Promise((resolve) => (ready = resolve)), protocol: undefined };
globalThis.timbangFakeElectron = fake;
const noop = () => {};
export const app = {
  isPackaged: true,
  enableSandbox: noop,
  requestSingleInstanceLock: () => true,
  quit: noop,
  on: noop,
  whenReady: async () => {},
  getPath: () => process.env.TIMBANG_USER_DATA,
  getVersion: () => '0.1.0',
};
export const protocol = { registerSchemesAsPrivileged: noop, handle: (_scheme, handler) => (fake.protocol = handler) };
const defaultSession = { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop, setDevicePermissionHandler: noop, webRequest: { onBeforeRequest: noop } };
export const session = { defaultSession };
export const ipcMain = { handle: (channel, handler) => fake.handlers.set(channel, handler) };
export const dialog = {
  showErrorBox: (_title, message) => {
    console.error(message);
    process.exit(3);
  },
  showMessageBoxSync: () => 1,
};
export class BrowserWindow {
  webContents = { on: noop };
  constructor() {
    ready();
  }
  once() {}
  show() {}
  isMinimized() {
    return false;
  }
  async loadURL() {}
}
`;

/** Starts the packaged main.js, then uses it as the renderer would. */
const SMOKE = `
await import('electron');
await import('./dist/electron/main.js');
const fake = globalThis.timbangFakeElectron;
await fake.started;
const event = { senderFrame: { url: 'app://timbang/index.html' } };
const invoke = (channel, payload) => fake.handlers.get('timbang:invoke')(event, channel, payload);
const demo = await invoke('demo.open', {});
const submissions = await invoke('submissions.list', {});
let documents = 0;
for (const submission of submissions.value ?? []) documents += (await invoke('submissions.get', { id: submission.id })).value.documents.length;
const recap = await invoke('reports.recap', {});
const page = await fake.protocol(new Request('app://timbang/index.html'));
// A scanned page: read by the OCR thread (tesseract.js's worker script and its core, from the package).
const upload = await fake.handlers.get('timbang:register-upload')(event, process.env.TIMBANG_SCAN, 'pindaian.pdf');
const submissionId = submissions.value[0].id;
const started = await invoke('documents.import', { submissionId, uploadId: upload.value.uploadId, role: 'annex' });
let job = started.value;
while (job && (job.status === 'queued' || job.status === 'running')) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  job = (await invoke('documents.jobs', { submissionId })).value.find((each) => each.id === started.value.id);
}
const scanned = job?.result ? await invoke('documents.page', { id: job.result.id, page: 1 }) : undefined;
const result = {
  demo,
  documents,
  ocr: { status: job?.status, error: job?.error, ocrPages: job?.result?.ocrPages, source: scanned?.value?.source, text: scanned?.value?.text },
  recap: recap.ok ? { ok: true, fileName: recap.value.fileName, bytes: Buffer.from(recap.value.contentBase64, 'base64').length } : recap,
  page: { status: page.status, html: await page.text() },
};
console.log(JSON.stringify(result));
process.exit(0);
`;
