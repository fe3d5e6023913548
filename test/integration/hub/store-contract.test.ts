import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { newIdentityKeys } from '../../../electron/core/db/migrations.ts';
import { recordSigner, signRecord } from '../../../electron/core/sync/signed-record.ts';
import { addRecords } from '../../../electron/core/sync/ydoc.ts';
import Database from 'better-sqlite3';
import { createSqliteHubStore } from '../../../electron/hub/sqlite-store.ts';
import { createPostgresHubStore } from '../../../electron/hub/postgres-store.ts';
import type { HubStore } from '../../../electron/hub/store.ts';
import { recordBodySchema, type RecordBody, type SignedRecord } from '../../../shared/sync/record.ts';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.ts';
import { tempDir } from '../../helpers/temp.ts';

/**
 * One contract, every HubStore (docs/sync.md §6, §8). A factory's `make(dir)` called twice with
 * the same folder gives a store over the same data (that is how durability is checked); `exec`
 * runs raw SQL against that data, as an operator with a SQL prompt would.
 */
interface StoreFactory {
  name: string;
  make(dir: string): HubStore | Promise<HubStore>;
  exec(dir: string, sql: string): Promise<unknown>;
  /** SQL that takes the store back to before `hub_blob_ref` existed: a hub made by an older Timbang. */
  withoutBlobRefs: string;
}

