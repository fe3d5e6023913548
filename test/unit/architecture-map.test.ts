import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** The folder map under the README's "## Architecture": top-level folders at column 0, electron/'s indented below it. */
function readmeMap(): Map<string, string[]> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Architecture'));
  const block = /```text\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```text folder map under "## Architecture"');
  const map = new Map<string, string[]>();
  let parent = '';
  for (const line of block.split('\n')) {
    const top = /^(\S+)\/\s/.exec(line);
    const child = /^ {2}(\S+)\/\s/.exec(line);
    if (top?.[1]) map.set((parent = top[1]), []);
    else if (child?.[1]) map.get(parent)?.push(child[1]);
  }
  return map;
}

/** Every file git sees, tracked or new, never ignored; a copy without .git is walked, minus .gitignore's folders. */
function repoFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n');
  } catch {
    const ignored = readFileSync(join(root, '.gitignore'), 'utf8')
      .split('\n')
      .filter((line) => line.endsWith('/'))
      .map((line) => line.slice(0, -1));
    const skip = (path: string) => path === '.git' || ignored.some((folder) => path === folder || path.startsWith(`${folder}/`));
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) => !skip(path.split(sep).join('/')));
  }
}

function repoFolders(): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  for (const file of repoFiles()) {
    const parts = file.split(sep).join('/').split('/');
    if (parts.length < 2 || !parts[0] || statSync(join(root, file)).isDirectory()) continue;
    const children = folders.get(parts[0]) ?? new Set<string>();
    if (parts.length > 2 && parts[1]) children.add(parts[1]);
    folders.set(parts[0], children);
  }
  return folders;
}

describe("the README's architecture map", () => {
  const map = readmeMap();
  const folders = repoFolders();

  it('names every top-level folder, and only folders that exist', () => {
    expect([...map.keys()].sort()).toEqual([...folders.keys()].sort());
  });

  it('names every folder of electron/, and only folders that exist', () => {
    expect([...(map.get('electron') ?? [])].sort()).toEqual([...(folders.get('electron') ?? [])].sort());
  });
});
