import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { query, queryValue } from '../../../electron/core/db/query.ts';
import { importDocument } from '../../../electron/core/intake/import.ts';
import { blobPath } from '../../../electron/core/storage/blob-store.ts';
import { startWorkspaceSync, type WorkspaceSync } from '../../../electron/core/sync/driver.ts';
import { createSyncEngine } from '../../../electron/core/sync/engine.ts';
import { syncPartsFor } from '../../../electron/core/sync/parts.ts';
import { addRecords } from '../../../electron/core/sync/ydoc.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { startHub, type RunningHub } from '../../../electron/hub/server.ts';
import { createSqliteHubStore } from '../../../electron/hub/sqlite-store.ts';
import type { HubStore } from '../../../electron/hub/store.ts';
import { syncIndexSchema } from '../../../shared/sync/protocol.ts';
import type { SignedRecord } from '../../../shared/sync/record.ts';
import { actAs, banggaiBimtek3 } from '../../helpers/assessments.ts';
import {
  acknowledged,
  connect,
  invite,
  joined,
  newPerson,
  recordBy,
  startHubChild,
  waitFor,
  type Client,
  type HubChild,
  type Person,
} from '../../helpers/hub.ts';
import { masterplanDocx } from '../../helpers/masterplans.ts';
import { addDocument, SUB } from '../../helpers/sync-panel.ts';

const PANEL = `panel/${SUB}`;
import { tempDir } from '../../helpers/temp.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

/**
 * Documents' files across laptops (docs/sync.md §4.7): uploaded to the hub by hash once, after
 * their record, and fetched on demand by another laptop, which imports them as a user's import.
 * A real hub child process and two workspaces with the engine the app runs.
 */
interface Laptop {
  ws: Workspace;
  sync: WorkspaceSync;
}

const laptops: Laptop[] = [];

async function laptop(name: string, hubUrl: string, token: string): Promise<Laptop> {
  const ws = await openTestWorkspace();
  actAs(ws, name);
  const sync = startWorkspaceSync(ws, { appVersion: 'test', background: false });
  laptops.push({ ws, sync });
  await ws.sync.join(hubUrl, token);
  return { ws, sync };
}

/** One pass through the engine itself: its result says what happened to the files. */
const pass = async (laptop: Laptop) => (await laptop.sync.engine()).syncOnce();

const pageTexts = (ws: Workspace, documentId: number) =>
  query<{ number: number; text: string }>(ws.db, 'SELECT number, text FROM page WHERE document_id = ? ORDER BY number').all(documentId);

const sentRows = (ws: Workspace) => queryValue<string>(ws.db, 'SELECT sha256 FROM sync_blob_sent ORDER BY sha256').all();

/** Another DOCX for the same submission, imported as the app does. */
async function importDocx(ws: Workspace, submissionId: number, fileName: string, chapters: number) {
  const path = join(tempDir(), fileName);
  writeFileSync(path, await masterplanDocx({ chapters }));
  const actor = { id: ws.profile.identity().id, name: ws.profile.get()?.name ?? '', role: 'assessor' as const };
  return importDocument(
    { submissionId, path, fileName, role: 'annex' },
    { db: ws.db, dataDir: ws.dataDir, lexicon: ws.lexicon(), actor, now: () => '2026-08-15T03:00:00.000Z', maxBytes: 50 * 1024 * 1024 },
  );
}

afterAll(async () => {
  for (const { ws, sync } of laptops.splice(0)) {
    await sync.stop();
    ws.close();
  }
});

