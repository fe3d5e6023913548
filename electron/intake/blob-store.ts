import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Where the file with this content lives: documents/ab/abcdef…; the same content is stored once. */
export function blobPath(dataDir: string, hash: string): string {
  return join(dataDir, 'documents', hash.slice(0, 2), hash);
}

/**
 * Store content under its hash: written to a temporary name and renamed, so that a crash
 * never leaves a half-written file under a real hash. Returns whether a new file was made.
 */
export function putBlob(dataDir: string, hash: string, data: Uint8Array): { path: string; created: boolean } {
  const path = blobPath(dataDir, hash);
  if (existsSync(path)) return { path, created: false };
  mkdirSync(join(dataDir, 'documents', hash.slice(0, 2)), { recursive: true });
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, data, { flag: 'wx' });
  renameSync(temporary, path);
  return { path, created: true };
}

export function removeBlob(dataDir: string, hash: string): void {
  rmSync(blobPath(dataDir, hash), { force: true });
}
