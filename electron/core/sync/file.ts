import { gunzipSync, gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import type { Member } from '../../../shared/sync/access.ts';
import { REGISTRY_DOC, parseDocName, panelDocName, regencyDocName } from '../../../shared/sync/docs.ts';
import { regencyOfSub, subKeySchema, type SignedRecord } from '../../../shared/sync/record.ts';
import type { Db } from '../db/open.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { signDocument, verifyDocument } from '../identity/signing.ts';
import { checkRecord, type RecordDirectory } from './check.ts';
import { appendDocUpdate, loadDoc, storedDocNames } from './doc-store.ts';
import { localIdentity, teamOf } from './identity.ts';
import type { IngestEntry, IngestReport, RecordOrigin } from './types.ts';
import { readRecords, recordsMapOf, RECORDS_MAP } from './ydoc.ts';

/**
 * Sync files (docs/sync.md §1): the same Yjs documents, carried without a network. A file
 * is gzip of one JSON signed by its exporter; it names the team's hub, and only a laptop that
 * trusts that hub takes it. Each document is checked whole in a scratch Y.Doc before a byte of it
 * reaches the local one: one bad record refuses the whole document.
 */
export const SYNC_FILE_FORMAT = 'timbang.sync';
export const SYNC_FILE_VERSION = 1;

const syncFileSchema = z.strictObject({
  format: z.literal(SYNC_FILE_FORMAT),
  formatVersion: z.literal(SYNC_FILE_VERSION),
  exportedAt: z.string(),
  exporter: z.strictObject({ id: z.string(), name: z.string(), publicKey: z.string() }),
  hub: z.strictObject({ fingerprint: z.string(), publicKey: z.string() }),
  docs: z.array(z.strictObject({ name: z.string(), update: z.string(), records: z.number().int().min(0) })),
  signature: z.string(),
});
export type SyncFile = z.infer<typeof syncFileSchema>;

export interface ExportOptions {
  /** Submissions (`72.01/bimtek3`): their panel documents and their regencies' documents. */
  subs?: readonly string[];
  /** A regency: its document and every panel document of its submissions. */
  regency?: string;
  /** `planner`: only the registry and the regency's document. */
  forRole?: 'planner';
}

/** Which documents a file carries: always the registry, never a draft. */
function exportedDocNames(db: Db, options: ExportOptions): string[] {
  const held = storedDocNames(db).filter((name) => parseDocName(name)?.type !== 'draft');
  const names = new Set<string>([REGISTRY_DOC]);
  if (options.forRole === 'planner') {
    if (!options.regency) throw new AppError('invalid_input', { fields: 'regency' });
    names.add(regencyDocName(options.regency));
  } else if (options.subs?.length || options.regency) {
    for (const sub of options.subs ?? []) {
      if (!subKeySchema.safeParse(sub).success) throw new AppError('invalid_input', { fields: 'submission' });
      names.add(panelDocName(sub));
      names.add(regencyDocName(regencyOfSub(sub)));
    }
    if (options.regency) {
      names.add(regencyDocName(options.regency));
      for (const name of held) if (name.startsWith(`panel/${options.regency}/`)) names.add(name);
    }
  } else {
    for (const name of held) names.add(name);
  }
  return [...names].filter((name) => name === REGISTRY_DOC || held.includes(name)).sort();
}

export function exportSyncFile(db: Db, options: ExportOptions = {}, now: () => string = () => new Date().toISOString()): Buffer {
  const team = teamOf(db);
  if (!team) throw new AppError('sync.not_joined');
  const hubKey = queryValue<string>(db, 'SELECT public_key FROM sync_trusted_hub WHERE fingerprint = ?').get(team.fingerprint);
  if (!hubKey) throw new AppError('sync.not_joined');
  const me = localIdentity(db);
  const docs = exportedDocNames(db, options).map((name) => {
    const doc = loadDoc(db, name);
    try {
      return {
        name,
        update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
        records: recordsMapOf(doc).size,
      };
    } finally {
      doc.destroy();
    }
  });
  const file: Omit<SyncFile, 'signature'> = {
    format: SYNC_FILE_FORMAT,
    formatVersion: SYNC_FILE_VERSION,
    exportedAt: now(),
    exporter: { id: me.person, name: me.name, publicKey: me.publicKey },
    hub: { fingerprint: team.fingerprint, publicKey: hubKey },
    docs,
  };
  const signed: SyncFile = { ...file, signature: signDocument(db, file) };
  return gzipSync(Buffer.from(JSON.stringify(signed)));
}

export interface ImportResult {
  /** Documents taken in whole. */
  docs: number;
  /** Records this laptop did not hold before. */
  received: number;
  applied: number;
  /** Documents refused whole, with the first problem found and the record it was found in. */
  refused: { doc: string; problem: string; record: string | null }[];
}

export interface ImportParts {
  ingest(entries: readonly IngestEntry[], origin: RecordOrigin): IngestReport;
  directory(): RecordDirectory;
}

/** How the engine lends its in-memory documents, so a document open for sync gets the file's records too. */
export interface ImportDocs {
  acquire(name: string): Y.Doc;
  release(name: string): void;
  discard(name: string): void;
}

function readFile(buffer: Buffer, fileName: string): SyncFile {
  let json: unknown;
  try {
    json = JSON.parse(gunzipSync(buffer).toString('utf8'));
  } catch {
    throw new AppError('sync.bad_file', { file: fileName, reason: 'not gzip JSON' });
  }
  const parsed = syncFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError('sync.bad_file', { file: fileName, reason: parsed.error.issues[0]?.path.join('.') || 'format' });
  const { signature, ...rest } = parsed.data;
  if (!verifyDocument(parsed.data.exporter.publicKey, rest, signature)) {
    throw new AppError('sync.bad_file', { file: fileName, reason: 'signature' });
  }
  return parsed.data;
}

/** The records in a scratch document, or why the document cannot be taken. */
function scratchRecords(update: Uint8Array): { records: SignedRecord[] } | { problem: string } {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, update);
    // Missing structs would leave part of the update pending: what is checked must be all that is applied.
    if (scratch.store.pendingStructs || scratch.store.pendingDs) return { problem: 'sync.incomplete_update' };
    for (const key of scratch.share.keys()) if (key !== RECORDS_MAP) return { problem: 'sync.bad_shape' };
    const records = readRecords(scratch);
    if (records.length !== recordsMapOf(scratch).size) return { problem: 'sync.bad_shape' };
    return { records };
  } catch {
    return { problem: 'sync.bad_shape' };
  } finally {
    scratch.destroy();
  }
}

