import * as electron from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './app.ts';

// Bundled to dist/electron/main.js; the preload and the renderer build sit beside it.
const here = dirname(fileURLToPath(import.meta.url));

void startDesktopApp(electron, {
  preloadPath: join(here, 'preload.cjs'),
  rendererDir: join(here, '..', 'renderer'),
  // Packaged, rubrics/ and lexicon/ are extraResources beside the asar; from source, in resources/.
  resourcesDir: electron.app.isPackaged ? process.resourcesPath : join(here, '..', '..', 'resources'),
  argv: process.argv,
});
