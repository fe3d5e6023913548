import type { Member } from '../../../shared/sync/access.ts';
import { targetOf, type RecordBody, type SignedRecord, type TeamRole } from '../../../shared/sync/record.ts';
import type { Db } from '../db/open.ts';
import { execute, query } from '../db/query.ts';
import type { Workspace } from '../workspace/open.ts';
import { checkRecord, type RecordDirectory } from './check.ts';
import { asBuffer } from './doc-store.ts';
import type { SyncParts } from './engine.ts';
import type { IngestEntry, IngestReport, OutboxBatch, RecordOrigin } from './types.ts';

/**
 * The applier and the outbox as the engine sees them. These are the small versions the engine
 * needs to run on its own: records are checked and kept in `sync_record` (a member record also
 * updates `sync_member`, so the next records can be checked), the outbox is read straight from
 * `sync_outbox`. Applying records to the domain tables (apply.ts `ingest`), seeding and publishing
 * (outbox.ts) replace `ingest`, `seed` and `publishFinalPanels` when those land.
 */
export function syncPartsFor(workspace: Pick<Workspace, 'db'>): SyncParts {
  const { db } = workspace;
  return {
    ingest: (entries, origin) => keepRecords(db, entries, origin, new Date().toISOString()),
    directory: () => memberDirectory(db),
    pendingOutbox: () => outboxOf(db),
    markDrained: (doc, ids) => markDrained(db, doc, ids),
    seed: () => 0,
    publishFinalPanels: () => 0,
  };
}

/** Members from `sync_member`, hub keys from `sync_trusted_hub`. */
export function memberDirectory(db: Db): RecordDirectory {
  const members = new Map<string, Member>();
  for (const row of query<{
    person: string;
    name: string;
    role: TeamRole;
    regencies: string;
    publicKey: string;
    revokedAfterSeq: number | null;
  }>(db, 'SELECT person, name, role, regencies, public_key AS publicKey, revoked_after_seq AS revokedAfterSeq FROM sync_member').all()) {
    members.set(row.person, { ...row, regencies: JSON.parse(row.regencies) as string[] });
  }
  const hubs = new Map(
    query<{ fingerprint: string; publicKey: string }>(db, 'SELECT fingerprint, public_key AS publicKey FROM sync_trusted_hub')
      .all()
      .map((row) => [`hub:${row.fingerprint}`, row.publicKey]),
  );
  return { member: (person) => members.get(person), hubKey: (author) => hubs.get(author) };
}

/**
 * Keeps records in `sync_record` and where they are in `sync_record_doc`. A record that fails a
 * static check is `refused`; one from an unknown author `waiting`; a member record `applied` (to
 * `sync_member`); every other record `waiting` with `sync.not_applied_yet` until the applier
 * takes it (its state rule sees every held record, so nothing is lost meanwhile).
 */
export function keepRecords(db: Db, entries: readonly IngestEntry[], origin: RecordOrigin, receivedAt: string): IngestReport {
  const report: IngestReport = { received: 0, applied: 0, notApplied: 0, waiting: 0, refused: 0, refusals: [] };
  const isMember = (entry: IngestEntry) => entry.record.text.includes('"kind":"member"');
  // Members first: the rest of the batch is checked against them.
  const ordered = [...entries.filter(isMember), ...entries.filter((entry) => !isMember(entry))];
  db.transaction(() => {
    let directory = memberDirectory(db);
    for (const { record, doc } of ordered) {
      execute(db, 'INSERT INTO sync_record_doc (record_id, doc) VALUES (?, ?) ON CONFLICT DO NOTHING')(record.id, doc);
      if (query<{ id: string }>(db, 'SELECT id FROM sync_record WHERE id = ?').get(record.id)) continue;
      const checked = checkRecord(record, doc, directory);
      const body: RecordBody | undefined = checked.body;
      let state: 'applied' | 'waiting' | 'refused';
      let problem: string | null = null;
      if (!checked.ok && checked.problem !== 'sync.unknown_author') {
        state = 'refused';
        problem = checked.problem;
        report.refused += 1;
        report.refusals.push({ id: record.id, doc, problem });
      } else if (checked.ok && checked.body.kind === 'member') {
        applyMember(db, record, checked.body);
        directory = memberDirectory(db);
        state = 'applied';
        report.applied += 1;
      } else {
        state = 'waiting';
        problem = checked.ok ? 'sync.not_applied_yet' : checked.problem;
        report.waiting += 1;
      }
      insertRecord(db, record, body, state, problem, origin, receivedAt);
      report.received += 1;
    }
  })();
  return report;
}

export function insertRecord(
  db: Db,
  record: SignedRecord,
  body: RecordBody | undefined,
  state: 'applied' | 'not_applied' | 'waiting' | 'refused',
  problem: string | null,
  origin: RecordOrigin,
  receivedAt: string,
): void {
  execute(
    db,
    `INSERT INTO sync_record (id, text, signature, kind, author, seq, target, state, problem, origin, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  )(
    record.id,
    record.text,
    asBuffer(record.signature),
    body?.kind ?? '?',
    body?.author ?? '?',
    body?.seq ?? 0,
    body ? targetOf(body) : '?',
    state,
    problem,
    origin,
    receivedAt,
  );
}

function applyMember(db: Db, record: SignedRecord, body: Extract<RecordBody, { kind: 'member' }>): void {
  const current = query<{ seq: number }>(
    db,
    'SELECT r.seq FROM sync_member m JOIN sync_record r ON r.id = m.record_id WHERE m.person = ?',
  ).get(body.person);
  if (current && current.seq > body.seq) return;
  execute(
    db,
    `INSERT INTO sync_member (person, name, role, regencies, public_key, revoked_after_seq, record_id) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (person) DO UPDATE SET name = excluded.name, role = excluded.role, regencies = excluded.regencies,
       public_key = excluded.public_key, revoked_after_seq = excluded.revoked_after_seq, record_id = excluded.record_id`,
  )(body.person, body.name, body.role, JSON.stringify(body.regencies), body.publicKey, body.revokedAfterSeq, record.id);
}

export function outboxOf(db: Db): OutboxBatch[] {
  const batches = new Map<string, SignedRecord[]>();
  for (const row of query<{ doc: string; id: string; text: string; signature: Uint8Array }>(
    db,
    'SELECT o.doc, r.id, r.text, r.signature FROM sync_outbox o JOIN sync_record r ON r.id = o.record_id ORDER BY o.doc, r.seq, r.id',
  ).all()) {
    const records = batches.get(row.doc) ?? [];
    records.push({ id: row.id, text: row.text, signature: new Uint8Array(row.signature) });
    batches.set(row.doc, records);
  }
  return [...batches].map(([doc, records]) => ({ doc, records }));
}

export function markDrained(db: Db, doc: string, ids: readonly string[]): void {
  for (const id of ids) {
    execute(db, 'DELETE FROM sync_outbox WHERE doc = ? AND record_id = ?')(doc, id);
    execute(db, 'INSERT INTO sync_record_doc (record_id, doc) VALUES (?, ?) ON CONFLICT DO NOTHING')(id, doc);
  }
}
