import pg from 'pg';
import { subOf } from '../../shared/sync/record.ts';
import type { SignedRecord, TeamRole } from '../../shared/sync/record.ts';
import { teamSettingsSchema } from '../../shared/domain/settings.ts';
import { blobRefsInUpdate, blobRefsOf } from './blob-refs.ts';
import type { HubBlobRef, HubInvite, HubRefusal, HubStore } from './store.ts';

/**
 * The hub's store on PostgreSQL (`timbang hub serve --postgres URL`), docs/sync.md §6 and
 * docs/hub-postgres.md. The tables are the SQLite store's, with Postgres types; the published
 * records also get a `jsonb` body and read-only views the ministry can query in plain SQL.
 *
 * Insert-only tables are guarded by a statement trigger that raises on UPDATE, DELETE and
 * TRUNCATE. A trigger rather than `REVOKE`: privileges do not bind the tables' owner or a
 * superuser (the role the hub usually connects as), while a trigger binds everyone short of
 * someone who drops or disables it on purpose, and a test can prove it.
 */
export interface PostgresHubStoreOptions {
  /** Connections in the pool (default 8). `revoke` holds one while it asks for counters, so at least 2. */
  poolSize?: number;
  applicationName?: string;
}

/**
 * Schema versions, applied in order inside one transaction under an advisory lock; never edit a
 * shipped one. `backfill` runs after a version's SQL in the same transaction, for what SQL alone
 * cannot derive (records inside stored Yjs updates).
 */