export function importSyncFile(
  db: Db,
  parts: ImportParts,
  buffer: Buffer,
  fileName: string,
  options: { store?: ImportDocs } = {},
): ImportResult {
  const file = readFile(buffer, fileName);
  const trusted = queryValue<string>(db, 'SELECT public_key FROM sync_trusted_hub WHERE fingerprint = ?').get(file.hub.fingerprint);
  if (trusted === undefined || trusted !== file.hub.publicKey) throw new AppError('sync.foreign_team', { file: fileName });
  const hubAuthor = `hub:${file.hub.fingerprint}`;

  const decoded = file.docs.map((doc) => ({ name: doc.name, update: new Uint8Array(Buffer.from(doc.update, 'base64')) }));
  // The registry first: its member records (signed by the hub) say who may have written the rest.
  decoded.sort((a, b) => (a.name === REGISTRY_DOC ? -1 : b.name === REGISTRY_DOC ? 1 : 0));

  const local = parts.directory();
  const fileMembers = new Map<string, { member: Member; seq: number }>();
  const hubOnly: RecordDirectory = {
    member: () => undefined,
    hubKey: (author) => local.hubKey(author) ?? (author === hubAuthor ? file.hub.publicKey : undefined),
  };
  const directory: RecordDirectory = {
    member: (person) => fileMembers.get(person)?.member ?? local.member(person),
    hubKey: hubOnly.hubKey,
  };

  const result: ImportResult = { docs: 0, received: 0, applied: 0, refused: [] };
  const origin: RecordOrigin = `file:${fileName}`;
  for (const { name, update } of decoded) {
    const doc = parseDocName(name);
    if (!doc || doc.type === 'draft') {
      result.refused.push({ doc: name, problem: 'sync.wrong_document', record: null });
      continue;
    }
    const scratch = scratchRecords(update);
    if ('problem' in scratch) {
      result.refused.push({ doc: name, problem: scratch.problem, record: null });
      continue;
    }
    // Members first (hub-signed, checked against the hub key alone), so the document's other records can be checked against them.
    for (const record of scratch.records) {
      const checked = checkRecord(record, name, hubOnly);
      if (checked.ok && checked.body.kind === 'member') {
        const body = checked.body;
        const previous = fileMembers.get(body.person);
        if (!previous || previous.seq < body.seq) {
          fileMembers.set(body.person, {
            seq: body.seq,
            member: {
              person: body.person,
              name: body.name,
              role: body.role,
              regencies: body.regencies,
              publicKey: body.publicKey,
              revokedAfterSeq: body.revokedAfterSeq,
            },
          });
        }
      }
    }
    let problem: { problem: string; record: string } | null = null;
    for (const record of scratch.records) {
      const checked = checkRecord(record, name, directory);
      if (!checked.ok) {
        problem = { problem: checked.problem, record: record.id };
        break;
      }
    }
    if (problem) {
      result.refused.push({ doc: name, ...problem });
      continue;
    }
    const report = mergeDocument(db, parts, name, update, scratch.records, origin, options.store);
    result.docs += 1;
    result.received += report?.received ?? 0;
    result.applied += report?.applied ?? 0;
  }
  return result;
}

