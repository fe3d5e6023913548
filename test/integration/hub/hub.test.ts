import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Doc } from 'yjs';
import { addRecords, readRecords, recordsMapOf } from '../../../electron/core/sync/ydoc.ts';
import { verifyRecordSignature } from '../../../electron/core/sync/signed-record.ts';
import { hubInfoSchema, syncIndexSchema } from '../../../shared/sync/protocol.ts';
import { recordBodySchema } from '../../../shared/sync/record.ts';
import {
  acknowledged,
  connect,
  forged,
  hubCli,
  hubDb,
  invite,
  join_,
  joined,
  newPerson,
  recordBy,
  scoreRecord,
  startHubChild,
  waitFor,
  type Client,
  type HubChild,
} from '../../helpers/hub.ts';
import { tempDir } from '../../helpers/temp.ts';

const SUB = '72.01/bimtek3';
const PANEL = `panel/${SUB}`;

const running: HubChild[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const hub of running.splice(0)) await hub.kill();
});

async function hubIn(dataDir: string, port = 0): Promise<HubChild> {
  const hub = await startHubChild(dataDir, port);
  running.push(hub);
  return hub;
}

function open(hub: HubChild, token: string, name: string, doc?: Doc): Client {
  const client = connect(hub.url, token, name, doc);
  clients.push(client);
  return client;
}

const storedIds = (dataDir: string): string[] =>
  hubDb(dataDir, (db) => db.prepare('SELECT id FROM hub_record ORDER BY id').pluck().all() as string[]);
const refusals = (dataDir: string) =>
  hubDb(dataDir, (db) => db.prepare('SELECT person, doc, record_id AS recordId, problem FROM hub_refusal ORDER BY id').all()) as {
    person: string | null;
    doc: string;
    recordId: string | null;
    problem: string;
  }[];

async function assessorOn(hub: HubChild, name = 'Prof. Budi') {
  const person = newPerson(name, invite(hub.dataDir, name, 'assessor'));
  const response = await joined(hub.url, hub.fingerprint, person);
  return { person, response };
}

