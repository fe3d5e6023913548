// Runs in its own process for `npm run bench -- sync` (so its peak memory is its own):
//   seed HUB RESTORED     — a hub store (SQLite) holding 300 regencies × 4 assessors × 60 criteria, signed;
//                           and a second, empty store with the same hub key (the hub restored from a laptop)
//   bare-serve HUB        — the reference server: a bare Hocuspocus holding the same Yjs updates in memory
//   bare-serve-empty      — the reference server with nothing in it
//   bare-pull URL HUB     — the reference client: bare providers syncing every document into empty Y.Docs
//   bare-push URL HUB     — the reference client: bare providers pushing every document into the empty server
// Servers print one JSON line with their url; clients print {ms, peakMb, docs}.
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { Hocuspocus } from '@hocuspocus/server';
import { hocuspocusWebSocket } from '../electron/hub/websocket.ts';
import * as Y from 'yjs';
import { newIdentityKeys } from '../electron/core/db/migrations.ts';
import { loadAreaCatalog } from '../electron/core/services/areas.ts';
import { recordSigner, signRecord, type RecordSigner } from '../electron/core/sync/signed-record.ts';
import { addRecords } from '../electron/core/sync/ydoc.ts';
import { HUB_KEY_FILE, loadHubIdentity } from '../electron/hub/identity.ts';
import { createInvite } from '../electron/hub/invites.ts';
import { createSqliteHubStore } from '../electron/hub/sqlite-store.ts';
import type { HubStore } from '../electron/hub/store.ts';
import { panelDocName, REGISTRY_DOC } from '../shared/sync/docs.ts';
import { SYNC_PATH } from '../shared/sync/protocol.ts';
import type { AssessmentKey, RecordBody, SignedRecord } from '../shared/sync/record.ts';
import { rubricFields } from '../test/helpers/sync-team.ts';
import { sixDimensionRubric } from './lib.ts';

export const REGENCIES = 300;
export const ASSESSORS = 4;
export const RUBRIC_ID = 'bench-sixty';
const RUBRIC = sixDimensionRubric(RUBRIC_ID, 10);
const HUB_DB = 'hub.db';

const [mode, first, second] = process.argv.slice(2) as [string, string, string];