/** The checked update into the local document, its row and its records, in one transaction. */
function mergeDocument(
  db: Db,
  parts: ImportParts,
  name: string,
  update: Uint8Array,
  records: SignedRecord[],
  origin: RecordOrigin,
  store: ImportDocs | undefined,
): IngestReport | null {
  const doc = store ? store.acquire(name) : loadDoc(db, name);
  let failed = false;
  try {
    return db.transaction(() => {
      const before = Y.encodeStateVector(doc);
      Y.applyUpdate(doc, update, FILE_ORIGIN);
      // The engine's store persists what the document emits; without one, the difference is stored here.
      if (!store) {
        const diff = Y.encodeStateAsUpdate(doc, before);
        if (Y.decodeUpdate(diff).structs.length > 0) appendDocUpdate(db, name, diff);
      }
      // The hub may not hold what came in by file yet: the next pass pushes this document. A file that brought
      // nothing new leaves it as it was (importing a file twice changes nothing, nothing becomes pending again).
      const grew = Buffer.compare(Buffer.from(before), Buffer.from(Y.encodeStateVector(doc))) !== 0;
      const known = query<{ n: number }>(db, 'SELECT 1 AS n FROM sync_doc WHERE name = ?').get(name);
      if (known && grew) execute(db, 'UPDATE sync_doc SET synced_at = NULL WHERE name = ?')(name);
      else if (!known) execute(db, 'INSERT INTO sync_doc (name, synced_at, hub_seq) VALUES (?, NULL, NULL)')(name);
      return records.length > 0
        ? parts.ingest(
            records.map((record) => ({ record, doc: name })),
            origin,
          )
        : null;
    })();
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    if (store) {
      store.release(name);
      if (failed) store.discard(name);
    } else {
      doc.destroy();
    }
  }
}

const FILE_ORIGIN = Symbol('sync.file');
