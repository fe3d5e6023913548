import { createPrivateKey, sign } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { AppError, type AppErrorData } from '../../../shared/errors.ts';
import {
  SYNC_PATH,
  fingerprintOfToken,
  hubInfoSchema,
  joinProofText,
  joinResponseSchema,
  joinTokenSchema,
  syncIndexSchema,
  type HubInfo,
  type JoinRequest,
  type WireRecord,
} from '../../../shared/sync/protocol.ts';
import { docAccess } from '../../../shared/sync/access.ts';
import { REGISTRY_DOC } from '../../../shared/sync/docs.ts';
import type { SignedRecord, TeamRole } from '../../../shared/sync/record.ts';
import type { Db } from '../db/open.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { blobPath } from '../storage/blob-store.ts';
import { pendingCount } from './outbox.ts';
import { checkRecord, type RecordDirectory } from './check.ts';
import { createDocStore, type DocStore } from './doc-store.ts';
import { hashingMeter } from './hashing-meter.ts';
import { exportSyncFile, importSyncFile, type ExportOptions, type ImportResult } from './file.ts';
import { localIdentity, sha256Hex, teamOf, type Team } from './identity.ts';
import { hubFingerprint } from './signed-record.ts';
import type { IngestEntry, IngestReport, OutboxBatch, RecordOrigin } from './types.ts';
import { addRecords, recordsInUpdate, recordsMapOf } from './ydoc.ts';

/**
 * The laptop's side of sync (docs/sync.md §1): joins a hub, puts records made here into their
 * Yjs documents (the outbox), and syncs documents with the hub over one WebSocket, a Hocuspocus
 * provider per document, a few at a time. What arrives is stored with its records in one SQLite
 * transaction; a document is done when the hub has acknowledged everything in it.
 */

/** The other laptop parts the engine works with (the applier and the outbox), injected. */
export interface SyncParts {
  /** Checks, stores and applies records that came from elsewhere (apply.ts `ingest`). */
  ingest(entries: readonly IngestEntry[], origin: RecordOrigin): IngestReport;
  /** The members and hub keys records are checked against (apply.ts `directoryOf`). */
  directory(): RecordDirectory;
  /** Records made here not yet in their documents (outbox.ts `pendingOutbox`). */
  pendingOutbox(): OutboxBatch[];
  /** Those records are in the document now (outbox.ts `markDrained`). */
  markDrained(doc: string, ids: readonly string[]): void;
  /** Records for the work made before joining (outbox.ts `seedRecords`); how many. */
  seed(): number;
  /** Copies of finalized panels' records for the regency documents (outbox.ts `publishFinalPanels`); how many. */
  publishFinalPanels(): number;
}

export interface SyncEngineOptions {
  db: Db;
  parts: SyncParts;
  now?: () => string;
  log?: (message: string) => void;
  /** Documents synced at the same time (at most 16). */
  concurrency?: number;
  /** Documents in memory at once. */
  maxOpenDocs?: number;
  /** Shown to others in the registry's awareness. */
  appVersion?: string;
  /** The workspace folder whose blob store holds the documents' files: without it, no file is uploaded. */
  dataDir?: string;
}

export interface JoinProfile {
  name: string;
  institution: string;
}

export interface JoinResult {
  hubUrl: string;
  fingerprint: string;
  role: TeamRole;
  regencies: string[];
  member: string;
  seeded: number;
}

/** What a pass did; what it received is counted as the applier reports it (`received`: records not held before). */
export interface SyncPassResult extends IngestReport {
  /** Documents synced (each counted once per pass). */
  docs: number;
  /** Records put from the outbox into documents during this pass, and pushed. */
  sent: number;
  /** Records made here the hub has not acknowledged yet (see `pendingCount`). */
  pending: number;
  seconds: number;
  rounds: number;
  /** Every document synced and acknowledged, nothing pending, and the index unchanged in the last round. */
  converged: boolean;
  /** Documents' files put on the hub this pass, and those that could not be (tried again next pass). */
  blobs: { uploaded: number; failed: number };
}

export interface SyncStatus {
  team: { hubUrl: string; role: TeamRole; fingerprint: string } | null;
  connected: boolean;
  running: boolean;
  lastSyncAt: string | null;
  pending: number;
  waiting: number;
  refused: number;
  notApplied: number;
  online: { person: string; name: string; role: string }[];
  lastError: AppErrorData | null;
  /** Records from the hub this engine has applied since it started: grows whenever someone else's work lands here. */
  applied: number;
  /** While a pass runs: the documents it has finished out of those it has taken on so far (later rounds add to both). */
  progress: { done: number; total: number } | null;
}