describe('documents by hash, on demand, through a hub', { timeout: 120_000 }, () => {
  let hub: HubChild;
  const hubDir = mkdtempSync(join(tmpdir(), 'timbang-hub-'));
  beforeAll(async () => {
    hub = await startHubChild(hubDir);
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(hubDir, { recursive: true, force: true });
  });
  const onHub = (sha: string) => join(hub.dataDir, 'blobs', sha.slice(0, 2), sha);

  it('uploads a file once, and another laptop fetches it into the same document; a changed or missing file is refused', async () => {
    const sari = await laptop('Dr. Sari', hub.url, invite(hub.dataDir, 'Dr. Sari', 'assessor'));
    const budi = await laptop('Prof. Budi', hub.url, invite(hub.dataDir, 'Prof. Budi', 'assessor'));

    const onSari = banggaiBimtek3(sari.ws);
    const document = await addDocument(sari.ws, onSari);
    const first = await pass(sari);
    expect(first.converged).toBe(true);
    expect(first.blobs).toEqual({ uploaded: 1, failed: 0 });
    expect(readFileSync(onHub(document.sha256))).toEqual(
      readFileSync(join(sari.ws.dataDir, 'documents', document.sha256.slice(0, 2), document.sha256)),
    );
    expect(sentRows(sari.ws)).toEqual([document.sha256]);
    const storedAt = statSync(onHub(document.sha256)).mtimeMs;

    // A second pass does not upload again, nor even ask the hub whether it has the file.
    const second = await pass(sari);
    expect(second.blobs).toEqual({ uploaded: 0, failed: 0 });
    expect(statSync(onHub(document.sha256)).mtimeMs).toBe(storedAt);
    expect(readdirSync(join(hub.dataDir, 'blobs')).filter((name) => name !== 'tmp')).toEqual([document.sha256.slice(0, 2)]);

    await budi.ws.sync.syncNow();
    const onBudi = budi.ws.submissions.list('72.01')[0]?.id ?? -1;
    expect(budi.ws.documents.list(onBudi)).toEqual([]);
    const remote = budi.ws.sync.remoteDocuments(onBudi);
    expect(remote).toEqual([
      {
        sub: SUB,
        sha256: document.sha256,
        fileName: 'masterplan-banggai.docx',
        role: 'masterplan',
        size: expect.any(Number),
        pages: document.pages,
      },
    ]);
    expect(remote[0]?.size).toBe(statSync(onHub(document.sha256)).size);

    const fetched = await budi.ws.sync.fetchDocument(SUB, document.sha256);
    expect(fetched).toMatchObject({ fileName: 'masterplan-banggai.docx', kind: 'docx', pages: document.pages });
    const local = budi.ws.documents.list(onBudi);
    expect(local.map((entry) => [entry.id, entry.sha256, entry.role])).toEqual([[fetched.documentId, document.sha256, 'masterplan']]);
    expect(pageTexts(budi.ws, fetched.documentId)).toEqual(pageTexts(sari.ws, document.id));
    expect(pageTexts(budi.ws, fetched.documentId).length).toBeGreaterThan(0);
    // Searchable as any import.
    const hits = (ws: Workspace, submissionId: number) =>
      ws.documents.search('Banggai', { submissionId }).map((hit) => [hit.fileName, hit.page]);
    expect(hits(budi.ws, onBudi).length).toBeGreaterThan(0);
    expect(hits(budi.ws, onBudi)).toEqual(hits(sari.ws, onSari));
    expect(budi.ws.sync.remoteDocuments(onBudi)).toEqual([]);
    // Fetching again changes nothing.
    expect(await budi.ws.sync.fetchDocument(SUB, document.sha256)).toEqual(fetched);
    expect(budi.ws.documents.list(onBudi).length).toBe(1);
    // Budi's pass finds the file on the hub already: no second copy, only remembered.
    const budiPass = await pass(budi);
    expect(budiPass.blobs.failed).toBe(0);
    expect(sentRows(budi.ws)).toEqual([document.sha256]);

    // A file changed on the hub (same size, other bytes): refused, nothing imported, no file left behind.
    const annex = await importDocx(sari.ws, onSari, 'lampiran.docx', 3);
    expect((await pass(sari)).blobs).toEqual({ uploaded: 1, failed: 0 });
    const original = readFileSync(onHub(annex.sha256));
    const tampered = Buffer.from(original);
    const middle = Math.floor(tampered.length / 2);
    tampered.writeUInt8(tampered.readUInt8(middle) ^ 0xff, middle);
    writeFileSync(onHub(annex.sha256), tampered);
    await budi.ws.sync.syncNow();
    expect(budi.ws.sync.remoteDocuments(onBudi).map((entry) => entry.sha256)).toEqual([annex.sha256]);
    await expect(budi.ws.sync.fetchDocument(SUB, annex.sha256)).rejects.toMatchObject({ code: 'sync.hash_mismatch' });
    // Longer than the record says: refused the same way, without reading on.
    writeFileSync(onHub(annex.sha256), Buffer.concat([original, Buffer.alloc(4096, 1)]));
    await expect(budi.ws.sync.fetchDocument(SUB, annex.sha256)).rejects.toMatchObject({ code: 'sync.hash_mismatch' });
    expect(queryValue<number>(budi.ws.db, 'SELECT count(*) FROM document WHERE sha256 = ?').get(annex.sha256)).toBe(0);
    expect(existsSync(join(budi.ws.dataDir, 'documents', annex.sha256.slice(0, 2), annex.sha256))).toBe(false);
    const uploadsDir = join(budi.ws.dataDir, 'tmp', 'uploads');
    const leftovers = existsSync(uploadsDir) ? readdirSync(uploadsDir).flatMap((folder) => readdirSync(join(uploadsDir, folder))) : [];
    expect(leftovers).toEqual([]);

    // Not on the hub (gone from its store): said so.
    rmSync(onHub(annex.sha256));
    await expect(budi.ws.sync.fetchDocument(SUB, annex.sha256)).rejects.toMatchObject({ code: 'sync.document_not_on_hub' });
    // The hub unreachable: said so too.
    await hub.stop();
    await expect(budi.ws.sync.fetchDocument(SUB, annex.sha256)).rejects.toMatchObject({ code: 'sync.unreachable' });
    expect(budi.ws.sync.remoteDocuments(onBudi).map((entry) => entry.sha256)).toEqual([annex.sha256]);
  });
});

