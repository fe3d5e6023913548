import * as Y from 'yjs';
import type { SignedRecord } from '../../../shared/sync/record.ts';

/**
 * Records in a Yjs document: one root map `records`, keyed by record id, each value
 * `[text, signature]`. Keys are only ever added, never overwritten or deleted, so merging two
 * documents is the union of their records (docs/sync.md §5).
 */
export const RECORDS_MAP = 'records';

type StoredValue = [string, Uint8Array];

export const recordsMapOf = (doc: Y.Doc): Y.Map<StoredValue> => doc.getMap<StoredValue>(RECORDS_MAP);

function asRecord(id: string, value: unknown): SignedRecord | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [text, signature] = value as unknown[];
  if (typeof text !== 'string' || !(signature instanceof Uint8Array)) return null;
  return { id, text, signature };
}

export function readRecords(doc: Y.Doc): SignedRecord[] {
  const records: SignedRecord[] = [];
  for (const [id, value] of recordsMapOf(doc).entries()) {
    const record = asRecord(id, value);
    if (record) records.push(record);
  }
  return records;
}

/** Adds the records the document does not hold yet, in one transaction; returns how many were new. */
export function addRecords(doc: Y.Doc, records: Iterable<SignedRecord>, origin: unknown = null): number {
  const map = recordsMapOf(doc);
  let added = 0;
  doc.transact(() => {
    for (const record of records) {
      if (map.has(record.id)) continue;
      map.set(record.id, [record.text, record.signature]);
      added += 1;
    }
  }, origin);
  return added;
}

/**
 * The records an update would set, read from the update itself without applying it (the hub
 * checks them before a byte is stored): every item whose parent is the root map and whose
 * content is one `[text, signature]` value. Items of any other shape are counted in `foreign`;
 * tombstones (a duplicate set concurrently elsewhere) are skipped. Whether every key keeps a live
 * value after a delete set is for the receiver to check once the update is applied.
 */
export function recordsInUpdate(update: Uint8Array): { records: SignedRecord[]; foreign: number; deletes: boolean } {
  const decoded = Y.decodeUpdate(update);
  const records: SignedRecord[] = [];
  let foreign = 0;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    // A duplicate of a key another peer set at the same time loses in Yjs and travels as a tombstone.
    if (content instanceof Y.ContentDeleted) continue;
    // In a decoded update, an item at the root names its parent type by string.
    const parent: unknown = struct.parent;
    if (parent === RECORDS_MAP && typeof struct.parentSub === 'string' && content instanceof Y.ContentAny && content.arr.length === 1) {
      const record = asRecord(struct.parentSub, content.arr[0]);
      if (record) {
        records.push(record);
        continue;
      }
    }
    // An item whose parent is given by id (a nested type, or a later item in a map key's chain) is not ours to accept either.
    foreign += 1;
  }
  return { records, foreign, deletes: decoded.ds.clients.size > 0 };
}
