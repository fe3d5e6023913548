import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { migrations as defaultMigrations, type Migration, type MigrationContext } from './migrations.ts';
import { schemaVersion, type Db } from './open.ts';
import { execute } from './query.ts';

export interface MigrationReport {
  from: number;
  to: number;
  /** The copy taken before migrating an existing workspace, if one was needed. */
  backupPath?: string;
}

/**
 * Bring a workspace database up to the latest schema: all pending migrations in one
 * transaction, after a backup copy of any existing data. A database written by a
 * newer Timbang is refused untouched.
 */
export function migrate(
  db: Db,
  databasePath: string,
  migrations: readonly Migration[] = defaultMigrations,
  now: () => Date = () => new Date(),
  context: MigrationContext = {},
): MigrationReport {
  const latest = migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest) throw new AppError('workspace.too_new', { found: from, supported: latest });
  if (from === latest) return { from, to: from };

  let backupPath: string | undefined;
  if (from > 0 && databasePath !== ':memory:') {
    const backupDir = join(dirname(databasePath), 'backups');
    mkdirSync(backupDir, { recursive: true });
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    backupPath = join(backupDir, `timbang-v${from}-before-v${latest}-${stamp}.db`);
    execute(db, 'VACUUM INTO ?')(backupPath);
  }

  const pending = migrations.filter((migration) => migration.version > from);
  // A table others refer to can only be rebuilt with foreign keys off (a pragma a transaction cannot change);
  // every reference is then checked before the transaction commits.
  const rebuilds = pending.some((migration) => migration.rebuildsTables);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (rebuilds) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        migration.up(db, context);
        db.pragma(`user_version = ${migration.version}`);
      }
      if (rebuilds) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration left ${broken.length} broken references: ${JSON.stringify(broken.slice(0, 3))}`);
      }
    })();
  } finally {
    if (rebuilds) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return { from, to: latest, ...(backupPath ? { backupPath } : {}) };
}
