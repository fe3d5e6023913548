import { userInfo } from 'node:os';
import { authorshipProblem, type Member } from '../../../shared/sync/access.ts';
import {
  RECORD_FORMAT,
  recordTextLimit,
  recordBodySchema,
  targetOf,
  type RecordBody,
  type SignedRecord,
  type TeamRole,
} from '../../../shared/sync/record.ts';
import type { Db } from '../db/open.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { currentActor } from '../services/context.ts';
import { recordSigner, signRecord, type RecordSigner } from './signed-record.ts';
import type { OutboxBatch } from './types.ts';

/**
 * Records made on this laptop (docs/sync.md §4): signed by this workspace's person inside the
 * transaction of the change they describe, kept in `sync_record`, and queued in `sync_outbox`
 * for the documents they go to. The engine drains the outbox into Yjs after the commit.
 * Outside a team nothing is emitted and nothing changes.
 */

type Envelope = 'v' | 'author' | 'by' | 'seq' | 'at';
type WithoutEnvelope<T> = T extends unknown ? Omit<T, Envelope> & { by?: string } : never;
/** A record's own fields; the envelope (author, counter, time, format) is the emitter's. `by` defaults to the actor's name. */
export type RecordFields = WithoutEnvelope<RecordBody>;

/** A record made here, with the body it was made from. */
export interface EmittedRecord extends SignedRecord {
  body: RecordBody;
}

/** This workspace in its team: the person who signs and what the team lets them do. */
export interface TeamSelf {
  person: string;
  role: TeamRole;
  member: Member;
  privateKey: string;
}

/** The person signing here and the team's view of them, or null when this workspace is in no team. */
export function teamSelf(db: Db): TeamSelf | null {
  const team = query<{ role: TeamRole; regencies: string }>(db, 'SELECT role, regencies FROM sync_team WHERE id = 1').get();
  if (!team) return null;
  const me = query<{ person_id: string; private_key: string; name: string; public_key: string | null }>(
    db,
    `SELECT i.person_id, lp.private_key, p.name, p.public_key
     FROM identity i JOIN local_person lp ON lp.person_id = i.person_id JOIN person p ON p.id = i.person_id WHERE i.id = 1`,
  ).get();
  if (!me) return null;
  const listed = query<{ name: string; role: TeamRole; regencies: string; public_key: string; revoked_after_seq: number | null }>(
    db,
    'SELECT name, role, regencies, public_key, revoked_after_seq FROM sync_member WHERE person = ?',
  ).get(me.person_id);
  const member: Member = listed
    ? {
        person: me.person_id,
        name: listed.name,
        role: listed.role,
        regencies: JSON.parse(listed.regencies) as string[],
        publicKey: listed.public_key,
        revokedAfterSeq: listed.revoked_after_seq,
      }
    : {
        person: me.person_id,
        name: me.name,
        role: team.role,
        regencies: JSON.parse(team.regencies) as string[],
        publicKey: me.public_key ?? '',
        revokedAfterSeq: null,
      };
  return { person: me.person_id, role: member.role, member, privateKey: me.private_key };
}

export const inTeam = (db: Db): boolean => queryValue<1>(db, 'SELECT 1 FROM sync_team WHERE id = 1').get() !== undefined;

const signers = new Map<string, RecordSigner>();

/** One parsed key per private key, kept for the process: PEM is not parsed per record. */
function signerFor(privateKey: string): RecordSigner {
  let signer = signers.get(privateKey);
  if (!signer) {
    signer = recordSigner(privateKey);
    signers.set(privateKey, signer);
  }
  return signer;
}

/** What the team's rules say about this author writing this record into these documents (not a bug: it stays local). */
const STAYS_LOCAL = new Set(['sync.out_of_role', 'sync.out_of_scope', 'sync.revoked']);

function actorName(db: Db): string {
  let fallback = 'unknown';
  try {
    fallback = userInfo().username || fallback;
  } catch {
    // No user name from the system: the profile's or the person's name is used.
  }
  return currentActor(db, fallback).name;
}

/**
 * Sign and queue one record made here, inside the caller's transaction. Null when this
 * workspace is in no team, or when the team does not let this person author it (a planner
 * adding a regency: the change stays on this laptop). A body that does not parse, or a
 * document the record does not belong in, is a bug and throws.
 */
