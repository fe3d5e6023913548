import Database from 'better-sqlite3';
import { execute, query, queryValue } from '../core/db/query.ts';
import type { Db } from '../core/db/open.ts';
import { subOf, teamRoleSchema, type SignedRecord } from '../../shared/sync/record.ts';
import { teamSettingsSchema } from '../../shared/domain/settings.ts';
import { blobRefsInUpdate, blobRefsOf } from './blob-refs.ts';
import type { HubBlobRef, HubInvite, HubRefusal, HubStore, RequestedSettings } from './store.ts';

/**
 * The hub's embedded store (docs/sync.md §6): one SQLite file, WAL with `synchronous = FULL`,
 * so a write has reached the disk when its promise resolves and the hub may acknowledge it.
 * Every table is insert-only (triggers refuse UPDATE and DELETE; `hub_settings` too) except `hub_invite`, which
 * binds and revokes, and `hub_person_seq`, the running maximum of each author's counter.
 * better-sqlite3 is synchronous: each method does its work before returning a settled promise.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS hub_doc_update (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc TEXT NOT NULL,
  "update" BLOB NOT NULL,
  person TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_doc_update_by_doc ON hub_doc_update (doc, id);
CREATE TABLE IF NOT EXISTS hub_doc_snapshot (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc TEXT NOT NULL,
  upto INTEGER NOT NULL,
  state BLOB NOT NULL,
  made_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_doc_snapshot_by_doc ON hub_doc_snapshot (doc, upto);
CREATE TABLE IF NOT EXISTS hub_record (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  author TEXT NOT NULL,
  seq INTEGER NOT NULL,
  sub TEXT,
  at TEXT NOT NULL,
  text TEXT NOT NULL,
  signature BLOB NOT NULL,
  first_doc TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hub_record_doc (
  record_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (record_id, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS hub_record_doc_by_doc ON hub_record_doc (doc);
CREATE TABLE IF NOT EXISTS hub_invite (
  secret_sha256 TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  regencies TEXT NOT NULL,
  created_at TEXT NOT NULL,
  person TEXT,
  public_key TEXT,
  joined_at TEXT,
  revoked_at TEXT,
  revoked_after_seq INTEGER
);
CREATE TABLE IF NOT EXISTS hub_person_seq (
  person TEXT PRIMARY KEY,
  max_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS hub_blob_ref (
  sha256 TEXT NOT NULL,
  doc TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (sha256, doc, size)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hub_refusal (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  person TEXT,
  doc TEXT NOT NULL,
  record_id TEXT,
  problem TEXT NOT NULL,
  text TEXT
);
CREATE TABLE IF NOT EXISTS hub_settings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  pass_mark REAL NOT NULL,
  panel_aggregate TEXT NOT NULL,
  disagreement_tolerance REAL NOT NULL,
  hide_others INTEGER NOT NULL
);
${['hub_doc_update', 'hub_doc_snapshot', 'hub_record', 'hub_record_doc', 'hub_blob_ref', 'hub_refusal', 'hub_settings']
  .map(
    (table) => `
CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is insert-only'); END;
CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is insert-only'); END;`,
  )
  .join('')}
`;

interface InviteRow {
  secret_sha256: string;
  name: string;
  role: string;
  regencies: string;
  created_at: string;
  person: string | null;
  public_key: string | null;
  joined_at: string | null;
  revoked_at: string | null;
  revoked_after_seq: number | null;
}

const inviteOf = (row: InviteRow): HubInvite => ({
  secretSha256: row.secret_sha256,
  name: row.name,
  role: teamRoleSchema.parse(row.role),
  regencies: JSON.parse(row.regencies) as string[],
  createdAt: row.created_at,
  person: row.person,
  publicKey: row.public_key,
  joinedAt: row.joined_at,
  revokedAt: row.revoked_at,
  revokedAfterSeq: row.revoked_after_seq,
});

interface SettingsRow {
  id: number;
  at: string;
  pass_mark: number;
  panel_aggregate: string;
  disagreement_tolerance: number;
  hide_others: number;
}

const requestedOf = (row: SettingsRow): RequestedSettings => ({
  id: row.id,
  at: row.at,
  settings: teamSettingsSchema.parse({
    passMark: row.pass_mark,
    panelAggregate: row.panel_aggregate,
    disagreementTolerance: row.disagreement_tolerance,
    hideOthersUntilSubmitted: row.hide_others === 1,
  }),
});

const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/**
 * `PRAGMA user_version` 1: `hub_blob_ref` holds the references of everything stored. A hub made
 * before it (version 0) gets them once, in one transaction: the published ones from `hub_record`,
 * the drafts' by reading their stored updates.
 */
