import * as electron from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './app.ts';

// Bundled to dist/electron/main.js; the preload and the renderer build sit beside it.
const here = dirname(fileURLToPath(import.meta.url));

void startDesktopApp(electron, {
  preloadPath: join(here, 'preload.cjs'),
  rendererDir: join(here, '..', 'renderer'),
  // Packaged, the templates are extraResources beside the asar; from source, in resources/.
  templatesDir: electron.app.isPackaged
    ? join(process.resourcesPath, 'rubrics')
    : join(here, '..', '..', 'resources', 'rubrics'),
  argv: process.argv,
});
