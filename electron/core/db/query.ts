import type Database from 'better-sqlite3';
import type { Db } from './open.ts';

/** Positional parameters, or one object of named ones (`@name` in the SQL). */
export type Params = unknown[] | [Record<string, unknown>];

/**
 * A statement whose rows have one declared type. Queries are written once, next to the
 * row type they return, and every caller gets that type: no `as Row` at the call site.
 */
export interface Query<Row, P extends Params = unknown[]> {
  get(...params: P): Row | undefined;
  all(...params: P): Row[];
  iterate(...params: P): IterableIterator<Row>;
  run(...params: P): Database.RunResult;
}

/** The first column of each row, for `SELECT count(*)`, `SELECT id` and the like. */
export interface ValueQuery<Value, P extends Params = unknown[]> {
  get(...params: P): Value | undefined;
  all(...params: P): Value[];
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * Prepared once per connection and kept: a query run per row of a list costs no re-parse.
 * (A statement still being iterated cannot be run again until the iteration ends.)
 */
function prepared(db: Db, sql: string, pluck = false): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  const key = pluck ? `value:${sql}` : sql;
  let statement = cache.get(key);
  if (!statement) {
    statement = pluck ? db.prepare(sql).pluck() : db.prepare(sql);
    cache.set(key, statement);
  }
  return statement;
}

export function query<Row, P extends Params = unknown[]>(db: Db, sql: string): Query<Row, P> {
  const statement = prepared(db, sql);
  return {
    get: (...params) => statement.get(...params) as Row | undefined,
    all: (...params) => statement.all(...params) as Row[],
    iterate: (...params) => statement.iterate(...params) as IterableIterator<Row>,
    run: (...params) => statement.run(...params),
  };
}

export function queryValue<Value, P extends Params = unknown[]>(db: Db, sql: string): ValueQuery<Value, P> {
  const statement = prepared(db, sql, true);
  return {
    get: (...params) => statement.get(...params) as Value | undefined,
    all: (...params) => statement.all(...params) as Value[],
  };
}

/** A statement that returns no rows (INSERT, UPDATE, DELETE, DDL). */
export function execute<P extends Params = unknown[]>(db: Db, sql: string): (...params: P) => Database.RunResult {
  const statement = prepared(db, sql);
  return (...params) => statement.run(...params);
}