const MIGRATIONS: readonly { version: number; sql: string; backfill?: (client: pg.PoolClient) => Promise<void> }[] = [
  {
    version: 1,
    sql: `
CREATE FUNCTION hub_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is insert-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- The jsonb form of a record's text. jsonb cannot hold U+0000 nor an unpaired surrogate, both of
-- which a signed record may carry as JSON escapes; those become U+FFFD in the body only (the
-- text, which is what is signed, is kept exactly). The text is split on escaped backslashes so
-- that a literal backslash followed by "u0000" is left alone.
CREATE FUNCTION hub_record_json(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  cleaned text;
BEGIN
  IF strpos(t, '\\u') = 0 OR t !~* '\\\\u(0000|d[89a-f])' THEN
    RETURN t::jsonb;
  END IF;
  BEGIN
    RETURN t::jsonb;
  EXCEPTION WHEN others THEN
    SELECT string_agg(
             regexp_replace(
               regexp_replace(
                 regexp_replace(part, '\\\\u0000', '\\\\ufffd', 'g'),
                 '\\\\ud[89ab][0-9a-f]{2}(?!\\\\ud[c-f][0-9a-f]{2})', '\\\\ufffd', 'gi'),
               '(?<!\\\\ud[89ab][0-9a-f]{2})\\\\ud[c-f][0-9a-f]{2}', '\\\\ufffd', 'gi'),
             '\\\\' ORDER BY n)
      INTO cleaned
      FROM unnest(string_to_array(t, '\\\\')) WITH ORDINALITY AS x(part, n);
    BEGIN
      RETURN cleaned::jsonb;
    EXCEPTION WHEN others THEN
      RETURN NULL;
    END;
  END;
END $$;

CREATE TABLE hub_doc_update (
  id bigserial PRIMARY KEY,
  doc text NOT NULL,
  update bytea NOT NULL,
  person text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hub_doc_update_by_doc ON hub_doc_update (doc, id);

-- Every document and its latest update row id (docIndex). Its row is locked first in every
-- append, so the updates of one document get row ids in commit order.
CREATE TABLE hub_doc (
  doc text PRIMARY KEY,
  version bigint NOT NULL
);

CREATE TABLE hub_doc_snapshot (
  id bigserial PRIMARY KEY,
  doc text NOT NULL,
  upto bigint NOT NULL,
  state bytea NOT NULL,
  made_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hub_doc_snapshot_by_doc ON hub_doc_snapshot (doc, upto, id);

CREATE TABLE hub_record (
  id text PRIMARY KEY,
  kind text NOT NULL,
  author text NOT NULL,
  seq bigint NOT NULL,
  sub text,
  at text NOT NULL,
  text text NOT NULL,
  body jsonb GENERATED ALWAYS AS (hub_record_json(text)) STORED,
  signature bytea NOT NULL,
  first_doc text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hub_record_by_kind ON hub_record (kind, sub);
CREATE INDEX hub_record_by_author ON hub_record (author, seq);

CREATE TABLE hub_record_doc (
  record_id text NOT NULL REFERENCES hub_record (id),
  doc text NOT NULL,
  PRIMARY KEY (record_id, doc)
);
CREATE INDEX hub_record_doc_by_doc ON hub_record_doc (doc);

CREATE TABLE hub_invite (
  secret_sha256 text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('assessor', 'planner', 'ministry')),
  regencies text[] NOT NULL,
  created_at text NOT NULL,
  person text,
  public_key text,
  joined_at text,
  revoked_at text,
  revoked_after_seq bigint
);
CREATE INDEX hub_invite_by_person ON hub_invite (person);

CREATE TABLE hub_person_seq (
  person text PRIMARY KEY,
  max_seq bigint NOT NULL
);

CREATE TABLE hub_refusal (
  id bigserial PRIMARY KEY,
  at text NOT NULL,
  person text,
  doc text NOT NULL,
  record_id text,
  problem text NOT NULL,
  text text
);

CREATE TRIGGER hub_doc_update_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hub_doc_update
  FOR EACH STATEMENT EXECUTE FUNCTION hub_insert_only();
CREATE TRIGGER hub_doc_snapshot_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hub_doc_snapshot
  FOR EACH STATEMENT EXECUTE FUNCTION hub_insert_only();
CREATE TRIGGER hub_record_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hub_record
  FOR EACH STATEMENT EXECUTE FUNCTION hub_insert_only();
CREATE TRIGGER hub_record_doc_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hub_record_doc
  FOR EACH STATEMENT EXECUTE FUNCTION hub_insert_only();
CREATE TRIGGER hub_refusal_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hub_refusal
  FOR EACH STATEMENT EXECUTE FUNCTION hub_insert_only();

-- Views for the ministry: plain columns out of the published records. They approximate; the
-- authoritative results are the hub workspace's (the current-state rule, docs/sync.md §3).
CREATE VIEW hub_member AS
SELECT DISTINCT ON (body->>'person')
       body->>'person' AS person, body->>'name' AS name, body->>'institution' AS institution,
       body->>'role' AS role, ARRAY(SELECT jsonb_array_elements_text(body->'regencies')) AS regencies,
       (body->>'revokedAfterSeq')::bigint AS revoked_after_seq, at, seq, id AS record_id
  FROM hub_record
 WHERE kind = 'member'
 ORDER BY body->>'person', seq DESC, id COLLATE "C" DESC;

CREATE VIEW hub_score AS
SELECT left(sub, 5) AS regency, sub, body->'a'->>'rubric' AS rubric, body->'a'->>'role' AS role,
       body->'a'->>'person' AS assessor, body->>'by' AS assessor_name, body->>'c' AS criterion,
       CASE WHEN jsonb_typeof(body->'value') = 'number' THEN (body->>'value')::numeric END AS value,
       coalesce(body->>'value' = 'na', false) AS not_applicable,
       kind, at, seq, id AS record_id
  FROM hub_record
 WHERE kind = 'score'
UNION ALL
SELECT left(r.sub, 5), r.sub, r.body->'a'->>'rubric', r.body->'a'->>'role',
       r.body->'a'->>'person', r.body->>'by', s.criterion,
       CASE WHEN jsonb_typeof(s.score->'value') = 'number' THEN (s.score->>'value')::numeric END,
       coalesce(s.score->>'value' = 'na', false),
       r.kind, r.at, r.seq, r.id
  FROM hub_record r CROSS JOIN LATERAL jsonb_each(r.body->'scores') AS s(criterion, score)
 WHERE r.kind = 'snapshot';

CREATE VIEW hub_score_latest AS
SELECT DISTINCT ON (sub, rubric, role, assessor, criterion) *
  FROM hub_score
 ORDER BY sub, rubric, role, assessor, criterion, seq DESC, record_id COLLATE "C" DESC;

CREATE VIEW hub_status AS
SELECT left(sub, 5) AS regency, sub, body->'a'->>'rubric' AS rubric, body->'a'->>'role' AS role,
       body->'a'->>'person' AS assessor, body->>'by' AS by_name, author,
       CASE kind WHEN 'status' THEN body->>'from' END AS from_status,
       CASE kind WHEN 'status' THEN body->>'to' WHEN 'snapshot' THEN body->>'status' ELSE 'draft' END AS to_status,
       body->>'reason' AS reason, kind, at, seq, id AS record_id
  FROM hub_record
 WHERE kind IN ('assessment', 'snapshot', 'status');

CREATE VIEW hub_status_latest AS
SELECT DISTINCT ON (sub, rubric, role, assessor) *
  FROM hub_status
 ORDER BY sub, rubric, role, assessor, seq DESC, record_id COLLATE "C" DESC;

CREATE VIEW hub_agreed_latest AS
SELECT DISTINCT ON (sub, rubric, criterion) *
  FROM (SELECT left(sub, 5) AS regency, sub, body->'panel'->>'rubric' AS rubric, body->>'c' AS criterion,
               CASE WHEN jsonb_typeof(body->'value') = 'number' THEN (body->>'value')::numeric END AS value,
               coalesce(body->>'value' = 'na', false) AS not_applicable,
               jsonb_typeof(body->'value') = 'null' AS cleared,
               author AS lead, body->>'by' AS lead_name, body->>'reason' AS reason, at, seq, id AS record_id
          FROM hub_record
         WHERE kind = 'agreed') agreed
 ORDER BY sub, rubric, criterion, seq DESC, record_id COLLATE "C" DESC;
`,
  },
  {
    // Which document references which file (docs/sync.md §6): the hub serves and takes a file only
    // for the members who may read or write such a document. Backfilled from the published records
    // here, and from the drafts' stored updates by `backfillDraftBlobRefs`.
    version: 2,
    sql: `
CREATE TABLE hub_blob_ref (
  sha256 text NOT NULL,
  doc text NOT NULL,
  size bigint NOT NULL,
  PRIMARY KEY (sha256, doc, size)
);
CREATE TRIGGER hub_blob_ref_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hub_blob_ref
  FOR EACH STATEMENT EXECUTE FUNCTION hub_insert_only();
INSERT INTO hub_blob_ref (sha256, doc, size)
SELECT r.body->>'sha256', d.doc, (r.body->>'size')::bigint
  FROM hub_record r JOIN hub_record_doc d ON d.record_id = r.id
 WHERE r.kind = 'document' AND r.body IS NOT NULL
ON CONFLICT DO NOTHING;
`,
    backfill: backfillDraftBlobRefs,
  },
  {
    version: 3,
    sql: `
-- The team settings asked for (hub serve options, timbang hub settings); the running hub signs the latest.
CREATE TABLE hub_settings (
  id bigserial PRIMARY KEY,
  at text NOT NULL,
  pass_mark double precision NOT NULL CHECK (pass_mark >= 1 AND pass_mark <= 100),
  panel_aggregate text NOT NULL CHECK (panel_aggregate IN ('median', 'mean')),
  disagreement_tolerance double precision NOT NULL CHECK (disagreement_tolerance >= 0 AND disagreement_tolerance <= 100),
  hide_others boolean NOT NULL
);
CREATE TRIGGER hub_settings_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hub_settings
  FOR EACH STATEMENT EXECUTE FUNCTION hub_insert_only();
`,
  },
];

