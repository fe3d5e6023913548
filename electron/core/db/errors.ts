import { SqliteError } from 'better-sqlite3';

/**
 * A row still referenced elsewhere. SQLite reports ON DELETE RESTRICT as
 * SQLITE_CONSTRAINT_TRIGGER and deferred checks as SQLITE_CONSTRAINT_FOREIGNKEY;
 * both carry this message.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof SqliteError && error.code.startsWith('SQLITE_CONSTRAINT') && /FOREIGN KEY constraint failed/.test(error.message);
}

export function isPrimaryKeyViolation(error: unknown): boolean {
  return error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
