import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface Upload {
  id: string;
  path: string;
  fileName: string;
  /** A copy Timbang made (web upload) and removes after the import; not a file of the user's. */
  temporary: boolean;
}

/**
 * Files on their way in. Web mode streams the bytes into the workspace's tmp folder;
 * the desktop app registers the path of a file the user picked or dropped. Either way
 * the renderer only ever holds an opaque id, never a path it could make up.
 */
export function createUploadStore(dataDir: string) {
  const uploads = new Map<string, Upload>();
  const folder = join(dataDir, 'tmp', 'uploads');
  // Leftovers of an earlier run (an upload never imported, a crash) are of no further use.
  rmSync(folder, { recursive: true, force: true });

  function begin(fileName: string): Upload {
    mkdirSync(folder, { recursive: true });
    const id = randomBytes(12).toString('hex');
    const upload = { id, path: join(folder, id), fileName: safeName(fileName), temporary: true };
    uploads.set(id, upload);
    return upload;
  }

  function register(path: string, fileName = basename(path)): Upload {
    const id = randomBytes(12).toString('hex');
    const upload = { id, path, fileName: safeName(fileName), temporary: false };
    uploads.set(id, upload);
    return upload;
  }

  /** Hand the upload over (once). */
  function take(id: string): Upload | undefined {
    const upload = uploads.get(id);
    uploads.delete(id);
    return upload;
  }

  function discard(upload: Upload): void {
    uploads.delete(upload.id);
    if (upload.temporary) rmSync(upload.path, { force: true });
  }

  return { begin, register, take, discard };
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
