import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCopy, PINNED_NODE, productionPackages } from '../helpers/app-copy.ts';
import { ROOT } from '../helpers/cli.ts';

// The CLI as `npm ci --omit=dev` leaves it: the run-time sources beside only the production
// dependency closure. A package the code loads at run time that is only a dev dependency is
// missing here, and the command fails.
let root: string;
let app: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'timbang-production-'));
  app = appCopy(join(root, 'app'), { nodeModules: 'production' });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(args: string[], cwd = app, file = join(cwd, 'bin', 'timbang.cjs')) {
  const result = spawnSync(PINNED_NODE, [file, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8', TIMBANG_LANG: '', NODE_PATH: '', NODE_OPTIONS: '' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('timbang from a production install (npm ci --omit=dev)', () => {
  it('holds every dependency and no dev dependency', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const name of Object.keys(pkg.dependencies)) expect(existsSync(join(app, 'node_modules', name, 'package.json')), name).toBe(true);
    // A dev dependency is there only when a dependency needs it too (none does today: electron, vitest, pdfjs-dist… are absent).
    const production = productionPackages();
    for (const name of Object.keys(pkg.devDependencies))
      expect(existsSync(join(app, 'node_modules', name)), name).toBe(production.includes(`node_modules/${name}`));
    for (const name of ['electron', 'vitest', 'pdfjs-dist', 'react', 'typescript', 'node'])
      expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
    expect(production.length).toBeGreaterThan(Object.keys(pkg.dependencies).length);
  });

  it('prints help and keeps a workspace: add a regency and list it as JSON', () => {
    const help = run(['--help']);
    expect(help.status, help.stderr).toBe(0);
    for (const command of ['serve', 'regency', 'import', 'report', 'workspace']) expect(help.stdout).toContain(command);
    const data = join(root, 'workspace');
    const add = run(['regency', 'add', '72.01', '--cohort', '2022', '--stage', '3', '--create', '--data', data]);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toContain('Kabupaten Banggai (72.01, Sulawesi Tengah) ditambahkan');
    const list = run(['regency', 'list', '--data', data, '--json']);
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ code: '72.01', name: 'Kabupaten Banggai', cohortYear: 2022, stage: 3 }),
    ]);
  });

  it('imports PDF, DOCX and XLSX in worker threads (the demo), writes the recap with its charts, and exports the workspace', () => {
    const demo = join(root, 'demo');
    const built = run(['demo', '--json', '--data', demo]);
    expect(built.status, built.stderr).toBe(0);
    expect(JSON.parse(built.stdout)).toMatchObject({ regencies: 4, documents: 12, assessments: 25 });
    const recap = join(root, 'recap.xlsx');
    const report = run(['report', '--out', recap, '--json', '--data', demo]);
    expect(report.status, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ file: recap, regencies: 4 });
    // The recap's charts are PNG pictures inside the workbook.
    expect(readFileSync(recap).includes(Buffer.from('xl/media/'))).toBe(true);
    const exported = run(['workspace', 'export', '--out', join(root, 'pindah.timbang'), '--json', '--data', demo]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ counts: { documents: 12 } });
  }, 90_000);

  it('starts the OCR engine: the Tesseract worker script, its core and the language data', () => {
    const script = [
      "import { createOcrEngine } from './electron/core/intake/ocr.ts';",
      "const engine = await createOcrEngine({ tessdataDir: 'resources/tessdata' });",
      'const result = await engine.recognize({ width: 64, height: 32, channels: 1, data: new Uint8Array(64 * 32).fill(255) });',
      'await engine.close();',
      'console.log(JSON.stringify(result));',
    ].join('\n');
    const result = spawnSync(PINNED_NODE, ['--input-type=module', '-e', script], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: '' },
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ words: [], text: '', meanConfidence: 0 });
  }, 60_000);

  it('fails loudly when a run-time dependency is missing', () => {
    const broken = appCopy(join(root, 'broken'), { nodeModules: 'production', without: ['commander'] });
    const help = run(['--help'], broken);
    expect(help.status).not.toBe(0);
    expect(help.stderr).toContain("Cannot find package 'commander'");
  });
});
