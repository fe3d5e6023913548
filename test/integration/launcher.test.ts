import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appCopy, olderSystemNode } from '../helpers/app-copy.ts';

// bin/timbang.cjs started by a Node older than 22.18 runs the CLI in a child on the pinned
// Node 22. A signal to the launcher (a supervisor, a test harness, npx) must reach that child:
// otherwise `timbang serve` outlives it, holding its port and its workspace.
const older = olderSystemNode();
let root: string;
let app: string;
const started: ChildProcess[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'timbang-launcher-'));
  app = appCopy(join(root, 'app'), { nodeModules: 'all', renderer: true });
});

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) found.push({ pid: Number(name), command: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** `timbang serve --port 0 --json` through the launcher on the older Node, once it listens. */
async function serve(): Promise<{
  launcher: ChildProcess;
  server: { pid: number; command: string };
  port: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
}> {
  expect(older, 'a Node older than 22.18 on PATH or in /usr/bin (CI has Node 20): the launcher re-runs itself only from one').toBeDefined();
  const data = join(root, `workspace-${started.length}-${Date.now()}`);
  const launcher = spawn(older as string, [join(app, 'bin', 'timbang.cjs'), 'serve', '--port', '0', '--json', '--create', '--data', data], {
    cwd: app,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, LANG: 'C.UTF-8', TIMBANG_LANG: '' },
  });
  started.push(launcher);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    launcher.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  launcher.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: launcher.stdout! }).once('line', resolve);
    void exited.then(({ code }) => reject(new Error(`the launcher ended (${code}) before serving: ${stderr}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  const children = childrenOf(launcher.pid!);
  expect(children).toHaveLength(1);
  const server = children[0]!;
  expect(server.command).toContain(`${join(app, 'node_modules', 'node', 'bin', 'node')} ${join(app, 'bin', 'timbang.cjs')} serve`);
  expect(await refused(port)).toBe(false);
  return { launcher, server, port, exited };
}

describe('bin/timbang.cjs on an older Node', () => {
  it.each([
    ['SIGTERM', { code: 0, signal: null }],
    ['SIGINT', { code: 0, signal: null }],
    // A closed terminal: `serve` closes its server and database as for Ctrl+C.
    ['SIGHUP', { code: 0, signal: null }],
  ] as const)('passes %s on to `timbang serve`: the server stops, its port closes, no process is left', async (signal, outcome) => {
    const { launcher, server, port, exited } = await serve();
    launcher.kill(signal);
    expect(await exited).toEqual(outcome);
    expect(alive(server.pid)).toBe(false);
    expect(await refused(port)).toBe(true);
  });

  it('ends the way its child ends: killed by a signal, it is killed by the same signal', async () => {
    const { server, port, exited } = await serve();
    process.kill(server.pid, 'SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await refused(port)).toBe(true);
  });

  it("exits with its child's status: 0 done, 1 refused, 2 a usage error", () => {
    expect(older, 'a Node older than 22.18 on PATH or in /usr/bin (CI has Node 20)').toBeDefined();
    const data = join(root, 'statuses');
    const status = (args: string[]) =>
      spawnSync(older as string, [join(app, 'bin', 'timbang.cjs'), ...args, '--create', '--data', data], { encoding: 'utf8' }).status;
    expect(status(['regency', 'add', '72.01'])).toBe(0);
    expect(status(['regency', 'add', '72.01'])).toBe(1);
    expect(status(['regency', 'add', '72.02', '--stage', 'three'])).toBe(2);
  });
});