let server: TestPostgres;
const databases = new Map<string, string>();
const databaseOf = async (dir: string): Promise<string> => {
  let url = databases.get(dir);
  if (!url) databases.set(dir, (url = await server.newDatabase()));
  return url;
};
async function pgExec(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const factories: StoreFactory[] = [
  {
    name: 'postgres',
    make: async (dir) => createPostgresHubStore(await databaseOf(dir)),
    exec: async (dir, sql) => pgExec(await databaseOf(dir), sql),
    // A hub of schema version 1: neither the file references (2) nor the team settings (3).
    withoutBlobRefs: 'DROP TABLE hub_blob_ref; DROP TABLE hub_settings; DELETE FROM hub_migration WHERE version >= 2',
  },
  {
    name: 'sqlite',
    make: (dir) => createSqliteHubStore(join(dir, 'hub.db')),
    exec: async (dir, sql) => {
      const db = new Database(join(dir, 'hub.db'));
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    withoutBlobRefs: 'DROP TABLE hub_blob_ref; PRAGMA user_version = 0',
  },
];

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const opened: HubStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

// Two real people with real keys, so records are what a hub receives: canonical text, id, Ed25519 signature.
const alice = { ...newIdentityKeys(), name: 'Alice' };
const bob = { ...newIdentityKeys(), name: 'Bob' };
const hub = { ...newIdentityKeys(), id: 'hub:0123456789abcdef', name: 'Hub' };
const signers = new Map([alice, bob, hub].map((person) => [person.id, recordSigner(person.privateKey)]));
const SUB = '72.01/bimtek3';
const RUBRIC = 'masterplan-review';

function make(person: typeof alice, fields: Record<string, unknown>): { record: SignedRecord; body: RecordBody } {
  const body = recordBodySchema.parse({
    v: 1,
    author: person.id,
    by: person.name,
    at: new Date(Number(fields.seq)).toISOString(),
    ...fields,
  });
  return { record: signRecord(body, signers.get(person.id)!), body };
}
const a = (person: typeof alice) => ({ sub: SUB, rubric: RUBRIC, role: 'assessor', person: person.id });
const score = (person: typeof alice, seq: number, c: string, value: number | 'na' | null) =>
  make(person, { kind: 'score', seq, a: a(person), c, value, before: null });
const note = (person: typeof alice, seq: number, c: string, text: string) =>
  make(person, { kind: 'note', seq, a: a(person), c, text, before: '' });

const documentRecord = (person: typeof alice, seq: number, sha256: string, size: number) =>
  make(person, { kind: 'document', seq, sub: SUB, sha256, file: 'masterplan.pdf', role: 'masterplan', size, pages: 3 });
/** A real Yjs update holding these records, as a laptop sends it. */
const updateOf = (...entries: ReturnType<typeof make>[]): Uint8Array => {
  const doc = new Y.Doc();
  addRecords(
    doc,
    entries.map((entry) => entry.record),
  );
  return Y.encodeStateAsUpdate(doc);
};

const SEQ = 1_750_000_000_000;
const bytesOf = (...values: number[]) => new Uint8Array(values);
const sortById = (records: SignedRecord[]) => [...records].sort((x, y) => (x.id < y.id ? -1 : 1));

describe.each(factories)('HubStore contract: $name', (factory) => {
  async function open(dir = tempDir()): Promise<{ store: HubStore; dir: string }> {
    const store = await factory.make(dir);
    await store.open();
    opened.push(store);
    return { store, dir };
  }
  const append = (store: HubStore, doc: string, update: Uint8Array, records: ReturnType<typeof make>[] = [], published = true) =>
    store.appendUpdate({ doc, update, person: alice.id, records, published });

  it('gives back every update of a document, byte for byte and in order, and nothing of other documents', async () => {
    const { store } = await open();
    expect(await store.loadDoc('panel/72.01/bimtek3')).toEqual({ snapshot: null, updates: [], upto: 0 });
    const updates = [bytesOf(0, 1, 2, 255, 0), new Uint8Array(0), new Uint8Array(randomBytes(200_000)), bytesOf(0x5c, 0x78, 0x30)];
    const ids: number[] = [];
    for (const [index, update] of updates.entries()) {
      ids.push(await append(store, 'panel/72.01/bimtek3', update));
      if (index === 1) await append(store, 'registry', bytesOf(9, 9, 9));
    }
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);

    const loaded = await store.loadDoc('panel/72.01/bimtek3');
    expect(loaded.snapshot).toBeNull();
    expect(loaded.upto).toBe(ids.at(-1));
    expect(loaded.updates).toHaveLength(updates.length);
    for (const [index, update] of loaded.updates.entries()) {
      expect(update.constructor).toBe(Uint8Array);
      expect(Buffer.from(update).equals(Buffer.from(updates[index]!))).toBe(true);
    }
    expect((await store.loadDoc('registry')).updates).toEqual([bytesOf(9, 9, 9)]);
  });

  it('loads the latest snapshot and only the updates after its upto, which rebuild the same Y.Doc', async () => {
    const { store } = await open();
    const source = new Y.Doc();
    const pending: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => pending.push(update));
    const flush = async () => {
      let last = 0;
      for (const update of pending.splice(0)) last = await append(store, 'registry', update);
      return last;
    };
    const records = source.getMap<[string, Uint8Array]>('records');
    const put = (fields: ReturnType<typeof make>) => records.set(fields.record.id, [fields.record.text, fields.record.signature]);

    put(score(alice, SEQ + 1, 'SE.1', 3));
    put(score(alice, SEQ + 2, 'SE.2', 4));
    const first = await flush();
    await store.saveSnapshot('registry', first, Y.encodeStateAsUpdate(source));
    put(score(alice, SEQ + 3, 'SE.3', 1));
    const second = await flush();
    // An older snapshot inserted later must not win over the one that covers more.
    await store.saveSnapshot('registry', second, Y.encodeStateAsUpdate(source));
    await store.saveSnapshot('registry', first, bytesOf(1, 2, 3));
    put(note(alice, SEQ + 4, 'SE.3', 'Dokumen tidak lengkap'));
    put(score(bob, SEQ + 5, 'SE.1', 'na'));
    const third = await flush();

    const loaded = await store.loadDoc('registry');
    expect(loaded.upto).toBe(third);
    expect(loaded.snapshot).not.toBeNull();
    expect(loaded.updates).toHaveLength(2);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, loaded.snapshot!);
    for (const update of loaded.updates) Y.applyUpdate(rebuilt, update);
    expect(rebuilt.getMap('records').toJSON()).toEqual(records.toJSON());
    expect([...rebuilt.getMap('records').keys()]).toHaveLength(5);

    // A snapshot with nothing after it: upto is the snapshot's.
    await store.saveSnapshot('registry', third, Y.encodeStateAsUpdate(source));
    const compact = await store.loadDoc('registry');
    expect(compact.updates).toEqual([]);
    expect(compact.upto).toBe(third);
  });

  it('indexes every document with its latest update row id, which grows with each append', async () => {
    const { store } = await open();
    expect(await store.docIndex()).toEqual([]);
    const a1 = await append(store, 'panel/72.01/bimtek3', bytesOf(1));
    const r1 = await append(store, 'registry', bytesOf(2));
    const index = (await store.docIndex()).sort((x, y) => (x.doc < y.doc ? -1 : 1));
    expect(index).toEqual([
      { doc: 'panel/72.01/bimtek3', version: a1 },
      { doc: 'registry', version: r1 },
    ]);
    const a2 = await append(store, 'panel/72.01/bimtek3', bytesOf(3));
    expect(a2).toBeGreaterThan(a1);
    expect((await store.docIndex()).find((entry) => entry.doc === 'panel/72.01/bimtek3')?.version).toBe(a2);
    expect((await store.docIndex()).find((entry) => entry.doc === 'registry')?.version).toBe(r1);
  });

  it('keeps one row per published record however often it is replayed, in every document it reached', async () => {
    const { store } = await open();
    const batch = [score(alice, SEQ + 1, 'SE.1', 3), note(alice, SEQ + 2, 'SE.1', 'cukup'), score(bob, SEQ + 3, 'SE.1', 2)];
    await append(store, 'panel/72.01/bimtek3', bytesOf(1), batch);
    await append(store, 'panel/72.01/bimtek3', bytesOf(2), batch);
    await append(store, 'panel/72.01/bimtek3', bytesOf(3), [batch[0]!, batch[0]!]);
    await append(store, 'regency/72.01', bytesOf(4), [batch[2]!]);

    const all = await store.records();
    expect(all).toHaveLength(3);
    const expected = sortById(batch.map((entry) => entry.record));
    expect(sortById(all).map(({ id, text }) => ({ id, text }))).toEqual(expected.map(({ id, text }) => ({ id, text })));
    for (const [index, record] of sortById(all).entries()) {
      expect(record.signature.constructor).toBe(Uint8Array);
      expect(Buffer.from(record.signature).equals(Buffer.from(expected[index]!.signature))).toBe(true);
    }
    expect(sortById(await store.records({ doc: 'panel/72.01/bimtek3' })).map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect((await store.records({ doc: 'regency/72.01' })).map((r) => r.id)).toEqual([batch[2]!.record.id]);
    expect(await store.records({ doc: 'registry' })).toEqual([]);
  });

  it('keeps the records of a draft document inside its updates only', async () => {
    const { store } = await open();
    const draft = `draft/${alice.id}/${SUB}`;
    const secret = score(alice, SEQ + 7, 'SE.4', 4);
    await append(store, draft, bytesOf(7), [secret], false);
    expect(await store.records()).toEqual([]);
    expect(await store.records({ doc: draft })).toEqual([]);
    expect((await store.loadDoc(draft)).updates).toEqual([bytesOf(7)]);
    // The hub accepted it, so revoking Alice must cover it.
    expect(await store.lastSeqOf(alice.id)).toBe(SEQ + 7);
  });

  it('references the file of every document record, drafts included, once per document and size', async () => {
    const { store, dir } = await open();
    const [shaA, shaB, shaC] = ['a', 'b', 'c'].map((char) => char.repeat(64)) as [string, string, string];
    const draft = `draft/${alice.id}/${SUB}`;
    const panelDoc = documentRecord(alice, SEQ + 1, shaA, 1200);
    await append(store, 'panel/72.01/bimtek3', bytesOf(1), [panelDoc, score(alice, SEQ + 2, 'SE.1', 3)]);
    await append(store, 'panel/72.01/bimtek3', bytesOf(2), [panelDoc]);
    await append(store, 'regency/72.01', bytesOf(3), [panelDoc, documentRecord(bob, SEQ + 3, shaB, 50)]);
    await append(store, draft, bytesOf(4), [documentRecord(alice, SEQ + 4, shaC, 7)], false);
    expect(await store.blobRefs()).toEqual([
      { sha256: shaA, doc: 'panel/72.01/bimtek3', size: 1200 },
      { sha256: shaA, doc: 'regency/72.01', size: 1200 },
      { sha256: shaB, doc: 'regency/72.01', size: 50 },
      { sha256: shaC, doc: draft, size: 7 },
    ]);
    expect(await store.blobRefs({ sha256: shaC })).toEqual([{ sha256: shaC, doc: draft, size: 7 }]);
    expect(await store.blobRefs({ sha256: 'd'.repeat(64) })).toEqual([]);
    // The draft's record itself still stays inside its update.
    expect(await store.records({ doc: draft })).toEqual([]);
    await expect(factory.exec(dir, 'DELETE FROM hub_blob_ref')).rejects.toThrow(/insert-only/);
    await expect(factory.exec(dir, 'UPDATE hub_blob_ref SET size = 0')).rejects.toThrow(/insert-only/);
    expect(await store.blobRefs()).toHaveLength(4);
  });

  it('gives a hub made before file references the references of everything it holds, drafts read from their updates', async () => {
    const dir = tempDir();
    const before = await factory.make(dir);
    await before.open();
    const draft = `draft/${bob.id}/${SUB}`;
    const [shaA, shaB] = ['e', 'f'].map((char) => char.repeat(64)) as [string, string];
    const published = documentRecord(alice, SEQ + 1, shaA, 10);
    await before.appendUpdate({
      doc: 'panel/72.01/bimtek3',
      update: updateOf(published),
      person: alice.id,
      records: [published],
      published: true,
    });
    const secret = documentRecord(bob, SEQ + 2, shaB, 20);
    const draftUpdate = updateOf(secret, score(bob, SEQ + 3, 'SE.1', 2));
    await before.appendUpdate({ doc: draft, update: draftUpdate, person: bob.id, records: [secret], published: false });
    // An update that is not Yjs (a store's own test bytes) is skipped, not a failure.
    await before.appendUpdate({ doc: draft, update: bytesOf(9, 9), person: bob.id, records: [], published: false });
    const expected = await before.blobRefs();
    expect(expected).toEqual([
      { sha256: shaA, doc: 'panel/72.01/bimtek3', size: 10 },
      { sha256: shaB, doc: draft, size: 20 },
    ]);
    await before.close();
    await factory.exec(dir, factory.withoutBlobRefs);

    const upgraded = await factory.make(dir);
    await upgraded.open();
    opened.push(upgraded);
    expect(await upgraded.blobRefs()).toEqual(expected);
    // And it keeps referencing what arrives after.
    await upgraded.appendUpdate({
      doc: 'regency/72.01',
      update: bytesOf(5),
      person: alice.id,
      records: [documentRecord(alice, SEQ + 4, shaA, 10)],
      published: true,
    });
    expect(await upgraded.blobRefs({ sha256: shaA })).toEqual([
      { sha256: shaA, doc: 'panel/72.01/bimtek3', size: 10 },
      { sha256: shaA, doc: 'regency/72.01', size: 10 },
    ]);
  });

  it("keeps each person's largest accepted counter", async () => {
    const { store } = await open();
    expect(await store.lastSeqOf(alice.id)).toBe(0);
    await append(store, 'panel/72.01/bimtek3', bytesOf(1), [
      score(alice, SEQ + 10, 'SE.1', 1),
      score(alice, SEQ + 12, 'SE.2', 1),
      score(bob, SEQ + 11, 'SE.1', 2),
    ]);
    await append(store, 'panel/72.01/bimtek3', bytesOf(2), [score(alice, SEQ + 5, 'SE.3', 1)]);
    expect(await store.lastSeqOf(alice.id)).toBe(SEQ + 12);
    expect(await store.lastSeqOf(bob.id)).toBe(SEQ + 11);
    await append(store, `draft/${bob.id}/${SUB}`, bytesOf(3), [score(bob, SEQ + 20, 'SE.9', 1)], false);
    expect(await store.lastSeqOf(bob.id)).toBe(SEQ + 20);
  });

  it('creates, binds, lists and revokes invites', async () => {
    const { store } = await open();
    const secretA = 'a1'.repeat(32);
    const secretB = 'b2'.repeat(32);
    const secretC = 'c3'.repeat(32);
    await store.createInvite({
      secretSha256: secretA,
      name: 'Alice',
      role: 'assessor',
      regencies: [],
      createdAt: '2025-06-01T01:00:00.000Z',
    });
    await store.createInvite({
      secretSha256: secretB,
      name: 'Pak Budi',
      role: 'planner',
      regencies: ['72.01'],
      createdAt: '2025-06-01T02:00:00.000Z',
    });
    await store.createInvite({
      secretSha256: secretC,
      name: 'Kementerian',
      role: 'ministry',
      regencies: ['72.01', '73.02'],
      createdAt: '2025-06-01T03:00:00.000Z',
    });
    expect(await store.invite('ff'.repeat(32))).toBeUndefined();
    expect(await store.invite(secretC)).toEqual({
      secretSha256: secretC,
      name: 'Kementerian',
      role: 'ministry',
      regencies: ['72.01', '73.02'],
      createdAt: '2025-06-01T03:00:00.000Z',
      person: null,
      publicKey: null,
      joinedAt: null,
      revokedAt: null,
      revokedAfterSeq: null,
    });

    const joined = { id: alice.id, publicKey: alice.publicKey, joinedAt: '2025-06-02T00:00:00.000Z' };
    expect(await store.bindInvite(secretA, joined)).toBe(true);
    expect(await store.bindInvite(secretA, joined)).toBe(true); // the same person joining again
    expect(await store.bindInvite(secretA, { id: bob.id, publicKey: bob.publicKey, joinedAt: '2025-06-03T00:00:00.000Z' })).toBe(false);
    expect(await store.bindInvite('ff'.repeat(32), joined)).toBe(false);
    expect(await store.invite(secretA)).toMatchObject({
      person: alice.id,
      publicKey: alice.publicKey,
      joinedAt: '2025-06-02T00:00:00.000Z',
    });

    await append(store, 'panel/72.01/bimtek3', bytesOf(1), [score(alice, SEQ + 42, 'SE.1', 3)]);
    const counter = vi.fn((person: string) => store.lastSeqOf(person));
    const byPerson = await store.revoke({ person: alice.id }, '2025-06-04T00:00:00.000Z', counter);
    expect(counter).toHaveBeenCalledWith(alice.id);
    expect(byPerson).toEqual([
      expect.objectContaining({
        secretSha256: secretA,
        person: alice.id,
        revokedAt: '2025-06-04T00:00:00.000Z',
        revokedAfterSeq: SEQ + 42,
      }),
    ]);
    expect(await store.revoke({ person: alice.id }, '2025-06-05T00:00:00.000Z', counter)).toEqual([]);
    expect((await store.invite(secretA))?.revokedAt).toBe('2025-06-04T00:00:00.000Z');

    counter.mockClear();
    const byPrefix = await store.revoke({ secretSha256Prefix: 'b2b2b2' }, '2025-06-06T00:00:00.000Z', counter);
    expect(byPrefix.map((invite) => [invite.secretSha256, invite.revokedAfterSeq])).toEqual([[secretB, null]]);
    expect(counter).not.toHaveBeenCalled();
    // A revoked invite can no longer be bound.
    expect(await store.bindInvite(secretB, { id: bob.id, publicKey: bob.publicKey, joinedAt: '2025-06-07T00:00:00.000Z' })).toBe(false);
    await expect(store.revoke({}, '2025-06-08T00:00:00.000Z', counter)).rejects.toThrow();

    const all = await store.invites();
    expect(all.map((invite) => [invite.secretSha256, invite.revokedAt !== null])).toEqual([
      [secretA, true],
      [secretB, true],
      [secretC, false],
    ]);
  });

  it('logs refusals, newest first, with a limit', async () => {
    const { store } = await open();
    await store.refusal({
      at: '2025-06-01T00:00:00.000Z',
      person: alice.id,
      doc: 'panel/72.01/bimtek3',
      recordId: 'x'.repeat(22),
      problem: 'record.bad_signature',
      text: '{"v":1}',
    });
    await store.refusal({
      at: '2025-06-01T00:00:01.000Z',
      person: null,
      doc: 'registry',
      recordId: null,
      problem: 'record.shape',
      text: null,
    });
    await store.refusal({
      at: '2025-06-01T00:00:02.000Z',
      person: bob.id,
      doc: 'regency/72.01',
      recordId: null,
      problem: 'record.out_of_role',
      text: 'x',
    });
    const all = await store.refusals();
    expect(all.map((refusal) => refusal.problem)).toEqual(['record.out_of_role', 'record.shape', 'record.bad_signature']);
    expect(all[1]).toEqual({ at: '2025-06-01T00:00:01.000Z', person: null, doc: 'registry', recordId: null, problem: 'record.shape' });
    expect(all[2]).toEqual({
      at: '2025-06-01T00:00:00.000Z',
      person: alice.id,
      doc: 'panel/72.01/bimtek3',
      recordId: 'x'.repeat(22),
      problem: 'record.bad_signature',
    });
    expect((await store.refusals(2)).map((refusal) => refusal.problem)).toEqual(['record.out_of_role', 'record.shape']);
  });

  it('refuses a direct UPDATE or DELETE of the insert-only tables, and keeps working', async () => {
    const { store, dir } = await open();
    const record = score(alice, SEQ + 1, 'SE.1', 3);
    await append(store, 'panel/72.01/bimtek3', bytesOf(1), [record]);
    await expect(factory.exec(dir, `UPDATE hub_record SET text = '{}' WHERE id = '${record.record.id}'`)).rejects.toThrow(/insert-only/);
    await expect(factory.exec(dir, 'DELETE FROM hub_record')).rejects.toThrow(/insert-only/);
    await expect(factory.exec(dir, 'DELETE FROM hub_doc_update')).rejects.toThrow(/insert-only/);
    await expect(factory.exec(dir, 'UPDATE hub_record_doc SET doc = doc')).rejects.toThrow(/insert-only/);
    expect((await store.records()).map((r) => r.text)).toEqual([record.record.text]);
    expect((await store.loadDoc('panel/72.01/bimtek3')).updates).toEqual([bytesOf(1)]);
    await append(store, 'panel/72.01/bimtek3', bytesOf(2), [score(alice, SEQ + 2, 'SE.2', 3)]);
    expect(await store.records()).toHaveLength(2);
  });

  it('keeps every team settings request, answers the latest, refuses out-of-range ones, and holds them insert-only', async () => {
    const { store, dir } = await open();
    expect(await store.requestedSettings()).toBeUndefined();
    const first = { passMark: 70, panelAggregate: 'mean' as const, disagreementTolerance: 25, hideOthersUntilSubmitted: true };
    const second = { passMark: 72.5, panelAggregate: 'median' as const, disagreementTolerance: 12.5, hideOthersUntilSubmitted: false };
    await store.requestSettings(first, '2025-06-01T00:00:00.000Z');
    await store.requestSettings(second, '2025-06-01T00:00:01.000Z');
    const latest = await store.requestedSettings();
    expect(latest).toMatchObject({ at: '2025-06-01T00:00:01.000Z', settings: second });
    await expect(store.requestSettings({ ...first, passMark: 0 }, '2025-06-01T00:00:02.000Z')).rejects.toThrow();
    await expect(store.requestSettings({ ...first, disagreementTolerance: 101 }, '2025-06-01T00:00:02.000Z')).rejects.toThrow();
    await expect(factory.exec(dir, 'UPDATE hub_settings SET pass_mark = 1')).rejects.toThrow(/insert-only/);
    await expect(factory.exec(dir, 'DELETE FROM hub_settings')).rejects.toThrow(/insert-only/);
    expect(await store.requestedSettings()).toEqual(latest);
  });

  it('still holds everything it committed after being closed and opened again', async () => {
    const dir = tempDir();
    const first = await factory.make(dir);
    await first.open();
    const records = [score(alice, SEQ + 1, 'SE.1', 3), score(bob, SEQ + 2, 'SE.1', 4)];
    const u1 = await first.appendUpdate({
      doc: 'panel/72.01/bimtek3',
      update: bytesOf(1, 0, 1),
      person: alice.id,
      records,
      published: true,
    });
    await first.saveSnapshot('panel/72.01/bimtek3', u1, bytesOf(42));
    const u2 = await first.appendUpdate({ doc: 'panel/72.01/bimtek3', update: bytesOf(2), person: bob.id, records: [], published: true });
    await first.createInvite({
      secretSha256: 'd4'.repeat(32),
      name: 'Dewi',
      role: 'assessor',
      regencies: ['72.01'],
      createdAt: '2025-06-01T00:00:00.000Z',
    });
    await first.refusal({
      at: '2025-06-01T00:00:00.000Z',
      person: null,
      doc: 'registry',
      recordId: null,
      problem: 'record.shape',
      text: null,
    });
    await first.close();

    const second = await factory.make(dir);
    await second.open();
    opened.push(second);
    expect(await second.loadDoc('panel/72.01/bimtek3')).toEqual({ snapshot: bytesOf(42), updates: [bytesOf(2)], upto: u2 });
    expect(sortById(await second.records()).map((r) => r.id)).toEqual(sortById(records.map((r) => r.record)).map((r) => r.id));
    expect(await second.docIndex()).toEqual([{ doc: 'panel/72.01/bimtek3', version: u2 }]);
    expect(await second.lastSeqOf(bob.id)).toBe(SEQ + 2);
    expect((await second.invites()).map((invite) => invite.name)).toEqual(['Dewi']);
    expect(await second.refusals()).toHaveLength(1);
    const u3 = await second.appendUpdate({ doc: 'panel/72.01/bimtek3', update: bytesOf(3), person: bob.id, records: [], published: true });
    expect(u3).toBeGreaterThan(u2);
  });
});

