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

function prepare(db: Db, sql: string, pluck: boolean): Database.Statement {
  return pluck ? db.prepare(sql).pluck() : db.prepare(sql);
}

/**
 * Prepared once per connection and kept: a query run per row of a list costs no re-parse.
 * A statement dies with its connection: the cache is keyed weakly by the connection.
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
    statement = prepare(db, sql, pluck);
    cache.set(key, statement);
  }
  return statement;
}

/**
 * The kept statement, unless it is still being iterated (a loop over a query that runs the
 * same query again, or an iterator left unfinished): SQLite cannot run one statement twice at
 * once, so that call gets a statement of its own, used once and not kept.
 */
function ready(db: Db, sql: string, statement: Database.Statement, pluck = false): Database.Statement {
  return statement.busy ? prepare(db, sql, pluck) : statement;
}

/** Prepares `sql` on `db` (once per connection) and types its rows as `Row`. */
export function query<Row, P extends Params = unknown[]>(db: Db, sql: string): Query<Row, P> {
  const statement = prepared(db, sql);
  return {
    get: (...params) => ready(db, sql, statement).get(...params) as Row | undefined,
    all: (...params) => ready(db, sql, statement).all(...params) as Row[],
    iterate: (...params) => ready(db, sql, statement).iterate(...params) as IterableIterator<Row>,
    run: (...params) => ready(db, sql, statement).run(...params),
  };
}

/** Like `query`, but each row is its first column. */
export function queryValue<Value, P extends Params = unknown[]>(db: Db, sql: string): ValueQuery<Value, P> {
  const statement = prepared(db, sql, true);
  return {
    get: (...params) => ready(db, sql, statement, true).get(...params) as Value | undefined,
    all: (...params) => ready(db, sql, statement, true).all(...params) as Value[],
  };
}

/** A statement that returns no rows (INSERT, UPDATE, DELETE, DDL, VACUUM INTO). */
export function execute<P extends Params = unknown[]>(db: Db, sql: string): (...params: P) => Database.RunResult {
  const statement = prepared(db, sql);
  return (...params) => ready(db, sql, statement).run(...params);
}
