import type { SignedRecord } from '../../../shared/sync/record.ts';

/**
 * The seams between the laptop's sync parts, so each can be built and tested alone:
 * the outbox (records made here: outbox.ts), the applier (records from anywhere into SQLite:
 * apply.ts) and the engine (Yjs documents and the hub connection: engine.ts).
 */

/** A record and the document it arrived in (the document decides which checks apply). */
export interface IngestEntry {
  record: SignedRecord;
  doc: string;
}

/** Where a record came from: made here, from the hub, or from a sync file. */
export type RecordOrigin = 'local' | 'hub' | `file:${string}`;

export interface IngestReport {
  /** Records not held before this call. */
  received: number;
  applied: number;
  notApplied: number;
  waiting: number;
  refused: number;
  /** The new refusals, for messages and exit codes. */
  refusals: { id: string; doc: string; problem: string }[];
}

/** Records made here that still have to be put into their Yjs documents. */
export interface OutboxBatch {
  doc: string;
  records: SignedRecord[];
}