export interface SyncEngine {
  join(hubUrl: string, token: string, profile: JoinProfile): Promise<JoinResult>;
  syncOnce(options?: { timeoutMs?: number }): Promise<SyncPassResult>;
  status(): SyncStatus;
  /**
   * Resolves with `status().applied` once it differs from `since` (someone else's records were
   * applied here), or after `timeoutMs` as it is: the screens wait on it to re-read at once.
   */
  waitForApplied(since: number, timeoutMs: number): Promise<number>;
  /** Keeps the registry connected and syncs after local changes (`nudge`), every interval, and when the hub is reachable again. */
  startBackground(options?: { intervalMs?: number; debounceMs?: number }): void;
  stop(): Promise<void>;
  /** Something was committed here: sync soon (debounced). */
  nudge(): void;
  /** Documents to keep loaded between passes (the open submission's); the registry always is. */
  setHotDocs(names: Iterable<string>): void;
  exportFile(options?: ExportOptions): Buffer;
  importFile(buffer: Buffer, fileName: string): ImportResult;
  /** Puts records from the outbox into their documents; how many were new there. */
  drain(): number;
  /**
   * Downloads a document's file from the hub into `dest`, checking its SHA-256 as it streams and
   * reading at most `size` bytes; `dest` is removed when anything is wrong.
   */
  fetchBlob(sha256: string, size: number, dest: string): Promise<void>;
}

const MAX_ROUNDS = 5;
const MAX_CONCURRENCY = 16;
/** Updates the engine makes itself (outbox, put-back keys): persisted as local updates. */
const DRAIN_ORIGIN = Symbol('sync.drain');
const RESTORE_ORIGIN = Symbol('sync.restore');