describe('a file follows the records that name it', { timeout: 120_000 }, () => {
  let hub: HubChild;
  const hubDir = mkdtempSync(join(tmpdir(), 'timbang-hub-'));
  const clients: Client[] = [];
  beforeAll(async () => {
    hub = await startHubChild(hubDir);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(hubDir, { recursive: true, force: true });
  });
  const onHub = (sha: string) => join(hub.dataDir, 'blobs', sha.slice(0, 2), sha);
  const hubTemp = () => readdirSync(join(hub.dataDir, 'blobs', 'tmp'));

  async function member(name: string, role: 'assessor' | 'planner' | 'ministry', regencies: string[] = []): Promise<Person> {
    const person = newPerson(name, invite(hub.dataDir, name, role, regencies));
    await joined(hub.url, hub.fingerprint, person);
    return person;
  }
  const status = async (person: Person, sha: string, method: 'GET' | 'HEAD' = 'GET') =>
    (await fetch(`${hub.url}/blobs/${sha}`, { method, headers: { authorization: `Bearer ${person.token}` } })).status;
  const put = async (person: Person, sha: string, body: Buffer) => {
    const response = await fetch(`${hub.url}/blobs/${sha}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${person.token}` },
      body: new Uint8Array(body),
    });
    return [response.status, ((await response.json()) as { error?: string }).error];
  };
  /** Adds records to a document as its author's laptop would, and waits for the hub to acknowledge them. */
  async function write(person: Person, doc: string, records: SignedRecord[]): Promise<void> {
    const client = connect(hub.url, person.token, doc);
    clients.push(client);
    await waitFor(() => client.events.synced > 0, `${doc} synced`);
    addRecords(client.doc, records);
    await waitFor(() => acknowledged(client), `${doc} acknowledged`);
  }
  const fileRecord = (person: Person, body: Buffer, size = body.length) =>
    recordBy(person, {
      kind: 'document',
      sub: SUB,
      sha256: createHash('sha256').update(body).digest('hex'),
      file: 'lampiran.pdf',
      role: 'annex',
      size,
      pages: 1,
    });

  it('is served only to who may read a document naming it; anyone else gets the answer of a file that is not there', async () => {
    const sari = await laptop('Dr. Sari', hub.url, invite(hub.dataDir, 'Dr. Sari', 'assessor'));
    const { sha256: sha } = await addDocument(sari.ws, banggaiBimtek3(sari.ws));
    expect((await pass(sari)).blobs).toEqual({ uploaded: 1, failed: 0 });
    expect(existsSync(onHub(sha))).toBe(true);

    const otherPlanner = await member('DKISP Sleman', 'planner', ['34.04']);
    const ownPlanner = await member('DKISP Banggai', 'planner', ['72.01']);
    const elsewhere = await member('Dr. Rina', 'assessor', ['34.04']);
    const panelist = await member('Prof. Budi', 'assessor', ['72.01']);
    const ministry = await member('Kementerian', 'ministry');
    // Knowing the hash is not enough: the panel's documents are its assessors' (and the ministry's to read).
    for (const person of [otherPlanner, ownPlanner, elsewhere]) {
      expect(await status(person, sha), person.name).toBe(404);
      expect(await status(person, sha, 'HEAD'), person.name).toBe(404);
    }
    expect(await status(panelist, sha)).toBe(200);
    expect(await status(ministry, sha)).toBe(200);
    // The same answer, word for word, as for a file the hub never had.
    const refused = await fetch(`${hub.url}/blobs/${sha}`, { headers: { authorization: `Bearer ${elsewhere.token}` } });
    const absent = await fetch(`${hub.url}/blobs/${'0'.repeat(64)}`, { headers: { authorization: `Bearer ${panelist.token}` } });
    expect([refused.status, await refused.text()]).toEqual([absent.status, await absent.text()]);
  });

  it("keeps a draft's file from everyone but its author until it is published, and takes a file only from who may write a record naming it, at its size", async () => {
    const sari = await member('Dr. Sari', 'assessor');
    const budi = await member('Prof. Budi', 'assessor');
    const ministry = await member('Kementerian', 'ministry');
    const body = Buffer.from('%PDF-1.4 lampiran draf Banggai\n');
    const sha = createHash('sha256').update(body).digest('hex');
    const named = fileRecord(sari, body);
    await write(sari, `draft/${sari.id}/${SUB}`, [named]);

    // Budi knows the hash but may not write Sari's draft; the ministry writes nothing.
    expect(await put(budi, sha, body)).toEqual([403, 'not_referenced']);
    expect(await put(ministry, sha, body)).toEqual([403, 'forbidden']);
    // A file no record names is not taken from anyone.
    const stray = Buffer.from('bukan dokumen tim');
    expect(await put(sari, createHash('sha256').update(stray).digest('hex'), stray)).toEqual([403, 'not_referenced']);
    // Not the size the record gives: refused before a byte is kept.
    expect(await put(sari, sha, Buffer.concat([body, body]))).toEqual([400, 'size_mismatch']);
    expect(existsSync(onHub(sha))).toBe(false);
    expect(hubTemp()).toEqual([]);

    expect(await put(sari, sha, body)).toEqual([201, undefined]);
    expect(await status(sari, sha)).toBe(200);
    expect(await status(budi, sha)).toBe(404);
    expect(await status(ministry, sha)).toBe(404);

    // Submitted: the record is published into the panel, and the file with it.
    await write(sari, PANEL, [named]);
    expect(await status(budi, sha)).toBe(200);
    expect(await status(ministry, sha)).toBe(200);
    const got = await fetch(`${hub.url}/blobs/${sha}`, { headers: { authorization: `Bearer ${budi.token}` } });
    expect(Buffer.from(await got.arrayBuffer()).equals(body)).toBe(true);
  });

  it('refused at a size other than its record gives: counted as failed, logged, nothing stored, the pass goes on', async () => {
    const ws = await openTestWorkspace();
    actAs(ws, 'Dr. Sari');
    const logs: string[] = [];
    const engine = createSyncEngine({
      db: ws.db,
      parts: syncPartsFor(ws),
      dataDir: ws.dataDir,
      appVersion: 'test',
      log: (message) => logs.push(message),
    });
    try {
      await engine.join(hub.url, invite(hub.dataDir, 'Dr. Sari', 'assessor'), { name: 'Dr. Sari', institution: 'UGM' });
      const { sha256: sha } = await addDocument(ws, banggaiBimtek3(ws));
      // The file on this laptop is no longer the size its record says.
      appendFileSync(blobPath(ws.dataDir, sha), Buffer.alloc(10));
      const result = await engine.syncOnce();
      expect(result).toMatchObject({ converged: true, blobs: { uploaded: 0, failed: 1 } });
      expect(logs.some((line) => line.includes('sync.blob_size_mismatch'))).toBe(true);
      expect(existsSync(onHub(sha))).toBe(false);
      expect(sentRows(ws)).toEqual([]);
    } finally {
      await engine.stop();
      ws.close();
    }
  });
});

