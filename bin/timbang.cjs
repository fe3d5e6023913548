#!/usr/bin/env node
'use strict';
// The `timbang` command. It runs the TypeScript sources directly on Node 22, which
// strips types natively. Started by an older Node (a system Node 20, say), it
// re-runs itself on the Node 22 that the project pins as a dev dependency, passes
// on the signals that ask it to stop, and ends as that run ends.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { constants } = require('node:os');
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
  const child = spawn(pinned, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  // A supervisor, a test harness or npx signals this process only: the child (`timbang serve`
  // holding its port and its workspace) must hear it too. From a terminal the child hears Ctrl+C
  // itself as well; `serve` takes the second one calmly while it closes.
  const forward = (signal) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      child.kill(signal);
    } catch {
      // The child has just ended: its exit decides this process's status.
    }
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code === null ? 1 : code);
    // Ended by a signal: end the same way, so whoever started this process sees what happened.
    for (const name of signals) process.removeListener(name, forward);
    try {
      process.kill(process.pid, signal);
    } catch {
      // Not a signal this platform can raise: the shell's convention below stands in for it.
    }
    setTimeout(() => process.exit(128 + (constants.signals[signal] || 0)), 100);
  });
}
