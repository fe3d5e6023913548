import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AppError } from '../../../shared/errors.ts';
import { targetOf, type RecordBody, type SignedRecord } from '../../../shared/sync/record.ts';
import { execute, queryValue } from '../../../electron/core/db/query.ts';
import type { Db } from '../../../electron/core/db/open.ts';
import { signDocument } from '../../../electron/core/identity/signing.ts';
import { loadDoc } from '../../../electron/core/sync/doc-store.ts';
import { createSyncEngine, type SyncEngine, type SyncParts } from '../../../electron/core/sync/engine.ts';
import { localIdentity } from '../../../electron/core/sync/identity.ts';
import { syncPartsFor } from '../../../electron/core/sync/parts.ts';
import { recordIdOf, recordSigner, signRecord } from '../../../electron/core/sync/signed-record.ts';
import type { IngestEntry, RecordOrigin } from '../../../electron/core/sync/types.ts';
import { addRecords, readRecords, recordsMapOf } from '../../../electron/core/sync/ydoc.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { startBareHub, type BareHub } from '../../helpers/bare-hub.ts';
import { waitFor } from '../../helpers/hub.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

/**
 * The laptop's engine against a bare Hocuspocus hub in this process: records made on A reach B
 * through the hub, documents survive a restart, a hub that goes away fails the pass cleanly, and
 * sync files carry the same records, refusing a document with one bad record whole.
 */

const SUB = '72.01/bimtek3';
const PANEL = `panel/${SUB}`;

interface Laptop {
  dir: string;
  ws: Workspace;
  engine: SyncEngine;
  ingested: IngestEntry[][];
}

/** The engine's parts as a laptop has them, counting what is ingested. */
function partsOf(ws: Workspace, ingested: IngestEntry[][]): SyncParts {
  const parts = syncPartsFor(ws);
  return {
    ...parts,
    ingest(entries: readonly IngestEntry[], origin: RecordOrigin) {
      ingested.push([...entries]);
      return parts.ingest(entries, origin);
    },
  };
}

/** Workspaces that live for the whole suite (test/helpers/temp.ts removes its folders after each test). */
const folders: string[] = [];
function suiteDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'timbang-sync-'));
  folders.push(dir);
  return dir;
}

async function laptop(dir = suiteDir()): Promise<Laptop> {
  const ws = await openTestWorkspace(dir);
  const ingested: IngestEntry[][] = [];
  return { dir, ws, ingested, engine: createSyncEngine({ db: ws.db, parts: partsOf(ws, ingested), concurrency: 4 }) };
}

async function reopen(machine: Laptop): Promise<Laptop> {
  await machine.engine.stop();
  machine.ws.close();
  return laptop(machine.dir);
}

let seq = Date.now();

/** Signed records by this laptop's person, put into its outbox as the emitter would. */
function makeRecords(db: Db, count: number): { doc: string; record: SignedRecord }[] {
  const me = localIdentity(db);
  const signer = recordSigner(me.privateKey);
  const envelope = () => ({ v: 1 as const, author: me.person, by: me.name, seq: ++seq, at: new Date().toISOString() });
  const made: { doc: string; body: RecordBody }[] = [
    { doc: 'registry', body: { ...envelope(), kind: 'regency', code: '72.01', cohortYear: 2026, stage: 3 } },
    { doc: 'registry', body: { ...envelope(), kind: 'submission', sub: SUB, title: null } },
    { doc: PANEL, body: { ...envelope(), kind: 'lead', panel: { sub: SUB, rubric: 'masterplan-review' } } },
  ];
  for (let i = 0; i < count; i += 1) {
    made.push({
      doc: PANEL,
      body: {
        ...envelope(),
        kind: 'agreed',
        panel: { sub: SUB, rubric: 'masterplan-review' },
        c: `SE.${i}`,
        value: (i % 5) + 1,
        before: null,
        reason: `agreed ${i}`,
      },
    });
  }
  const records = made.map(({ doc, body }) => ({ doc, body, record: signRecord(body, signer) }));
  db.transaction(() => {
    for (const { doc, body, record } of records) {
      execute(
        db,
        `INSERT INTO sync_record (id, text, signature, kind, author, seq, target, state, origin, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'applied', 'local', ?)`,
      )(record.id, record.text, record.signature, body.kind, body.author, body.seq, targetOf(body), new Date().toISOString());
      execute(db, 'INSERT INTO sync_outbox (record_id, doc) VALUES (?, ?)')(record.id, doc);
    }
  })();
  return records.map(({ doc, record }) => ({ doc, record }));
}