const peakMb = (): number => Number(/VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

interface Author {
  id: string;
  name: string;
  publicKey: string;
  signer: RecordSigner;
}

/** Every Yjs update a hub store holds, in order: what both the hub and the reference start from. */
function storedUpdates(hubDir: string): Map<string, Uint8Array[]> {
  const db = new Database(join(hubDir, HUB_DB), { readonly: true });
  try {
    const docs = new Map<string, Uint8Array[]>();
    for (const row of db.prepare('SELECT doc, "update" AS data FROM hub_doc_update ORDER BY id').all() as { doc: string; data: Buffer }[]) {
      const list = docs.get(row.doc) ?? [];
      list.push(new Uint8Array(row.data));
      docs.set(row.doc, list);
    }
    return docs;
  } finally {
    db.close();
  }
}

/** Invites for the assessors, bound to their keys as their joining would have bound them. */
async function bindAssessors(store: HubStore, fingerprint: string, assessors: Author[], at: string): Promise<void> {
  for (const person of assessors) {
    const made = await createInvite(store, fingerprint, { name: person.name, role: 'assessor', regencies: [] }, at);
    await store.bindInvite(made.secretSha256, { id: person.id, publicKey: person.publicKey, joinedAt: at });
  }
}

async function seed(hubDir: string, restoredDir: string): Promise<void> {
  const identity = loadHubIdentity(hubDir);
  const store = createSqliteHubStore(join(hubDir, HUB_DB));
  await store.open();
  const codes = (await loadAreaCatalog()).regencies.slice(0, REGENCIES).map((regency) => regency.code);
  const assessors: Author[] = ['Dr. Sari', 'Prof. Budi', 'Ir. Wati', 'Dr. Agus'].slice(0, ASSESSORS).map((name) => {
    const keys = newIdentityKeys();
    return { id: keys.id, name, publicKey: keys.publicKey, signer: recordSigner(keys.privateKey) };
  });
  // One clock for everyone, a millisecond a record, ending well before now: every later record wins.
  let clock = Date.now() - 7 * 24 * 3600 * 1000;
  const envelope = (author: string, by: string) => {
    clock += 1;
    return { v: 1 as const, author, by, seq: clock, at: new Date(clock).toISOString() };
  };
  const sign = (author: Author, fields: Record<string, unknown>) => {
    const body = { ...envelope(author.id, author.name), ...fields } as RecordBody;
    return { record: signRecord(body, author.signer), body };
  };
  const at = new Date().toISOString();
  await bindAssessors(store, identity.fingerprint, assessors, at);
  let records = 0;
  let bytes = 0;
  async function append(doc: string, person: string, entries: { record: SignedRecord; body: RecordBody }[]): Promise<void> {
    // Each author's records as their own laptop would have sent them: one Y.Doc (one Yjs client) per author.
    const ydoc = new Y.Doc();
    addRecords(
      ydoc,
      entries.map((entry) => entry.record),
    );
    const update = Y.encodeStateAsUpdate(ydoc);
    ydoc.destroy();
    await store.appendUpdate({ doc, update, person, records: entries, published: true });
    records += entries.length;
    bytes += update.length;
  }

  // The registry: the hub's member records, then regencies, submissions and the rubric by the first assessor.
  const members = assessors.map((person) => {
    const body = {
      ...envelope(identity.author, 'Timbang hub'),
      kind: 'member',
      person: person.id,
      name: person.name,
      institution: '',
      role: 'assessor',
      regencies: [],
      publicKey: person.publicKey,
      revokedAfterSeq: null,
    } as RecordBody;
    return { record: signRecord(body, identity.sign), body };
  });
  await append(REGISTRY_DOC, identity.author, members);
  const lead = assessors[0] as Author;
  const { rubricSha, document } = rubricFields(RUBRIC);
  await append(REGISTRY_DOC, lead.id, [
    sign(lead, { kind: 'rubric', rubric: RUBRIC_ID, version: 1, rubricSha, origin: 'user', document }),
    ...codes.flatMap((code) => [
      sign(lead, { kind: 'regency', code, cohortYear: 2022, stage: 3 }),
      sign(lead, { kind: 'submission', sub: `${code}/bimtek3`, title: null }),
    ]),
  ]);

  // Per submission, each assessor's published work: the root, 60 scores, submitted.
  const criteria = RUBRIC.items.flatMap((group) => ('children' in group ? group.children.map((child) => child.code) : []));
  for (const [index, code] of codes.entries()) {
    const sub = `${code}/bimtek3`;
    for (const [nth, person] of assessors.entries()) {
      const a: AssessmentKey = { sub, rubric: RUBRIC_ID, role: 'assessor', person: person.id };
      await append(panelDocName(sub), person.id, [
        sign(person, { kind: 'assessment', a, rubricVersion: 1, rubricSha, name: person.name, institution: 'UGM' }),
        ...criteria.map((c, k) => sign(person, { kind: 'score', a, c, value: (index + nth + k) % 5, before: null })),
        sign(person, { kind: 'status', a, from: 'draft', to: 'submitted' }),
      ]);
    }
  }
  const laptop = await createInvite(store, identity.fingerprint, { name: 'Bench Laptop', role: 'assessor', regencies: [] }, at);
  await store.close();

  // The same hub restored on a new machine: its key from the backup, an empty store, the assessors joined again.
  loadHubIdentity(restoredDir);
  copyFileSync(join(hubDir, HUB_KEY_FILE), join(restoredDir, HUB_KEY_FILE));
  const restored = createSqliteHubStore(join(restoredDir, HUB_DB));
  await restored.open();
  await bindAssessors(restored, identity.fingerprint, assessors, at);
  const laptopAgain = await createInvite(restored, identity.fingerprint, { name: 'Bench Laptop', role: 'assessor', regencies: [] }, at);
  const second = await createInvite(
    restored,
    identity.fingerprint,
    { name: 'Bench B', role: 'assessor', regencies: [codes[0] as string] },
    at,
  );
  await restored.close();
  console.log(
    JSON.stringify({
      records,
      bytes,
      docs: codes.length + 1,
      firstSub: `${codes[0]}/bimtek3`,
      laptopToken: laptop.token,
      restoredToken: laptopAgain.token,
      secondToken: second.token,
      peakMb: peakMb(),
    }),
  );
}

/** A bare Hocuspocus on a plain http server: no checks, no store, no hooks but the one that hands it the bytes. */
async function bareServe(updates: Map<string, Uint8Array[]>): Promise<void> {
  const hocuspocus = new Hocuspocus({
    quiet: true,
    onLoadDocument: async ({ document, documentName }) => {
      for (const update of updates.get(documentName) ?? []) Y.applyUpdate(document, update);
      return document;
    },
  });
  const ws = hocuspocusWebSocket(hocuspocus);
  const server = createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head) => void ws.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  process.on('SIGTERM', () => {
    process.stdout.write(`${JSON.stringify({ peakMb: peakMb() })}\n`);
    process.exit(0);
  });
}

/** Bare providers on one socket, 16 documents at a time (as the engine), each until synced and acknowledged. */
async function bareClient(url: string, docs: Map<string, Uint8Array[]>, push: boolean): Promise<void> {
  const started = performance.now();
  const socket = new HocuspocusProviderWebsocket({ url: `${url.replace(/^http/, 'ws')}${SYNC_PATH}` });
  const names = [...docs.keys()];
  let next = 0;
  let records = 0;
  const one = (name: string) =>
    new Promise<void>((resolve) => {
      const doc = new Y.Doc();
      if (push) for (const update of docs.get(name) ?? []) Y.applyUpdate(doc, update);
      const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token: 'bare' });
      const check = () => {
        if (!provider.synced || provider.unsyncedChanges > 0) return;
        records += doc.getMap('records').size;
        provider.destroy();
        doc.destroy();
        resolve();
      };
      provider.on('synced', check);
      provider.on('unsyncedChanges', check);
      provider.attach();
    });
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < names.length) await one(names[next++] as string);
    }),
  );
  socket.destroy();
  console.log(JSON.stringify({ ms: performance.now() - started, docs: names.length, records, peakMb: peakMb() }));
  process.exit(0);
}

// Imported by sync.ts for the constants: only run as a child does it do anything.
if (process.argv[1] !== fileURLToPath(import.meta.url)) {
  // Imported.
} else if (mode === 'seed') await seed(first, second);
else if (mode === 'bare-serve') await bareServe(storedUpdates(first));
else if (mode === 'bare-serve-empty') await bareServe(new Map());
else if (mode === 'bare-pull') await bareClient(first, new Map([...storedUpdates(second).keys()].map((name) => [name, []])), false);
else if (mode === 'bare-push') await bareClient(first, storedUpdates(second), true);
else throw new Error(`bench/sync-child.ts: unknown mode ${mode}`);
