import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRecords, readRecords } from '../../../electron/core/sync/ydoc.ts';
import { startHub, type RunningHub } from '../../../electron/hub/server.ts';
import { createSqliteHubStore } from '../../../electron/hub/sqlite-store.ts';
import type { HubStore } from '../../../electron/hub/store.ts';
import { acknowledged, connect, hubDb, joined, newPerson, scoreRecord, waitFor, type Client } from '../../helpers/hub.ts';
import { tempDir } from '../../helpers/temp.ts';

const SUB = '72.01/bimtek3';
const PANEL = `panel/${SUB}`;

const clients: Client[] = [];
const opened: { hub: RunningHub; store: HubStore }[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const { hub, store } of opened.splice(0)) {
    await hub.close();
    await store.close();
  }
});

async function hubIn(dataDir: string, snapshotEvery: number) {
  const store = createSqliteHubStore(join(dataDir, 'hub.db'));
  await store.open();
  const hub = await startHub({ dataDir, store, snapshotEvery });
  opened.push({ hub, store });
  return { hub, store };
}

function open(hub: RunningHub, token: string, name: string): Client {
  const client = connect(hub.url, token, name);
  clients.push(client);
  return client;
}

describe('the hub in process', { timeout: 60_000 }, () => {
  it('snapshots a document every few updates and loads it again from the snapshot and the updates after it', async () => {
    const dataDir = tempDir();
    const { hub, store } = await hubIn(dataDir, 3);
    const { token } = await hub.invite({ name: 'Prof. Budi', role: 'assessor', regencies: [] });
    const person = newPerson('Prof. Budi', token);
    await joined(hub.url, hub.fingerprint, person);
    const client = open(hub, token, PANEL);
    await waitFor(() => client.events.synced > 0, 'the first sync');
    const ids: string[] = [];
    for (let at = 1; at <= 7; at += 1) {
      const record = scoreRecord(person, SUB, `ECO.${at}`, at % 4);
      addRecords(client.doc, [record]);
      ids.push(record.id);
      await waitFor(() => acknowledged(client), `record ${at}`);
    }
    client.destroy();
    clients.splice(clients.indexOf(client), 1);
    // The last connection gone, the hub stores (snapshots) and unloads the document.
    await waitFor(() => !hub.hocuspocus.documents.has(PANEL), 'the document to unload');
    const snapshots = hubDb(
      dataDir,
      (db) => db.prepare('SELECT upto FROM hub_doc_snapshot WHERE doc = ? ORDER BY id').pluck().all(PANEL) as number[],
    );
    expect(snapshots.length).toBeGreaterThan(0);

    const { snapshot, updates, upto } = await store.loadDoc(PANEL);
    expect(snapshot).not.toBeNull();
    expect(updates).toHaveLength(0);
    expect(upto).toBe(snapshots.at(-1));
    const loaded = new Y.Doc();
    if (snapshot) Y.applyUpdate(loaded, snapshot);
    expect(
      readRecords(loaded)
        .map((record) => record.id)
        .sort(),
    ).toEqual([...ids].sort());

    // One more update after the snapshot: a reader gets the snapshot's records and the new one.
    const writer = open(hub, token, PANEL);
    await waitFor(() => writer.events.synced > 0, 'the sync from the snapshot');
    expect(readRecords(writer.doc)).toHaveLength(7);
    const last = scoreRecord(person, SUB, 'LIV.1', 2);
    addRecords(writer.doc, [last]);
    await waitFor(() => acknowledged(writer), 'the last record');
    expect((await store.loadDoc(PANEL)).updates).toHaveLength(1);
  });

  it('revokes in process: the member record says so at once and the live connection is closed', async () => {
    const dataDir = tempDir();
    const { hub, store } = await hubIn(dataDir, 100);
    const { token } = await hub.invite({ name: 'Prof. Budi', role: 'assessor', regencies: [] });
    const person = newPerson('Prof. Budi', token);
    await joined(hub.url, hub.fingerprint, person);
    const client = open(hub, token, PANEL);
    await waitFor(() => client.events.synced > 0, 'the first sync');
    const record = scoreRecord(person, SUB, 'ECO.1', 3);
    addRecords(client.doc, [record]);
    await waitFor(() => acknowledged(client), 'the record');

    const [revoked] = await hub.revoke({ person: person.id });
    expect(revoked).toMatchObject({ person: person.id, revokedAfterSeq: person.seq });
    await waitFor(() => client.events.closed.includes('revoked'), 'the live connection to close');
    const members = (await store.records({ doc: 'registry' })).map(
      (each) => JSON.parse(each.text) as { person: string; revokedAfterSeq: number | null },
    );
    expect(members.filter((member) => member.person === person.id).map((member) => member.revokedAfterSeq)).toEqual([null, person.seq]);
    await expect(hub.invite({ name: 'Perencana', role: 'planner', regencies: ['72.01', '72.02'] })).rejects.toThrow(
      'hub.planner_one_regency',
    );
  });

  it('shows everyone online as the person their token names, whatever their client claims', async () => {
    const dataDir = tempDir();
    const { hub } = await hubIn(dataDir, 100);
    const budi = newPerson('Prof. Budi', (await hub.invite({ name: 'Prof. Budi', role: 'assessor', regencies: [] })).token);
    const sari = newPerson('Dr. Sari', (await hub.invite({ name: 'Dr. Sari', role: 'assessor', regencies: [] })).token);
    await joined(hub.url, hub.fingerprint, budi);
    await joined(hub.url, hub.fingerprint, sari);
    const impostor = open(hub, budi.token, 'registry');
    const watcher = open(hub, sari.token, 'registry');
    await waitFor(() => impostor.events.synced > 0 && watcher.events.synced > 0, 'both syncs');
    impostor.provider.setAwarenessField('user', { person: sari.id, name: 'Dr. Sari', role: 'ministry' });
    impostor.provider.setAwarenessField('viewing', SUB);
    const seen = () =>
      watcher.provider.awareness?.getStates().get(impostor.doc.clientID) as { user?: unknown; viewing?: string } | undefined;
    await waitFor(() => seen()?.viewing === SUB, 'the awareness update');
    expect(seen()?.user).toEqual({ person: budi.id, name: 'Prof. Budi', role: 'assessor' });
  });
});
