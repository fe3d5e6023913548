import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Db } from './open.ts';

/** What a migration may need to know beyond the database itself. */
export interface MigrationContext {
  /** The name this laptop's user acted under when no profile was set (the operating-system user). */
  localName?: string;
  now?: () => string;
}

export interface Migration {
  /** Becomes PRAGMA user_version once applied. Versions run 1, 2, 3… without gaps. */
  version: number;
  name: string;
  /** Rebuilds a table others refer to: run with foreign keys off, then checked whole before commit. */
  rebuildsTables?: boolean;
  up(db: Db, context: MigrationContext): void;
}

/** A new person id and its signing key pair (Ed25519, PEM): what a person is on this laptop. */
export function newIdentityKeys(): { id: string; publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { id: randomUUID(), publicKey, privateKey };
}

const ASSESSMENT_TRIGGERS = `
  CREATE TRIGGER assessment_status_moves_forward BEFORE UPDATE OF status ON assessment
    WHEN NEW.status <> OLD.status AND NOT (
      (OLD.status = 'draft' AND NEW.status = 'submitted') OR
      (OLD.status = 'submitted' AND NEW.status IN ('finalized', 'draft')))
    BEGIN SELECT RAISE(ABORT, 'assessment status cannot move that way'); END;
  CREATE TRIGGER assessment_finalized_is_immutable BEFORE UPDATE ON assessment
    WHEN OLD.status = 'finalized'
    BEGIN SELECT RAISE(ABORT, 'assessment is finalized and cannot change'); END;
  CREATE TRIGGER assessment_identity_fixed_unless_draft
    BEFORE UPDATE OF rubric_id, rubric_version, submission_id, role, assessor_id, assessor_name ON assessment
    WHEN OLD.status <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
  CREATE TRIGGER assessment_kept_unless_draft BEFORE DELETE ON assessment
    WHEN OLD.status <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot be removed'); END;
  CREATE TRIGGER assessment_score_locked_insert BEFORE INSERT ON assessment_score
    WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
  CREATE TRIGGER assessment_score_locked_update BEFORE UPDATE ON assessment_score
    WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
  CREATE TRIGGER assessment_score_locked_delete BEFORE DELETE ON assessment_score
    WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
  CREATE TRIGGER evidence_locked_insert BEFORE INSERT ON evidence
    WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
  CREATE TRIGGER evidence_locked_update BEFORE UPDATE ON evidence
    WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
  CREATE TRIGGER evidence_locked_delete BEFORE DELETE ON evidence
    WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
`;

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
  {
    version: 4,
    name: 'assessments, scores, evidence, panels, and their audit trail',
    up(db) {
      db.exec(`
        CREATE TABLE assessment (
          id INTEGER PRIMARY KEY,
          submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE RESTRICT,
          rubric_id TEXT NOT NULL,
          rubric_version INTEGER NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('assessor', 'self')),
          assessor_name TEXT NOT NULL CHECK (length(trim(assessor_name)) > 0),
          assessor_institution TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'finalized')),
          revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL,
          submitted_at TEXT,
          finalized_at TEXT,
          FOREIGN KEY (rubric_id, rubric_version) REFERENCES rubric_version (rubric_id, version) ON DELETE RESTRICT,
          UNIQUE (submission_id, rubric_id, role, assessor_name)
        ) STRICT;
        CREATE INDEX assessment_by_assessor ON assessment (assessor_name);

        -- Raw facts only: the level chosen, the note. Totals and percentages are derived.
        CREATE TABLE assessment_score (
          assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
          criterion_code TEXT NOT NULL,
          value REAL,
          not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
          note TEXT NOT NULL DEFAULT '',
          needs_rescore INTEGER NOT NULL DEFAULT 0 CHECK (needs_rescore IN (0, 1)),
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL,
          PRIMARY KEY (assessment_id, criterion_code),
          CHECK (NOT (not_applicable = 1 AND value IS NOT NULL))
        ) STRICT;

        CREATE TABLE evidence (
          id INTEGER PRIMARY KEY,
          assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
          criterion_code TEXT NOT NULL,
          document_id INTEGER REFERENCES document (id) ON DELETE RESTRICT,
          file_name TEXT NOT NULL,
          sha256 TEXT,
          page INTEGER NOT NULL CHECK (page >= 1),
          quote TEXT NOT NULL CHECK (length(quote) > 0),
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL
        ) STRICT;
        CREATE INDEX evidence_by_assessment ON evidence (assessment_id, criterion_code);
        CREATE INDEX evidence_by_document ON evidence (document_id);

        CREATE TABLE panel (
          submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE RESTRICT,
          rubric_id TEXT NOT NULL,
          lead_name TEXT NOT NULL CHECK (length(trim(lead_name)) > 0),
          updated_at TEXT NOT NULL,
          PRIMARY KEY (submission_id, rubric_id)
        ) STRICT;

        -- The lead's reconciled score for a criterion; the assessors' own scores stay as they were.
        CREATE TABLE panel_agreement (
          submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE RESTRICT,
          rubric_id TEXT NOT NULL,
          criterion_code TEXT NOT NULL,
          value REAL,
          not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
          reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
          decided_at TEXT NOT NULL,
          decided_by TEXT NOT NULL,
          PRIMARY KEY (submission_id, rubric_id, criterion_code),
          CHECK ((not_applicable = 1) = (value IS NULL))
        ) STRICT;

        -- The audit trail of scoring: every change to a score, note, evidence, status or agreed score.
        CREATE TABLE assessment_event (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          submission_id INTEGER NOT NULL,
          rubric_id TEXT NOT NULL,
          assessment_id INTEGER,
          criterion_code TEXT,
          action TEXT NOT NULL,
          before TEXT CHECK (before IS NULL OR json_valid(before)),
          after TEXT CHECK (after IS NULL OR json_valid(after)),
          reason TEXT
        ) STRICT;
        CREATE INDEX assessment_event_by_assessment ON assessment_event (assessment_id, criterion_code);
        CREATE INDEX assessment_event_by_submission ON assessment_event (submission_id, rubric_id);
        CREATE TRIGGER assessment_event_is_append_only_update BEFORE UPDATE ON assessment_event
          BEGIN SELECT RAISE(ABORT, 'the assessment history is append-only'); END;
        CREATE TRIGGER assessment_event_is_append_only_delete BEFORE DELETE ON assessment_event
          BEGIN SELECT RAISE(ABORT, 'the assessment history is append-only'); END;

        -- Only a draft changes. A submitted assessment is reopened (with a reason) before it can
        -- change; a finalized one never changes again. Enforced here, whatever writes to the file.
        CREATE TRIGGER assessment_status_moves_forward BEFORE UPDATE OF status ON assessment
          WHEN NEW.status <> OLD.status AND NOT (
            (OLD.status = 'draft' AND NEW.status = 'submitted') OR
            (OLD.status = 'submitted' AND NEW.status IN ('finalized', 'draft')))
          BEGIN SELECT RAISE(ABORT, 'assessment status cannot move that way'); END;
        CREATE TRIGGER assessment_finalized_is_immutable BEFORE UPDATE ON assessment
          WHEN OLD.status = 'finalized'
          BEGIN SELECT RAISE(ABORT, 'assessment is finalized and cannot change'); END;
        CREATE TRIGGER assessment_identity_fixed_unless_draft
          BEFORE UPDATE OF rubric_id, rubric_version, submission_id, role, assessor_name ON assessment
          WHEN OLD.status <> 'draft'
          BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
        CREATE TRIGGER assessment_kept_unless_draft BEFORE DELETE ON assessment
          WHEN OLD.status <> 'draft'
          BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot be removed'); END;
        CREATE TRIGGER assessment_score_locked_insert BEFORE INSERT ON assessment_score
          WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) <> 'draft'
          BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
        CREATE TRIGGER assessment_score_locked_update BEFORE UPDATE ON assessment_score
          WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
          BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
        CREATE TRIGGER assessment_score_locked_delete BEFORE DELETE ON assessment_score
          WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
          BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
        CREATE TRIGGER evidence_locked_insert BEFORE INSERT ON evidence
          WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) <> 'draft'
          BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
        CREATE TRIGGER evidence_locked_update BEFORE UPDATE ON evidence
          WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
          BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
        CREATE TRIGGER evidence_locked_delete BEFORE DELETE ON evidence
          WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
          BEGIN SELECT RAISE(ABORT, 'assessment is not a draft and cannot change'); END;
      `);
    },
  },
  {
    version: 5,
    name: 'intake from geometry: OCR pages with their word boxes, budgets and innovations in the inventory, the same document twice, structure for coverage',
    up(db) {
      db.exec(`
        -- Where a page's text came from; an OCR page keeps its word boxes for the reader's text layer.
        ALTER TABLE page ADD COLUMN source TEXT NOT NULL DEFAULT 'text' CHECK (source IN ('text', 'ocr'));
        ALTER TABLE page ADD COLUMN ocr_words TEXT CHECK (ocr_words IS NULL OR json_valid(ocr_words));

        ALTER TABLE inventory_item ADD COLUMN innovation TEXT;
        ALTER TABLE inventory_item ADD COLUMN budget INTEGER CHECK (budget IS NULL OR budget >= 0);

        -- Another copy of the same text in the submission (a PDF of a DOCX): its inventory is drawn
        -- from the first copy only, and comes back if that copy is removed.
        ALTER TABLE document ADD COLUMN duplicate_of INTEGER REFERENCES document (id) ON DELETE SET NULL;
        -- What the document's structure says of the plan's parts (tables of quick wins, sections).
        ALTER TABLE document ADD COLUMN structure TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(structure));
      `);
    },
  },
  {
    version: 6,
    name: 'stable identities: people by id with a signing key, assessments, panels, agreed scores and trails owned by id',
    rebuildsTables: true,
    up(db, context) {
      db.exec(`
        -- Everyone whose work this workspace holds: this laptop's user and the people whose files came in.
        -- The id never changes; the name is a label that can.
        CREATE TABLE person (
          id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
          name TEXT NOT NULL,
          institution TEXT NOT NULL DEFAULT '',
          public_key TEXT,
          -- Known only by a name (work from before person ids): the first file that comes with this name
          -- and an id tells who they are, and own_id keeps that id from then on.
          from_name INTEGER NOT NULL DEFAULT 0 CHECK (from_name IN (0, 1)),
          own_id TEXT UNIQUE CHECK (own_id IS NULL OR from_name = 1),
          updated_at TEXT NOT NULL
        ) STRICT;
        -- The people who work on this laptop, each with the private half of their signing key (made once).
        CREATE TABLE local_person (
          person_id TEXT PRIMARY KEY REFERENCES person (id),
          private_key TEXT NOT NULL
        ) STRICT;
        -- Which of them is using the workspace now: the one the profile describes.
        CREATE TABLE identity (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          person_id TEXT NOT NULL REFERENCES local_person (person_id)
        ) STRICT;
        CREATE TEMP TABLE name_to_person (name TEXT PRIMARY KEY, person_id TEXT NOT NULL);
      `);
      const at = context.now?.() ?? new Date().toISOString();
      const profile = db.prepare('SELECT name, institution FROM profile WHERE id = 1').get() as
        { name: string; institution: string } | undefined;
      const me = newIdentityKeys();
      db.prepare('INSERT INTO person (id, name, institution, public_key, updated_at) VALUES (?, ?, ?, ?, ?)').run(
        me.id,
        profile?.name ?? '',
        profile?.institution ?? '',
        me.publicKey,
        at,
      );
      db.prepare('INSERT INTO local_person (person_id, private_key) VALUES (?, ?)').run(me.id, me.privateKey);
      db.prepare('INSERT INTO identity (id, person_id) VALUES (1, ?)').run(me.id);

      // Mine: every name the profile has had (the audit log keeps each rename), and the name used without one.
      const myNames = new Set<string>();
      if (profile) myNames.add(profile.name);
      if (context.localName) myNames.add(context.localName);
      const renames = db.prepare("SELECT before, after FROM audit_log WHERE entity = 'profile'").all() as {
        before: string | null;
        after: string | null;
      }[];
      for (const row of renames) {
        for (const side of [row.before, row.after]) {
          const name = side ? (JSON.parse(side) as { name?: unknown }).name : undefined;
          if (typeof name === 'string' && name.trim() !== '') myNames.add(name);
        }
      }
      const mapName = db.prepare('INSERT OR IGNORE INTO name_to_person (name, person_id) VALUES (?, ?)');
      for (const name of myNames) mapName.run(name, me.id);
      // Everyone else: one person per name. Two people who shared a name were one before; they stay one.
      const others = db
        .prepare(
          `SELECT name, max(institution) AS institution FROM (
             SELECT assessor_name AS name, assessor_institution AS institution FROM assessment
             UNION ALL SELECT lead_name, '' FROM panel UNION ALL SELECT decided_by, '' FROM panel_agreement
             UNION ALL SELECT actor, '' FROM assessment_event UNION ALL SELECT actor, '' FROM audit_log)
           GROUP BY name ORDER BY name`,
        )
        .all() as { name: string; institution: string }[];
      const addPerson = db.prepare('INSERT INTO person (id, name, institution, from_name, updated_at) VALUES (?, ?, ?, 1, ?)');
      const known = db.prepare('SELECT 1 FROM name_to_person WHERE name = ?');
      for (const other of others) {
        if (known.get(other.name)) continue;
        const id = randomUUID();
        addPerson.run(id, other.name, other.institution ?? '', at);
        mapName.run(other.name, id);
      }

      // The assessment is rebuilt: one assessment per person (by id), not per name.
      db.exec(`
        DROP TRIGGER assessment_status_moves_forward;
        DROP TRIGGER assessment_finalized_is_immutable;
        DROP TRIGGER assessment_identity_fixed_unless_draft;
        DROP TRIGGER assessment_kept_unless_draft;
        DROP TRIGGER assessment_score_locked_insert;
        DROP TRIGGER assessment_score_locked_update;
        DROP TRIGGER assessment_score_locked_delete;
        DROP TRIGGER evidence_locked_insert;
        DROP TRIGGER evidence_locked_update;
        DROP TRIGGER evidence_locked_delete;
        CREATE TABLE assessment_by_person (
          id INTEGER PRIMARY KEY,
          submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE RESTRICT,
          rubric_id TEXT NOT NULL,
          rubric_version INTEGER NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('assessor', 'self')),
          assessor_id TEXT NOT NULL REFERENCES person (id),
          -- The name when the assessment was made; the person's current name is person.name.
          assessor_name TEXT NOT NULL CHECK (length(trim(assessor_name)) > 0),
          assessor_institution TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'finalized')),
          revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL,
          submitted_at TEXT,
          finalized_at TEXT,
          FOREIGN KEY (rubric_id, rubric_version) REFERENCES rubric_version (rubric_id, version) ON DELETE RESTRICT,
          UNIQUE (submission_id, rubric_id, role, assessor_id)
        ) STRICT;
        INSERT INTO assessment_by_person
          SELECT a.id, a.submission_id, a.rubric_id, a.rubric_version, a.role, m.person_id, a.assessor_name, a.assessor_institution,
                 a.status, a.revision, a.created_at, a.created_by, a.updated_at, a.updated_by, a.submitted_at, a.finalized_at
          FROM assessment a JOIN temp.name_to_person m ON m.name = a.assessor_name;
        DROP TABLE assessment;
        ALTER TABLE assessment_by_person RENAME TO assessment;
        CREATE INDEX assessment_by_assessor ON assessment (assessor_id);
        ${ASSESSMENT_TRIGGERS}

        -- Whose an assessment is, under the name they go by now.
        CREATE VIEW assessment_named AS
          SELECT a.*, coalesce(nullif(trim(p.name), ''), a.assessor_name) AS assessor_label
          FROM assessment a JOIN person p ON p.id = a.assessor_id;

        ALTER TABLE panel ADD COLUMN lead_id TEXT REFERENCES person (id);
        UPDATE panel SET lead_id = (SELECT person_id FROM temp.name_to_person WHERE name = panel.lead_name);
        ALTER TABLE panel_agreement ADD COLUMN decided_by_id TEXT REFERENCES person (id);
        UPDATE panel_agreement SET decided_by_id = (SELECT person_id FROM temp.name_to_person WHERE name = panel_agreement.decided_by);

        -- The trails are append-only; they are opened once, here, to give each line its person.
        ALTER TABLE assessment_event ADD COLUMN actor_id TEXT REFERENCES person (id);
        ALTER TABLE audit_log ADD COLUMN actor_id TEXT REFERENCES person (id);
        DROP TRIGGER assessment_event_is_append_only_update;
        DROP TRIGGER audit_log_is_append_only_update;
        UPDATE assessment_event SET actor_id = (SELECT person_id FROM temp.name_to_person WHERE name = assessment_event.actor);
        UPDATE audit_log SET actor_id = (SELECT person_id FROM temp.name_to_person WHERE name = audit_log.actor);
        CREATE TRIGGER assessment_event_is_append_only_update BEFORE UPDATE ON assessment_event
          BEGIN SELECT RAISE(ABORT, 'the assessment history is append-only'); END;
        CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        DROP TABLE temp.name_to_person;

        -- A regional planner's own regency: their home opens on it.
        ALTER TABLE profile ADD COLUMN regency_code TEXT REFERENCES regency (code) ON DELETE SET NULL;
      `);
    },
  },
  {
    version: 7,
    name: 'sync: signed records, their documents, the outbox, and record ids on the rows they produce',
    up(db) {
      db.exec(`
        -- Every record this workspace holds, whatever became of it (docs/sync.md §1). Insert-only but for state.
        CREATE TABLE sync_record (
          id TEXT PRIMARY KEY CHECK (length(id) = 22),
          text TEXT NOT NULL,
          signature BLOB NOT NULL,
          kind TEXT NOT NULL,
          author TEXT NOT NULL,
          seq INTEGER NOT NULL,
          -- What the record is about: an assessment key, a panel key, or a registry entity (state.ts targetOf).
          target TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('applied', 'not_applied', 'waiting', 'refused')),
          problem TEXT,
          origin TEXT NOT NULL,
          received_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX sync_record_by_target ON sync_record (target);
        CREATE INDEX sync_record_unsettled ON sync_record (state) WHERE state <> 'applied';
        -- Which Yjs documents hold each record.
        CREATE TABLE sync_record_doc (record_id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (record_id, doc)) STRICT, WITHOUT ROWID;
        -- Records made here, waiting to be put into their documents after the transaction that made them.
        CREATE TABLE sync_outbox (record_id TEXT NOT NULL REFERENCES sync_record (id), doc TEXT NOT NULL, PRIMARY KEY (record_id, doc)) STRICT;
        -- Each document's Yjs updates as this laptop holds them (compacted into one row now and then).
        CREATE TABLE sync_doc_update (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, data BLOB NOT NULL) STRICT;
        CREATE INDEX sync_doc_update_by_doc ON sync_doc_update (doc, id);
        -- Per document: when the hub last acknowledged everything in it.
        CREATE TABLE sync_doc (name TEXT PRIMARY KEY, synced_at TEXT, hub_seq INTEGER) STRICT;
        -- The author's counter (docs/sync.md §2), advanced in the transaction that signs a record.
        CREATE TABLE sync_seq (person_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) STRICT;
        -- The team this workspace syncs with (one hub at a time) and every hub key it has trusted.
        CREATE TABLE sync_team (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          hub_url TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          token TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('assessor', 'planner', 'ministry')),
          regencies TEXT NOT NULL DEFAULT '[]',
          joined_at TEXT NOT NULL,
          last_sync_at TEXT
        ) STRICT;
        CREATE TABLE sync_trusted_hub (fingerprint TEXT PRIMARY KEY, public_key TEXT NOT NULL, url TEXT NOT NULL) STRICT;
        -- The team's members, as the latest hub-signed member record says.
        CREATE TABLE sync_member (
          person TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('assessor', 'planner', 'ministry')),
          regencies TEXT NOT NULL DEFAULT '[]',
          public_key TEXT NOT NULL,
          revoked_after_seq INTEGER,
          record_id TEXT NOT NULL
        ) STRICT;
        -- Documents of a submission known from a record but not (yet) fetched to this laptop.
        CREATE TABLE remote_document (
          sub TEXT NOT NULL,
          sha256 TEXT NOT NULL,
          file_name TEXT NOT NULL,
          role TEXT NOT NULL,
          size INTEGER NOT NULL,
          pages INTEGER NOT NULL,
          record_id TEXT NOT NULL,
          PRIMARY KEY (sub, sha256)
        ) STRICT;
        -- Files the hub has (uploaded from here, or found there): later passes do not ask again (docs/sync.md §4.7).
        CREATE TABLE sync_blob_sent (sha256 TEXT PRIMARY KEY, sent_at TEXT NOT NULL) STRICT, WITHOUT ROWID;
        -- Present only inside the applier's own transaction, when a record from elsewhere must rewrite
        -- an assessment the triggers below would otherwise keep (docs/sync.md §4, reorg).
        CREATE TABLE sync_override (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT;

        ALTER TABLE assessment_event ADD COLUMN record_id TEXT;
        ALTER TABLE assessment_event ADD COLUMN seq INTEGER;
        CREATE UNIQUE INDEX assessment_event_by_record ON assessment_event (record_id) WHERE record_id IS NOT NULL;
        ALTER TABLE audit_log ADD COLUMN record_id TEXT;
        CREATE UNIQUE INDEX audit_log_by_record ON audit_log (record_id) WHERE record_id IS NOT NULL;
        ALTER TABLE evidence ADD COLUMN record_id TEXT;
        CREATE UNIQUE INDEX evidence_by_record ON evidence (record_id) WHERE record_id IS NOT NULL;
        ALTER TABLE panel_agreement ADD COLUMN record_id TEXT;

        DROP TRIGGER assessment_status_moves_forward;
        DROP TRIGGER assessment_finalized_is_immutable;
        DROP TRIGGER assessment_identity_fixed_unless_draft;
        DROP TRIGGER assessment_kept_unless_draft;
        DROP TRIGGER assessment_score_locked_insert;
        DROP TRIGGER assessment_score_locked_update;
        DROP TRIGGER assessment_score_locked_delete;
        DROP TRIGGER evidence_locked_insert;
        DROP TRIGGER evidence_locked_update;
        DROP TRIGGER evidence_locked_delete;
        ${ASSESSMENT_TRIGGERS.replace(/WHEN ([\s\S]*?)\n\s*BEGIN/g, 'WHEN NOT EXISTS (SELECT 1 FROM sync_override) AND ($1)\n    BEGIN')}
      `);
    },
  },
  {
    version: 8,
    name: "sync: the team's panel rules, as each hub's latest settings record says",
    up(db) {
      db.exec(`
        -- Per hub (author hub:<fingerprint>): the four rules its latest settings record carries (docs/sync.md §2).
        -- The settings service follows the row of the team's hub while this workspace has joined it.
        CREATE TABLE sync_team_settings (
          hub TEXT PRIMARY KEY,
          settings TEXT NOT NULL CHECK (json_valid(settings)),
          at TEXT NOT NULL,
          record_id TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
