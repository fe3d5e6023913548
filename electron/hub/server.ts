import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Hocuspocus, type Document, type WebSocketLike } from '@hocuspocus/server';
import * as Y from 'yjs';
import { docAccess, type Member } from '../../shared/sync/access.ts';
import { parseDocName, REGISTRY_DOC } from '../../shared/sync/docs.ts';
import { hocuspocusWebSocket } from './websocket.ts';
import {
  SYNC_PATH,
  SYNC_PROTOCOL,
  fingerprintOfToken,
  joinProofText,
  joinRequestSchema,
  type HubInfo,
  type HubRefusalReason,
  type JoinResponse,
  type SyncIndex,
  type WireRecord,
} from '../../shared/sync/protocol.ts';
import {
  personIdSchema,
  recordBodySchema,
  type RecordBody,
  type RecordOf,
  type SignedRecord,
  type TeamRole,
} from '../../shared/sync/record.ts';
import { checkRecord, type RecordDirectory } from '../core/sync/check.ts';
import { signRecord } from '../core/sync/signed-record.ts';
import { teamSettingsSchema, type TeamSettings } from '../../shared/domain/settings.ts';
import { teamSettingsOf } from '../../shared/sync/state.ts';
import { publishedTeamSettings, sameTeamSettings, teamSettingsNow } from './team-settings.ts';
import { addRecords, recordsInUpdate, recordsMapOf } from '../core/sync/ydoc.ts';
import { createWebHandler, type WebHandler } from '../web/server.ts';
import { blobRefsOf } from './blob-refs.ts';
import { openBlobShelf } from './blobs.ts';
import { send } from './http.ts';
import { loadHubIdentity } from './identity.ts';
import { startProjection, type Projection } from './projection.ts';
import { readOnlyHandlers } from './read-only.ts';
import { createInvite, joinUrlOf, sha256Hex, tokenSecretSha256, type MadeInvite, type NewInvite } from './invites.ts';
import type { HubInvite, HubStore } from './store.ts';

/**
 * The hub (docs/sync.md §6): one `node:http` server on one port. `/sync` is the Hocuspocus
 * WebSocket; `/hub`, `/join`, `/sync/index` and `/blobs/<sha256>` are plain HTTP. Every record
 * that arrives is checked (signature, author, role, scope, document) before a byte of it is
 * stored, and an update is stored before it is applied and acknowledged.
 */
export interface HubOptions {
  dataDir: string;
  port?: number;
  host?: string;
  store: HubStore;
  title?: string;
  /** The address people reach the hub at (behind a proxy); defaults to the listening address. */
  publicUrl?: string;
  now?: () => string;
  /** Save a document's merged state after this many stored updates (default 100). */
  snapshotEvery?: number;
  /**
   * How often the invites and the requested team settings are read again, so a revocation or a
   * settings change made by another process takes effect (ms, default 1000).
   */
  invitePollMs?: number;
  /** Team settings asked for at start (`hub serve --pass-mark …`): recorded, then signed and published. */
  settings?: Partial<TeamSettings>;
  /** The largest file `PUT /blobs` takes (bytes, default 200 MB). */
  maxBlobBytes?: number;
  /**
   * The ministry's read-only view: a workspace in `DIR/workspace/` fed with the published records
   * (projection.ts), and the web UI on this port for ministry tokens. Without it, only the sync routes.
   */
  ministry?: {
    resourcesDir: string;
    /** The renderer build (`dist/renderer`); the API works without it. */
    rendererDir: string;
    appVersion: string;
    debounceMs?: number;
    pollMs?: number;
  };
}

export interface RunningHub {
  url: string;
  port: number;
  fingerprint: string;
  publicKey: string;
  hocuspocus: Hocuspocus<HubContext>;
  /** The ministry's read-only view (`/?token=…`), when it runs. */
  ui: string | null;
  projection: Projection | null;
  invite(invite: NewInvite): Promise<MadeInvite & { joinUrl: string }>;
  /** Revokes the matching invites, writes the member records that say so, closes the live connections. */
  revoke(match: { person?: string; secretSha256Prefix?: string }): Promise<HubInvite[]>;
  close(): Promise<void>;
}

