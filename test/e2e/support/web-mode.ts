import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN, ROOT } from '../../helpers/cli.ts';

export interface WebMode {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** `timbang serve --json` on a workspace folder, as a user would start it; resolves once it listens. */
export function startWebMode(dataDir: string): Promise<WebMode> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--json'], {
    cwd: ROOT,
    env: { ...process.env, LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timbang serve did not start in time.\n${stderr}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`timbang serve exited with ${code}.\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const info = JSON.parse(line) as { url: string; origin: string; token: string; dataDir: string };
      resolve({ ...info, stop });
    });
  });
}
