import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newIdentityKeys } from '../../../electron/core/db/migrations.ts';
import { checkRecord, type RecordDirectory } from '../../../electron/core/sync/check.ts';
import { hubFingerprint, recordIdOf, recordSigner, signRecord } from '../../../electron/core/sync/signed-record.ts';
import { addRecords, readRecords, recordsInUpdate } from '../../../electron/core/sync/ydoc.ts';
import type { Member } from '../../../shared/sync/access.ts';
import type { RecordBody, SignedRecord } from '../../../shared/sync/record.ts';

const hub = newIdentityKeys();
const hubAuthor = `hub:${hubFingerprint(hub.publicKey)}`;
const sari = newIdentityKeys();
const member: Member = { person: sari.id, name: 'Sari', role: 'assessor', regencies: [], publicKey: sari.publicKey, revokedAfterSeq: null };
const directory: RecordDirectory = {
  member: (person) => (person === sari.id ? member : undefined),
  hubKey: (author) => (author === hubAuthor ? hub.publicKey : undefined),
};
const now = Date.parse('2026-11-30T08:00:00.000Z');
const score = (overrides: Partial<Record<string, unknown>> = {}): RecordBody =>
  ({
    v: 1,
    kind: 'score',
    author: sari.id,
    by: 'Sari',
    seq: now,
    at: '2026-11-30T08:00:00.000Z',
    a: { sub: '72.01/bimtek3', rubric: 'masterplan-review', role: 'assessor', person: sari.id },
    c: 'GOV.1',
    value: 3,
    before: null,
    ...overrides,
  }) as RecordBody;
const signed = (body: RecordBody, keys = sari) => signRecord(body, recordSigner(keys.privateKey));

describe('checking a record', () => {
  it('accepts a record signed by its author, in a document it belongs to', () => {
    const record = signed(score());
    expect(record.id).toBe(recordIdOf(record.text));
    expect(checkRecord(record, `draft/${sari.id}/72.01/bimtek3`, directory, now)).toMatchObject({
      ok: true,
      body: { kind: 'score', value: 3 },
    });
  });

  it('refuses a forged signature, a text that is not its id, an unknown author, a counter from the future and a malformed body', () => {
    const record = signed(score());
    const flipped = new Uint8Array(record.signature);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const doc = 'panel/72.01/bimtek3';
    expect(checkRecord({ ...record, signature: flipped }, doc, directory, now)).toMatchObject({ ok: false, problem: 'sync.bad_signature' });
    expect(checkRecord({ ...record, text: record.text.replace('"value":3', '"value":4') }, doc, directory, now)).toMatchObject({
      ok: false,
      problem: 'sync.bad_id',
    });
    const stranger = newIdentityKeys();
    expect(
      checkRecord(
        signed(
          score({
            author: stranger.id,
            a: { sub: '72.01/bimtek3', rubric: 'masterplan-review', role: 'assessor', person: stranger.id },
          } as never),
          stranger,
        ),
        doc,
        directory,
        now,
      ),
    ).toMatchObject({
      ok: false,
      problem: 'sync.unknown_author',
    });
    expect(checkRecord(signed(score({ seq: now + 2 * 24 * 3600 * 1000 })), doc, directory, now)).toMatchObject({
      ok: false,
      problem: 'sync.from_the_future',
    });
    const malformed: SignedRecord = (() => {
      const text = '{"v":1,"kind":"score"}';
      return { id: recordIdOf(text), text, signature: recordSigner(sari.privateKey)(text) };
    })();
    expect(checkRecord(malformed, doc, directory, now)).toMatchObject({ ok: false, problem: 'sync.bad_shape' });
  });

  it('accepts member records only from a trusted hub key', () => {
    const body = {
      v: 1,
      kind: 'member',
      author: hubAuthor,
      by: 'hub',
      seq: now,
      at: '2026-11-30T08:00:00.000Z',
      person: sari.id,
      name: 'Sari',
      institution: 'UGM',
      role: 'assessor',
      regencies: [],
      publicKey: sari.publicKey,
      revokedAfterSeq: null,
    } as RecordBody;
    expect(checkRecord(signed(body, hub), 'registry', directory, now)).toMatchObject({ ok: true });
    expect(checkRecord(signed(body, sari), 'registry', directory, now)).toMatchObject({ ok: false, problem: 'sync.bad_signature' });
  });
});

describe('records in a Yjs document', () => {
  it('merge as a set union and are read back from an update without applying it', () => {
    const first = signed(score());
    const second = signed(score({ c: 'GOV.2' }));
    const left = new Y.Doc();
    const right = new Y.Doc();
    addRecords(left, [first]);
    addRecords(right, [first, second]);
    Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
    Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
    const ids = (doc: Y.Doc) =>
      readRecords(doc)
        .map((record) => record.id)
        .sort();
    expect(ids(left)).toEqual([first.id, second.id].sort());
    expect(ids(right)).toEqual(ids(left));
    const onlyNew = recordsInUpdate(Y.encodeStateAsUpdate(right, Y.encodeStateVector(new Y.Doc())));
    expect(onlyNew.foreign).toBe(0);
    expect(onlyNew.records.map((record) => record.id).sort()).toEqual(ids(right));
    expect(Buffer.from(onlyNew.records.find((record) => record.id === first.id)!.signature)).toEqual(Buffer.from(first.signature));
  });

  it('counts anything that is not a record as foreign', () => {
    const doc = new Y.Doc();
    doc.getMap('records').set('x'.repeat(22), 'not a pair');
    doc.getText('notes').insert(0, 'hello');
    expect(recordsInUpdate(Y.encodeStateAsUpdate(doc))).toMatchObject({ records: [], foreign: 2 });
  });
});