/** What every hook after `onAuthenticate` knows about the connection. */
export interface HubContext {
  person: string;
  name: string;
  role: TeamRole;
  regencies: string[];
}

/** The close code of a connection whose update was refused, and of a revoked member's connections. */
export const REFUSED_CLOSE_CODE = 4403;
export const REVOKED_CLOSE_CODE = 4401;

/** Thrown from hooks: Hocuspocus sends `reason` to the provider (`authenticationFailed`, or the close event). */
class Refusal extends Error {
  readonly reason: HubRefusalReason;
  readonly code: number;
  constructor(reason: HubRefusalReason, detail = '') {
    super(detail ? `${reason}: ${detail}` : reason);
    this.reason = reason;
    this.code = reason === 'revoked' ? REVOKED_CLOSE_CODE : REFUSED_CLOSE_CODE;
  }
}

// y-protocols/sync message types, as `beforeSync` receives them.
const SYNC_STEP_1 = 0;

type MemberRecord = RecordOf<'member'>;
type SettingsRecord = RecordOf<'settings'>;
type Resolved = { ok: true; member: Member; invite: HubInvite } | { ok: false; reason: HubRefusalReason };

/** Per loaded document: which stored update rows are in memory, for the snapshot's `upto`. */
interface DocTrack {
  maxApplied: number;
  pending: Set<number>;
  sinceSnapshot: number;
  snapshotUpto: number;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { store, dataDir } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const snapshotEvery = options.snapshotEvery ?? 100;
  const maxBlobBytes = options.maxBlobBytes ?? 200 * 1024 * 1024;
  const identity = loadHubIdentity(dataDir);
  const blobs = await openBlobShelf({ dir: join(dataDir, 'blobs'), store, maxBytes: maxBlobBytes });
  const title = options.title ?? 'Timbang hub';
  const info: HubInfo = {
    name: 'timbang-hub',
    protocol: SYNC_PROTOCOL,
    fingerprint: identity.fingerprint,
    publicKey: identity.publicKey,
    title,
  };

  // ---- The ministry's projection (started first: the member records written below poke it) ------

  const projection: Projection | null = options.ministry
    ? await startProjection({
        store,
        dataDir,
        hub: { fingerprint: identity.fingerprint, publicKey: identity.publicKey, url: options.publicUrl ?? '' },
        resourcesDir: options.ministry.resourcesDir,
        appVersion: options.ministry.appVersion,
        ...(options.ministry.debounceMs !== undefined ? { debounceMs: options.ministry.debounceMs } : {}),
        ...(options.ministry.pollMs !== undefined ? { pollMs: options.ministry.pollMs } : {}),
        log: (message, error) => console.error(message, error),
      })
    : null;

  // ---- Members: derived from the bound invites, read again every second -----------------------

  let invites: HubInvite[] = [];
  let members = new Map<string, Member>();
  /** The latest member record the hub has written for each person (from `hub_record` at start). */
  const memberRecords = new Map<string, MemberRecord>();
  /** The institution a person gave when joining (the invite does not hold it). */
  const institutions = new Map<string, string>();
  let hubSeq = await store.lastSeqOf(identity.author);

  function membersOf(list: HubInvite[]): Map<string, Member> {
    const byPerson = new Map<string, Member>();
    for (const invite of list) {
      if (invite.person === null || invite.publicKey === null) continue;
      const member: Member = {
        person: invite.person,
        name: invite.name,
        role: invite.role,
        regencies: invite.regencies,
        publicKey: invite.publicKey,
        revokedAfterSeq: invite.revokedAt === null ? null : (invite.revokedAfterSeq ?? 0),
      };
      const known = byPerson.get(invite.person);
      // A live invite wins over a revoked one of the same person; between revoked ones, the later limit.
      if (
        !known ||
        (known.revokedAfterSeq !== null && (member.revokedAfterSeq === null || member.revokedAfterSeq > known.revokedAfterSeq))
      ) {
        byPerson.set(invite.person, member);
      }
    }
    return byPerson;
  }

  const directory: RecordDirectory = {
    member: (person) => members.get(person),
    hubKey: (author) => (author === identity.author ? identity.publicKey : undefined),
  };

