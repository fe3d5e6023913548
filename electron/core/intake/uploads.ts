import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface Upload {
  id: string;
  path: string;
  fileName: string;
  /** A copy Timbang made (web upload) and removes after the import; not a file of the user's. */
  temporary: boolean;
}

/** An upload nobody imported within this time (a tab closed after sending) is removed. */
const UNCLAIMED_MS = 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Files on their way in. Web mode streams the bytes into this process's own folder under
 * the workspace's tmp/uploads (another process on the same workspace, a CLI command or a
 * second server, has its own); the desktop app registers the path of a file the user
 * picked or dropped. Either way the renderer only ever holds an opaque id, never a path.
 */
export function createUploadStore(dataDir: string, now: () => number = Date.now) {
  const uploads = new Map<string, Upload & { createdAt: number }>();
  const root = join(dataDir, 'tmp', 'uploads');
  const folder = join(root, `${process.pid}-${randomBytes(4).toString('hex')}`);
  sweepLeftovers(root);

  function begin(fileName: string): Upload {
    sweepUnclaimed();
    mkdirSync(folder, { recursive: true });
    const id = randomBytes(12).toString('hex');
    const upload = { id, path: join(folder, id), fileName: safeName(fileName), temporary: true };
    uploads.set(id, { ...upload, createdAt: now() });
    return upload;
  }

  function register(path: string, fileName = basename(path)): Upload {
    const id = randomBytes(12).toString('hex');
    const upload = { id, path, fileName: safeName(fileName), temporary: false };
    uploads.set(id, { ...upload, createdAt: now() });
    return upload;
  }

  /** Hand the upload over (once). */
  function take(id: string): Upload | undefined {
    const upload = uploads.get(id);
    uploads.delete(id);
    if (!upload) return undefined;
    const { createdAt: _createdAt, ...handed } = upload;
    return handed;
  }

  function discard(upload: Upload): void {
    uploads.delete(upload.id);
    if (upload.temporary) rmSync(upload.path, { force: true });
  }

  function sweepUnclaimed(): void {
    for (const upload of uploads.values()) if (now() - upload.createdAt > UNCLAIMED_MS) discard(upload);
  }

  /** This process's folder goes with it. */
  function close(): void {
    uploads.clear();
    rmSync(folder, { recursive: true, force: true });
  }

  return { begin, register, take, discard, close };
}

/** Folders of processes that ended without cleaning up (a crash), and loose files of older versions. */
function sweepLeftovers(root: string): void {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    const owner = /^(\d+)-[0-9a-f]{8}$/.exec(entry);
    if (owner && processAlive(Number(owner[1]))) continue;
    rmSync(join(root, entry), { recursive: true, force: true });
  }
}

export type UploadStore = ReturnType<typeof createUploadStore>;

/** The name as shown and stored: no folders, no control characters, at most 255 characters. */
export function safeName(name: string): string {
  const base = [...basename(name.replace(/\\/g, '/'))]
    .filter((character) => character.charCodeAt(0) >= 0x20 && character.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return (base || 'dokumen').slice(0, 255);
}
