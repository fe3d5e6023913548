import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root when running from source (CLI, web mode, scripts). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_BUILD_DIR = join(PROJECT_ROOT, 'dist', 'renderer');
export const RESOURCES_DIR = join(PROJECT_ROOT, 'resources');

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