/** `http://host:port` without a trailing slash; the WebSocket is the same address with ws(s). */
export function normalizeHubUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('sync.bad_hub_url', { url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new AppError('sync.bad_hub_url', { url });
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

const socketUrlOf = (hubUrl: string) => `${hubUrl.replace(/^http/, 'ws')}${SYNC_PATH}`;

export const fromWire = (record: WireRecord): SignedRecord => ({
  id: record.id,
  text: record.text,
  signature: new Uint8Array(Buffer.from(record.signature, 'base64')),
});

/** The join proof (protocol.ts): the joining person's Ed25519 signature over fingerprint, person and the token's SHA-256. */
export function joinProof(privateKeyPem: string, fingerprint: string, person: string, token: string): string {
  return sign(null, Buffer.from(joinProofText(fingerprint, person, sha256Hex(token))), createPrivateKey(privateKeyPem)).toString('base64');
}

/** A hub's refusal reason from a provider or an HTTP answer. */
function authReason(value: unknown, fallback: string): string {
  const text = typeof value === 'string' ? value : '';
  const known = ['unknown_token', 'revoked', 'forbidden', 'not_joined'].find((reason) => text.includes(reason));
  return known ?? (text || fallback);
}

interface Connection {
  socket: HocuspocusProviderWebsocket;
  registry: HocuspocusProvider;
  awareness: Awareness;
  team: Team;
}

type Totals = IngestReport;

const emptyTotals = (): Totals => ({ received: 0, applied: 0, notApplied: 0, waiting: 0, refused: 0, refusals: [] });

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, parts } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const log = options.log ?? (() => undefined);
  const concurrency = Math.max(1, Math.min(MAX_CONCURRENCY, options.concurrency ?? MAX_CONCURRENCY));

  /** Where what arrives is counted: the running pass's totals, or the background's. */
  let totals = emptyTotals();
  /** Every record from the hub applied here since the engine started, passes and background alike. */
  let appliedSinceStart = 0;
  /** Rejects the running pass (the hub went away, refused us, or the time is up). */
  let failPass: ((error: unknown) => void) | null = null;
  /** Per document being synced: how to fail it when storing what arrived did not work. */
  const failDoc = new Map<string, (error: unknown) => void>();
  const watched = new WeakSet<Y.Doc>();

  const store: DocStore = createDocStore(db, {
    ...(options.maxOpenDocs ? { maxOpen: options.maxOpenDocs } : {}),
    isRemote: (origin) => origin instanceof HocuspocusProvider,
    onRemoteUpdate: (name, update) => {
      const { records } = recordsInUpdate(update);
      try {
        const report = db.transaction(() => {
          store.persist(name, update);
          return records.length > 0
            ? parts.ingest(
                records.map((record) => ({ record, doc: name })),
                'hub',
              )
            : null;
        })();
        if (report) {
          addReport(totals, report);
          appliedSinceStart += report.applied;
          if (report.applied > 0) for (const wake of [...appliedWaiters]) wake();
        }
      } catch (error) {
        log(`sync: storing an update of ${name} failed: ${String(error)}`);
        const fail = failDoc.get(name);
        if (fail) fail(error);
        else if (name === REGISTRY_DOC) resetConnection();
      }
    },
  });

  function addReport(into: Totals, report: IngestReport): void {
    into.received += report.received;
    into.applied += report.applied;
    into.notApplied += report.notApplied;
    into.waiting += report.waiting;
    into.refused += report.refused;
    into.refusals.push(...report.refusals);
  }

  /** A key a remote update deleted or overwrote is put back from `sync_record` (docs/sync.md §5). */
  function watch(name: string, doc: Y.Doc): void {
    if (watched.has(doc)) return;
    watched.add(doc);
    const map = recordsMapOf(doc);
    map.observe((event, transaction) => {
      if (!(transaction.origin instanceof HocuspocusProvider)) return;
      const lost: string[] = [];
      for (const [key, change] of event.changes.keys) {
        if (change.action === 'add') continue;
        const value: unknown = map.get(key);
        const held = queryValue<string>(db, "SELECT text FROM sync_record WHERE id = ? AND state <> 'refused'").get(key);
        if (held !== undefined && (!Array.isArray(value) || value[0] !== held)) lost.push(key);
      }
      if (lost.length === 0) return;
      queueMicrotask(() => {
        if (store.peek(name) !== doc) return;
        const rows = query<{ id: string; text: string; signature: Uint8Array }>(
          db,
          `SELECT id, text, signature FROM sync_record WHERE id IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(lost));
        log(`sync: ${name}: ${rows.length} record(s) deleted by a remote update put back`);
        doc.transact(() => {
          for (const row of rows) map.set(row.id, [row.text, new Uint8Array(row.signature)]);
        }, RESTORE_ORIGIN);
      });
    });
  }

  function acquire(name: string): Y.Doc {
    const doc = store.acquire(name);
    watch(name, doc);
    return doc;
  }

  /** Marks a document as holding something the hub has not acknowledged. */
  function markUnacknowledged(name: string): void {
    execute(
      db,
      'INSERT INTO sync_doc (name, synced_at, hub_seq) VALUES (?, NULL, NULL) ON CONFLICT (name) DO UPDATE SET synced_at = NULL',
    )(name);
  }

  function markAcknowledged(name: string, version: number | null): void {
    execute(
      db,
      `INSERT INTO sync_doc (name, synced_at, hub_seq) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET synced_at = excluded.synced_at, hub_seq = coalesce(excluded.hub_seq, sync_doc.hub_seq)`,
    )(name, now(), version);
  }

  function drain(): number {
    let sent = 0;
    for (const batch of parts.pendingOutbox()) {
      const doc = acquire(batch.doc);
      let failed = false;
      try {
        // The update row, the outbox rows gone, in one transaction: a crash leaves the outbox to drain again (docs/sync.md §4).
        db.transaction(() => {
          sent += addRecords(doc, batch.records, DRAIN_ORIGIN);
          parts.markDrained(
            batch.doc,
            batch.records.map((record) => record.id),
          );
          markUnacknowledged(batch.doc);
        })();
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        store.release(batch.doc);
        // The in-memory document may be ahead of SQLite now: load it again from the rows.
        if (failed) {
          if (batch.doc === REGISTRY_DOC) resetConnection();
          store.discard(batch.doc);
        }
      }
    }
    return sent;
  }

  // ---------------------------------------------------------------- HTTP

  async function request(url: string, init: RequestInit = {}, timeoutMs = 30_000): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      throw new AppError('sync.unreachable', { reason: cause?.code ?? (error as Error).name ?? 'network' });
    }
  }

  async function bodyOf(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }

  function reasonIn(body: unknown): unknown {
    if (!body || typeof body !== 'object') return undefined;
    const record = body as Record<string, unknown>;
    const error = record.error;
    return record.reason ?? (typeof error === 'object' && error ? (error as Record<string, unknown>).code : error) ?? record.code;
  }

  /** One plain HTTP exchange with the hub, a file streamed as the body if given; the answer's body is the caller's to read. */
  function hubExchange(
    url: string,
    method: 'HEAD' | 'GET' | 'PUT',
    token: string,
    file?: { path: string; size: number },
    idleMs = 30_000,
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
      if (file) Object.assign(headers, { 'content-type': 'application/octet-stream', 'content-length': file.size });
      const unreachable = (error: Error) =>
        reject(new AppError('sync.unreachable', { reason: (error as NodeJS.ErrnoException).code ?? error.message ?? 'network' }));
      const outgoing = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method, headers, timeout: idleMs }, resolve);
      outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
      outgoing.on('error', unreachable);
      if (!file) {
        outgoing.end();
        return;
      }
      // Streamed from the blob store, never read whole into memory.
      const body = createReadStream(file.path);
      body.on('error', (error) => outgoing.destroy(error));
      body.pipe(outgoing);
    });
  }

  /** Whether the hub has this file, and if not, the file sent: true when the hub has it now. */
  async function uploadBlob(team: Team, sha: string, path: string): Promise<boolean> {
    const url = `${team.hubUrl}/blobs/${sha}`;
    const head = await hubExchange(url, 'HEAD', team.token);
    head.resume();
    if (head.statusCode === 200) return true;
    if (head.statusCode !== 404) {
      log(`sync: HEAD /blobs/${sha.slice(0, 12)}…: HTTP ${head.statusCode}`);
      return false;
    }
    const put = await hubExchange(url, 'PUT', team.token, { path, size: statSync(path).size });
    if (put.statusCode === 200 || put.statusCode === 201) {
      put.resume();
      return true;
    }
    // The hub takes a file only from who may write a document naming it, at the size it names (docs/sync.md §6).
    const refused = reasonIn(await jsonOf(put));
    if (put.statusCode === 403 && refused === 'not_referenced')
      throw new AppError('sync.blob_not_referenced', { sha256: sha.slice(0, 12) });
    if (put.statusCode === 400 && refused === 'size_mismatch') throw new AppError('sync.blob_size_mismatch', { sha256: sha.slice(0, 12) });
    log(`sync: PUT /blobs/${sha.slice(0, 12)}…: HTTP ${put.statusCode}`);
    return false;
  }

  /** A small JSON answer to a plain HTTP exchange, or null. */
  async function jsonOf(message: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of message as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= 64 * 1024) chunks.push(chunk);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    } catch {
      return null;
    }
  }

  /**
   * The files of documents whose records the hub has acknowledged, put on the hub once each
   * (docs/sync.md §6). What the hub has is remembered in `sync_blob_sent`, so later passes do not
   * ask again; a failure (the hub gone, too large, refused) is counted and tried again at the next
   * pass. `missing` is what the hub's index says it lacks: each of those this laptop holds is sent
   * whatever `sync_blob_sent` says (a hub that lost its files is refilled).
   */
  async function uploadBlobs(team: Team, missing: readonly string[]): Promise<{ uploaded: number; failed: number }> {
    const counts = { uploaded: 0, failed: 0 };
    const dataDir = options.dataDir;
    if (!dataDir || team.role === 'ministry') return counts;
    const hashes = queryValue<string>(
      db,
      `SELECT DISTINCT d.sha256 FROM document d
        WHERE NOT EXISTS (SELECT 1 FROM sync_blob_sent s WHERE s.sha256 = d.sha256)
          AND EXISTS (
            SELECT 1 FROM sync_record r
             WHERE r.kind = 'document' AND r.target LIKE 'r:document:%' AND substr(r.target, -64) = d.sha256
               AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.record_id = r.id)
               AND EXISTS (SELECT 1 FROM sync_record_doc rd JOIN sync_doc sd ON sd.name = rd.doc
                            WHERE rd.record_id = r.id AND sd.synced_at IS NOT NULL))
        ORDER BY d.sha256`,
    ).all();
    const known = new Set(hashes);
    const refill = missing.filter((sha) => !known.has(sha) && existsSync(blobPath(dataDir, sha)));
    for (const sha of [...hashes, ...refill]) {
      const path = blobPath(dataDir, sha);
      if (!existsSync(path)) {
        log(`sync: the file of ${sha.slice(0, 12)}… is missing from the blob store`);
        counts.failed += 1;
        continue;
      }
      try {
        if (await uploadBlob(team, sha, path)) {
          execute(db, 'INSERT OR IGNORE INTO sync_blob_sent (sha256, sent_at) VALUES (?, ?)')(sha, now());
          counts.uploaded += 1;
        } else counts.failed += 1;
      } catch (error) {
        log(`sync: uploading ${sha.slice(0, 12)}… failed: ${String(error)}`);
        counts.failed += 1;
      }
    }
    return counts;
  }

  async function fetchBlob(sha: string, size: number, dest: string): Promise<void> {
    const team = requireTeam();
    const response = await hubExchange(`${team.hubUrl}/blobs/${sha}`, 'GET', team.token);
    if (response.statusCode !== 200) {
      response.resume();
      if (response.statusCode === 404) throw new AppError('sync.document_not_on_hub');
      if (response.statusCode === 401 || response.statusCode === 403) throw new AppError('sync.auth', { reason: 'forbidden' });
      throw new AppError('sync.bad_answer', { reason: `GET /blobs: HTTP ${response.statusCode}` });
    }
    // More than the record says is not the file the team named: reading stops there.
    const meter = hashingMeter(size, () => new AppError('sync.hash_mismatch'));
    try {
      await pipeline(response, meter.stream, createWriteStream(dest));
      if (meter.bytes !== size || meter.sha256() !== sha) throw new AppError('sync.hash_mismatch');
    } catch (error) {
      rmSync(dest, { force: true });
      if (error instanceof AppError) throw error;
      throw new AppError('sync.unreachable', { reason: (error as NodeJS.ErrnoException).code ?? 'network' });
    }
  }

  async function fetchIndex(team: Team): Promise<{ docs: Map<string, number>; missingBlobs: string[] }> {
    const response = await request(`${team.hubUrl}/sync/index`, { headers: { authorization: `Bearer ${team.token}` } });
    const body = await bodyOf(response);
    if (response.status === 401 || response.status === 403) {
      throw new AppError('sync.auth', { reason: authReason(reasonIn(body), response.status === 401 ? 'unknown_token' : 'forbidden') });
    }
    const parsed = syncIndexSchema.safeParse(body);
    if (!response.ok || !parsed.success) throw new AppError('sync.bad_answer', { reason: `GET /sync/index: HTTP ${response.status}` });
    return { docs: new Map(parsed.data.docs.map((doc) => [doc.name, doc.version])), missingBlobs: parsed.data.missingBlobs };
  }

  // ---------------------------------------------------------------- joining

  async function join(hubUrlText: string, token: string, profile: JoinProfile): Promise<JoinResult> {
    const hubUrl = normalizeHubUrl(hubUrlText);
    if (!joinTokenSchema.safeParse(token).success) throw new AppError('sync.bad_token');
    const fingerprint = fingerprintOfToken(token);

    const infoResponse = await request(`${hubUrl}/hub`);
    const info = hubInfoSchema.safeParse(await bodyOf(infoResponse));
    if (!infoResponse.ok || !info.success) throw new AppError('sync.bad_answer', { reason: `GET /hub: HTTP ${infoResponse.status}` });
    // The token pins the hub's key: a different hub at that address (or a man in the middle) stops here.
    if (info.data.fingerprint !== fingerprint || safeFingerprint(info.data) !== fingerprint) {
      throw new AppError('sync.wrong_hub', { expected: fingerprint, found: info.data.fingerprint });
    }

    const me = localIdentity(db);
    const joinRequest: JoinRequest = {
      token,
      person: me.person,
      name: profile.name,
      institution: profile.institution,
      publicKey: me.publicKey,
      proof: joinProof(me.privateKey, fingerprint, me.person, token),
    };
    const response = await request(`${hubUrl}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(joinRequest),
    });
    const body = await bodyOf(response);
    if (response.status === 409) throw new AppError('sync.token_used');
    if (response.status === 401 || response.status === 403) {
      throw new AppError('sync.auth', { reason: authReason(reasonIn(body), response.status === 401 ? 'unknown_token' : 'forbidden') });
    }
    const answer = joinResponseSchema.safeParse(body);
    if (!response.ok || !answer.success) throw new AppError('sync.bad_answer', { reason: `POST /join: HTTP ${response.status}` });

    const member = fromWire(answer.data.member);
    const hubOnly: RecordDirectory = {
      member: () => undefined,
      hubKey: (author) => (author === `hub:${fingerprint}` ? info.data.publicKey : undefined),
    };
    const checked = checkRecord(member, REGISTRY_DOC, hubOnly);
    const body2 = checked.ok ? checked.body : null;
    if (!body2 || body2.kind !== 'member' || body2.person !== me.person || body2.publicKey !== me.publicKey) {
      throw new AppError('sync.bad_answer', { reason: checked.ok ? 'the member record is not about this laptop' : checked.problem });
    }

    const joinedAt = now();
    db.transaction(() => {
      execute(
        db,
        'INSERT INTO sync_trusted_hub (fingerprint, public_key, url) VALUES (?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET url = excluded.url',
      )(fingerprint, info.data.publicKey, hubUrl);
      const previous = teamOf(db);
      if (previous && previous.fingerprint !== fingerprint) {
        // Another hub: what it acknowledged says nothing about this one, so every document goes to the new hub once.
        execute(db, 'UPDATE sync_doc SET synced_at = NULL, hub_seq = NULL')();
        execute(db, 'DELETE FROM sync_blob_sent')();
      }
      execute(
        db,
        `INSERT INTO sync_team (id, hub_url, fingerprint, token, role, regencies, joined_at, last_sync_at) VALUES (1, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, fingerprint = excluded.fingerprint, token = excluded.token,
           role = excluded.role, regencies = excluded.regencies, joined_at = excluded.joined_at, last_sync_at = NULL`,
      )(hubUrl, fingerprint, token, answer.data.role, JSON.stringify(answer.data.regencies), joinedAt);
      parts.ingest([{ record: member, doc: REGISTRY_DOC }], 'hub');
    })();
    resetConnection();
    const seeded = parts.seed();
    log(`sync: joined ${hubUrl} as ${answer.data.role}; ${seeded} record(s) seeded`);
    return { hubUrl, fingerprint, role: answer.data.role, regencies: answer.data.regencies, member: member.id, seeded };
  }

  function safeFingerprint(info: HubInfo): string | null {
    try {
      return hubFingerprint(info.publicKey);
    } catch {
      return null;
    }
  }

  function requireTeam(): Team {
    const team = teamOf(db);
    if (!team) throw new AppError('sync.not_joined');
    return team;
  }

  // ---------------------------------------------------------------- the connection

  let connection: Connection | null = null;
  let background = false;

  function openConnection(team: Team): Connection {
    const socket = new HocuspocusProviderWebsocket({
      url: socketUrlOf(team.hubUrl),
      delay: 500,
      minDelay: 250,
      maxDelay: 10_000,
      factor: 2,
    });
    const doc = acquire(REGISTRY_DOC);
    const awareness = new Awareness(doc);
    const me = localIdentity(db);
    awareness.setLocalState({ user: { person: me.person, name: me.name, role: team.role }, app: options.appVersion ?? 'timbang' });
    const registry = new HocuspocusProvider({ websocketProvider: socket, name: REGISTRY_DOC, document: doc, token: team.token, awareness });
    const opened: Connection = { socket, registry, awareness, team };
    socket.on('disconnect', () => failPass?.(new AppError('sync.unreachable', { reason: 'disconnected' })));
    socket.on('connect', () => {
      if (background && connection === opened) schedule(0);
    });
    // The hub's notice that a document this laptop may read has moved: in the background, a pass now.
    registry.on('stateless', ({ payload }: { payload: string }) => {
      if (background && connection === opened && payload.startsWith('{"changed"')) schedule(0);
    });
    registry.on('authenticationFailed', ({ reason }: { reason: string }) => {
      const error = new AppError('sync.auth', { reason: authReason(reason, 'forbidden') });
      lastError = error.toData();
      if (failPass) failPass(error);
      // A refused token stays refused: stop knocking until someone syncs by hand again.
      if (connection === opened) closeConnection();
    });
    registry.attach();
    return opened;
  }

  function closeConnection(): void {
    const closing = connection;
    if (!closing) return;
    connection = null;
    closing.registry.destroy();
    closing.socket.destroy();
    store.release(REGISTRY_DOC);
  }

  function resetConnection(): void {
    closeConnection();
  }

  // ---------------------------------------------------------------- one pass

  /** The documents to sync this round: changed at the hub since last time, or holding something not yet acknowledged. */
  function docsToSync(index: Map<string, number>, team: Team, firstRound: boolean): { name: string; version: number | null }[] {
    const known = new Map(
      query<{ name: string; syncedAt: string | null; hubSeq: number | null }>(
        db,
        'SELECT name, synced_at AS syncedAt, hub_seq AS hubSeq FROM sync_doc',
      )
        .all()
        .map((row) => [row.name, row]),
    );
    const wanted = new Map<string, number | null>();
    if (firstRound) wanted.set(REGISTRY_DOC, index.get(REGISTRY_DOC) ?? null);
    for (const [name, version] of index) {
      const row = known.get(name);
      if (!row?.syncedAt || row.hubSeq === null || version > row.hubSeq) wanted.set(name, version);
    }
    // The ministry writes nothing: its local documents have nothing to push.
    if (team.role !== 'ministry') {
      const local = queryValue<string>(
        db,
        `SELECT DISTINCT doc FROM sync_doc_update
          WHERE doc NOT IN (SELECT name FROM sync_doc WHERE synced_at IS NOT NULL)`,
      ).all();
      for (const name of local) if (!wanted.has(name)) wanted.set(name, index.get(name) ?? null);
      // A hub that no longer has a document it once acknowledged (restored with its key onto an empty store) gets
      // it again from here: syncing it pushes everything the hub lacks. Its version there is unknown until then.
      const me = { person: localIdentity(db).person, role: team.role, regencies: team.regencies };
      for (const [name, row] of known) {
        if (row.hubSeq === null || index.has(name) || wanted.has(name) || docAccess(me, name) !== 'write') continue;
        execute(db, 'UPDATE sync_doc SET hub_seq = NULL WHERE name = ?')(name);
        wanted.set(name, null);
      }
    }
    const names = [...wanted.keys()].sort((a, b) => (a === REGISTRY_DOC ? -1 : b === REGISTRY_DOC ? 1 : a < b ? -1 : a > b ? 1 : 0));
    return names.map((name) => ({ name, version: wanted.get(name) ?? null }));
  }

  /** Syncs one document until the hub has acknowledged everything in it. */
  function syncDoc(conn: Connection, name: string, version: number | null, failure: Promise<never>): Promise<void> {
    const persistent = name === REGISTRY_DOC;
    const doc = persistent ? conn.registry.document : acquire(name);
    const provider = persistent
      ? conn.registry
      : new HocuspocusProvider({ websocketProvider: conn.socket, name, document: doc, token: conn.team.token, awareness: null });
    const readOnly = conn.team.role === 'ministry';
    let broken = false;
    const done = new Promise<void>((resolve, reject) => {
      const check = () => {
        if (provider.synced && (readOnly || provider.unsyncedChanges === 0)) resolve();
      };
      failDoc.set(name, (error) => {
        broken = true;
        reject(error as Error);
      });
      provider.on('synced', check);
      provider.on('unsyncedChanges', check);
      if (!persistent) {
        provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
          reject(new AppError('sync.auth', { reason: authReason(reason, 'forbidden') })),
        );
        provider.attach();
      }
      check();
    });
    done.catch(() => undefined);
    return Promise.race([done, failure])
      .then(() => {
        markAcknowledged(name, version);
      })
      .finally(() => {
        failDoc.delete(name);
        if (persistent) {
          if (broken) resetConnection();
          return;
        }
        provider.destroy();
        store.release(name);
        if (broken) store.discard(name);
      });
  }

  async function runPool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    let failed: unknown = null;
    const worker = async () => {
      while (next < items.length && failed === null) {
        const item = items[next++] as T;
        try {
          await run(item);
        } catch (error) {
          failed ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (failed !== null) throw failed;
  }

  async function pass(timeoutMs: number): Promise<SyncPassResult> {
    const team = requireTeam();
    const started = Date.now();
    totals = emptyTotals();
    const failure = new Promise<never>((_, reject) => {
      failPass = reject;
    });
    failure.catch(() => undefined);
    const timer = setTimeout(() => failPass?.(new AppError('sync.unreachable', { reason: 'timeout' })), timeoutMs);
    const ownConnection = connection === null;
    const synced = new Set<string>();
    progress = { done: 0, total: 0 };
    let sent = 0;
    let rounds = 0;
    let converged = false;
    /** What the hub's latest index says it lacks (the last index of a pass is read after everything was pushed). */
    let missingBlobs: string[];
    try {
      sent += drain();
      const conn = (connection ??= openConnection(team));
      const slots = Math.max(1, Math.min(concurrency, (options.maxOpenDocs ?? 40) - store.openNames().length - 1));
      for (let round = 0; ; round += 1) {
        const index = await Promise.race([fetchIndex(team), failure]);
        missingBlobs = index.missingBlobs;
        const todo = docsToSync(index.docs, team, round === 0);
        const outbox = queryValue<number>(db, 'SELECT count(*) FROM sync_outbox').get() ?? 0;
        if (todo.length === 0 && outbox === 0) {
          converged = true;
          break;
        }
        if (round === MAX_ROUNDS) break;
        rounds += 1;
        progress.total += todo.length;
        // The registry first: checking every other record needs its members.
        const registry = todo.find((doc) => doc.name === REGISTRY_DOC);
        if (registry) await syncDoc(conn, registry.name, registry.version, failure);
        if (registry) progress.done += 1;
        await runPool(
          todo.filter((doc) => doc.name !== REGISTRY_DOC),
          slots,
          async (doc) => {
            await syncDoc(conn, doc.name, doc.version, failure);
            if (progress) progress.done += 1;
          },
        );
        for (const doc of todo) synced.add(doc.name);
        if (parts.publishFinalPanels() > 0 || (queryValue<number>(db, 'SELECT count(*) FROM sync_outbox').get() ?? 0) > 0) sent += drain();
      }
      // The files after their records: never fails the pass (what fails is tried again next time).
      const blobs = await uploadBlobs(team, missingBlobs);
      execute(db, 'UPDATE sync_team SET last_sync_at = ? WHERE id = 1')(now());
      lastError = null;
      const result: SyncPassResult = {
        docs: synced.size,
        sent,
        ...totals,
        pending: pendingCount(db),
        seconds: Math.round((Date.now() - started) / 100) / 10,
        rounds,
        converged,
        blobs,
      };
      log(`sync: ${JSON.stringify({ ...result, refusals: result.refusals.length })}`);
      return result;
    } catch (error) {
      if (error instanceof AppError) lastError = error.toData();
      throw error;
    } finally {
      clearTimeout(timer);
      failPass = null;
      totals = emptyTotals();
      progress = null;
      if (ownConnection && !background) closeConnection();
    }
  }

  /** Records made here that the hub has not acknowledged: in the outbox, or in a document not acknowledged since. */

  // ---------------------------------------------------------------- one pass at a time

  let chain: Promise<unknown> = Promise.resolve();
  let running = false;
  let lastError: AppErrorData | null = null;
  let progress: { done: number; total: number } | null = null;

  function syncOnce({ timeoutMs = 120_000 }: { timeoutMs?: number } = {}): Promise<SyncPassResult> {
    const next = chain.then(async () => {
      running = true;
      try {
        return await pass(timeoutMs);
      } finally {
        running = false;
      }
    });
    chain = next.catch(() => undefined);
    return next;
  }

  // ---------------------------------------------------------------- background

  let debounce: ReturnType<typeof setTimeout> | null = null;
  let debounceDue = 0;
  let interval: ReturnType<typeof setInterval> | null = null;
  let queued = false;
  let backgroundTimeout = 120_000;

  /**
   * A background pass at most `delayMs` from now. A pass already due sooner stands: the outbox
   * watcher nudges every 100 ms while records wait, and pushing the pass back on each nudge would
   * hold them until the next poll.
   */
  function schedule(delayMs: number): void {
    if (!background) return;
    const due = Date.now() + delayMs;
    if (debounce && debounceDue <= due) return;
    if (debounce) clearTimeout(debounce);
    debounceDue = due;
    debounce = setTimeout(() => {
      debounce = null;
      if (queued) return;
      queued = true;
      void chain.then(() => {
        queued = false;
        if (!background || !teamOf(db)) return;
        if (!connection) connection = openConnection(requireTeam());
        return syncOnce({ timeoutMs: backgroundTimeout }).catch((error: unknown) => {
          log(`sync: background pass failed: ${String(error)}`);
        });
      });
    }, delayMs);
  }

  function startBackground({ intervalMs = 60_000, debounceMs = 300 }: { intervalMs?: number; debounceMs?: number } = {}): void {
    if (background) return;
    background = true;
    nudgeDelay = debounceMs;
    backgroundTimeout = Math.max(30_000, intervalMs);
    interval = setInterval(() => schedule(0), intervalMs);
    schedule(0);
  }

  let nudgeDelay = 300;

  async function stop(): Promise<void> {
    background = false;
    if (debounce) clearTimeout(debounce);
    if (interval) clearInterval(interval);
    debounce = null;
    interval = null;
    failPass?.(new AppError('sync.unreachable', { reason: 'stopped' }));
    await chain.catch(() => undefined);
    closeConnection();
    store.closeAll();
    for (const wake of [...appliedWaiters]) wake();
  }

  const appliedWaiters = new Set<() => void>();
  function waitForApplied(since: number, timeoutMs: number): Promise<number> {
    if (appliedSinceStart !== since) return Promise.resolve(appliedSinceStart);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        appliedWaiters.delete(wake);
        resolve(appliedSinceStart);
      };
      const timer = setTimeout(wake, timeoutMs);
      appliedWaiters.add(wake);
    });
  }

  function status(): SyncStatus {
    const team = teamOf(db);
    const counts = new Map(
      query<{ state: string; n: number }>(db, "SELECT state, count(*) AS n FROM sync_record WHERE state <> 'applied' GROUP BY state")
        .all()
        .map((row) => [row.state, row.n]),
    );
    const online = new Map<string, { person: string; name: string; role: string }>();
    if (connection) {
      for (const [client, state] of connection.awareness.getStates()) {
        const user = (state as { user?: { person?: unknown; name?: unknown; role?: unknown } }).user;
        if (client === connection.awareness.clientID || typeof user?.person !== 'string') continue;
        online.set(user.person, { person: user.person, name: String(user.name ?? ''), role: String(user.role ?? '') });
      }
    }
    return {
      team: team ? { hubUrl: team.hubUrl, role: team.role, fingerprint: team.fingerprint } : null,
      connected: connection?.socket.status === WebSocketStatus.Connected,
      running,
      lastSyncAt: team?.lastSyncAt ?? null,
      pending: pendingCount(db),
      waiting: counts.get('waiting') ?? 0,
      refused: counts.get('refused') ?? 0,
      notApplied: counts.get('not_applied') ?? 0,
      online: [...online.values()].sort((a, b) => a.name.localeCompare(b.name)),
      lastError,
      applied: appliedSinceStart,
      progress: progress ? { ...progress } : null,
    };
  }

  return {
    join,
    syncOnce,
    status,
    waitForApplied,
    startBackground,
    stop,
    nudge: () => schedule(nudgeDelay),
    setHotDocs: (names) => store.setHot(names),
    exportFile: (exportOptions = {}) => exportSyncFile(db, exportOptions, now),
    importFile: (buffer, fileName) => {
      const result = importSyncFile(db, parts, buffer, fileName, { store: { acquire, release: store.release, discard: store.discard } });
      if (result.applied > 0 || result.docs > 0) schedule(nudgeDelay);
      return result;
    },
    drain,
    fetchBlob,
  };
}
