import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server for the tests (docs/sync.md §8): Debian's binaries, a throwaway
 * cluster in a temp folder, trust authentication for the superuser `timbang` on 127.0.0.1 only.
 * The folder is not a `tempDir()`: those are removed after each test, and a server started in
 * `beforeAll` outlives many tests. `stop()` removes it.
 */
export interface TestPostgres {
  /** `postgresql://timbang@127.0.0.1:<port>/postgres` */
  url: string;
  /** A new empty database on this server, and its URL. */
  newDatabase(): Promise<string>;
  /** SIGINT (fast shutdown) to the server we started, wait for it to exit, remove the folder. */
  stop(): Promise<void>;
}

const MISSING =
  "PostgreSQL server binaries (initdb, postgres) were not found: install Debian's package with `apt-get install -y postgresql` " +
  '(on bookworm it brings postgresql-15 into /usr/lib/postgresql/15/bin), or set PG_BIN to the folder that holds them';

/** `PG_BIN`, else the highest `/usr/lib/postgresql/<major>/bin`, else whatever is on PATH. */
export function postgresBin(): string {
  const found = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  if (process.env.PG_BIN) {
    if (!found(process.env.PG_BIN)) throw new Error(`${MISSING} (PG_BIN=${process.env.PG_BIN} has no initdb and postgres)`);
    return process.env.PG_BIN;
  }
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+(\.\d+)?$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) if (found(join(root, major, 'bin'))) return join(root, major, 'bin');
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && found(dir)) return dir;
  throw new Error(MISSING);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Postgres refuses to run as root: as root (CI), the cluster belongs to Debian's `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`${MISSING} (running as root, and there is no \`postgres\` user to run the server as)`);
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

let databases = 0;

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'timbang-pg-'));
  const data = join(dir, 'data');
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    // initdb as the postgres user: through runuser, as root (it is short-lived, so runuser's own
    // signal handling does not matter here).
    const initdb = [join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'timbang', '--no-sync', '-E', 'UTF8', '--locale=C'];
    execFileSync(user ? 'runuser' : initdb[0]!, user ? ['-u', 'postgres', '--', ...initdb] : initdb.slice(1), { stdio: 'pipe', cwd: dir });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${(error as Error).message}\n${stderr}`, { cause: error });
  }

  let child: ChildProcess | undefined;
  let log = '';
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    log = '';
    // The server itself is spawned with the postgres user's uid/gid rather than under runuser:
    // runuser answers a signal by sending SIGTERM and, 2 s later, SIGKILL to its child, whereas the
    // pid we hold must be the postmaster's so that SIGINT is a clean fast shutdown.
    const started = spawn(
      join(bin, 'postgres'),
      ['-D', data, '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-p', String(port), '-c', 'fsync=off', '-c', 'full_page_writes=off'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) },
    );
    started.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const ready = await waitReady(port, started);
    if (ready) {
      child = started;
      break;
    }
    await exited(started);
    if (attempt >= 3 || !/could not (bind|create listen)|already in use/i.test(log)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`postgres did not start (exit ${started.exitCode ?? started.signalCode}):\n${log}`);
    }
  }

  const server = child;
  // If the test process ends without stop() (a crash, a timeout), the server does not outlive it.
  const orphan = () => server.kill('SIGINT');
  process.once('exit', orphan);
  const url = `postgresql://timbang@127.0.0.1:${port}/postgres`;
  return {
    url,
    async newDatabase() {
      const name = `t${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgresql://timbang@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.off('exit', orphan);
      if (server.exitCode === null && server.signalCode === null) {
        const done = exited(server);
        server.kill('SIGINT');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Retries a connection until it succeeds; false when the server exited first or 30 s passed. */
async function waitReady(port: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'timbang', database: 'postgres', connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill('SIGINT');
  return false;
}
