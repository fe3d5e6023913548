import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate.ts';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from '../../electron/core/db/migrations.ts';
import { openDatabase, schemaVersion } from '../../electron/core/db/open.ts';
import { openWorkspace } from '../../electron/core/workspace/open.ts';
import { AppError } from '../../shared/errors.ts';
import { tempDir } from '../helpers/temp.ts';

function freshDb() {
  const dir = tempDir();
  const path = join(dir, 'timbang.db');
  return { dir, path, db: openDatabase(path) };
}

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table','trigger') ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );

describe('migration list', () => {
  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });
});

describe('migration 1: regency registry, profile, settings, audit log', () => {
  it('creates the tables with their rules', () => {
    const { db, path } = freshDb();
    expect(migrate(db, path, migrations.slice(0, 1))).toEqual({ from: 0, to: 1 });
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['regency', 'profile', 'setting', 'audit_log', 'audit_log_is_append_only_update']));
    const insert = db.prepare(`INSERT INTO regency VALUES (?, 'Kabupaten Banggai', '72', 'Sulawesi Tengah', ?, ?, 'a', 'b', 'c', 'd')`);
    insert.run('72.01', 2022, 3);
    expect(() => insert.run('7201', 2022, 3)).toThrow(/CHECK/);
    expect(() => insert.run('72.02', 2016, 3)).toThrow(/CHECK/);
    expect(() => insert.run('72.03', 2022, 5)).toThrow(/CHECK/);
    expect(() => insert.run('72.04', '2022x', 3)).toThrow();
    expect(() => db.prepare("INSERT INTO profile VALUES (2, 'A', '', 'assessor', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO profile VALUES (1, 'A', '', 'boss', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO setting VALUES ('passMark', 'not json')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_key) VALUES ('t', 'a', 'x', 'y', 'z')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('migration 2: rubrics and their immutable versions', () => {
  it('stores versions whose document matches their key, and never changes them', () => {
    const { db, path } = freshDb();
    migrate(db, path, migrations.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    db.prepare("INSERT INTO rubric VALUES ('uji', 'user', 't', 'a')").run();
    const insert = db.prepare('INSERT INTO rubric_version (rubric_id, version, document, created_at, created_by) VALUES (?, ?, ?, ?, ?)');
    insert.run('uji', 1, JSON.stringify({ id: 'uji', version: 1 }), 't', 'a');
    expect(() => insert.run('uji', 2, JSON.stringify({ id: 'lain', version: 2 }), 't', 'a')).toThrow(/CHECK/);
    expect(() => insert.run('uji', 3, JSON.stringify({ id: 'uji', version: 4 }), 't', 'a')).toThrow(/CHECK/);
    expect(() => insert.run('tidak-ada', 1, JSON.stringify({ id: 'tidak-ada', version: 1 }), 't', 'a')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO rubric VALUES ('Bad Id', 'user', 't', 'a')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE rubric_version SET created_by = 'x'").run()).toThrow(/immutable/);
    expect(() => db.prepare("DELETE FROM rubric WHERE id = 'uji'").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('upgrades a version-1 workspace with its data intact', () => {
    const { db, path } = freshDb();
    migrate(db, path, migrations.slice(0, 1));
    db.prepare(`INSERT INTO regency VALUES ('72.01', 'Kabupaten Banggai', '72', 'Sulawesi Tengah', 2022, 3, 'a', 'b', 'c', 'd')`).run();
    const report = migrate(db, path, migrations.slice(0, 2));
    expect(report).toMatchObject({ from: 1, to: 2 });
    expect(report.backupPath).toBeDefined();
    expect(db.prepare('SELECT code FROM regency').all()).toEqual([{ code: '72.01' }]);
    db.close();
  });
});

describe('migration 4: assessments, scores, evidence, panels, and their audit trail', () => {
  it('upgrades a version-3 workspace with its submissions intact, and locks what is not a draft', () => {
    const { db, path } = freshDb();
    migrate(db, path, migrations.slice(0, 3));
    db.prepare(`INSERT INTO regency VALUES ('72.01', 'Kabupaten Banggai', '72', 'Sulawesi Tengah', 2022, 3, 'a', 'b', 'c', 'd')`).run();
    db.prepare("INSERT INTO submission (regency_code, kind, stage, created_at, created_by) VALUES ('72.01', 'bimtek', 3, 't', 'x')").run();
    db.prepare("INSERT INTO rubric VALUES ('r', 'user', 't', 'x')").run();
    db.prepare(
      `INSERT INTO rubric_version (rubric_id, version, document, created_at, created_by) VALUES ('r', 1, '{"id":"r","version":1}', 't', 'x')`,
    ).run();
    expect(migrate(db, path, migrations.slice(0, 4))).toMatchObject({ from: 3, to: 4 });
    expect(db.prepare('SELECT regency_code, stage FROM submission').all()).toEqual([{ regency_code: '72.01', stage: 3 }]);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'assessment',
        'assessment_score',
        'evidence',
        'panel',
        'panel_agreement',
        'assessment_event',
        'assessment_finalized_is_immutable',
      ]),
    );
    const insertAssessment = db.prepare(
      `INSERT INTO assessment (submission_id, rubric_id, rubric_version, role, assessor_name, created_at, created_by, updated_at, updated_by)
       VALUES (1, 'r', ?, ?, ?, 't', 'x', 't', 'x')`,
    );
    expect(() => insertAssessment.run(2, 'assessor', 'A')).toThrow(/FOREIGN KEY/);
    expect(() => insertAssessment.run(1, 'boss', 'A')).toThrow(/CHECK/);
    insertAssessment.run(1, 'assessor', 'A');
    expect(() => insertAssessment.run(1, 'assessor', 'A')).toThrow(/UNIQUE/);
    const score = db.prepare(
      "INSERT INTO assessment_score (assessment_id, criterion_code, value, not_applicable, updated_at, updated_by) VALUES (1, ?, ?, ?, 't', 'x')",
    );
    score.run('C.1', 3, 0);
    expect(() => score.run('C.2', 3, 1)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE assessment SET status = 'finalized'").run()).toThrow(/cannot move/);
    db.prepare("UPDATE assessment SET status = 'submitted'").run();
    expect(() => score.run('C.3', 2, 0)).toThrow(/not a draft/);
    expect(() => db.prepare("UPDATE assessment SET rubric_version = 1, assessor_name = 'B'").run()).toThrow(/not a draft/);
    db.prepare("UPDATE assessment SET status = 'finalized'").run();
    expect(() => db.prepare("UPDATE assessment SET status = 'submitted'").run()).toThrow(/finalized|cannot move/);
    expect(() => db.prepare("INSERT INTO panel_agreement VALUES (1, 'r', 'C.1', NULL, 0, 'why', 't', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO panel_agreement VALUES (1, 'r', 'C.1', 3, 0, '  ', 't', 'x')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO assessment_event (at, actor, submission_id, rubric_id, action) VALUES ('t', 'x', 1, 'r', 'score')").run();
    expect(() => db.prepare("UPDATE assessment_event SET actor = 'y'").run()).toThrow(/append-only/);
    db.close();
  });
});

describe('migration 5: OCR pages, budgets and innovations, the same document twice, structure for coverage', () => {
  it('upgrades a version-4 workspace with its documents intact, the new columns defaulted and checked', () => {
    const { db, path } = freshDb();
    migrate(db, path, migrations.slice(0, 4));
    db.prepare(`INSERT INTO regency VALUES ('72.01', 'Kabupaten Banggai', '72', 'Sulawesi Tengah', 2022, 3, 'a', 'b', 'c', 'd')`).run();
    db.prepare("INSERT INTO submission (regency_code, kind, stage, created_at, created_by) VALUES ('72.01', 'bimtek', 3, 't', 'x')").run();
    db.prepare(`INSERT INTO blob VALUES ('${'a'.repeat(64)}', 10, 'pdf', 't')`).run();
    db.prepare(
      `INSERT INTO document (submission_id, sha256, file_name, kind, role, pages, words, pages_without_text, warnings, imported_at, imported_by)
                VALUES (1, '${'a'.repeat(64)}', 'mp.pdf', 'pdf', 'masterplan', 1, 3, '[]', '[]', 't', 'x')`,
    ).run();
    db.prepare("INSERT INTO page (document_id, number, label, text, has_text) VALUES (1, 1, '1', 'Bank sampah digital', 1)").run();
    db.prepare("INSERT INTO inventory_item (document_id, kind, name, page) VALUES (1, 'programme', 'Bank sampah digital', 1)").run();
    expect(migrate(db, path, migrations.slice(0, 5))).toMatchObject({ from: 4, to: 5 });
    expect(db.prepare('SELECT source, ocr_words FROM page').get()).toEqual({ source: 'text', ocr_words: null });
    expect(db.prepare('SELECT duplicate_of, structure FROM document').get()).toEqual({ duplicate_of: null, structure: '{}' });
    expect(db.prepare('SELECT name, budget, innovation FROM inventory_item').get()).toEqual({
      name: 'Bank sampah digital',
      budget: null,
      innovation: null,
    });
    expect(() => db.prepare("UPDATE page SET source = 'guess'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE page SET ocr_words = 'not json'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE inventory_item SET budget = -5').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE document SET duplicate_of = 99').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migration 6: stable identities', () => {
  it('maps every name to a person: mine (under every name my profile had) to this laptop, others one each; nothing is lost', () => {
    const { db, path } = freshDb();
    migrate(db, path, migrations.slice(0, 5));
    db.prepare(`INSERT INTO regency VALUES ('72.01', 'Kabupaten Banggai', '72', 'Sulawesi Tengah', 2022, 3, 'a', 'b', 'c', 'd')`).run();
    db.prepare("INSERT INTO submission (regency_code, kind, stage, created_at, created_by) VALUES ('72.01', 'bimtek', 3, 't', 'x')").run();
    db.prepare("INSERT INTO rubric VALUES ('r', 'user', 't', 'x')").run();
    db.prepare(
      `INSERT INTO rubric_version (rubric_id, version, document, created_at, created_by) VALUES ('r', 1, '{"id":"r","version":1}', 't', 'x')`,
    ).run();
    // My name was 'Dr Sari', corrected to 'Dr. Sari': the drafts made before the correction are still mine.
    db.prepare("INSERT INTO profile VALUES (1, 'Dr. Sari', 'UGM', 'assessor', 't')").run();
    db.prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_key, before, after)
       VALUES ('t', 'Dr Sari', 'profile.save', 'profile', '1', '{"name":"Dr Sari"}', '{"name":"Dr. Sari"}')`,
    ).run();
    const insertAssessment = db.prepare(
      `INSERT INTO assessment (submission_id, rubric_id, rubric_version, role, assessor_name, assessor_institution, status, created_at, created_by, updated_at, updated_by)
       VALUES (1, 'r', 1, ?, ?, ?, ?, 't', 'x', 't', 'x')`,
    );
    insertAssessment.run('assessor', 'Dr Sari', 'UGM', 'draft');
    insertAssessment.run('assessor', 'Prof. Budi', 'ITB', 'draft');
    insertAssessment.run('self', 'laptop-user', '', 'draft');
    db.prepare(
      "INSERT INTO assessment_score (assessment_id, criterion_code, value, updated_at, updated_by) VALUES (2, 'C.1', 3, 't', 'x')",
    ).run();
    db.prepare("UPDATE assessment SET status = 'submitted' WHERE id = 2").run();
    db.prepare("INSERT INTO panel VALUES (1, 'r', 'Prof. Budi', 't')").run();
    db.prepare("INSERT INTO panel_agreement VALUES (1, 'r', 'C.1', 4, 0, 'why', 't', 'Prof. Budi')").run();
    db.prepare(
      "INSERT INTO assessment_event (at, actor, submission_id, rubric_id, assessment_id, action) VALUES ('t', 'Prof. Budi', 1, 'r', 2, 'score')",
    ).run();

    expect(migrate(db, path, migrations.slice(0, 6), undefined, { localName: 'laptop-user' })).toMatchObject({ from: 5, to: 6 });
    const me = (db.prepare('SELECT person_id FROM identity').get() as { person_id: string }).person_id;
    const people = db.prepare('SELECT id, name, institution, public_key, from_name FROM person ORDER BY name').all() as {
      id: string;
      name: string;
      institution: string;
      public_key: string | null;
      from_name: number;
    }[];
    const budi = people.find((person) => person.name === 'Prof. Budi');
    expect(people.find((person) => person.id === me)).toMatchObject({
      name: 'Dr. Sari',
      institution: 'UGM',
      public_key: expect.stringContaining('PUBLIC KEY'),
    });
    // Known by name only, until his first file with an id says who he is.
    expect(budi).toMatchObject({ institution: 'ITB', public_key: null, from_name: 1 });
    expect(db.prepare('SELECT id, assessor_id, assessor_name FROM assessment ORDER BY id').all()).toEqual([
      { id: 1, assessor_id: me, assessor_name: 'Dr Sari' },
      { id: 2, assessor_id: budi?.id, assessor_name: 'Prof. Budi' },
      { id: 3, assessor_id: me, assessor_name: 'laptop-user' },
    ]);
    // Shown under the name they go by now.
    expect(db.prepare('SELECT assessor_label FROM assessment_named WHERE id = 1').get()).toEqual({ assessor_label: 'Dr. Sari' });
    expect(db.prepare('SELECT value FROM assessment_score').all()).toEqual([{ value: 3 }]);
    expect(db.prepare('SELECT lead_id FROM panel').get()).toEqual({ lead_id: budi?.id });
    expect(db.prepare('SELECT decided_by_id FROM panel_agreement').get()).toEqual({ decided_by_id: budi?.id });
    expect(db.prepare('SELECT actor_id FROM assessment_event').get()).toEqual({ actor_id: budi?.id });
    expect(db.prepare("SELECT actor_id FROM audit_log WHERE action = 'profile.save'").get()).toEqual({ actor_id: me });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // The rules came back with the rebuilt table: locked unless a draft, append-only trails, one assessment per person.
    expect(() => db.prepare("UPDATE assessment SET assessor_id = 'x' WHERE id = 2").run()).toThrow(/not a draft/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO assessment_score (assessment_id, criterion_code, value, updated_at, updated_by) VALUES (2, 'C.2', 1, 't', 'x')",
        )
        .run(),
    ).toThrow(/not a draft/);
    expect(() => db.prepare('DELETE FROM assessment WHERE id = 2').run()).toThrow(/cannot be removed/);
    expect(() => db.prepare("UPDATE assessment_event SET actor = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'y'").run()).toThrow(/append-only/);
    expect(() => insertAssessment.run('assessor', 'Someone', '', 'draft')).toThrow(/NOT NULL|assessor_id/);
    const byPerson = db.prepare(
      `INSERT INTO assessment (submission_id, rubric_id, rubric_version, role, assessor_id, assessor_name, created_at, created_by, updated_at, updated_by)
       VALUES (1, 'r', 1, 'assessor', ?, ?, 't', 'x', 't', 'x')`,
    );
    expect(() => byPerson.run(me, 'Dr. Sari')).toThrow(/UNIQUE/);
    expect(() => byPerson.run('nobody', 'Nobody')).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('gives a new workspace its person, with no name until the profile is filled in', async () => {
    const ws = await openWorkspace(tempDir(), { fallbackActorName: 'laptop-user' });
    const identity = ws.profile.identity();
    expect(identity.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ws.profile.get()).toBeNull();
    ws.profile.save({ name: 'Dr. Sari', institution: 'UGM', role: 'assessor' });
    ws.profile.save({ name: 'Dr. Sari Wulandari', institution: 'UGM', role: 'assessor' });
    expect(ws.profile.get()).toMatchObject({ id: identity.id, name: 'Dr. Sari Wulandari' });
    expect(ws.profile.people()).toEqual([{ id: identity.id, name: 'Dr. Sari Wulandari', institution: 'UGM', current: true }]);

    // A planner's own regency: one the workspace has; removing the regency leaves the profile without one.
    const planner = { name: 'Rina', institution: 'DKISP', role: 'regional_planner' as const };
    expect(() => ws.profile.save({ ...planner, regencyCode: '72.01' })).toThrow(/regency.not_found/);
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    expect(ws.profile.save({ ...planner, regencyCode: '72.01' })).toMatchObject({ id: identity.id, regencyCode: '72.01' });
    ws.regencies.remove('72.01');
    expect(ws.profile.get()).toMatchObject({ regencyCode: null });
    ws.close();
  });
});

describe('migrate', () => {
  it('sets WAL, foreign keys and a busy timeout on every connection', () => {
    const { db } = freshDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('does nothing on an up-to-date database and takes no backup of a new one', () => {
    const { db, path, dir } = freshDb();
    migrate(db, path);
    expect(migrate(db, path)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    expect(existsSync(join(dir, 'backups'))).toBe(false);
    db.close();
  });

  it('backs up an existing workspace before migrating it, and the backup holds the old data', () => {
    const { db, path, dir } = freshDb();
    migrate(db, path, migrations.slice(0, 1));
    db.prepare(`INSERT INTO regency VALUES ('72.01', 'Kabupaten Banggai', '72', 'Sulawesi Tengah', 2022, 3, 'a', 'b', 'c', 'd')`).run();
    const next: Migration = { version: 2, name: 'test: add a column', up: (d) => d.exec('ALTER TABLE regency ADD COLUMN note TEXT') };
    const report = migrate(db, path, [...migrations.slice(0, 1), next], () => new Date('2026-08-15T10:00:00Z'));
    expect(report.from).toBe(1);
    expect(report.to).toBe(2);
    expect(report.backupPath).toBeDefined();
    expect(readdirSync(join(dir, 'backups'))).toEqual(['timbang-v1-before-v2-2026-08-15T10-00-00-000Z.db']);
    const backup = new Database(report.backupPath as string, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT code FROM regency').all()).toEqual([{ code: '72.01' }]);
    backup.close();
    db.close();
  });

  it('applies all pending migrations in one transaction: a failure leaves the database as it was', () => {
    const { db, path } = freshDb();
    migrate(db, path, migrations.slice(0, 1));
    const good: Migration = { version: 2, name: 'good', up: (d) => d.exec('CREATE TABLE extra (x)') };
    const bad: Migration = { version: 3, name: 'bad', up: (d) => d.exec('CREATE TABLE broken (') };
    expect(() => migrate(db, path, [...migrations.slice(0, 1), good, bad])).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('extra');
    db.close();
  });

  it('refuses a database made by a newer Timbang, untouched', () => {
    const { db, path } = freshDb();
    db.pragma('user_version = 42');
    const error = (() => {
      try {
        migrate(db, path);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('workspace.too_new');
    expect((error as AppError).params).toEqual({ found: 42, supported: LATEST_SCHEMA_VERSION });
    expect(schemaVersion(db)).toBe(42);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuses a file that is not a database with a clear error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'timbang.db'), 'this is not sqlite, just text that happens to be here '.repeat(100));
    await expect(openWorkspace(dir)).rejects.toMatchObject({ code: 'workspace.unreadable' });
  });
});
