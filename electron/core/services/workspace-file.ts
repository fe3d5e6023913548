import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  linkSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import * as tar from 'tar';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { LATEST_SCHEMA_VERSION } from '../db/migrations.ts';
import type { Db } from '../db/open.ts';
import { queryValue } from '../db/query.ts';
import { blobPath } from '../storage/blob-store.ts';
import { DATABASE_FILE } from '../platform/paths.ts';
import { keepCurrentDatabase } from './backups.ts';

/**
 * A whole workspace as one file, to move to another laptop: a tar archive of the
 * database (an online backup, so the app may keep running), every document file it
 * refers to, and a manifest with each one's size and SHA-256. Importing checks all of
 * them, and SQLite's integrity, before anything in the workspace is touched.
 */
export const WORKSPACE_FILE_EXTENSION = '.timbang';
const MANIFEST = 'manifest.json';
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const ENTRY_PATH = /^(timbang\.db|documents\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

export const workspaceManifestSchema = z.strictObject({
  format: z.literal('timbang.workspace'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int().min(0),
  counts: z.strictObject({
    regencies: z.number().int(),
    submissions: z.number().int(),
    documents: z.number().int(),
    assessments: z.number().int(),
  }),
  files: z.array(z.strictObject({ path: z.string().regex(ENTRY_PATH), size: z.number().int().min(0), sha256: hex64 })).min(1),
});
export type WorkspaceManifest = z.infer<typeof workspaceManifestSchema>;

export interface ExportedWorkspace {
  file: string;
  size: number;
  /** The archive's own SHA-256, to compare after copying it. */
  sha256: string;
  counts: WorkspaceManifest['counts'];
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const stampOf = (at: string) => at.replace(/[:.]/g, '-');

function countsOf(db: Database.Database): WorkspaceManifest['counts'] {
  const count = (table: string) => queryValue<number>(db, `SELECT count(*) FROM ${table}`).get() ?? 0;
  return { regencies: count('regency'), submissions: count('submission'), documents: count('document'), assessments: count('assessment') };
}

/** Write the workspace to `outFile` (written beside it first, then renamed into place). */
export async function exportWorkspace(
  source: { db: Db; dataDir: string },
  outFile: string,
  options: { now: () => string; appVersion: string },
): Promise<ExportedWorkspace> {
  const at = options.now();
  const staging = join(source.dataDir, 'exports', `.staging-${stampOf(at)}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'documents'), { recursive: true });
  const partial = `${outFile}.part`;
  try {
    const database = join(staging, DATABASE_FILE);
    await source.db.backup(database);
    const copy = new Database(database, { readonly: true });
    let hashes: string[];
    let counts: WorkspaceManifest['counts'];
    let schemaVersion: number;
    try {
      hashes = queryValue<string>(copy, 'SELECT sha256 FROM blob ORDER BY sha256').all();
      counts = countsOf(copy);
      schemaVersion = copy.pragma('user_version', { simple: true }) as number;
    } finally {
      copy.close();
    }
    const paths = [DATABASE_FILE];
    for (const hash of hashes) {
      const from = blobPath(source.dataDir, hash);
      if (!existsSync(from)) continue;
      const entry = `documents/${hash.slice(0, 2)}/${hash}`;
      mkdirSync(join(staging, dirname(entry)), { recursive: true });
      // A hard link costs nothing on the same disk; a copy where links are not allowed.
      try {
        linkSync(from, join(staging, entry));
      } catch {
        copyFileSync(from, join(staging, entry));
      }
      paths.push(entry);
    }
    const files = [];
    for (const path of paths) files.push({ path, size: statSync(join(staging, path)).size, sha256: await hashFile(join(staging, path)) });
    const manifest: WorkspaceManifest = {
      format: 'timbang.workspace',
      formatVersion: 1,
      createdAt: at,
      appVersion: options.appVersion,
      schemaVersion,
      counts,
      files,
    };
    writeFileSync(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(dirname(outFile), { recursive: true });
    await tar.c({ file: partial, cwd: staging, portable: true }, [MANIFEST, ...paths]);
    renameSync(partial, outFile);
    return { file: outFile, size: statSync(outFile).size, sha256: await hashFile(outFile), counts };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export interface VerifiedWorkspace {
  manifest: WorkspaceManifest;
  /** Where it was unpacked and checked; install it, or remove it. */
  dir: string;
}

/**
 * Unpack a workspace file into `scratch` and check it whole: only the entries a
 * workspace file has, every listed file present with its size and SHA-256, nothing
 * unlisted, the database intact, of a schema this version opens, and every document it
 * refers to included. Any failure removes `scratch` and says what was wrong.
 */
export async function verifyWorkspaceFile(file: string, scratch: string): Promise<VerifiedWorkspace> {
  const name = basename(file);
  const invalid = (reason: string) => new AppError('workspace_file.invalid', { file: name, reason });
  if (!existsSync(file)) throw new AppError('workspace_file.invalid', { file: name, reason: 'not found' });
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    const entries: { path: string; type: string; size: number }[] = [];
    try {
      await tar.t({
        file,
        strict: true,
        onReadEntry: (entry) => void entries.push({ path: entry.path, type: entry.type, size: entry.size ?? 0 }),
      });
    } catch (error) {
      throw invalid((error as Error).message);
    }
    if (entries.length === 0) throw invalid('not a tar archive');
    for (const entry of entries) {
      const isFile = entry.type === 'File' && (entry.path === MANIFEST || ENTRY_PATH.test(entry.path));
      const isFolder = entry.type === 'Directory' && /^documents(\/[0-9a-f]{2})?\/?$/.test(entry.path);
      if (!isFile && !isFolder) throw invalid(`unexpected entry ${entry.path}`);
    }
    if (!entries.some((entry) => entry.path === MANIFEST)) throw invalid(`no ${MANIFEST}`);
    await tar.x({ file, cwd: scratch, strict: true });

    let manifest: WorkspaceManifest;
    try {
      manifest = workspaceManifestSchema.parse(JSON.parse(readFileSync(join(scratch, MANIFEST), 'utf8')));
    } catch (error) {
      throw invalid(`${MANIFEST}: ${(error as Error).message.slice(0, 200)}`);
    }
    const listed = new Set(manifest.files.map((entry) => entry.path));
    if (!listed.has(DATABASE_FILE)) throw invalid(`no ${DATABASE_FILE}`);
    const unlisted = entries.find((entry) => entry.type === 'File' && entry.path !== MANIFEST && !listed.has(entry.path));
    if (unlisted) throw new AppError('workspace_file.damaged', { file: name, entry: unlisted.path });
    for (const entry of manifest.files) {
      const path = join(scratch, entry.path);
      if (!existsSync(path) || statSync(path).size !== entry.size || (await hashFile(path)) !== entry.sha256) {
        throw new AppError('workspace_file.damaged', { file: name, entry: entry.path });
      }
    }
    const database = new Database(join(scratch, DATABASE_FILE), { readonly: true, fileMustExist: true });
    try {
      let blobs: string[];
      try {
        if (database.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('integrity');
        blobs = queryValue<string>(database, 'SELECT sha256 FROM blob').all();
      } catch {
        throw new AppError('workspace_file.damaged', { file: name, entry: DATABASE_FILE });
      }
      const version = database.pragma('user_version', { simple: true }) as number;
      if (version > LATEST_SCHEMA_VERSION) throw new AppError('workspace.too_new', { found: version, supported: LATEST_SCHEMA_VERSION });
      const missing = blobs.find((hash) => !listed.has(`documents/${hash.slice(0, 2)}/${hash}`));
      if (missing) throw new AppError('workspace_file.damaged', { file: name, entry: `documents/${missing.slice(0, 2)}/${missing}` });
    } finally {
      database.close();
    }
    return { manifest, dir: scratch };
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** Where a workspace file is unpacked for checking: inside the workspace, so that moving it in is a rename. */
export function importScratch(dataDir: string, now: string): string {
  return join(dataDir, 'imports', `.workspace-${stampOf(now)}-${process.pid}`);
}

/**
 * Put a verified workspace in place of the one in `dataDir`, which must not be open.
 * The current database is kept first as a "before-import" backup (with its documents,
 * which stay); the documents move in, then the database replaces the old one by rename.
 */
export function installWorkspace(
  dataDir: string,
  verified: VerifiedWorkspace,
  now = () => new Date().toISOString(),
): { previous: string | undefined } {
  const previous = keepCurrentDatabase(dataDir, 'before-import', now);
  for (const entry of verified.manifest.files) {
    if (entry.path === DATABASE_FILE) continue;
    const hash = basename(entry.path);
    const target = blobPath(dataDir, hash);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(verified.dir, entry.path), target);
  }
  const database = join(dataDir, DATABASE_FILE);
  for (const suffix of ['-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  renameSync(join(verified.dir, DATABASE_FILE), database);
  rmSync(verified.dir, { recursive: true, force: true });
  return { previous };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove what an export or an import left behind when its process died mid-way (a crash, a
 * power cut): the scratch folders are named with their process id, and that process is gone.
 */
export function removeStaleScratch(dataDir: string): void {
  for (const [folder, prefix] of [
    ['imports', '.workspace-'],
    ['exports', '.staging-'],
  ] as const) {
    const parent = join(dataDir, folder);
    if (!existsSync(parent)) continue;
    for (const name of readdirSync(parent)) {
      const pid = Number(/-(\d+)$/.exec(name)?.[1]);
      if (name.startsWith(prefix) && pid > 0 && !isRunning(pid)) rmSync(join(parent, name), { recursive: true, force: true });
    }
    // A half-written export has no process id in its name; one untouched for an hour is abandoned.
    for (const name of readdirSync(parent).filter((entry) => entry.endsWith(`${WORKSPACE_FILE_EXTENSION}.part`))) {
      if (Date.now() - statSync(join(parent, name)).mtimeMs > 60 * 60 * 1000) rmSync(join(parent, name), { force: true });
    }
  }
}
