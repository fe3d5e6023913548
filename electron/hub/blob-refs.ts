import { recordBodySchema, type RecordBody } from '../../shared/sync/record.ts';
import { recordsInUpdate } from '../core/sync/ydoc.ts';
import type { HubBlobRef } from './store.ts';

/**
 * The files a document's records name (docs/sync.md §6): each `document` record in `doc` refers
 * to its file by SHA-256 and size. The stores write these in the transaction that stores the
 * records, and derive them again from what they hold when upgrading a hub that kept none.
 */
export function blobRefsOf(doc: string, records: Iterable<{ body: RecordBody }>): HubBlobRef[] {
  const refs = new Map<string, HubBlobRef>();
  for (const { body } of records) {
    if (body.kind !== 'document') continue;
    refs.set(`${body.sha256}|${body.size}`, { sha256: body.sha256, doc, size: body.size });
  }
  return [...refs.values()];
}

/**
 * The references inside a stored update (a draft's records live nowhere else). The hub checked
 * every record before storing it; what cannot be read now is skipped rather than trusted.
 */
export function blobRefsInUpdate(doc: string, update: Uint8Array): HubBlobRef[] {
  let records: ReturnType<typeof recordsInUpdate>['records'];
  try {
    records = recordsInUpdate(update).records;
  } catch {
    return [];
  }
  const documents: { body: RecordBody }[] = [];
  for (const record of records) {
    if (!record.text.includes('"kind":"document"')) continue;
    try {
      const body = recordBodySchema.safeParse(JSON.parse(record.text));
      if (body.success) documents.push({ body: body.data });
    } catch {
      // Not JSON: never a document record.
    }
  }
  return blobRefsOf(doc, documents);
}
