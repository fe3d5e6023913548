import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';

describe('runtime', () => {
  it('runs on the Node 22 pinned by the project', () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
  });

  it('loads better-sqlite3 from its N-API prebuild, with FTS5 and diacritics folding', () => {
    const db = new Database(join(tempDir(), 'probe.db'));
    try {
      const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
      expect(version.split('.').map(Number)[0]).toBe(3);
      db.exec("CREATE VIRTUAL TABLE page USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
      db.prepare('INSERT INTO page (body) VALUES (?)').run('Galeri UMKM daring untuk ekonomi kreatif Banggai');
      db.prepare('INSERT INTO page (body) VALUES (?)').run('Layanan ambulans gratis (Smart Living)');
      const hits = db.prepare("SELECT body FROM page WHERE page MATCH 'ekonomi AND banggai'").all();
      expect(hits).toHaveLength(1);
      expect(db.prepare("SELECT body FROM page WHERE page MATCH 'ambulans'").all()).toHaveLength(1);
    } finally {
      db.close();
    }
  });

  it('is the N-API build shipped in the package, not a locally compiled one', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const { existsSync } = await import('node:fs');
    const packageDir = join(require.resolve('better-sqlite3'), '..', '..');
    expect(existsSync(join(packageDir, 'build', 'Release', 'better_sqlite3.node'))).toBe(false);
    expect(existsSync(join(packageDir, 'prebuilds', `${process.platform}-${process.arch}.node`))).toBe(true);
  });
});
