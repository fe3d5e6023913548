import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { LATEST_SCHEMA_VERSION } from '../db/migrations.ts';
import { execute, queryValue } from '../db/query.ts';
import { DATABASE_FILE } from '../platform/paths.ts';
import { blobPath } from '../storage/blob-store.ts';
import type { ServiceContext } from './context.ts';

/**
 * Backups of a workspace's database, made with SQLite's online backup while the app runs:
 * daily (the last seven kept), on request, and before a restore. Each has a manifest
 * beside it with its checksum and the document files it refers to; those files are kept
 * even when their document is removed later, so that a restore finds them all.
 */
export const BACKUP_FOLDER = 'backups';
const DAILY_KEPT = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type BackupKind = 'daily' | 'manual' | 'before-restore' | 'before-import';

export interface BackupManifest {
  format: 'timbang.backup';
  file: string;
  kind: BackupKind;
  createdAt: string;
  schemaVersion: number;
  sha256: string;
  size: number;
  blobs: string[];
}

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

export function backupFolder(dataDir: string): string {
  return join(dataDir, BACKUP_FOLDER);
}

export function listBackups(dataDir: string): BackupManifest[] {
  const folder = backupFolder(dataDir);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.db.json'))
    .flatMap((name) => {
      try {
        const manifest = JSON.parse(readFileSync(join(folder, name), 'utf8')) as BackupManifest;
        return manifest.format === 'timbang.backup' && existsSync(join(folder, manifest.file)) ? [manifest] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Document files some backup refers to: a removal must leave them, or a restore would miss them. */
export function blobsInBackups(dataDir: string): Set<string> {
  return new Set(listBackups(dataDir).flatMap((manifest) => manifest.blobs));
}

/** The manifest beside a backup file: its checksum, schema and the document files it refers to. */
function writeManifest(path: string, kind: BackupKind, createdAt: string): BackupManifest {
  const copy = new Database(path, { readonly: true });
  let blobs: string[];
  let schemaVersion: number;
  try {
    blobs = queryValue<string>(copy, 'SELECT sha256 FROM blob').all();
    schemaVersion = copy.pragma('user_version', { simple: true }) as number;
  } finally {
    copy.close();
  }
  const manifest: BackupManifest = {
    format: 'timbang.backup',
    file: basename(path),
    kind,
    createdAt,
    schemaVersion,
    sha256: fileHash(path),
    size: statSync(path).size,
    blobs,
  };
  writeFileSync(`${path}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function createBackupService(ctx: ServiceContext, dataDir: string) {
  async function create(kind: BackupKind): Promise<BackupManifest> {
    const folder = backupFolder(dataDir);
    mkdirSync(folder, { recursive: true });
    const at = ctx.now();
    const file = `timbang-${kind}-${at.replace(/[:.]/g, '-')}.db`;
    const path = join(folder, file);
    await ctx.db.backup(path);
    const manifest = writeManifest(path, kind, at);
    if (kind === 'daily') {
      for (const old of listBackups(dataDir)
        .filter((entry) => entry.kind === 'daily')
        .slice(DAILY_KEPT)) {
        rmSync(join(folder, old.file), { force: true });
        rmSync(join(folder, `${old.file}.json`), { force: true });
      }
    }
    return manifest;
  }

  /** A daily backup, when the last one is more than a day old. */
  async function daily(): Promise<BackupManifest | undefined> {
    const last = listBackups(dataDir).find((entry) => entry.kind === 'daily');
    if (last && Date.parse(ctx.now()) - Date.parse(last.createdAt) < DAY_MS) return undefined;
    return create('daily');
  }

  return { create, daily, list: () => listBackups(dataDir) };
}

export type BackupService = ReturnType<typeof createBackupService>;

/**
 * Put a backup back as the workspace's database. The workspace must not be open. The
 * backup is checked first (its checksum, SQLite's integrity check, a schema this version
 * can open); the database it replaces is kept as a "before-restore" backup.
 */
export function restoreBackup(
  dataDir: string,
  file: string,
  now = () => new Date().toISOString(),
): { restored: string; previous: string | undefined; missingFiles: string[] } {
  const folder = backupFolder(dataDir);
  const path = existsSync(file) ? file : join(folder, basename(file));
  if (!existsSync(path)) throw new AppError('backup.not_found', { file });
  const manifestPath = `${path}.json`;
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
    if (manifest.sha256 !== fileHash(path)) throw new AppError('backup.damaged', { file: basename(path) });
  }
  const candidate = new Database(path, { readonly: true, fileMustExist: true });
  let blobs: string[];
  try {
    if (candidate.pragma('integrity_check', { simple: true }) !== 'ok') throw new AppError('backup.damaged', { file: basename(path) });
    const version = candidate.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) throw new AppError('workspace.too_new', { found: version, supported: LATEST_SCHEMA_VERSION });
    blobs = queryValue<string>(candidate, 'SELECT sha256 FROM blob').all();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('backup.damaged', { file: basename(path) });
  } finally {
    candidate.close();
  }
  const database = join(dataDir, DATABASE_FILE);
  const previous = keepCurrentDatabase(dataDir, 'before-restore', now);
  for (const suffix of ['-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  copyFileSync(path, database);
  return { restored: basename(path), previous, missingFiles: blobs.filter((hash) => !existsSync(blobPath(dataDir, hash))) };
}

/**
 * Keep the workspace's database (not open) as a backup before something replaces it;
 * the document files it refers to are then kept too. Returns the backup's file name.
 */
export function keepCurrentDatabase(dataDir: string, kind: 'before-restore' | 'before-import', now: () => string): string | undefined {
  const database = join(dataDir, DATABASE_FILE);
  if (!existsSync(database)) return undefined;
  const folder = backupFolder(dataDir);
  mkdirSync(folder, { recursive: true });
  const at = now();
  const previous = join(folder, `timbang-${kind}-${at.replace(/[:.]/g, '-')}.db`);
  const current = new Database(database, { fileMustExist: true });
  try {
    execute(current, 'VACUUM INTO ?')(previous);
  } finally {
    current.close();
  }
  writeManifest(previous, kind, at);
  return basename(previous);
}
