import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { query, queryValue } from '../../../electron/core/db/query.ts';
import { importDocument } from '../../../electron/core/intake/import.ts';
import { startWorkspaceSync, type WorkspaceSync } from '../../../electron/core/sync/driver.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { startHub, type RunningHub } from '../../../electron/hub/server.ts';
import { createSqliteHubStore } from '../../../electron/hub/sqlite-store.ts';
import type { HubStore } from '../../../electron/hub/store.ts';
import { actAs, banggaiBimtek3 } from '../../helpers/assessments.ts';
import { invite, startHubChild, type HubChild } from '../../helpers/hub.ts';
import { masterplanDocx } from '../../helpers/masterplans.ts';
import { addDocument, SUB } from '../../helpers/sync-panel.ts';
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
