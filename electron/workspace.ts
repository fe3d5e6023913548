import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { migrate, type MigrationReport } from './db/migrate.ts';
import { openDatabase, schemaVersion, type Db } from './db/open.ts';
import { DATABASE_FILE } from './platform/paths.ts';
import { loadAreaCatalog, type AreaCatalog } from './services/areas.ts';
import type { Actor, ServiceContext } from './services/context.ts';
import { createProfileService } from './services/profile.ts';
import { createRegencyService } from './services/regencies.ts';
import { createRubricService } from './services/rubrics.ts';
import { createSettingsService } from './services/settings.ts';

export interface WorkspaceOptions {
  /** Timestamps for everything this workspace records; tests pass a fixed clock. */
  now?: () => string;
  /** The name recorded when no profile is set; defaults to the operating-system user. */
  fallbackActorName?: string;
  /** Folder of the shipped rubric templates (resources/rubrics) to load into the workspace. */
  templatesDir?: string;
}

/** One open workspace folder: its database, the services over it and the area catalogue. */
export interface Workspace {
  dataDir: string;
  databasePath: string;
  db: Db;
  migration: MigrationReport;
  areas: AreaCatalog;
  regencies: ReturnType<typeof createRegencyService>;
  profile: ReturnType<typeof createProfileService>;
  settings: ReturnType<typeof createSettingsService>;
  rubrics: ReturnType<typeof createRubricService>;
  schemaVersion(): number;
  close(): void;
}

export async function openWorkspace(dataDir: string, options: WorkspaceOptions = {}): Promise<Workspace> {
  mkdirSync(dataDir, { recursive: true });
  const databasePath = join(dataDir, DATABASE_FILE);
  const db = openDatabase(databasePath);
  try {
    const migration = migrate(db, databasePath);
    const areas = await loadAreaCatalog();
    const fallbackName = options.fallbackActorName ?? osUserName();
    const profileRow = () =>
      db.prepare('SELECT name, role FROM profile WHERE id = 1').get() as Actor | undefined;
    const ctx: ServiceContext = {
      db,
      now: options.now ?? (() => new Date().toISOString()),
      actor: () => profileRow() ?? { name: fallbackName, role: null },
    };
    const rubrics = createRubricService(ctx);
    if (options.templatesDir) rubrics.seedTemplates(options.templatesDir);
    return {
      dataDir,
      databasePath,
      db,
      migration,
      areas,
      regencies: createRegencyService(ctx, areas),
      profile: createProfileService(ctx),
      settings: createSettingsService(ctx),
      rubrics,
      schemaVersion: () => schemaVersion(db),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function osUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