  const registryAtStart = await store.records({ doc: REGISTRY_DOC });
  for (const record of registryAtStart) {
    const body = recordBodySchema.safeParse(JSON.parse(record.text));
    if (!body.success || body.data.kind !== 'member' || body.data.author !== identity.author) continue;
    const known = memberRecords.get(body.data.person);
    if (!known || known.seq < body.data.seq) memberRecords.set(body.data.person, body.data);
  }

  // ---- Team settings: the latest asked for (hub_settings), signed and published ------------------

  let settingsRecord: SettingsRecord | null = publishedTeamSettings(registryAtStart, identity.author);
  {
    const requested = await store.requestedSettings();
    const wanted = { ...teamSettingsNow(requested, settingsRecord), ...options.settings };
    // A first start asks for the programme's defaults (or the options given); a later one only for what the options change.
    if (!requested || !sameTeamSettings(requested.settings, wanted)) await store.requestSettings(teamSettingsSchema.parse(wanted), now());
  }

  // ---- Stored-update bookkeeping, so a snapshot never claims an update it does not hold ---------

  const tracks = new Map<string, DocTrack>();
  const trackOf = (doc: string): DocTrack => {
    let track = tracks.get(doc);
    if (!track) {
      track = { maxApplied: 0, pending: new Set(), sinceSnapshot: 0, snapshotUpto: 0 };
      tracks.set(doc, track);
    }
    return track;
  };
  const stored = (doc: string, id: number) => {
    const track = trackOf(doc);
    track.pending.add(id);
    track.sinceSnapshot += 1;
  };
  const applied = (doc: string, id: number) => {
    const track = trackOf(doc);
    track.pending.delete(id);
    track.maxApplied = Math.max(track.maxApplied, id);
  };

  /**
   * Tells every other connection that may read a document that it has moved (docs/sync.md §1): a
   * stateless `{changed, version}` on their registry connection, so a laptop syncing in the background
   * fetches it now rather than at its next poll.
   */
  function announce(docName: string, version: number, from: unknown): void {
    if (docName === REGISTRY_DOC) return;
    const payload = JSON.stringify({ changed: docName, version });
    hocuspocus.documents.get(REGISTRY_DOC)?.broadcastStateless(payload, (connection) => {
      const context = connection.context as HubContext | undefined;
      if (!context || connection.webSocket === from) return false;
      const member = members.get(context.person);
      return member !== undefined && docAccess(member, docName) !== 'none';
    });
  }

  let stopped = false;
  async function snapshotIfDue(document: Document): Promise<void> {
    const track = tracks.get(document.name);
    if (stopped) return;
    if (!track || track.sinceSnapshot < snapshotEvery) return;
    const upto = track.pending.size ? Math.min(...track.pending) - 1 : track.maxApplied;
    if (upto <= track.snapshotUpto) return;
    await store.saveSnapshot(document.name, upto, Y.encodeStateAsUpdate(document));
    track.snapshotUpto = upto;
    track.sinceSnapshot = 0;
  }

  /** Stores an update with its checked records; the files its `document` records name are referenced from now on. */
  async function append(doc: string, update: Uint8Array, person: string, records: { record: SignedRecord; body: RecordBody }[]) {
    const id = await store.appendUpdate({ doc, update, person, records, published: parseDocName(doc)?.type !== 'draft' });
    blobs.referenced(blobRefsOf(doc, records));
    return id;
  }

  // ---- Refusals ------------------------------------------------------------------------------

  const refusalsWritten = new Set<string>();
  async function refuse(person: string | null, doc: string, record: SignedRecord | null, problem: string): Promise<never> {
    // A forger's provider reconnects and sends the same thing again: one row per person, record and problem.
    const key = `${person ?? ''}|${doc}|${record?.id ?? ''}|${problem}`;
    if (!refusalsWritten.has(key)) {
      if (refusalsWritten.size > 10_000) refusalsWritten.clear();
      refusalsWritten.add(key);
      await store.refusal({ at: now(), person, doc, recordId: record?.id ?? null, problem, text: record?.text ?? null });
    }
    throw new Refusal('record_refused', `${record?.id ?? doc} ${problem}`);
  }

  // ---- Tokens --------------------------------------------------------------------------------

