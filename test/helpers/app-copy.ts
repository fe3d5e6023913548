import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT } from './cli.ts';

/** The Node 22 the project pins (a dev dependency): it runs the TypeScript sources directly. */
export const PINNED_NODE = join(ROOT, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');

/**
 * A system Node too old to run the TypeScript sources (before 22.18), on which bin/timbang.cjs
 * re-runs itself on the pinned Node: the one on PATH or in the usual places. CI has Node 20.
 */
export function olderSystemNode(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(delimiter).map((folder) => join(folder, 'node'));
  const candidates = [...onPath, '/usr/bin/node', '/usr/local/bin/node'].filter(
    (file) => existsSync(file) && !file.startsWith(join(ROOT, 'node_modules')),
  );
  return candidates.find((node) => {
    const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim() ?? '';
    const [major, minor] = version.split('.').map(Number) as [number, number];
    return version !== '' && (major < 22 || (major === 22 && minor < 18));
  });
}

/**
 * The packages `npm ci --omit=dev` installs, read from package-lock.json: every entry that
 * is neither a dev dependency nor one needed only by dev dependencies ("devOptional").
 */
export function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean; link?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional && !entry.link)
    .filter(([path, entry]) => !entry.optional || existsSync(join(ROOT, path)))
    .map(([path]) => path);
}

/** A folder's files as hard links (a copy where linking fails), leaving out its nested node_modules. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') linkTree(source, target);
    } else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

export interface AppCopyOptions {
  /**
   * 'production': a node_modules holding only the production dependency closure, as after
   * `npm ci --omit=dev` (files hard-linked from the repository's node_modules, so that
   * nothing resolves through to a dev dependency); 'all': the repository's node_modules.
   */
  nodeModules: 'production' | 'all';
  /** A stand-in renderer build in dist/renderer, which `timbang serve` requires. */
  renderer?: boolean;
  /** Packages to leave out of a production node_modules (to see that a missing one fails). */
  without?: string[];
}

/**
 * The app as installed from its package: what runs (bin, electron, shared, resources,
 * package.json) copied into `dir`, beside its own node_modules. Sources are copied rather
 * than linked: Node resolves a symlinked module from its real path, which would find the
 * repository's node_modules.
 */
export function appCopy(dir: string, options: AppCopyOptions): string {
  for (const folder of ['bin', 'electron', 'shared']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'resources'), join(dir, 'resources'));
  if (options.nodeModules === 'all') symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  else {
    const left = new Set((options.without ?? []).map((name) => `node_modules/${name}`));
    for (const path of productionPackages()) {
      if (left.has(path)) continue;
      if (!existsSync(join(ROOT, path)))
        throw new Error(`${path} is a production dependency in package-lock.json but is not installed: run npm ci`);
      linkTree(join(ROOT, path), join(dir, path));
    }
  }
  if (options.renderer) {
    mkdirSync(join(dir, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Timbang</title>');
  }
  return dir;
}