const BLOB_REFS_VERSION = 1;

function backfillBlobRefs(d: Db): void {
  const insert = execute(d, 'INSERT INTO hub_blob_ref (sha256, doc, size) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  d.exec(`INSERT INTO hub_blob_ref (sha256, doc, size)
          SELECT json_extract(r.text, '$.sha256'), rd.doc, json_extract(r.text, '$.size')
            FROM hub_record r JOIN hub_record_doc rd ON rd.record_id = r.id
           WHERE r.kind = 'document'
          ON CONFLICT DO NOTHING`);
  const drafts = query<{ id: number; doc: string; update: Buffer }>(
    d,
    `SELECT id, doc, "update" FROM hub_doc_update WHERE doc LIKE 'draft/%' AND id > ? ORDER BY id LIMIT 200`,
  );
  for (let rows = drafts.all(0); rows.length > 0; rows = drafts.all(rows.at(-1)?.id)) {
    for (const row of rows) for (const ref of blobRefsInUpdate(row.doc, bytes(row.update))) insert(ref.sha256, ref.doc, ref.size);
  }
}

export function createSqliteHubStore(file: string): HubStore {
  let opened: Db | undefined;
  const db = (): Db => {
    if (!opened) throw new Error('the hub store is not open');
    return opened;
  };

  return {
    kind: 'sqlite',

    open() {
      if (opened) return Promise.resolve();
      const connection = new Database(file);
      try {
        connection.pragma('busy_timeout = 5000');
        connection.pragma('journal_mode = WAL');
        connection.pragma('synchronous = FULL');
        connection.exec(SCHEMA);
        if ((connection.pragma('user_version', { simple: true }) as number) < BLOB_REFS_VERSION) {
          connection
            .transaction(() => {
              backfillBlobRefs(connection);
              connection.pragma(`user_version = ${BLOB_REFS_VERSION}`);
            })
            .immediate();
        }
      } catch (error) {
        connection.close();
        throw error;
      }
      opened = connection;
      return Promise.resolve();
    },

    close() {
      opened?.close();
      opened = undefined;
      return Promise.resolve();
    },

    appendUpdate({ doc, update, person, records, published }) {
      const d = db();
      const at = new Date().toISOString();
      const write = d.transaction(() => {
        const id = Number(
          execute(d, 'INSERT INTO hub_doc_update (doc, "update", person, received_at) VALUES (?, ?, ?, ?)')(doc, update, person, at)
            .lastInsertRowid,
        );
        const maxSeq = new Map<string, number>();
        for (const { record, body } of records) {
          maxSeq.set(body.author, Math.max(maxSeq.get(body.author) ?? 0, body.seq));
          if (!published) continue;
          execute(
            d,
            `INSERT INTO hub_record (id, kind, author, seq, sub, at, text, signature, first_doc, received_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
          )(record.id, body.kind, body.author, body.seq, subOf(body), body.at, record.text, record.signature, doc, at);
          execute(d, 'INSERT INTO hub_record_doc (record_id, doc) VALUES (?, ?) ON CONFLICT DO NOTHING')(record.id, doc);
        }
        for (const ref of blobRefsOf(doc, records)) {
          execute(d, 'INSERT INTO hub_blob_ref (sha256, doc, size) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')(ref.sha256, ref.doc, ref.size);
        }
        for (const [author, seq] of maxSeq) {
          execute(
            d,
            `INSERT INTO hub_person_seq (person, max_seq) VALUES (?, ?)
             ON CONFLICT (person) DO UPDATE SET max_seq = max(max_seq, excluded.max_seq)`,
          )(author, seq);
        }
        return id;
      });
      return Promise.resolve(write.immediate());
    },

    loadDoc(doc) {
      const d = db();
      const read = d.transaction(() => {
        const snapshot = query<{ upto: number; state: Buffer }>(
          d,
          'SELECT upto, state FROM hub_doc_snapshot WHERE doc = ? ORDER BY upto DESC, id DESC LIMIT 1',
        ).get(doc);
        const after = snapshot?.upto ?? 0;
        const rows = query<{ id: number; update: Buffer }>(
          d,
          'SELECT id, "update" FROM hub_doc_update WHERE doc = ? AND id > ? ORDER BY id',
        ).all(doc, after);
        return {
          snapshot: snapshot ? bytes(snapshot.state) : null,
          updates: rows.map((row) => bytes(row.update)),
          upto: rows.at(-1)?.id ?? after,
        };
      });
      return Promise.resolve(read.deferred());
    },

    saveSnapshot(doc, upto, state) {
      execute(db(), 'INSERT INTO hub_doc_snapshot (doc, upto, state, made_at) VALUES (?, ?, ?, ?)')(
        doc,
        upto,
        state,
        new Date().toISOString(),
      );
      return Promise.resolve();
    },

    docIndex() {
      const rows = query<{ doc: string; version: number }>(
        db(),
        'SELECT doc, max(id) AS version FROM hub_doc_update GROUP BY doc ORDER BY doc',
      ).all();
      return Promise.resolve(rows);
    },

    records(filter = {}) {
      const rows =
        filter.doc === undefined
          ? query<{ id: string; text: string; signature: Buffer }>(
              db(),
              'SELECT id, text, signature FROM hub_record ORDER BY seq, id',
            ).all()
          : query<{ id: string; text: string; signature: Buffer }>(
              db(),
              `SELECT r.id, r.text, r.signature FROM hub_record r JOIN hub_record_doc d ON d.record_id = r.id
               WHERE d.doc = ? ORDER BY r.seq, r.id`,
            ).all(filter.doc);
      return Promise.resolve(rows.map((row): SignedRecord => ({ id: row.id, text: row.text, signature: bytes(row.signature) })));
    },

    blobRefs(filter = {}) {
      const rows =
        filter.sha256 === undefined
          ? query<HubBlobRef>(db(), 'SELECT sha256, doc, size FROM hub_blob_ref ORDER BY sha256, doc, size').all()
          : query<HubBlobRef>(db(), 'SELECT sha256, doc, size FROM hub_blob_ref WHERE sha256 = ? ORDER BY doc, size').all(filter.sha256);
      return Promise.resolve(rows);
    },

    createInvite({ secretSha256, name, role, regencies, createdAt }) {
      execute(db(), 'INSERT INTO hub_invite (secret_sha256, name, role, regencies, created_at) VALUES (?, ?, ?, ?, ?)')(
        secretSha256,
        name,
        role,
        JSON.stringify(regencies),
        createdAt,
      );
      return Promise.resolve();
    },

    invite(secretSha256) {
      const row = query<InviteRow>(db(), 'SELECT * FROM hub_invite WHERE secret_sha256 = ?').get(secretSha256);
      return Promise.resolve(row ? inviteOf(row) : undefined);
    },

    bindInvite(secretSha256, person) {
      const d = db();
      const bind = d.transaction(() => {
        const row = query<InviteRow>(d, 'SELECT * FROM hub_invite WHERE secret_sha256 = ?').get(secretSha256);
        if (!row || row.revoked_at !== null) return false;
        // Joining again with the same key is harmless (a retried join); anyone else, or another key, is not.
        if (row.person !== null) return row.person === person.id && row.public_key === person.publicKey;
        execute(d, 'UPDATE hub_invite SET person = ?, public_key = ?, joined_at = ? WHERE secret_sha256 = ? AND person IS NULL')(
          person.id,
          person.publicKey,
          person.joinedAt,
          secretSha256,
        );
        return true;
      });
      return Promise.resolve(bind.immediate());
    },

    async revoke(match, at, revokedAfterSeq) {
      const d = db();
      if (match.person === undefined && !match.secretSha256Prefix) throw new Error('revoke needs a person or an invite id prefix');
      const candidates = query<InviteRow>(
        d,
        `SELECT * FROM hub_invite WHERE revoked_at IS NULL
           AND (? IS NULL OR person = ?) AND (? IS NULL OR substr(secret_sha256, 1, length(?)) = ?)
         ORDER BY created_at, secret_sha256`,
      ).all(
        match.person ?? null,
        match.person ?? null,
        match.secretSha256Prefix ?? null,
        match.secretSha256Prefix ?? null,
        match.secretSha256Prefix ?? null,
      );
      const seqs = new Map<string, number>();
      for (const row of candidates)
        if (row.person !== null && !seqs.has(row.person)) seqs.set(row.person, await revokedAfterSeq(row.person));
      const revoke = d.transaction(() => {
        const done: HubInvite[] = [];
        for (const row of candidates) {
          const seq = row.person === null ? null : (seqs.get(row.person) ?? null);
          const changed = execute(
            d,
            'UPDATE hub_invite SET revoked_at = ?, revoked_after_seq = ? WHERE secret_sha256 = ? AND revoked_at IS NULL',
          )(at, seq, row.secret_sha256).changes;
          if (changed) done.push(inviteOf({ ...row, revoked_at: at, revoked_after_seq: seq }));
        }
        return done;
      });
      return revoke.immediate();
    },

    invites() {
      return Promise.resolve(query<InviteRow>(db(), 'SELECT * FROM hub_invite ORDER BY created_at, secret_sha256').all().map(inviteOf));
    },

    lastSeqOf(person) {
      return Promise.resolve(queryValue<number>(db(), 'SELECT max_seq FROM hub_person_seq WHERE person = ?').get(person) ?? 0);
    },

    requestSettings(settings, at) {
      const parsed = teamSettingsSchema.safeParse(settings);
      if (!parsed.success) return Promise.reject(parsed.error);
      const checked = parsed.data;
      execute(
        db(),
        'INSERT INTO hub_settings (at, pass_mark, panel_aggregate, disagreement_tolerance, hide_others) VALUES (?, ?, ?, ?, ?)',
      )(at, checked.passMark, checked.panelAggregate, checked.disagreementTolerance, checked.hideOthersUntilSubmitted ? 1 : 0);
      return Promise.resolve();
    },

    requestedSettings() {
      const row = query<SettingsRow>(db(), 'SELECT * FROM hub_settings ORDER BY id DESC LIMIT 1').get();
      return Promise.resolve(row && requestedOf(row));
    },

    refusal({ at, person, doc, recordId, problem, text }) {
      execute(db(), 'INSERT INTO hub_refusal (at, person, doc, record_id, problem, text) VALUES (?, ?, ?, ?, ?, ?)')(
        at,
        person,
        doc,
        recordId,
        problem,
        text,
      );
      return Promise.resolve();
    },

    refusals(limit = 1000) {
      const rows = query<HubRefusal>(
        db(),
        'SELECT at, person, doc, record_id AS recordId, problem FROM hub_refusal ORDER BY id DESC LIMIT ?',
      ).all(limit);
      return Promise.resolve(rows);
    },
  };
}
