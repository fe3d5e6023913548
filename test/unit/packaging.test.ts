import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { minimatch } from 'minimatch';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(readFileSync(join(ROOT, 'electron/desktop/main/index.ts'), 'utf8')).toContain('resourcesDir: electron.app.isPackaged ? process.resourcesPath');
  });

  it('leaves out of the package only what intake never loads: PDFium and Tesseract keep their Node code and their LSTM WebAssembly', () => {
    const excluded = (config.files as string[]).filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
    const kept = (file: string) => !excluded.some((pattern) => minimatch(file, pattern, { dot: true }));
    for (const file of [
      'node_modules/@hyzyla/pdfium/dist/index.esm.js',
      'node_modules/@hyzyla/pdfium/dist/pdfium.wasm',
      'node_modules/@hyzyla/pdfium/package.json',
      'node_modules/tesseract.js/src/worker-script/node/index.js',
      'node_modules/tesseract.js-core/tesseract-core-relaxedsimd-lstm.js',
      'node_modules/tesseract.js-core/tesseract-core-relaxedsimd-lstm.wasm',
      'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm',
      'node_modules/tesseract.js-core/tesseract-core-lstm.wasm',
      'node_modules/tesseract.js-core/index.js',
    ]) {
      expect(kept(file), file).toBe(true);
      expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
    for (const file of ['node_modules/@hyzyla/pdfium/dist/pdfium.wasm.base64-B4io7kt4.js', 'node_modules/tesseract.js-core/tesseract-core-simd.wasm']) {
      expect(kept(file), file).toBe(false);
    }
  });

  it('packs the built app and points main at it', () => {
    expect(config.files).toContain('dist/**/*');
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(pkg.productName).toBe('Timbang');
  });

  it('ships, as dependencies, exactly the packages the bundled main process loads at run time', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'electron/desktop/main/index.ts'), join(ROOT, 'electron/core/intake/worker.ts')],
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
        .map((imported) => imported.path.split('/').slice(0, imported.path.startsWith('@') ? 2 : 1).join('/'))
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
