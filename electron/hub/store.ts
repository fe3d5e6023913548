import type { TeamSettings } from '../../shared/domain/settings.ts';
import type { RecordBody, SignedRecord, TeamRole } from '../../shared/sync/record.ts';

/**
 * Where a hub keeps what it has acknowledged (docs/sync.md §6): every document's Yjs updates
 * (insert-only, with snapshots for fast loading), the published records copied into plain
 * insert-only tables the ministry can query, the invites, and the refusals. Two implementations:
 * `sqlite-store.ts` (embedded, the default) and `postgres-store.ts` (`--postgres URL`); one
 * contract test suite runs against both. Every method that writes has committed durably when its
 * promise resolves: the hub acknowledges an update only after that.
 */
export interface HubStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the tables. */
  open(): Promise<void>;
  close(): Promise<void>;

  /**
   * One transaction: the update row, and the checked records it carries into `hub_record` and
   * `hub_record_doc` (ON CONFLICT DO NOTHING). Draft documents pass `published: false`: their
   * records stay inside the update bytes only. Every `document` record, drafts included, adds its
   * file's reference to `hub_blob_ref` (`blobRefsOf`). Returns the update's row id.
   */
  appendUpdate(input: {
    doc: string;
    update: Uint8Array;
    person: string;
    records: readonly { record: SignedRecord; body: RecordBody }[];
    published: boolean;
  }): Promise<number>;
  /** The latest snapshot of a document (if any) and every update after it, in order. */
  loadDoc(doc: string): Promise<{ snapshot: Uint8Array | null; updates: Uint8Array[]; upto: number }>;
  /** Stores the document's merged state up to update row `upto` (insert-only; the latest is used). */
  saveSnapshot(doc: string, upto: number, state: Uint8Array): Promise<void>;
  /** Every document with its latest update row id: what a laptop compares to know what changed. */
  docIndex(): Promise<{ doc: string; version: number }[]>;
  /** Published records, for the hub's own query store and for tests. */
  records(filter?: { doc?: string }): Promise<SignedRecord[]>;
  /** Which documents reference which file, and with what size (all of them, or one file's). */
  blobRefs(filter?: { sha256?: string }): Promise<HubBlobRef[]>;

  createInvite(invite: { secretSha256: string; name: string; role: TeamRole; regencies: string[]; createdAt: string }): Promise<void>;
  invite(secretSha256: string): Promise<HubInvite | undefined>;
  /** Binds an unbound invite to the person joining; false when it was already bound to someone else. */
  bindInvite(secretSha256: string, person: { id: string; publicKey: string; joinedAt: string }): Promise<boolean>;
  revoke(
    match: { person?: string; secretSha256Prefix?: string },
    at: string,
    revokedAfterSeq: (person: string) => Promise<number>,
  ): Promise<HubInvite[]>;
  invites(): Promise<HubInvite[]>;
  /** The largest counter the hub has accepted from a person (for revoking). */
  lastSeqOf(person: string): Promise<number>;

  /**
   * The team settings asked for (`hub serve` options, `timbang hub settings`), insert-only: the
   * running hub signs and publishes the latest (docs/sync.md §6).
   */
  requestSettings(settings: TeamSettings, at: string): Promise<void>;
  /** The latest settings asked for, if any were. */
  requestedSettings(): Promise<RequestedSettings | undefined>;

  refusal(input: {
    at: string;
    person: string | null;
    doc: string;
    recordId: string | null;
    problem: string;
    text: string | null;
  }): Promise<void>;
  refusals(limit?: number): Promise<HubRefusal[]>;
}

export interface HubInvite {
  secretSha256: string;
  name: string;
  role: TeamRole;
  regencies: string[];
  createdAt: string;
  person: string | null;
  publicKey: string | null;
  joinedAt: string | null;
  revokedAt: string | null;
  revokedAfterSeq: number | null;
}

export interface HubRefusal {
  at: string;
  person: string | null;
  doc: string;
  recordId: string | null;
  problem: string;
}

/** A `document` record in `doc` names the file `sha256` of `size` bytes (insert-only, drafts included). */
export interface HubBlobRef {
  sha256: string;
  doc: string;
  size: number;
}

export interface RequestedSettings {
  id: number;
  at: string;
  settings: TeamSettings;
}