  async function resolve(token: string | null | undefined): Promise<Resolved> {
    const sha = token ? tokenSecretSha256(token) : null;
    if (!token || !sha || fingerprintOfToken(token) !== identity.fingerprint) return { ok: false, reason: 'unknown_token' };
    const invite = await store.invite(sha);
    if (!invite) return { ok: false, reason: 'unknown_token' };
    if (invite.revokedAt !== null) return { ok: false, reason: 'revoked' };
    if (invite.person === null || invite.publicKey === null) return { ok: false, reason: 'not_joined' };
    const member = members.get(invite.person);
    if (!member || member.revokedAfterSeq !== null) return { ok: false, reason: 'revoked' };
    return { ok: true, member, invite };
  }

  // ---- The hub's own writes (member records, restored records) --------------------------------

  /**
   * Adds records to a document as the hub: the update is made on a copy, stored, and only then
   * applied to the live document (so the hub never serves what it has not stored).
   */
  async function writeAsHub(docName: string, entries: { record: SignedRecord; body: RecordBody }[]): Promise<void> {
    const connection = await hocuspocus.openDirectConnection(docName, {
      person: identity.author,
      name: title,
      role: 'assessor',
      regencies: [],
    });
    try {
      const document = connection.document;
      if (!document) return;
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(document));
      const updates: Uint8Array[] = [];
      scratch.on('update', (update: Uint8Array) => updates.push(update));
      addRecords(
        scratch,
        entries.map((entry) => entry.record),
      );
      scratch.destroy();
      if (updates.length === 0) return;
      const update = Y.mergeUpdates(updates);
      const id = await append(docName, update, identity.author, entries);
      stored(docName, id);
      projection?.poke();
      await connection.transact((doc) => Y.applyUpdate(doc, update));
      applied(docName, id);
      announce(docName, id, null);
    } finally {
      await connection.disconnect();
    }
  }

  function nextHubSeq(): number {
    hubSeq = Math.max(hubSeq + 1, Date.now());
    return hubSeq;
  }

  /** Writes a new member record when the latest one does not say what the invite says now. */
  async function ensureMemberRecord(member: Member): Promise<MemberRecord> {
    const known = memberRecords.get(member.person);
    const institution = institutions.get(member.person) ?? known?.institution ?? '';
    const same =
      known &&
      known.role === member.role &&
      known.publicKey === member.publicKey &&
      known.revokedAfterSeq === member.revokedAfterSeq &&
      known.name === member.name &&
      known.regencies.join(',') === member.regencies.join(',') &&
      known.institution === institution;
    if (known && same) return known;
    const body: MemberRecord = {
      v: 1,
      kind: 'member',
      author: identity.author,
      by: title,
      seq: nextHubSeq(),
      at: now(),
      person: member.person,
      name: member.name,
      institution,
      role: member.role,
      regencies: [...member.regencies],
      publicKey: member.publicKey,
      revokedAfterSeq: member.revokedAfterSeq,
    };
    const record = signRecord(body, identity.sign);
    await writeAsHub(REGISTRY_DOC, [{ record, body }]);
    memberRecords.set(member.person, body);
    return body;
  }

  function closeConnectionsOf(person: string): void {
    for (const document of hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) {
        if ((connection.context as HubContext | undefined)?.person !== person) continue;
        const socket: WebSocketLike = connection.webSocket;
        connection.close({ code: REVOKED_CLOSE_CODE, reason: 'revoked' });
        try {
          socket.close(REVOKED_CLOSE_CODE, 'revoked');
        } catch {
          // Already closing.
        }
      }
    }
  }

  /** Signs and publishes the latest requested team settings when the published record does not say them. */
  async function ensureSettingsRecord(): Promise<void> {
    const requested = await store.requestedSettings();
    if (!requested) return;
    if (settingsRecord && sameTeamSettings(teamSettingsOf(settingsRecord), requested.settings)) return;
    const body: SettingsRecord = {
      v: 1,
      kind: 'settings',
      author: identity.author,
      by: title,
      seq: nextHubSeq(),
      at: now(),
      ...requested.settings,
    };
    await writeAsHub(REGISTRY_DOC, [{ record: signRecord(body, identity.sign), body }]);
    settingsRecord = body;
  }

  let reconciling: Promise<void> = Promise.resolve();
  /**
   * Reads the invites and the requested settings again: new members, revocations made by
   * `timbang hub revoke` and settings asked for by `timbang hub settings` in another process.
   */
  function refreshInvites(): Promise<void> {
    reconciling = reconciling.then(async () => {
      const before = members;
      invites = await store.invites();
      members = membersOf(invites);
      for (const member of members.values()) {
        if (member.revokedAfterSeq !== null && before.get(member.person)?.revokedAfterSeq === null) closeConnectionsOf(member.person);
        await ensureMemberRecord(member);
      }
      await ensureSettingsRecord();
    });
    return reconciling;
  }

  // ---- Hocuspocus ----------------------------------------------------------------------------

  const hocuspocus: Hocuspocus<HubContext> = new Hocuspocus<HubContext>({
    name: 'timbang-hub',
    quiet: true,
    maxPendingDocuments: 256,

    async onAuthenticate({ token, documentName, connectionConfig }) {
      const found = await resolve(token);
      if (!found.ok) throw new Refusal(found.reason);
      const access = docAccess(found.member, documentName);
      if (access === 'none') throw new Refusal('forbidden', documentName);
      // Hocuspocus then answers this connection's updates with SyncStatus(false) and applies none.
      if (access === 'read') connectionConfig.readOnly = true;
      const { person, name, role, regencies } = found.member;
      return { person, name, role, regencies: [...regencies] } satisfies HubContext;
    },

    async onLoadDocument({ document, documentName }) {
      const { snapshot, updates, upto } = await store.loadDoc(documentName);
      document.transact(() => {
        if (snapshot) Y.applyUpdate(document, snapshot);
        for (const update of updates) Y.applyUpdate(document, update);
      });
      tracks.set(documentName, { maxApplied: upto, pending: new Set(), sinceSnapshot: updates.length, snapshotUpto: 0 });
    },

    /*
     * Checked against @hocuspocus/server 4.7.0 (src/MessageReceiver.ts `readSyncMessage`,
     * src/Connection.ts `processMessages`, src/ClientConnection.ts `createConnection`): for every
     * Sync message of a connection, `await connection.callbacks.beforeSync(connection, {type,
     * payload: message.peekVarUint8Array()})` runs first, and only after it resolves does
     * `readSyncStep2`/`readUpdate` apply the update and `writeSyncStatus(true)` acknowledge it.
     * `payload` is the y-sync message's own bytes: the state vector for SyncStep1 (type 0), the
     * Yjs update (v1) for SyncStep2 (1) and Update (2). A connection handles its messages one at a
     * time; a throw here closes that document's connection with the error's `code` and `reason`.
     * Read-only connections never get their updates applied (they get SyncStatus(false)).
     *
     * So: check every record, store the update (published or draft), then apply it here, now, with
     * the connection as origin; Hocuspocus's own apply that follows is a no-op and its
     * acknowledgement covers exactly what is stored.
     */
    async beforeSync({ type, payload, connection, documentName, context, document }) {
      if (type === SYNC_STEP_1 || connection.readOnly) return;
      const member = members.get(context.person);
      if (!member || member.revokedAfterSeq !== null) throw new Refusal('revoked');
      // A SyncStep2 carries the sender's whole delete set every time: nothing new, nothing to store.
      if (Y.snapshotContainsUpdate(Y.snapshot(document), payload)) return;
      let found: ReturnType<typeof recordsInUpdate>;
      try {
        found = recordsInUpdate(payload);
      } catch {
        return refuse(context.person, documentName, null, 'sync.bad_update');
      }
      if (found.foreign > 0) return refuse(context.person, documentName, null, 'sync.foreign_item');
      const checked: { record: SignedRecord; body: RecordBody }[] = [];
      const nowMs = Date.now();
      for (const record of found.records) {
        const result = checkRecord(record, documentName, directory, nowMs);
        if (!result.ok) return refuse(context.person, documentName, record, result.problem);
        checked.push({ record, body: result.body });
      }
      const map = recordsMapOf(document);
      const before = found.deletes ? new Map(map.entries()) : null;
      if (found.deletes && keysErased(document, payload, found.records).length > 0) {
        return refuse(context.person, documentName, null, 'sync.record_deleted');
      }
      const id = await append(documentName, payload, context.person, checked);
      stored(documentName, id);
      projection?.poke();
      Y.applyUpdate(document, payload, { source: 'connection', connection });
      applied(documentName, id);
      announce(documentName, id, connection.webSocket);
      if (before) {
        // What the check above could not foresee (an item deleted in the same update that set it):
        // every key that had a value still has one, or it is put back and the sender refused.
        const lost: { record: SignedRecord; body: RecordBody }[] = [];
        for (const [key, value] of before) {
          if (map.has(key)) continue;
          const [text, signature] = value;
          lost.push({ record: { id: key, text, signature }, body: recordBodySchema.parse(JSON.parse(text)) });
        }
        if (lost.length > 0) {
          await writeAsHub(documentName, lost);
          return refuse(context.person, documentName, lost[0]?.record ?? null, 'sync.record_deleted');
        }
      }
    },

    async beforeHandleAwareness({ states, context, connection }) {
      if (!connection || !context) return;
      // Nobody appears online as someone else: the user shown is the token's.
      const user = { person: context.person, name: context.name, role: context.role };
      for (const [clientId, state] of states) states.set(clientId, { ...state, user });
    },

    // Documents are unloaded when their last connection closes (`unloadImmediately`, the default),
    // right after this hook has run; every stored update is already in `hub_doc_update`.
    async onStoreDocument({ document }) {
      await snapshotIfDue(document);
    },

    async afterUnloadDocument({ documentName }) {
      tracks.delete(documentName);
    },
  });

  await refreshInvites();

  // ---- HTTP ----------------------------------------------------------------------------------

  const ws = hocuspocusWebSocket(hocuspocus);

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: 'internal', message: (error as Error).message });
      else response.destroy();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://hub').pathname !== SYNC_PATH) {
      socket.destroy();
      return;
    }
    void ws.handleUpgrade(request, socket, head);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://hub');
    const path = url.pathname;
    if (path === '/hub' && request.method === 'GET') return send(response, 200, info);
    if (path === '/join' && request.method === 'POST') return join_(request, response);
    if (path === '/sync/index' && request.method === 'GET') {
      const found = await resolve(bearer(request));
      if (!found.ok) return send(response, 401, { error: found.reason });
      const docs = (await store.docIndex())
        .filter(({ doc }) => docAccess(found.member, doc) !== 'none')
        .map(({ doc, version }) => ({ name: doc, version }));
      return send(response, 200, { docs, missingBlobs: blobs.missingFor(found.member) } satisfies SyncIndex);
    }
    const blob = /^\/blobs\/([0-9a-f]{64})$/.exec(path);
    if (blob?.[1]) {
      const found = await resolve(bearer(request));
      if (!found.ok) return send(response, 401, { error: found.reason });
      return blobs.route(request, response, blob[1], found.member);
    }
    if (web) return web(request, response);
    return send(response, 404, { error: 'not_found' });
  }

  // ---- The ministry's read-only web UI: everything that is not a sync route ---------------------

  let uiHosts = new Set<string>();
  /** A ministry invite that is not revoked (bound or not: the ministry may only ever use the browser). */
  async function ministryToken(authorization: string): Promise<boolean> {
    const token = authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    const sha = token ? tokenSecretSha256(token) : null;
    if (!sha || fingerprintOfToken(token) !== identity.fingerprint) return false;
    const invite = await store.invite(sha);
    return invite !== undefined && invite.revokedAt === null && invite.role === 'ministry';
  }
  const web: WebHandler | null =
    projection && options.ministry
      ? createWebHandler({
          handlers: readOnlyHandlers(projection.host.handlers),
          rendererDir: options.ministry.rendererDir,
          readOnly: true,
          authorize: ministryToken,
          allowedHosts: () => uiHosts,
          log: (message, error) => console.error(message, error),
        })
      : null;

  async function join_(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse((await readBody(request, 16 * 1024)).toString('utf8'));
    } catch {
      return send(response, 400, { error: 'bad_request' });
    }
    const parsed = joinRequestSchema.safeParse(json);
    if (!parsed.success) return send(response, 400, { error: 'bad_request' });
    const { token, person, institution, publicKey, proof } = parsed.data;
    if (!personIdSchema.safeParse(person).success || person.includes('/') || person.startsWith('hub:')) {
      return send(response, 400, { error: 'bad_request' });
    }
    const sha = tokenSecretSha256(token);
    if (!sha || fingerprintOfToken(token) !== identity.fingerprint) return send(response, 403, { error: 'unknown_token' });
    const invite = await store.invite(sha);
    if (!invite) return send(response, 403, { error: 'unknown_token' });
    if (invite.revokedAt !== null) return send(response, 403, { error: 'revoked' });
    let proofOk: boolean;
    try {
      proofOk = verify(
        null,
        Buffer.from(joinProofText(identity.fingerprint, person, sha256Hex(token))),
        createPublicKey(publicKey),
        Buffer.from(proof, 'base64'),
      );
    } catch {
      proofOk = false;
    }
    if (!proofOk) return send(response, 403, { error: 'bad_proof' });
    // One person, one key: another invite of the same person bound to another key is a different device claiming them.
    const other = (await store.invites()).find((each) => each.person === person && each.publicKey !== publicKey && each.revokedAt === null);
    if (other) return send(response, 409, { error: 'hub.token_used' });
    if (!(await store.bindInvite(sha, { id: person, publicKey, joinedAt: now() }))) return send(response, 409, { error: 'hub.token_used' });
    if (!memberRecords.has(person)) institutions.set(person, institution);
    await refreshInvites();
    const member = members.get(person);
    const body = memberRecords.get(person);
    if (!member || !body) return send(response, 500, { error: 'internal' });
    const record = signRecord(body, identity.sign);
    const wire: WireRecord = { id: record.id, text: record.text, signature: Buffer.from(record.signature).toString('base64') };
    return send(response, 200, { member: wire, role: member.role, regencies: [...member.regencies], hub: info } satisfies JoinResponse);
  }

  await new Promise<void>((resolve_, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve_();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = options.publicUrl ?? `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  uiHosts = new Set([`127.0.0.1:${address.port}`, `localhost:${address.port}`, `${host}:${address.port}`, new URL(url).host]);

  const poll = setInterval(() => {
    refreshInvites().catch((error: unknown) => console.error('hub: reading the invites failed', error));
  }, options.invitePollMs ?? 1000);
  poll.unref();

  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    fingerprint: identity.fingerprint,
    publicKey: identity.publicKey,
    hocuspocus,
    ui: web ? `${url}/` : null,
    projection,
    async invite(invite) {
      const made = await createInvite(store, identity.fingerprint, invite, now());
      return { ...made, joinUrl: joinUrlOf(url, made.token, web !== null && invite.role === 'ministry') };
    },
    async revoke(match) {
      const done = await store.revoke(match, now(), (person) => store.lastSeqOf(person));
      await refreshInvites();
      for (const invite of done) if (invite.person) closeConnectionsOf(invite.person);
      return done;
    },
    close() {
      closing ??= (async () => {
        clearInterval(poll);
        await reconciling.catch(() => undefined);
        hocuspocus.closeConnections();
        ws.closeAll(1001, 'hub stopping', true);
        await new Promise<void>((resolve_) => {
          server.close(() => resolve_());
          server.closeAllConnections();
        });
        for (const document of hocuspocus.documents.values()) await snapshotIfDue(document);
        stopped = true;
        await projection?.close();
      })();
      return closing;
    },
  };
}

/**
 * The live keys an update's delete set would erase without setting them again: a peer may add
 * records, never take one away (docs/sync.md §5).
 */
function keysErased(document: Y.Doc, update: Uint8Array, records: readonly SignedRecord[]): string[] {
  const { ds } = Y.decodeUpdate(update);
  const setAgain = new Set(records.map((record) => record.id));
  const erased: string[] = [];
  for (const [key, item] of recordsMapOf(document)._map) {
    if (!item.deleted && Y.isDeleted(ds, item.id) && !setAgain.has(key)) erased.push(key);
  }
  return erased;
}

function bearer(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
