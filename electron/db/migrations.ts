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
  {
    version: 3,
    name: 'submissions, documents, page text with full-text search, outline, coverage, inventory',
    up(db) {
      db.exec(`
        CREATE TABLE submission (
          id INTEGER PRIMARY KEY,
          regency_code TEXT NOT NULL REFERENCES regency (code) ON DELETE RESTRICT,
          kind TEXT NOT NULL CHECK (kind IN ('bimtek', 'evaluation')),
          stage INTEGER CHECK (stage BETWEEN 1 AND 4),
          year INTEGER CHECK (year BETWEEN 2017 AND 2100),
          title TEXT,
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL,
          CHECK ((kind = 'bimtek' AND stage IS NOT NULL AND year IS NULL)
              OR (kind = 'evaluation' AND year IS NOT NULL AND stage IS NULL))
        ) STRICT;
        CREATE UNIQUE INDEX submission_is_unique ON submission (regency_code, kind, coalesce(stage, 0), coalesce(year, 0));

        -- Files by content: documents/<first two hex digits>/<sha256>.
        CREATE TABLE blob (
          sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
          size INTEGER NOT NULL CHECK (size > 0),
          kind TEXT NOT NULL CHECK (kind IN ('pdf', 'docx', 'xlsx')),
          stored_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE document (
          id INTEGER PRIMARY KEY,
          submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE RESTRICT,
          sha256 TEXT NOT NULL REFERENCES blob (sha256) ON DELETE RESTRICT,
          file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
          kind TEXT NOT NULL CHECK (kind IN ('pdf', 'docx', 'xlsx')),
          role TEXT NOT NULL CHECK (role IN ('analysis', 'masterplan', 'quick_win', 'annex')),
          pages INTEGER NOT NULL CHECK (pages >= 0),
          words INTEGER NOT NULL CHECK (words >= 0),
          pages_without_text TEXT NOT NULL CHECK (json_valid(pages_without_text)),
          warnings TEXT NOT NULL CHECK (json_valid(warnings)),
          imported_at TEXT NOT NULL,
          imported_by TEXT NOT NULL,
          UNIQUE (submission_id, sha256)
        ) STRICT;

        CREATE TABLE page (
          id INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
          number INTEGER NOT NULL CHECK (number >= 1),
          label TEXT NOT NULL,
          text TEXT NOT NULL,
          has_text INTEGER NOT NULL CHECK (has_text IN (0, 1)),
          UNIQUE (document_id, number)
        ) STRICT;
        CREATE VIRTUAL TABLE page_fts USING fts5(
          text, content = 'page', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER page_fts_insert AFTER INSERT ON page
          BEGIN INSERT INTO page_fts (rowid, text) VALUES (new.id, new.text); END;
        CREATE TRIGGER page_fts_delete AFTER DELETE ON page
          BEGIN INSERT INTO page_fts (page_fts, rowid, text) VALUES ('delete', old.id, old.text); END;

        CREATE TABLE outline_entry (
          id INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
          label TEXT NOT NULL,
          title TEXT NOT NULL,
          page INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE coverage (
          document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
          topic TEXT NOT NULL,
          page INTEGER NOT NULL,
          hits INTEGER NOT NULL CHECK (hits > 0),
          PRIMARY KEY (document_id, topic, page)
        ) STRICT;

        CREATE TABLE inventory_item (
          id INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('programme', 'quick_win')),
          name TEXT NOT NULL CHECK (length(name) > 0),
          dimension TEXT,
          agency TEXT,
          horizon TEXT,
          year TEXT,
          page INTEGER NOT NULL,
          status TEXT NOT NULL DEFAULT 'found' CHECK (status IN ('found', 'confirmed', 'rejected')),
          updated_at TEXT,
          updated_by TEXT
        ) STRICT;
        CREATE INDEX inventory_by_document ON inventory_item (document_id);
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