describe('a hub that lost its files', { timeout: 120_000 }, () => {
  const hubDir = mkdtempSync(join(tmpdir(), 'timbang-hub-'));
  let hub: HubChild | undefined;
  afterAll(async () => {
    await hub?.stop();
    rmSync(hubDir, { recursive: true, force: true });
  });

  it('is refilled by the next pass of a laptop that has them, whatever it remembers sending; another laptop then fetches them', async () => {
    hub = await startHubChild(hubDir);
    const port = hub.port;
    const sariToken = invite(hubDir, 'Dr. Sari', 'assessor');
    const sari = await laptop('Dr. Sari', hub.url, sariToken);
    const budi = await laptop('Prof. Budi', hub.url, invite(hubDir, 'Prof. Budi', 'assessor'));
    const document = await addDocument(sari.ws, banggaiBimtek3(sari.ws));
    expect((await pass(sari)).blobs).toEqual({ uploaded: 1, failed: 0 });
    expect(sentRows(sari.ws)).toEqual([document.sha256]);
    const missingFor = async (token: string) =>
      syncIndexSchema.parse(await (await fetch(`${hub?.url}/sync/index`, { headers: { authorization: `Bearer ${token}` } })).json())
        .missingBlobs;
    expect(await missingFor(sariToken)).toEqual([]);

    // The disk is replaced: the store and the key are kept, the files are gone.
    await hub.stop();
    rmSync(join(hubDir, 'blobs'), { recursive: true });
    hub = await startHubChild(hubDir, port);
    expect(await missingFor(sariToken)).toEqual([document.sha256]);
    await budi.ws.sync.syncNow();
    await expect(budi.ws.sync.fetchDocument(SUB, document.sha256)).rejects.toMatchObject({ code: 'sync.document_not_on_hub' });
    // A laptop without the file has nothing to send, and nothing failed.
    expect((await pass(budi)).blobs).toEqual({ uploaded: 0, failed: 0 });

    const refilled = await pass(sari);
    expect(refilled).toMatchObject({ converged: true, blobs: { uploaded: 1, failed: 0 } });
    expect(readFileSync(join(hubDir, 'blobs', document.sha256.slice(0, 2), document.sha256))).toEqual(
      readFileSync(blobPath(sari.ws.dataDir, document.sha256)),
    );
    expect(await missingFor(sariToken)).toEqual([]);
    expect((await pass(sari)).blobs).toEqual({ uploaded: 0, failed: 0 });

    const fetched = await budi.ws.sync.fetchDocument(SUB, document.sha256);
    expect(fetched).toMatchObject({ fileName: 'masterplan-banggai.docx', pages: document.pages });
  });
});

describe('a file the hub does not take', { timeout: 60_000 }, () => {
  const opened: { hub: RunningHub; store: HubStore }[] = [];
  afterEach(async () => {
    for (const { hub, store } of opened.splice(0)) {
      await hub.close();
      await store.close();
    }
  });

  it('does not fail the pass: counted, not remembered, and tried again at the next pass', async () => {
    const dataDir = tempDir();
    const store = createSqliteHubStore(join(dataDir, 'hub.db'));
    await store.open();
    const hub = await startHub({ dataDir, store, maxBlobBytes: 1024 });
    opened.push({ hub, store });
    const sari = await laptop('Dr. Sari', hub.url, (await hub.invite({ name: 'Dr. Sari', role: 'assessor', regencies: [] })).token);
    const document = await addDocument(sari.ws, banggaiBimtek3(sari.ws));
    for (let round = 0; round < 2; round += 1) {
      const result = await pass(sari);
      expect(result.converged).toBe(true);
      expect(result.blobs).toEqual({ uploaded: 0, failed: 1 });
      expect(sentRows(sari.ws)).toEqual([]);
    }
    expect(existsSync(join(dataDir, 'blobs', document.sha256.slice(0, 2), document.sha256))).toBe(false);
  });
});
