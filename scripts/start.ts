import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../electron/cli/program.ts';
import { resolveLanguage } from '../electron/cli/context.ts';
import { createTranslator } from '../shared/i18n/index.ts';
import { buildAll } from './build.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');

/** How long Electron must stay up to count as started; a quicker failure falls back to web mode. */
const EARLY_EXIT_MS = 5000;

export type Unavailable = 'no-display' | 'no-binary';

/** Where the Electron binary is, if it has been downloaded; never triggers a download itself. */
export function electronBinary(dir = electronDir): string | undefined {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export function hasDisplay(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Why the desktop window cannot open here, or undefined when it can (downloading Electron first if need be). */
export function whyElectronCannotStart(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  findBinary: () => string | undefined = electronBinary,
  download: () => boolean = downloadElectron,
): Unavailable | undefined {
  if (!hasDisplay(platform, env)) return 'no-display';
  if (findBinary()) return undefined;
  return download() && findBinary() ? undefined : 'no-binary';
}

function downloadElectron(): boolean {
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 180_000,
  });
  return result.status === 0;
}

/** Run the desktop app; resolves with its exit code, or 'early' when it died before it could have shown a window. */
function runElectron(binary: string, args: string[]): Promise<number | 'early'> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(binary, [root, ...args], { stdio: 'inherit' });
    child.once('error', () => resolve('early'));
    child.once('exit', (code) => {
      const failedFast = (code ?? 1) !== 0 && Date.now() - started < EARLY_EXIT_MS;
      resolve(failedFast ? 'early' : (code ?? 0));
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--web');
  const t = createTranslator(resolveLanguage(undefined, process.env));
  console.log(t('cli.buildingApp'));
  await buildAll({ quiet: true });

  const webRequested = process.argv.includes('--web') || process.env.TIMBANG_WEB === '1';
  let reason: string | undefined;
  if (!webRequested) {
    const unavailable = whyElectronCannotStart();
    if (unavailable) {
      reason = t(unavailable === 'no-display' ? 'cli.reasonNoDisplay' : 'cli.reasonNoBinary');
    } else {
      const outcome = await runElectron(electronBinary() as string, args);
      if (outcome !== 'early') process.exit(outcome);
      reason = t('cli.reasonExited', { code: 1 });
    }
    console.log(t('cli.electronFallback', { reason }));
  }
  process.exitCode = await runCli(['serve', '--open', ...args]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