describe('Postgres hub store only', () => {
  async function openPg(): Promise<{ store: HubStore; url: string }> {
    const url = await server.newDatabase();
    const store = createPostgresHubStore(url);
    await store.open();
    opened.push(store);
    return { store, url };
  }
  const query = async (url: string, sql: string) => (await pgExec(url, sql)).rows as Record<string, unknown>[];

  it('records its schema version, opens again without change, and refuses a newer schema', async () => {
    const { store, url } = await openPg();
    await store.open();
    const again = createPostgresHubStore(url);
    await again.open();
    await again.close();
    expect(await query(url, 'SELECT version FROM hub_migration ORDER BY version')).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
    await pgExec(url, 'INSERT INTO hub_migration (version) VALUES (99)');
    const newer = createPostgresHubStore(url);
    await expect(newer.open()).rejects.toThrow(/schema version 99/);
    await newer.close();
  });

  it('refuses TRUNCATE of the update log', async () => {
    const { store, url } = await openPg();
    await store.appendUpdate({ doc: 'registry', update: bytesOf(1), person: alice.id, records: [], published: true });
    await expect(pgExec(url, 'TRUNCATE hub_doc_update CASCADE')).rejects.toThrow(/insert-only/);
    expect(await query(url, 'SELECT count(*)::int AS n FROM hub_doc_update')).toEqual([{ n: 1 }]);
  });

  it('stores records whose text jsonb cannot hold (U+0000, a lone surrogate) exactly, with a readable body', async () => {
    const { store, url } = await openPg();
    const nul = note(alice, SEQ + 1, 'SE.1', 'halaman\u00003');
    const lone = note(alice, SEQ + 2, 'SE.2', 'a\ud800b\udc00c\ud83d\ude00');
    const literal = note(alice, SEQ + 3, 'SE.3', 'C:\\u0000 tetap');
    expect(nul.record.text).toContain('\\u0000');
    await store.appendUpdate({
      doc: 'panel/72.01/bimtek3',
      update: bytesOf(1),
      person: alice.id,
      records: [nul, lone, literal],
      published: true,
    });
    const stored = await store.records();
    expect(sortById(stored).map((r) => r.text)).toEqual(sortById([nul, lone, literal].map((r) => r.record)).map((r) => r.text));
    const bodies = await query(url, "SELECT body->>'c' AS c, body->>'text' AS text FROM hub_record ORDER BY 1");
    expect(bodies).toEqual([
      { c: 'SE.1', text: 'halaman\uFFFD3' },
      { c: 'SE.2', text: 'a\uFFFDb\uFFFDc\ud83d\ude00' },
      { c: 'SE.3', text: 'C:\\u0000 tetap' },
    ]);
  });

  it('serialises concurrent appends to one document so row ids follow commits and the index never runs ahead', async () => {
    const { store } = await openPg();
    const shared = score(alice, SEQ + 1, 'SE.1', 3);
    const doc = 'panel/72.01/bimtek3';
    // While appends race, a reader keeps asking for the index and then the document: every update
    // with a row id up to the version it was told must already be readable (else a laptop that
    // compares versions would skip an update committed late).
    const seen: { version: number; updates: Set<number> }[] = [];
    let racing = true;
    const reader = (async () => {
      while (racing) {
        const version = (await store.docIndex()).find((entry) => entry.doc === doc)?.version ?? 0;
        const { updates } = await store.loadDoc(doc);
        seen.push({ version, updates: new Set(updates.map((update) => update[0]!)) });
      }
    })();
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        store.appendUpdate({
          doc: index % 3 ? doc : 'regency/72.01',
          update: bytesOf(index),
          person: alice.id,
          records: [shared, score(bob, SEQ + 100 + index, `C.${index}`, 1)],
          published: true,
        }),
      ),
    );
    racing = false;
    await reader;
    expect(new Set(ids).size).toBe(60);
    const mine = ids.map((id, index) => ({ id, index })).filter(({ index }) => index % 3);
    expect((await store.loadDoc(doc)).updates.map((update) => update[0])).toEqual(
      mine.sort((x, y) => x.id - y.id).map(({ index }) => index),
    );
    expect((await store.docIndex()).find((entry) => entry.doc === doc)?.version).toBe(Math.max(...mine.map(({ id }) => id)));
    expect(seen.length).toBeGreaterThan(0);
    for (const { version, updates } of seen) {
      expect(mine.filter(({ id }) => id <= version).every(({ index }) => updates.has(index))).toBe(true);
    }
    expect(await store.records()).toHaveLength(61);
    expect(await store.lastSeqOf(bob.id)).toBe(SEQ + 159);
  });

  it('answers the ministry in plain SQL: latest scores, statuses, members', async () => {
    const { store, url } = await openPg();
    const doc = 'panel/72.01/bimtek3';
    const rubricSha = 'ab'.repeat(32);
    const member = (seq: number, person: typeof alice, revokedAfterSeq: number | null) =>
      make(hub, {
        kind: 'member',
        seq,
        person: person.id,
        name: person.name,
        institution: 'ITB',
        role: 'assessor',
        regencies: ['72.01'],
        publicKey: person.publicKey,
        revokedAfterSeq,
      });
    const records = [
      member(SEQ, alice, null),
      member(SEQ, bob, null),
      member(SEQ + 8, alice, SEQ + 7),
      make(alice, { kind: 'assessment', seq: SEQ + 1, a: a(alice), rubricVersion: 1, rubricSha, name: 'Alice', institution: 'ITB' }),
      score(alice, SEQ + 2, 'SE.1', 2),
      score(alice, SEQ + 3, 'SE.1', 3),
      score(alice, SEQ + 4, 'SE.2', 'na'),
      make(alice, { kind: 'status', seq: SEQ + 5, a: a(alice), from: 'draft', to: 'submitted' }),
      make(bob, {
        kind: 'snapshot',
        seq: SEQ + 6,
        a: a(bob),
        rubricVersion: 1,
        rubricSha,
        name: 'Bob',
        institution: 'UGM',
        status: 'submitted',
        scores: { 'SE.1': { value: 4, note: '', needsRescore: false }, 'SE.2': { value: 1.5, note: 'x', needsRescore: false } },
        evidence: [],
      }),
      score(bob, SEQ + 7, 'SE.2', 2),
      make(alice, { kind: 'status', seq: SEQ + 10, a: a(alice), from: 'submitted', to: 'finalized' }),
    ];
    await store.appendUpdate({ doc, update: bytesOf(1), person: alice.id, records, published: true });
    // A draft is never in the views.
    await store.appendUpdate({
      doc: `draft/${alice.id}/${SUB}`,
      update: bytesOf(2),
      person: alice.id,
      records: [score(alice, SEQ + 9, 'SE.1', 0)],
      published: false,
    });

    const latest = await query(
      url,
      `SELECT regency, assessor, criterion, value::float8 AS value, not_applicable, kind FROM hub_score_latest ORDER BY assessor = '${alice.id}' DESC, criterion`,
    );
    expect(latest).toEqual([
      { regency: '72.01', assessor: alice.id, criterion: 'SE.1', value: 3, not_applicable: false, kind: 'score' },
      { regency: '72.01', assessor: alice.id, criterion: 'SE.2', value: null, not_applicable: true, kind: 'score' },
      { regency: '72.01', assessor: bob.id, criterion: 'SE.1', value: 4, not_applicable: false, kind: 'snapshot' },
      { regency: '72.01', assessor: bob.id, criterion: 'SE.2', value: 2, not_applicable: false, kind: 'score' },
    ]);
    expect(await query(url, 'SELECT count(*)::int AS n FROM hub_score')).toEqual([{ n: 6 }]);
    const status = await query(
      url,
      `SELECT assessor_name AS name, to_status FROM hub_status_latest JOIN (SELECT DISTINCT assessor, assessor_name FROM hub_score) s USING (assessor) ORDER BY 1`,
    );
    expect(status).toEqual([
      { name: 'Alice', to_status: 'finalized' },
      { name: 'Bob', to_status: 'submitted' },
    ]);
    expect(await query(url, 'SELECT name, regencies, revoked_after_seq::float8 AS revoked FROM hub_member ORDER BY name')).toEqual([
      { name: 'Alice', regencies: ['72.01'], revoked: SEQ + 7 },
      { name: 'Bob', regencies: ['72.01'], revoked: null },
    ]);

    // The queries docs/hub-postgres.md shows run as written.
    const examples = [
      ...readFileSync(join(import.meta.dirname, '../../../docs/hub-postgres.md'), 'utf8').matchAll(/```sql\n([\s\S]*?)```/g),
    ].map((match) => match[1]!.replace('<person id>', alice.id));
    expect(examples).toHaveLength(3);
    expect(await query(url, examples[0]!)).toEqual([{ regency: '72.01', sub: SUB, assessor: 'Alice', mean_score: '3.00', criteria: '2' }]);
    expect(await query(url, examples[1]!)).toEqual([
      { sub: SUB, role: 'assessor', to_status: 'finalized', assessments: '1' },
      { sub: SUB, role: 'assessor', to_status: 'submitted', assessments: '1' },
    ]);
    expect((await query(url, examples[2]!)).map((row) => row.kind)).toEqual(['assessment', 'score', 'score', 'score', 'status', 'status']);
  });
});
