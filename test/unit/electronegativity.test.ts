import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const lint = (dir: string) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'electronegativity.ts'), dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('the electronegativity gate in npm test', () => {
  it('passes electron/ with only the justified finding, offline', () => {
    const result = lint(join(ROOT, 'electron'));
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('0 finding(s) above informational not justified');
    expect(result.stdout).toContain('justified: The CSP is sent as a response header');
  });

  it('fails on a window that turns the sandbox and context isolation off', () => {
    const dir = join(tempDir(), 'insecure');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const open = () => new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const result = lint(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/CONTEXT_ISOLATION_JS_CHECK|NODE_INTEGRATION_JS_CHECK/);
  });
});
