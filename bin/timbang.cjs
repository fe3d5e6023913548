#!/usr/bin/env node
'use strict';
// The `timbang` command. It runs the TypeScript sources directly on Node 22, which
// strips types natively. Started by an older Node (a system Node 20, say), it
// re-runs itself on the Node 22 that the project pins as a dev dependency.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const entry = join(root, 'electron', 'cli', 'index.ts');
const [major, minor] = process.versions.node.split('.').map(Number);
const canRunTypeScript = major > 22 || (major === 22 && minor >= 18);

if (canRunTypeScript) {
  import(pathToFileURL(entry).href).catch((error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  });
} else {
  const pinned = join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(pinned)) {
    process.stderr.write(
      `Timbang needs Node.js 22.18 or newer (this is ${process.version}). Run "npm install" in ${root} to get the pinned Node 22.\n`,
    );
    process.exit(1);
  }
  const result = spawnSync(pinned, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`${result.error.message}\n`);
    process.exit(1);
  }
  process.exit(result.status === null ? 1 : result.status);
}