const recordIds = (db: Db, where = '1 = 1') => new Set(queryValue<string>(db, `SELECT id FROM sync_record WHERE ${where}`).all());
const rowCount = (db: Db, table: string) => queryValue<number>(db, `SELECT count(*) FROM ${table}`).get() ?? 0;

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const profile = (name: string) => ({ name, institution: 'UGM' });

describe('sync engine against a hub', { timeout: 60_000 }, () => {
  let hub: BareHub;
  let a: Laptop;
  let b: Laptop;
  const made: { doc: string; record: SignedRecord }[] = [];
  const others: Laptop[] = [];

  beforeAll(async () => {
    hub = await startBareHub();
    a = await laptop();
    b = await laptop();
    await a.engine.join(hub.url, hub.invite(), profile('Ayu'));
    await b.engine.join(hub.url, hub.invite(), profile('Budi'));
  });

  afterEach(() => {
    hub.gate = null;
  });

  afterAll(async () => {
    for (const machine of [a, b, ...others]) {
      await machine.engine.stop();
      machine.ws.close();
    }
    await hub.stop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('joins: the team, the pinned hub key, the member record (refusing a wrong hub, a used or unknown token)', async () => {
    expect(a.engine.status().team).toEqual({ hubUrl: hub.url, role: 'assessor', fingerprint: hub.fingerprint });
    expect(queryValue<string>(a.ws.db, 'SELECT public_key FROM sync_trusted_hub WHERE fingerprint = ?').get(hub.fingerprint)).toBe(
      hub.info.publicKey,
    );
    expect(queryValue<string>(a.ws.db, 'SELECT person FROM sync_member').all()).toEqual([localIdentity(a.ws.db).person]);

    const c = await laptop();
    others.push(c);
    const token = hub.invite();
    await c.engine.join(hub.url, token, profile('Citra'));
    const d = await laptop();
    others.push(d);
    await expectAppError(d.engine.join(hub.url, token, profile('Dewi')), 'sync.token_used');
    const unknown = `tmb1.${hub.fingerprint}.${'A'.repeat(43)}`;
    const refused = await expectAppError(d.engine.join(hub.url, unknown, profile('Dewi')), 'sync.auth');
    expect(refused.params.reason).toBe('unknown_token');
    const otherHub = `tmb1.${'0'.repeat(16)}.${'A'.repeat(43)}`;
    await expectAppError(d.engine.join(hub.url, otherHub, profile('Dewi')), 'sync.wrong_hub');
    await expectAppError(d.engine.join('http://127.0.0.1:1', hub.invite(), profile('Dewi')), 'sync.unreachable');
    expect(d.engine.status().team).toBeNull();
  });

  it("carries A's outbox to B's sync_record through the hub, and a third pass changes nothing", async () => {
    made.push(...makeRecords(a.ws.db, 30));
    const sentA = await a.engine.syncOnce({ timeoutMs: 30_000 });
    expect(sentA).toMatchObject({ sent: made.length, refused: 0, pending: 0, converged: true });
    expect(rowCount(a.ws.db, 'sync_outbox')).toBe(0);

    const heldBefore = rowCount(b.ws.db, 'sync_record');
    // What Sinkronkan and the CLI show while the pass runs: documents done of those taken on, never backwards.
    const seen: { done: number; total: number }[] = [];
    const sampler = setInterval(() => {
      const progress = b.engine.status().progress;
      if (progress) seen.push(progress);
    }, 2);
    // Whoever waits for others' records to land here is woken by the pass that applies them.
    const appliedBefore = b.engine.status().applied;
    const woken = b.engine.waitForApplied(appliedBefore, 60_000);
    const gotB = await b.engine.syncOnce({ timeoutMs: 30_000 }).finally(() => clearInterval(sampler));
    expect(await woken).toBeGreaterThan(appliedBefore);
    // Nothing lands: the wait ends at its time-out with the count as it was.
    expect(await b.engine.waitForApplied(b.engine.status().applied, 20)).toBe(b.engine.status().applied);
    expect(seen.length).toBeGreaterThan(0);
    for (const [index, progress] of seen.entries()) {
      expect(progress.done).toBeLessThanOrEqual(progress.total);
      if (index > 0) expect(progress.done).toBeGreaterThanOrEqual((seen[index - 1] as { done: number }).done);
    }
    expect(seen.at(-1)?.total).toBeGreaterThanOrEqual(gotB.docs);
    expect(b.engine.status().progress).toBeNull();
    expect(gotB.converged).toBe(true);
    expect(gotB.refused).toBe(0);
    // Everything A made, and the member records of the others who joined.
    expect(gotB.received).toBe(rowCount(b.ws.db, 'sync_record') - heldBefore);
    expect(gotB.received).toBeGreaterThan(made.length);
    const onB = recordIds(b.ws.db);
    for (const { record } of made) expect(onB.has(record.id)).toBe(true);
    expect(recordIds(b.ws.db, "state = 'refused'").size).toBe(0);
    // B holds the panel document with every record of it, as A does.
    const panelOnB = loadDoc(b.ws.db, PANEL);
    expect(new Set(recordsMapOf(panelOnB).keys())).toEqual(new Set(made.filter((m) => m.doc === PANEL).map((m) => m.record.id)));
    panelOnB.destroy();

    const before = {
      a: rowCount(a.ws.db, 'sync_doc_update'),
      b: rowCount(b.ws.db, 'sync_doc_update'),
      records: rowCount(b.ws.db, 'sync_record'),
    };
    const ingestedBefore = b.ingested.length;
    const again = [await a.engine.syncOnce({ timeoutMs: 30_000 }), await b.engine.syncOnce({ timeoutMs: 30_000 })];
    for (const pass of again) expect(pass).toMatchObject({ sent: 0, received: 0, applied: 0, refused: 0, pending: 0, converged: true });
    expect({
      a: rowCount(a.ws.db, 'sync_doc_update'),
      b: rowCount(b.ws.db, 'sync_doc_update'),
      records: rowCount(b.ws.db, 'sync_record'),
    }).toEqual(before);
    expect(b.ingested.length).toBe(ingestedBefore);
  });

  it('keeps documents in sync_doc_update across closing and reopening the workspace', async () => {
    b = await reopen(b);
    const panel = loadDoc(b.ws.db, PANEL);
    expect(
      readRecords(panel)
        .map((record) => record.id)
        .sort(),
    ).toEqual(
      made
        .filter((m) => m.doc === PANEL)
        .map((m) => m.record.id)
        .sort(),
    );
    panel.destroy();
    const pass = await b.engine.syncOnce({ timeoutMs: 30_000 });
    expect(pass).toMatchObject({ received: 0, sent: 0, converged: true });
  });

  it('fails the pass with sync.unreachable when the hub stops in the middle, and converges once it is back', async () => {
    const more = makeRecords(a.ws.db, 5);
    made.push(...more);
    let stopped = false;
    hub.gate = async (name) => {
      if (name === PANEL && !stopped) {
        stopped = true;
        await hub.stop();
      }
    };
    const failed = await expectAppError(a.engine.syncOnce({ timeoutMs: 30_000 }), 'sync.unreachable');
    expect(failed.params.reason).toBeTruthy();
    expect(stopped).toBe(true);
    // Drained into the documents and stored, so nothing is lost; not acknowledged, so still pending.
    expect(rowCount(a.ws.db, 'sync_outbox')).toBe(0);
    expect(a.engine.status().pending).toBeGreaterThan(0);

    await hub.restart();
    const retried = await a.engine.syncOnce({ timeoutMs: 30_000 });
    expect(retried).toMatchObject({ converged: true, pending: 0, refused: 0 });
    const gotB = await b.engine.syncOnce({ timeoutMs: 30_000 });
    expect(gotB.received).toBe(more.length);
    for (const { record } of more) expect(recordIds(b.ws.db).has(record.id)).toBe(true);
  });

  it('puts back a record that a remote update deleted from a document', async () => {
    const token = hub.invite();
    const vandal = await laptop();
    others.push(vandal);
    await vandal.engine.join(hub.url, token, profile('Vandal'));
    const victim = made.find((m) => m.doc === PANEL)!.record.id;
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({ url: `${hub.url.replace('http', 'ws')}/sync`, name: PANEL, document: doc, token });
    await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
    expect(recordsMapOf(doc).has(victim)).toBe(true);
    recordsMapOf(doc).delete(victim);
    await new Promise<void>((resolve) => {
      const check = () => provider.unsyncedChanges === 0 && resolve();
      provider.on('unsyncedChanges', check);
      check();
    });
    provider.destroy();
    doc.destroy();
    expect(recordsMapOf(hub.docState(PANEL)).has(victim)).toBe(false);

    await b.engine.syncOnce({ timeoutMs: 30_000 });
    // B saw the deletion, put the record back from sync_record, and the hub has it again.
    await b.engine.syncOnce({ timeoutMs: 30_000 });
    expect(recordsMapOf(hub.docState(PANEL)).has(victim)).toBe(true);
    const panelOnB = loadDoc(b.ws.db, PANEL);
    expect(recordsMapOf(panelOnB).has(victim)).toBe(true);
    panelOnB.destroy();
  });

  it('reports a revoked token as sync.auth', async () => {
    const token = hub.invite();
    const gone = await laptop();
    others.push(gone);
    await gone.engine.join(hub.url, token, profile('Gone'));
    hub.revoke(token);
    const error = await expectAppError(gone.engine.syncOnce({ timeoutMs: 30_000 }), 'sync.auth');
    expect(error.params.reason).toBe('revoked');
  });

  describe('sync files', () => {
    it("brings A's records to a laptop that trusts the same hub", async () => {
      const file = a.engine.exportFile();
      const parsed = JSON.parse(gunzipSync(file).toString('utf8')) as { docs: { name: string }[]; hub: { fingerprint: string } };
      expect(parsed.hub.fingerprint).toBe(hub.fingerprint);
      expect(parsed.docs.map((doc) => doc.name)).toEqual([PANEL, 'registry']);

      const c = await laptop();
      others.push(c);
      await c.engine.join(hub.url, hub.invite(), profile('Citra'));
      const result = c.engine.importFile(file, 'a.timbang-sync');
      expect(result.refused).toEqual([]);
      expect(result.docs).toBe(2);
      const onC = recordIds(c.ws.db);
      for (const { record } of made) expect(onC.has(record.id)).toBe(true);
      // The same Yjs items: a later pass with the hub brings only what the file did not hold (members who joined since).
      const held = recordIds(c.ws.db);
      const pass = await c.engine.syncOnce({ timeoutMs: 30_000 });
      expect(pass).toMatchObject({ refused: 0, converged: true });
      const fresh = [...recordIds(c.ws.db)].filter((id) => !held.has(id));
      expect(pass.received).toBe(fresh.length);
      for (const id of fresh) expect(queryValue<string>(c.ws.db, 'SELECT kind FROM sync_record WHERE id = ?').get(id)).toBe('member');
      // Imported again: nothing new.
      expect(c.engine.importFile(file, 'a.timbang-sync')).toMatchObject({ received: 0, refused: [] });
    });

    it('refuses a document with one tampered record whole, and takes the others', async () => {
      const file = JSON.parse(gunzipSync(a.engine.exportFile()).toString('utf8')) as {
        docs: { name: string; update: string; records: number }[];
        signature?: string;
      };
      const panelEntry = file.docs.find((doc) => doc.name === PANEL)!;
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Buffer.from(panelEntry.update, 'base64'));
      const victim = made.find((m) => m.doc === PANEL && m.record.text.includes('"agreed"'))!.record;
      // A record whose text is not what its key and signature say: the signature fails.
      const tamperedText = victim.text.replace(/"reason":"agreed \d+"/, '"reason":"forged"');
      expect(tamperedText).not.toBe(victim.text);
      addRecords(scratch, [{ id: recordIdOf(tamperedText), text: tamperedText, signature: victim.signature }]);
      panelEntry.update = Buffer.from(Y.encodeStateAsUpdate(scratch)).toString('base64');
      panelEntry.records += 1;
      scratch.destroy();
      delete file.signature;
      const signed = { ...file, signature: signDocument(a.ws.db, file) };
      const buffer = gzipSync(Buffer.from(JSON.stringify(signed)));

      const d = await laptop();
      others.push(d);
      await d.engine.join(hub.url, hub.invite(), profile('Dewi'));
      const result = d.engine.importFile(buffer, 'forged.timbang-sync');
      expect(result.refused).toEqual([{ doc: PANEL, problem: 'sync.bad_signature', record: recordIdOf(tamperedText) }]);
      expect(result.docs).toBe(1);
      const onD = recordIds(d.ws.db);
      for (const { doc, record } of made) expect(onD.has(record.id)).toBe(doc !== PANEL);
      expect(queryValue<number>(d.ws.db, 'SELECT count(*) FROM sync_doc_update WHERE doc = ?').get(PANEL)).toBe(0);
    });

    it('refuses a file from a hub this workspace does not trust (sync.foreign_team), and an altered file', async () => {
      const file = a.engine.exportFile();
      const stranger = await laptop();
      others.push(stranger);
      let error: unknown = null;
      try {
        stranger.engine.importFile(file, 'a.timbang-sync');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('sync.foreign_team');
      expect(rowCount(stranger.ws.db, 'sync_record')).toBe(0);

      const altered = JSON.parse(gunzipSync(file).toString('utf8')) as { exportedAt: string };
      altered.exportedAt = '2000-01-01T00:00:00.000Z';
      expect(() => b.engine.importFile(gzipSync(Buffer.from(JSON.stringify(altered))), 'x')).toThrow(/sync.bad_file/);
    });
  });

  it('in the background, sends what waits while nudges keep coming (a nudge never pushes a due pass back)', async () => {
    const busy = await laptop();
    others.push(busy);
    await busy.engine.join(hub.url, hub.invite(), profile('Sibuk'));
    // The poll is far beyond the test: only the nudges (the outbox watcher's, every 100 ms in the app) can send.
    const joinedAt = busy.engine.status().lastSyncAt;
    busy.engine.startBackground({ intervalMs: 600_000 });
    await waitFor(() => busy.engine.status().lastSyncAt !== joinedAt && !busy.engine.status().running, 'the pass after joining', 20_000);
    const records = makeRecords(busy.ws.db, 3);
    const nudging = setInterval(() => busy.engine.nudge(), 50);
    try {
      await waitFor(() => rowCount(busy.ws.db, 'sync_outbox') === 0 && busy.engine.status().pending === 0, 'the nudged pass', 20_000);
    } finally {
      clearInterval(nudging);
    }
    const pass = await b.engine.syncOnce({ timeoutMs: 30_000 });
    expect(pass.converged).toBe(true);
    for (const { record } of records) expect(recordIds(b.ws.db).has(record.id)).toBe(true);
  });
});
