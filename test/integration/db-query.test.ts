import { join } from 'node:path';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/open.ts';
import { execute, query, queryValue } from '../../electron/core/db/query.ts';
import { tempDir } from '../helpers/temp.ts';

interface RegencyRow {
  code: string;
  name: string;
  stage: number | null;
}

/** A real workspace-style SQLite file with a few regencies in it. */
function openFile(file = join(tempDir(), 'query.db')): Db {
  const db = openDatabase(file);
  db.exec('CREATE TABLE IF NOT EXISTS regency (code TEXT PRIMARY KEY, name TEXT NOT NULL, stage INTEGER)');
  return db;
}

function seed(db: Db): void {
  const insert = execute(db, 'INSERT INTO regency (code, name, stage) VALUES (?, ?, ?)');
  insert('72.01', 'Kabupaten Banggai', 3);
  insert('72.71', 'Kota Palu', null);
  insert('73.71', 'Kota Makassar', 4);
}

describe('typed queries on a real SQLite file', () => {
  it('types rows by the declared row type, one column by queryValue', () => {
    const db = openFile();
    try {
      seed(db);
      const byCode = query<RegencyRow>(db, 'SELECT code, name, stage FROM regency WHERE code = ?');
      const banggai = byCode.get('72.01');
      expectTypeOf(banggai).toEqualTypeOf<RegencyRow | undefined>();
      expect(banggai).toEqual({ code: '72.01', name: 'Kabupaten Banggai', stage: 3 });
      expect(byCode.get('99.99')).toBeUndefined();

      const all = query<RegencyRow>(db, 'SELECT code, name, stage FROM regency ORDER BY code').all();
      expectTypeOf(all).toEqualTypeOf<RegencyRow[]>();
      expect(all.map((row) => row.code)).toEqual(['72.01', '72.71', '73.71']);

      const codes = queryValue<string>(db, 'SELECT code FROM regency ORDER BY code').all();
      expectTypeOf(codes).toEqualTypeOf<string[]>();
      expect(codes).toEqual(['72.01', '72.71', '73.71']);
      const count = queryValue<number>(db, 'SELECT count(*) FROM regency').get();
      expectTypeOf(count).toEqualTypeOf<number | undefined>();
      expect(count).toBe(3);
      expect(queryValue<string>(db, 'SELECT name FROM regency WHERE code = ?').get('99.99')).toBeUndefined();

      const names: string[] = [];
      for (const row of query<RegencyRow>(db, 'SELECT code, name, stage FROM regency ORDER BY code').iterate()) {
        expectTypeOf(row).toEqualTypeOf<RegencyRow>();
        names.push(row.name);
      }
      expect(names).toEqual(['Kabupaten Banggai', 'Kota Palu', 'Kota Makassar']);
    } finally {
      db.close();
    }
  });

  it('takes positional parameters and named ones', () => {
    const db = openFile();
    try {
      seed(db);
      const positional = query<RegencyRow>(db, 'SELECT code, name, stage FROM regency WHERE stage >= ? AND code LIKE ? ORDER BY code');
      expect(positional.all(3, '7%').map((row) => row.code)).toEqual(['72.01', '73.71']);

      const named = query<RegencyRow, [{ stage: number | null; prefix: string }]>(
        db,
        'SELECT code, name, stage FROM regency WHERE (@stage IS NULL OR stage = @stage) AND code LIKE @prefix ORDER BY code',
      );
      expect(named.all({ stage: 4, prefix: '7%' }).map((row) => row.code)).toEqual(['73.71']);
      expect(named.all({ stage: null, prefix: '72.%' }).map((row) => row.code)).toEqual(['72.01', '72.71']);
      // @ts-expect-error: the declared parameters are one object, not positional values
      expect(() => named.all(4, '7%')).toThrow();

      const rename = execute<[{ code: string; name: string }]>(db, 'UPDATE regency SET name = @name WHERE code = @code');
      expect(rename({ code: '72.71', name: 'Kota Palu (ibu kota)' }).changes).toBe(1);
      expect(queryValue<string, [string]>(db, 'SELECT name FROM regency WHERE code = ?').get('72.71')).toBe('Kota Palu (ibu kota)');
      const run = query<never>(db, 'DELETE FROM regency WHERE code = ?').run('73.71');
      expect(run.changes).toBe(1);
      expect(queryValue<number>(db, 'SELECT count(*) FROM regency').get()).toBe(2);
    } finally {
      db.close();
    }
  });

  it('prepares a statement once per connection and reuses it', () => {
    const db = openFile();
    try {
      seed(db);
      const prepare = vi.spyOn(db, 'prepare');
      const sql = 'SELECT code, name, stage FROM regency WHERE code = ?';
      for (const code of ['72.01', '72.71', '73.71', '72.01']) {
        expect(query<RegencyRow>(db, sql).get(code)?.code).toBe(code);
      }
      expect(prepare.mock.calls.filter(([text]) => text === sql)).toHaveLength(1);

      // The same text as a value query is a statement of its own (plucked), also kept.
      for (let i = 0; i < 3; i += 1) expect(queryValue<string>(db, sql).get('72.01')).toBe('72.01');
      expect(prepare.mock.calls.filter(([text]) => text === sql)).toHaveLength(2);
      expect(query<RegencyRow>(db, sql).get('72.01')).toEqual({ code: '72.01', name: 'Kabupaten Banggai', stage: 3 });

      const insert = 'INSERT INTO regency (code, name, stage) VALUES (?, ?, ?)';
      execute(db, insert)('74.01', 'Kabupaten Buton', 1);
      execute(db, insert)('74.02', 'Kabupaten Muna', 2);
      expect(prepare.mock.calls.filter(([text]) => text === insert)).toHaveLength(0); // kept from seed(), before the spy
      expect(queryValue<number>(db, 'SELECT count(*) FROM regency').get()).toBe(5);
    } finally {
      db.close();
    }
  });

  it('gives separate connections separate statements', () => {
    const file = join(tempDir(), 'shared.db');
    const first = openFile(file);
    const second = openFile(file);
    try {
      seed(first);
      const firstPrepare = vi.spyOn(first, 'prepare');
      const secondPrepare = vi.spyOn(second, 'prepare');
      const sql = 'SELECT count(*) FROM regency WHERE stage IS NOT NULL';
      expect(queryValue<number>(first, sql).get()).toBe(2);
      expect(queryValue<number>(second, sql).get()).toBe(2);
      expect(queryValue<number>(first, sql).get()).toBe(2);
      expect(queryValue<number>(second, sql).get()).toBe(2);
      expect(firstPrepare).toHaveBeenCalledTimes(1);
      expect(secondPrepare).toHaveBeenCalledTimes(1);

      // A write on one connection is seen by the statement kept on the other.
      execute(second, 'UPDATE regency SET stage = 1 WHERE code = ?')('72.71');
      expect(queryValue<number>(first, sql).get()).toBe(3);
    } finally {
      first.close();
      second.close();
    }
    // A closed connection's statements go with it; a new connection to the file prepares its own.
    const third = openFile(file);
    try {
      const prepare = vi.spyOn(third, 'prepare');
      expect(queryValue<number>(third, 'SELECT count(*) FROM regency WHERE stage IS NOT NULL').get()).toBe(3);
      expect(prepare).toHaveBeenCalledTimes(1);
    } finally {
      third.close();
    }
  });

  it('runs a query again while the kept statement is still being iterated', () => {
    const db = openFile();
    try {
      seed(db);
      const sql = 'SELECT code, name, stage FROM regency ORDER BY code';
      const pairs: string[] = [];
      // The same query inside its own loop: SQLite cannot step one statement twice at once.
      for (const outer of query<RegencyRow>(db, sql).iterate()) {
        for (const inner of query<RegencyRow>(db, sql).iterate()) pairs.push(`${outer.code}/${inner.code}`);
        expect(query<RegencyRow>(db, sql).all()).toHaveLength(3);
        expect(query<RegencyRow>(db, sql).get()?.code).toBe('72.01');
      }
      expect(pairs).toHaveLength(9);

      // An iterator left unfinished does not break the query for everyone after it.
      const abandoned = query<RegencyRow>(db, sql).iterate();
      expect(abandoned.next().value?.code).toBe('72.01');
      expect(
        query<RegencyRow>(db, sql)
          .all()
          .map((row) => row.code),
      ).toEqual(['72.01', '72.71', '73.71']);
      abandoned.return?.();
      // Once it is done, the kept statement serves again.
      const prepare = vi.spyOn(db, 'prepare');
      expect(query<RegencyRow>(db, sql).all()).toHaveLength(3);
      expect(prepare).not.toHaveBeenCalled();
    } finally {
      db.close();
    }
  });
});
