import type { Db } from './open.ts';

export interface Migration {
  /** Becomes PRAGMA user_version once applied. Versions run 1, 2, 3… without gaps. */
  version: number;
  name: string;
  up(db: Db): void;
}

/** The ordered history of the workspace schema. Append only: never edit a released migration. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'regency registry, profile, settings, audit log',
    up(db) {
      db.exec(`
        CREATE TABLE regency (
          code TEXT PRIMARY KEY CHECK (code GLOB '[0-9][0-9].[0-9][0-9]'),
          name TEXT NOT NULL CHECK (length(name) > 0),
          province_code TEXT NOT NULL CHECK (province_code GLOB '[0-9][0-9]'),
          province_name TEXT NOT NULL,
          cohort_year INTEGER NOT NULL CHECK (cohort_year BETWEEN 2017 AND 2100),
          stage INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 4),
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL
        ) STRICT;

        CREATE TABLE profile (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          name TEXT NOT NULL CHECK (length(trim(name)) > 0),
          institution TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('assessor', 'regional_planner')),
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE setting (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL CHECK (json_valid(value))
        ) STRICT;

        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          actor_role TEXT,
          action TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_key TEXT NOT NULL,
          before TEXT CHECK (before IS NULL OR json_valid(before)),
          after TEXT CHECK (after IS NULL OR json_valid(after))
        ) STRICT;
        CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_key);
        CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      `);
    },
  },
  {
    version: 2,
    name: 'rubrics and their immutable versions',
    up(db) {
      db.exec(`
        CREATE TABLE rubric (
          id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
          origin TEXT NOT NULL CHECK (origin IN ('template', 'user', 'import')),
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL
        ) STRICT;

        CREATE TABLE rubric_version (
          rubric_id TEXT NOT NULL REFERENCES rubric (id) ON DELETE RESTRICT,
          version INTEGER NOT NULL CHECK (version >= 1),
          document TEXT NOT NULL CHECK (
            json_valid(document)
            AND json_extract(document, '$.id') = rubric_id
            AND json_extract(document, '$.version') = version
          ),
          change_kind TEXT CHECK (change_kind IN ('none', 'wording', 'scoring', 'structure')),
          change TEXT CHECK (change IS NULL OR json_valid(change)),
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL,
          PRIMARY KEY (rubric_id, version)
        ) STRICT;
        CREATE TRIGGER rubric_version_is_immutable_update BEFORE UPDATE ON rubric_version
          BEGIN SELECT RAISE(ABORT, 'rubric versions are immutable: save a new version instead'); END;
        CREATE TRIGGER rubric_version_is_immutable_delete BEFORE DELETE ON rubric_version
          BEGIN SELECT RAISE(ABORT, 'rubric versions are immutable: save a new version instead'); END;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