export function emitRecord(db: Db, now: string, fields: RecordFields, docs: readonly string[]): EmittedRecord | null {
  const self = teamSelf(db);
  if (!self || self.role === 'ministry') return null;
  if (!db.inTransaction) throw new Error('emitRecord must run inside the transaction of the change it records');
  const { by, ...own } = fields;
  const draft = { ...own, v: RECORD_FORMAT, author: self.person, by: by ?? actorName(db), at: now, seq: 1 };
  const target = targetOf(draft as RecordBody);
  const lastOwn = queryValue<number>(db, 'SELECT last_seq FROM sync_seq WHERE person_id = ?').get(self.person) ?? 0;
  const lastSeen = queryValue<number | null>(db, 'SELECT max(seq) FROM sync_record WHERE target = ?').get(target) ?? 0;
  const seq = Math.max(lastOwn + 1, Date.now(), (lastSeen ?? 0) + 1);
  const body = recordBodySchema.parse({ ...draft, seq });
  for (const doc of docs) {
    const problem = authorshipProblem(body, self.member, doc);
    if (problem && STAYS_LOCAL.has(problem)) return null;
    if (problem) throw new Error(`a ${body.kind} record made here does not belong in ${doc}: ${problem}`);
  }
  const record = signRecord(body, signerFor(self.privateKey));
  // Every node refuses a longer record (check.ts): better to fail here than to have the hub close the connection over it.
  if (record.text.length > recordTextLimit(body.kind)) {
    throw new Error(`a ${body.kind} record of ${record.text.length} characters is longer than a record may be`);
  }
  execute(
    db,
    'INSERT INTO sync_seq (person_id, last_seq) VALUES (?, ?) ON CONFLICT (person_id) DO UPDATE SET last_seq = excluded.last_seq',
  )(self.person, seq);
  execute(
    db,
    `INSERT INTO sync_record (id, text, signature, kind, author, seq, target, state, problem, origin, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'applied', NULL, 'local', ?) ON CONFLICT (id) DO NOTHING`,
  )(record.id, record.text, record.signature, body.kind, body.author, body.seq, target, now);
  const queue = execute(db, 'INSERT INTO sync_outbox (record_id, doc) VALUES (?, ?) ON CONFLICT DO NOTHING');
  for (const doc of docs) queue(record.id, doc);
  return { ...record, body };
}

/**
 * Queue into `doc` every record of these targets that is not in it yet (nor queued for it):
 * publishing on submit, and the results of a final panel. Refused records never travel.
 * Returns how many were queued.
 */
export function queueTargets(db: Db, targets: readonly string[], doc: string): number {
  const queue = execute(
    db,
    `INSERT INTO sync_outbox (record_id, doc)
     SELECT r.id, @doc FROM sync_record r
     WHERE r.target = @target AND r.state <> 'refused'
       AND NOT EXISTS (SELECT 1 FROM sync_record_doc d WHERE d.record_id = r.id AND d.doc = @doc)
     ON CONFLICT DO NOTHING`,
  );
  let queued = 0;
  for (const target of targets) queued += queue({ target, doc }).changes;
  return queued;
}

interface OutboxRow {
  doc: string;
  id: string;
  text: string;
  signature: Uint8Array;
}

/** What the engine still has to put into documents, one batch per document, each in the records' order. */
export function pendingOutbox(db: Db): OutboxBatch[] {
  const rows = query<OutboxRow>(
    db,
    `SELECT o.doc, r.id, r.text, r.signature FROM sync_outbox o JOIN sync_record r ON r.id = o.record_id
     ORDER BY o.doc, r.seq, r.id`,
  ).all();
  const batches: OutboxBatch[] = [];
  for (const row of rows) {
    const record: SignedRecord = { id: row.id, text: row.text, signature: new Uint8Array(row.signature) };
    const last = batches.at(-1);
    if (last?.doc === row.doc) last.records.push(record);
    else batches.push({ doc: row.doc, records: [record] });
  }
  return batches;
}

/** These records are now in `doc` (its update persisted): out of the outbox, and remembered as being there. */
export function markDrained(db: Db, doc: string, ids: readonly string[]): void {
  const drop = execute(db, 'DELETE FROM sync_outbox WHERE record_id = ? AND doc = ?');
  const note = execute(db, 'INSERT INTO sync_record_doc (record_id, doc) VALUES (?, ?) ON CONFLICT DO NOTHING');
  db.transaction(() => {
    for (const id of ids) {
      drop(id, doc);
      note(id, doc);
    }
  })();
}

/**
 * Records made here that the hub has not acknowledged: still in the outbox, or in a document whose
 * last sync the hub has not confirmed. What "N catatan belum terkirim" counts.
 */
export function pendingCount(db: Db): number {
  const outbox = queryValue<number>(db, 'SELECT count(DISTINCT record_id) FROM sync_outbox').get() ?? 0;
  const unacknowledged =
    queryValue<number>(
      db,
      `SELECT count(DISTINCT rd.record_id) FROM sync_record_doc rd JOIN sync_record r ON r.id = rd.record_id
        WHERE r.origin = 'local' AND rd.doc NOT IN (SELECT name FROM sync_doc WHERE synced_at IS NOT NULL)
          AND rd.record_id NOT IN (SELECT record_id FROM sync_outbox)`,
    ).get() ?? 0;
  return outbox + unacknowledged;
}
