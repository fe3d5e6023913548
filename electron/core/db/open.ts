import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';

export type Db = Database.Database;

export interface DatabaseOptions {
  /** Told the SQL of every statement the connection runs (tests count them; nothing else needs it). */
  onStatement?: (sql: string) => void;
}

/**
 * Open (or create) a workspace database with the settings every connection needs:
 * WAL so the CLI and the app can work side by side, foreign keys enforced, and a
 * busy timeout instead of an immediate "database is locked".
 */
export function openDatabase(file: string, options: DatabaseOptions = {}): Db {
  let db: Db | undefined;
  try {
    const { onStatement } = options;
    db = new Database(file, onStatement ? { verbose: (sql) => onStatement(String(sql)) } : {});
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Reading the schema proves the file really is an SQLite database.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    throw new AppError('workspace.unreadable', { path: file, reason: (error as Error).message });
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