describe('timbang hub', { timeout: 60_000 }, () => {
  it('joins a person with a signed member record, lists what they may read, and stores an acknowledged record through a SIGKILL', async () => {
    const dataDir = tempDir();
    const hub = await hubIn(dataDir);
    expect(statSync(join(dataDir, 'hub-key.pem')).mode & 0o777).toBe(0o600);
    const info = hubInfoSchema.parse(await (await fetch(`${hub.url}/hub`)).json());
    expect(info.fingerprint).toBe(hub.fingerprint);

    const { person, response } = await assessorOn(hub);
    const member = recordBodySchema.parse(JSON.parse(response.member.text));
    expect(member).toMatchObject({
      kind: 'member',
      author: `hub:${hub.fingerprint}`,
      person: person.id,
      role: 'assessor',
      revokedAfterSeq: null,
    });
    expect(verifyRecordSignature(info.publicKey, response.member.text, Buffer.from(response.member.signature, 'base64'))).toBe(true);
    // Joining twice with the same key is a retry; another key on the same token is refused.
    expect((await join_(hub.url, hub.fingerprint, person)).status).toBe(200);
    expect((await join_(hub.url, hub.fingerprint, { ...newPerson('Thief', person.token) })).status).toBe(409);
    expect((await join_(hub.url, hub.fingerprint, person, { proof: Buffer.alloc(64).toString('base64') })).status).toBe(403);

    const client = open(hub, person.token, PANEL);
    await waitFor(() => client.events.synced > 0, 'the first sync');
    const record = scoreRecord(person, SUB, 'ECO.1', 3);
    addRecords(client.doc, [record]);
    await waitFor(() => acknowledged(client), 'the acknowledgement');
    expect(storedIds(dataDir)).toContain(record.id);

    const index = syncIndexSchema.parse(
      await (await fetch(`${hub.url}/sync/index`, { headers: { authorization: `Bearer ${person.token}` } })).json(),
    );
    expect(index.docs.map((doc) => doc.name).sort()).toEqual([PANEL, 'registry']);
    expect((await fetch(`${hub.url}/sync/index`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);

    // The registry a member opens holds their hub-signed member record.
    const registry = open(hub, person.token, 'registry');
    await waitFor(() => registry.events.synced > 0, 'the registry');
    expect(readRecords(registry.doc).map((each) => each.id)).toContain(response.member.id);

    await hub.kill();
    running.splice(running.indexOf(hub), 1);
    const again = await hubIn(dataDir);
    const fresh = open(again, person.token, PANEL);
    await waitFor(() => fresh.events.synced > 0, 'the sync after the restart');
    expect(readRecords(fresh.doc).map((each) => each.id)).toEqual([record.id]);
    // SIGTERM stops it cleanly.
    fresh.destroy();
    clients.splice(clients.indexOf(fresh), 1);
    running.splice(running.indexOf(again), 1);
    expect(await again.stop()).toBe(0);
  });

  it('closes the connection of a forged signature, writes a refusal, and never passes the record on', async () => {
    const dataDir = tempDir();
    const hub = await hubIn(dataDir);
    const { person: budi } = await assessorOn(hub, 'Prof. Budi');
    const { person: sari } = await assessorOn(hub, 'Dr. Sari');
    const watcher = open(hub, sari.token, PANEL);
    await waitFor(() => watcher.events.synced > 0, "Sari's sync");

    const forger = open(hub, budi.token, PANEL);
    await waitFor(() => forger.events.synced > 0, "Budi's sync");
    const fake = forged(scoreRecord(budi, SUB, 'ECO.1', 4));
    addRecords(forger.doc, [fake]);
    await waitFor(() => forger.events.closed.includes('record_refused'), 'the refusal to close the connection');

    await waitFor(() => refusals(dataDir).length > 0, 'the refusal row');
    expect(refusals(dataDir)[0]).toEqual({ person: budi.id, doc: PANEL, recordId: fake.id, problem: 'sync.bad_signature' });
    // The forger's provider sends it again on reconnecting: still one row.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(refusals(dataDir).filter((row) => row.recordId === fake.id)).toHaveLength(1);
    expect(storedIds(dataDir)).not.toContain(fake.id);
    expect(recordsMapOf(watcher.doc).has(fake.id)).toBe(false);

    // An honest member's record on the same document still goes through, and reaches the watcher.
    const honest = open(hub, sari.token, PANEL);
    await waitFor(() => honest.events.synced > 0, 'a fresh sync');
    const good = recordBy(sari, { kind: 'lead', panel: { sub: SUB, rubric: 'panel-test' } });
    addRecords(honest.doc, [good]);
    await waitFor(() => acknowledged(honest), 'the honest record');
    await waitFor(() => recordsMapOf(watcher.doc).has(good.id), 'the honest record reaching the watcher');
    expect(recordsMapOf(watcher.doc).has(fake.id)).toBe(false);

    const listed = hubCli<{ refusals: { recordId: string; problem: string }[] }>(dataDir, ['refusals']);
    expect(listed.json.refusals.map((row) => [row.recordId, row.problem])).toContainEqual([fake.id, 'sync.bad_signature']);
  });

  it('refuses an update that erases a record, and puts the record back', async () => {
    const dataDir = tempDir();
    const hub = await hubIn(dataDir);
    const { person } = await assessorOn(hub);
    const client = open(hub, person.token, PANEL);
    await waitFor(() => client.events.synced > 0, 'the first sync');
    const record = scoreRecord(person, SUB, 'ECO.1', 3);
    addRecords(client.doc, [record]);
    await waitFor(() => acknowledged(client), 'the record');
    client.doc.transact(() => recordsMapOf(client.doc).delete(record.id));
    await waitFor(() => client.events.closed.includes('record_refused'), 'the refusal');
    expect(refusals(dataDir).map((row) => row.problem)).toContain('sync.record_deleted');
    const other = open(hub, person.token, PANEL);
    await waitFor(() => other.events.synced > 0, 'a second reader');
    expect(recordsMapOf(other.doc).has(record.id)).toBe(true);
  });

  it('refuses a revoked token, closes the revoked person’s live connection, and announces the revocation', async () => {
    const dataDir = tempDir();
    const hub = await hubIn(dataDir);
    const { person } = await assessorOn(hub);
    const live = open(hub, person.token, PANEL);
    await waitFor(() => live.events.synced > 0, 'the first sync');
    const record = scoreRecord(person, SUB, 'ECO.1', 2);
    addRecords(live.doc, [record]);
    await waitFor(() => acknowledged(live), 'the record');

    const revoked = hubCli<{ revoked: { person: string; revokedAfterSeq: number }[] }>(dataDir, ['revoke', '--person', person.id]);
    expect(revoked.status).toBe(0);
    expect(revoked.json.revoked).toEqual([expect.objectContaining({ person: person.id, revokedAfterSeq: person.seq })]);
    // The running hub notices within a second: the live connection goes, a new one fails.
    await waitFor(
      () => live.events.closed.includes('revoked') || live.events.authFailed.includes('revoked'),
      'the live connection to close',
    );
    const late = open(hub, person.token, PANEL);
    await waitFor(() => late.events.authFailed.length > 0, 'the authentication to fail');
    expect(late.events.authFailed).toContain('revoked');
    expect(late.events.authenticated).toBe(false);

    const { person: other } = await assessorOn(hub, 'Dr. Sari');
    const registry = open(hub, other.token, 'registry');
    await waitFor(
      () =>
        readRecords(registry.doc).some((each) => {
          const body = recordBodySchema.parse(JSON.parse(each.text));
          return body.kind === 'member' && body.person === person.id && body.revokedAfterSeq === person.seq;
        }),
      'the member record that announces the revocation',
    );
    expect(hubCli(dataDir, ['revoke', '--person', person.id]).status).toBe(1);
  });

  it('refuses a planner the panel and an assessor another person’s draft; the ministry reads the panel and stores nothing', async () => {
    const dataDir = tempDir();
    const hub = await hubIn(dataDir);
    const { person: budi } = await assessorOn(hub, 'Prof. Budi');
    const { person: sari } = await assessorOn(hub, 'Dr. Sari');
    const planner = newPerson('Perencana Banggai', invite(dataDir, 'Perencana Banggai', 'planner', ['72.01']));
    await joined(hub.url, hub.fingerprint, planner);
    const ministry = newPerson('Kementerian', invite(dataDir, 'Kementerian', 'ministry'));
    await joined(hub.url, hub.fingerprint, ministry);
    expect(() => invite(dataDir, 'Nobody', 'planner')).toThrow(/hub.planner_one_regency/);

    const seed = open(hub, budi.token, PANEL);
    await waitFor(() => seed.events.synced > 0, 'the seed');
    const published = scoreRecord(budi, SUB, 'ECO.1', 3);
    addRecords(seed.doc, [published]);
    await waitFor(() => acknowledged(seed), 'the published record');

    const plannerPanel = open(hub, planner.token, PANEL);
    await waitFor(() => plannerPanel.events.authFailed.length > 0, "the planner's refusal");
    expect(plannerPanel.events.authFailed).toEqual(['forbidden']);
    const plannerRegency = open(hub, planner.token, 'regency/72.01');
    await waitFor(() => plannerRegency.events.synced > 0, "the planner's own regency");

    const sariReadsBudi = open(hub, sari.token, `draft/${budi.id}/${SUB}`);
    await waitFor(() => sariReadsBudi.events.authFailed.length > 0, "the other assessor's refusal");
    expect(sariReadsBudi.events.authFailed).toEqual(['forbidden']);
    const ownDraft = open(hub, budi.token, `draft/${budi.id}/${SUB}`);
    await waitFor(() => ownDraft.events.synced > 0, 'the own draft');
    const draft = scoreRecord(budi, SUB, 'ECO.2', 1);
    addRecords(ownDraft.doc, [draft]);
    await waitFor(() => acknowledged(ownDraft), 'the draft record');
    // A draft is kept as Yjs updates only, never among the published records.
    expect(storedIds(dataDir)).not.toContain(draft.id);
    expect(
      hubDb(dataDir, (db) => db.prepare('SELECT count(*) FROM hub_doc_update WHERE doc = ?').pluck().get(`draft/${budi.id}/${SUB}`)),
    ).toBe(1);

    const reader = open(hub, ministry.token, PANEL);
    await waitFor(() => reader.events.synced > 0 && recordsMapOf(reader.doc).has(published.id), 'the ministry reading the panel');
    const updatesBefore = hubDb(dataDir, (db) => db.prepare('SELECT count(*) FROM hub_doc_update').pluck().get());
    const pushed = recordBy(budi, { kind: 'lead', panel: { sub: SUB, rubric: 'panel-test' } });
    addRecords(reader.doc, [pushed]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reader.provider.unsyncedChanges).toBeGreaterThan(0);
    expect(storedIds(dataDir)).not.toContain(pushed.id);
    expect(hubDb(dataDir, (db) => db.prepare('SELECT count(*) FROM hub_doc_update').pluck().get())).toBe(updatesBefore);
    expect(recordsMapOf(seed.doc).has(pushed.id)).toBe(false);
  });

  it('stores a document once by its hash, once a document record names it, and refuses a body that does not match', async () => {
    const dataDir = tempDir();
    const hub = await hubIn(dataDir);
    const { person } = await assessorOn(hub);
    const body = Buffer.from('%PDF-1.4 masterplan\n');
    const sha = createHash('sha256').update(body).digest('hex');
    const auth = { authorization: `Bearer ${person.token}` };
    const put = async (bytes: Buffer) => {
      const response = await fetch(`${hub.url}/blobs/${sha}`, { method: 'PUT', headers: auth, body: new Uint8Array(bytes) });
      return [response.status, ((await response.json()) as { error?: string }).error];
    };
    expect((await fetch(`${hub.url}/blobs/${sha}`, { method: 'HEAD', headers: auth })).status).toBe(404);
    // No document record names it yet: not taken, whatever the body.
    expect(await put(body)).toEqual([403, 'not_referenced']);

    const client = open(hub, person.token, PANEL);
    await waitFor(() => client.events.synced > 0, 'the first sync');
    const named = recordBy(person, {
      kind: 'document',
      sub: SUB,
      sha256: sha,
      file: 'masterplan.pdf',
      role: 'masterplan',
      size: body.length,
      pages: 1,
    });
    addRecords(client.doc, [named]);
    await waitFor(() => acknowledged(client), 'the document record');
    expect(await put(Buffer.from('other'))).toEqual([400, 'size_mismatch']);
    expect(await put(Buffer.alloc(body.length, 0x41))).toEqual([400, 'hash_mismatch']);
    expect((await fetch(`${hub.url}/blobs/${sha}`, { method: 'PUT', body })).status).toBe(401);
    expect((await fetch(`${hub.url}/blobs/${sha}`, { method: 'PUT', headers: auth, body })).status).toBe(201);
    expect((await fetch(`${hub.url}/blobs/${sha}`, { method: 'PUT', headers: auth, body })).status).toBe(200);
    const got = await fetch(`${hub.url}/blobs/${sha}`, { headers: auth });
    expect(Buffer.from(await got.arrayBuffer()).equals(body)).toBe(true);
  });

  it('keeps every acknowledged record, once, through 5 SIGKILLs of the hub', async () => {
    const dataDir = tempDir();
    let hub = await hubIn(dataDir);
    const { person } = await assessorOn(hub);
    const { port } = hub;
    const acked: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      const client = open(hub, person.token, PANEL);
      await waitFor(() => client.events.synced > 0, `round ${round}: the sync`);
      const held = new Set(readRecords(client.doc).map((record) => record.id));
      expect(acked.filter((id) => !held.has(id))).toEqual([]);
      const records = Array.from({ length: 3 }, (_, at) => scoreRecord(person, SUB, `ECO.${round * 3 + at + 1}`, (round + at) % 4));
      for (const record of records) addRecords(client.doc, [record]);
      await waitFor(() => acknowledged(client), `round ${round}: the acknowledgement`);
      acked.push(...records.map((record) => record.id));
      // One more, not waited for: it may or may not be stored when the kill comes.
      addRecords(client.doc, [scoreRecord(person, SUB, `LIV.${round + 1}`, 1)]);
      await hub.kill();
      running.splice(running.indexOf(hub), 1);
      client.destroy();

      const ids = storedIds(dataDir);
      expect(ids.filter((id) => acked.includes(id)).sort()).toEqual([...acked].sort());
      expect(new Set(ids).size).toBe(ids.length);
      expect(hubDb(dataDir, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
      hub = await hubIn(dataDir, port);
    }
    const final = open(hub, person.token, PANEL);
    await waitFor(() => final.events.synced > 0, 'the final sync');
    const held = new Set(readRecords(final.doc).map((record) => record.id));
    for (const id of acked) expect(held.has(id)).toBe(true);
    const rows = hubDb(dataDir, (db) => db.prepare('SELECT id, count(*) AS n FROM hub_record GROUP BY id HAVING n > 1').all());
    expect(rows).toEqual([]);
  });
});
