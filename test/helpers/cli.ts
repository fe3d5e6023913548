import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'timbang.cjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real `timbang` command, as a user would after npm install. */
export function timbang(args: string[], options: { node?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(options.node ?? process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8', TIMBANG_LANG: '', ...options.env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