async function insertBlobRefs(client: pg.PoolClient, refs: readonly HubBlobRef[]): Promise<void> {
  if (refs.length === 0) return;
  const sorted = [...refs].sort((x, y) =>
    x.sha256 < y.sha256 ? -1 : x.sha256 > y.sha256 ? 1 : x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : 0,
  );
  await client.query(
    `INSERT INTO hub_blob_ref (sha256, doc, size) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
     ON CONFLICT DO NOTHING`,
    [sorted.map((ref) => ref.sha256), sorted.map((ref) => ref.doc), sorted.map((ref) => ref.size)],
  );
}

/** A draft's records live only in its stored updates: read them, a page of rows at a time. */
async function backfillDraftBlobRefs(client: pg.PoolClient): Promise<void> {
  for (let after = '0'; ;) {
    const { rows } = await client.query<{ id: string; doc: string; update: Buffer }>(
      `SELECT id, doc, update FROM hub_doc_update WHERE doc LIKE 'draft/%' AND id > $1 ORDER BY id LIMIT 200`,
      [after],
    );
    if (rows.length === 0) return;
    await insertBlobRefs(
      client,
      rows.flatMap((row) => blobRefsInUpdate(row.doc, uint8(row.update))),
    );
    after = rows.at(-1)!.id;
  }
}

/** The advisory lock key that serialises schema upgrades ("timb" in ASCII). */
const MIGRATION_LOCK = 0x74696d62;

