import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { queryValue } from '../db/query.ts';

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Where the file with this content lives: documents/ab/abcdef…; the same content is stored once. */
export function blobPath(dataDir: string, hash: string): string {
  return join(dataDir, 'documents', hash.slice(0, 2), hash);
}

/**
 * Store content under its hash: written to a temporary name, flushed to disk, and renamed, so
 * that neither a crash nor a power cut (the database row is committed right after) leaves a
 * half-written file under a real hash. Returns whether a new file was made.
 */
export function putBlob(dataDir: string, hash: string, data: Uint8Array): { path: string; created: boolean } {
  const path = blobPath(dataDir, hash);
  if (existsSync(path)) return { path, created: false };
  mkdirSync(join(dataDir, 'documents', hash.slice(0, 2)), { recursive: true });
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx');
    try {
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return { path, created: true };
}

export function removeBlob(dataDir: string, hash: string): void {
  rmSync(blobPath(dataDir, hash), { force: true });
}

/**
 * Remove a stored file that no document uses any more. The check and the removal happen under
 * the database's write lock, which an import also holds while it commits (and rewrites the file
 * if it went missing): a removal and an import of the same content cannot cross.
 */
export function removeBlobIfUnused(db: Database, dataDir: string, hash: string, keep: (hash: string) => boolean = () => false): void {
  db.transaction(() => {
    if (queryValue<1>(db, 'SELECT 1 FROM document WHERE sha256 = ?').get(hash) === undefined && !keep(hash)) removeBlob(dataDir, hash);
  }).immediate();
}