const bytes = (value: Uint8Array): Buffer => Buffer.from(value.buffer, value.byteOffset, value.byteLength);
/** A copy, so the result owns its memory rather than viewing a pooled Buffer slab. */
const uint8 = (value: Buffer): Uint8Array => new Uint8Array(value);
const num = (value: string | number): number => Number(value);
/** Postgres text cannot hold U+0000; only the refusal log may receive arbitrary strings. */
const noNul = (value: string): string => value.replaceAll('\u0000', '\uFFFD');

interface InviteRow {
  secret_sha256: string;
  name: string;
  role: TeamRole;
  regencies: string[];
  created_at: string;
  person: string | null;
  public_key: string | null;
  joined_at: string | null;
  revoked_at: string | null;
  revoked_after_seq: string | null;
}

const inviteOf = (row: InviteRow): HubInvite => ({
  secretSha256: row.secret_sha256,
  name: row.name,
  role: row.role,
  regencies: row.regencies,
  createdAt: row.created_at,
  person: row.person,
  publicKey: row.public_key,
  joinedAt: row.joined_at,
  revokedAt: row.revoked_at,
  revokedAfterSeq: row.revoked_after_seq === null ? null : num(row.revoked_after_seq),
});

export function createPostgresHubStore(url: string, options: PostgresHubStoreOptions = {}): HubStore {
  let pool: pg.Pool | undefined;

  const db = (): pg.Pool => {
    if (!pool) throw new Error('the Postgres hub store is not open');
    return pool;
  };

  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await db().connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A failed ROLLBACK means a broken connection: release(true) drops it from the pool.
      const broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      client.release(broken);
      throw error;
    }
  }

  return {
    kind: 'postgres',

    async open() {
      if (!pool) {
        pool = new pg.Pool({
          connectionString: url,
          max: Math.max(2, options.poolSize ?? 8),
          application_name: options.applicationName ?? 'timbang-hub',
        });
        // A dropped idle connection must not crash the hub; the next query gets a fresh one.
        pool.on('error', () => undefined);
      }
      await transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(
          'CREATE TABLE IF NOT EXISTS hub_migration (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
        );
        const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM hub_migration');
        const current = rows[0]?.version ?? 0;
        const latest = MIGRATIONS.at(-1)?.version ?? 0;
        if (current > latest) {
          throw new Error(`the hub database is at schema version ${current}, newer than this Timbang (${latest}): upgrade Timbang`);
        }
        for (const migration of MIGRATIONS) {
          if (migration.version <= current) continue;
          await client.query(migration.sql);
          await migration.backfill?.(client);
          await client.query('INSERT INTO hub_migration (version) VALUES ($1)', [migration.version]);
        }
      });
    },

    async close() {
      const closing = pool;
      pool = undefined;
      await closing?.end();
    },

    async appendUpdate({ doc, update, person, records, published }) {
      return transaction(async (client) => {
        // Lock the document's row first: appends to one document are serialised, so their row
        // ids follow commit order and docIndex never skips an update committed late.
        await client.query('INSERT INTO hub_doc (doc, version) VALUES ($1, 0) ON CONFLICT (doc) DO UPDATE SET version = hub_doc.version', [
          doc,
        ]);
        const inserted = await client.query<{ id: string }>(
          'INSERT INTO hub_doc_update (doc, update, person) VALUES ($1, $2, $3) RETURNING id',
          [doc, bytes(update), person],
        );
        const id = inserted.rows[0]!.id;
        await client.query('UPDATE hub_doc SET version = $2 WHERE doc = $1', [doc, id]);

        // Rows are written in a fixed order (records by id, people by id) so that two concurrent
        // appends sharing records or authors cannot deadlock.
        const unique = new Map<string, (typeof records)[number]>();
        for (const entry of records) unique.set(entry.record.id, entry);
        const sorted = [...unique.values()].sort((x, y) => (x.record.id < y.record.id ? -1 : x.record.id > y.record.id ? 1 : 0));
        if (published && sorted.length > 0) {
          await client.query(
            `INSERT INTO hub_record (id, kind, author, seq, sub, at, text, signature, first_doc)
             SELECT id, kind, author, seq, sub, at, text, signature, $9
               FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bytea[])
                    AS r(id, kind, author, seq, sub, at, text, signature)
             ON CONFLICT (id) DO NOTHING`,
            [
              sorted.map(({ record }) => record.id),
              sorted.map(({ body }) => body.kind),
              sorted.map(({ body }) => body.author),
              sorted.map(({ body }) => body.seq),
              sorted.map(({ body }) => subOf(body)),
              sorted.map(({ body }) => body.at),
              sorted.map(({ record }) => record.text),
              sorted.map(({ record }) => bytes(record.signature)),
              doc,
            ],
          );
          await client.query(
            'INSERT INTO hub_record_doc (record_id, doc) SELECT unnest($1::text[]), $2 ON CONFLICT (record_id, doc) DO NOTHING',
            [sorted.map(({ record }) => record.id), doc],
          );
        }
        await insertBlobRefs(client, blobRefsOf(doc, sorted));
        const maxSeq = new Map<string, number>();
        for (const { body } of sorted) maxSeq.set(body.author, Math.max(maxSeq.get(body.author) ?? 0, body.seq));
        if (maxSeq.size > 0) {
          const people = [...maxSeq.keys()].sort();
          await client.query(
            `INSERT INTO hub_person_seq (person, max_seq) SELECT * FROM unnest($1::text[], $2::bigint[])
             ON CONFLICT (person) DO UPDATE SET max_seq = GREATEST(hub_person_seq.max_seq, EXCLUDED.max_seq)`,
            [people, people.map((author) => maxSeq.get(author)!)],
          );
        }
        return num(id);
      });
    },

    async loadDoc(doc) {
      const snapshot = await db().query<{ upto: string; state: Buffer }>(
        'SELECT upto, state FROM hub_doc_snapshot WHERE doc = $1 ORDER BY upto DESC, id DESC LIMIT 1',
        [doc],
      );
      const latest = snapshot.rows[0];
      const after = latest ? num(latest.upto) : 0;
      const { rows } = await db().query<{ id: string; update: Buffer }>(
        'SELECT id, update FROM hub_doc_update WHERE doc = $1 AND id > $2 ORDER BY id',
        [doc, after],
      );
      return {
        snapshot: latest ? uint8(latest.state) : null,
        updates: rows.map((row) => uint8(row.update)),
        upto: rows.length > 0 ? num(rows.at(-1)!.id) : after,
      };
    },

    async saveSnapshot(doc, upto, state) {
      await db().query('INSERT INTO hub_doc_snapshot (doc, upto, state) VALUES ($1, $2, $3)', [doc, upto, bytes(state)]);
    },

    async docIndex() {
      const { rows } = await db().query<{ doc: string; version: string }>(
        'SELECT doc, version FROM hub_doc WHERE version > 0 ORDER BY doc COLLATE "C"',
      );
      return rows.map((row) => ({ doc: row.doc, version: num(row.version) }));
    },

    async records(filter = {}) {
      const { rows } =
        filter.doc === undefined
          ? await db().query<{ id: string; text: string; signature: Buffer }>(
              'SELECT id, text, signature FROM hub_record ORDER BY seq, id COLLATE "C"',
            )
          : await db().query<{ id: string; text: string; signature: Buffer }>(
              `SELECT r.id, r.text, r.signature FROM hub_record r JOIN hub_record_doc d ON d.record_id = r.id
                WHERE d.doc = $1 ORDER BY r.seq, r.id COLLATE "C"`,
              [filter.doc],
            );
      return rows.map((row): SignedRecord => ({ id: row.id, text: row.text, signature: uint8(row.signature) }));
    },

    async blobRefs(filter = {}) {
      const { rows } =
        filter.sha256 === undefined
          ? await db().query<{ sha256: string; doc: string; size: string }>(
              'SELECT sha256, doc, size FROM hub_blob_ref ORDER BY sha256, doc COLLATE "C", size',
            )
          : await db().query<{ sha256: string; doc: string; size: string }>(
              'SELECT sha256, doc, size FROM hub_blob_ref WHERE sha256 = $1 ORDER BY doc COLLATE "C", size',
              [filter.sha256],
            );
      return rows.map((row) => ({ sha256: row.sha256, doc: row.doc, size: num(row.size) }));
    },

    async createInvite(invite) {
      await db().query('INSERT INTO hub_invite (secret_sha256, name, role, regencies, created_at) VALUES ($1, $2, $3, $4, $5)', [
        invite.secretSha256,
        invite.name,
        invite.role,
        invite.regencies,
        invite.createdAt,
      ]);
    },

    async invite(secretSha256) {
      const { rows } = await db().query<InviteRow>('SELECT * FROM hub_invite WHERE secret_sha256 = $1', [secretSha256]);
      return rows[0] && inviteOf(rows[0]);
    },

    async bindInvite(secretSha256, person) {
      const bound = await db().query(
        `UPDATE hub_invite SET person = $2, public_key = $3, joined_at = $4
          WHERE secret_sha256 = $1 AND person IS NULL AND revoked_at IS NULL`,
        [secretSha256, person.id, person.publicKey, person.joinedAt],
      );
      if (bound.rowCount === 1) return true;
      // Joining again with the same person and key (a retried join) is not a second person.
      const same = await db().query(
        'SELECT 1 FROM hub_invite WHERE secret_sha256 = $1 AND person = $2 AND public_key = $3 AND revoked_at IS NULL',
        [secretSha256, person.id, person.publicKey],
      );
      return same.rowCount === 1;
    },

    async revoke(match, at, revokedAfterSeq) {
      const byPerson = match.person !== undefined && match.person !== '';
      const byPrefix = match.secretSha256Prefix !== undefined && match.secretSha256Prefix !== '';
      if (!byPerson && !byPrefix) throw new Error('revoke needs a person or a token prefix');
      return transaction(async (client) => {
        const { rows } = await client.query<InviteRow>(
          `SELECT * FROM hub_invite
            WHERE revoked_at IS NULL AND ($1::text IS NULL OR person = $1) AND ($2::text IS NULL OR left(secret_sha256, length($2)) = $2)
            ORDER BY created_at, secret_sha256 FOR UPDATE`,
          [byPerson ? match.person : null, byPrefix ? match.secretSha256Prefix : null],
        );
        const revoked: HubInvite[] = [];
        for (const row of rows) {
          const after = row.person === null ? null : await revokedAfterSeq(row.person);
          const updated = await client.query<InviteRow>(
            'UPDATE hub_invite SET revoked_at = $2, revoked_after_seq = $3 WHERE secret_sha256 = $1 RETURNING *',
            [row.secret_sha256, at, after],
          );
          revoked.push(inviteOf(updated.rows[0]!));
        }
        return revoked;
      });
    },

    async invites() {
      const { rows } = await db().query<InviteRow>('SELECT * FROM hub_invite ORDER BY created_at, secret_sha256');
      return rows.map(inviteOf);
    },

    async lastSeqOf(person) {
      const { rows } = await db().query<{ max_seq: string }>('SELECT max_seq FROM hub_person_seq WHERE person = $1', [person]);
      return rows[0] ? num(rows[0].max_seq) : 0;
    },

    async requestSettings(settings, at) {
      const checked = teamSettingsSchema.parse(settings);
      await db().query(
        'INSERT INTO hub_settings (at, pass_mark, panel_aggregate, disagreement_tolerance, hide_others) VALUES ($1, $2, $3, $4, $5)',
        [at, checked.passMark, checked.panelAggregate, checked.disagreementTolerance, checked.hideOthersUntilSubmitted],
      );
    },

    async requestedSettings() {
      const { rows } = await db().query<{
        id: string;
        at: string;
        pass_mark: number;
        panel_aggregate: string;
        disagreement_tolerance: number;
        hide_others: boolean;
      }>('SELECT * FROM hub_settings ORDER BY id DESC LIMIT 1');
      const row = rows[0];
      if (!row) return undefined;
      return {
        id: num(row.id),
        at: row.at,
        settings: teamSettingsSchema.parse({
          passMark: row.pass_mark,
          panelAggregate: row.panel_aggregate,
          disagreementTolerance: row.disagreement_tolerance,
          hideOthersUntilSubmitted: row.hide_others,
        }),
      };
    },

    async refusal(input) {
      await db().query('INSERT INTO hub_refusal (at, person, doc, record_id, problem, text) VALUES ($1, $2, $3, $4, $5, $6)', [
        noNul(input.at),
        input.person === null ? null : noNul(input.person),
        noNul(input.doc),
        input.recordId === null ? null : noNul(input.recordId),
        noNul(input.problem),
        input.text === null ? null : noNul(input.text),
      ]);
    },

    async refusals(limit) {
      const { rows } = await db().query<{ at: string; person: string | null; doc: string; record_id: string | null; problem: string }>(
        `SELECT at, person, doc, record_id, problem FROM hub_refusal ORDER BY id DESC ${limit === undefined ? '' : 'LIMIT $1'}`,
        limit === undefined ? [] : [Math.max(0, Math.floor(limit))],
      );
      return rows.map((row): HubRefusal => ({
        at: row.at,
        person: row.person,
        doc: row.doc,
        recordId: row.record_id,
        problem: row.problem,
      }));
    },
  };
}
