import * as Y from 'yjs';
import type { Db } from '../db/open.ts';
import { execute, query, queryValue } from '../db/query.ts';

/**
 * The laptop's Yjs documents, kept in `sync_doc_update` (docs/sync.md §1). A document is the
 * union of its rows; every update it emits is appended as one more row, and a document with many
 * rows is compacted into one `encodeStateAsUpdate` row. Documents are loaded on demand and
 * destroyed when released, except the hot ones (the registry, the open submission's documents):
 * 300 realistic panels held at once measured ≈ 510 MB, so at most `maxOpen` stay in memory.
 */

/** Compaction threshold: a document with more rows than this is rewritten as one row. */
export const COMPACT_AFTER = 500;
/** At most this many documents in memory at once (hot ones included). */
export const MAX_OPEN_DOCS = 40;

/** The origin of updates applied while loading a document from its rows: never persisted again. */
const LOAD_ORIGIN = Symbol('sync.load');

export function docUpdateCount(db: Db, name: string): number {
  return queryValue<number>(db, 'SELECT count(*) FROM sync_doc_update WHERE doc = ?').get(name) ?? 0;
}

/** A new Y.Doc holding every stored row of the document (an empty one for a document never stored). */
export function loadDoc(db: Db, name: string): Y.Doc {
  const doc = new Y.Doc();
  const rows = query<{ data: Uint8Array }>(db, 'SELECT data FROM sync_doc_update WHERE doc = ? ORDER BY id').all(name);
  if (rows.length > 0) {
    doc.transact(() => {
      for (const row of rows) Y.applyUpdate(doc, row.data, LOAD_ORIGIN);
    }, LOAD_ORIGIN);
  }
  return doc;
}

export function appendDocUpdate(db: Db, name: string, update: Uint8Array): void {
  execute(db, 'INSERT INTO sync_doc_update (doc, data) VALUES (?, ?)')(name, asBuffer(update));
}

/** SQLite binds Buffers: a view on the same bytes, no copy. */
export const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Replaces every row of the document by one row of its whole state, in one transaction. */
export function compactDoc(db: Db, name: string, doc?: Y.Doc): void {
  db.transaction(() => {
    const loaded = doc ?? loadDoc(db, name);
    try {
      const state = Y.encodeStateAsUpdate(loaded);
      execute(db, 'DELETE FROM sync_doc_update WHERE doc = ?')(name);
      appendDocUpdate(db, name, state);
    } finally {
      if (!doc) loaded.destroy();
    }
  })();
}

/** Every document this laptop holds rows of. */
export function storedDocNames(db: Db): string[] {
  return queryValue<string>(db, 'SELECT DISTINCT doc FROM sync_doc_update ORDER BY doc').all();
}

export interface DocStoreOptions {
  maxOpen?: number;
  compactAfter?: number;
  /** Whether an update comes from elsewhere (the hub); such updates go to `onRemoteUpdate` instead of being appended here. */
  isRemote?: (origin: unknown) => boolean;
  /** Stores a remote update together with what it carries (the engine: row + ingest in one transaction). */
  onRemoteUpdate?: (name: string, update: Uint8Array, doc: Y.Doc) => void;
}

export interface DocStore {
  /** The document, loaded if needed, and held (not destroyed) until `release`. */
  acquire(name: string): Y.Doc;
  /** Lets a document go: it is compacted and destroyed unless it is hot or still held elsewhere. */
  release(name: string): void;
  /** The document if it is in memory. */
  peek(name: string): Y.Doc | undefined;
  /** Documents to keep in memory between passes (the registry is always hot). */
  setHot(names: Iterable<string>): void;
  isHot(name: string): boolean;
  /** Throws the in-memory copy away (after a failed write: the copy may be ahead of SQLite). */
  discard(name: string): void;
  openNames(): string[];
  /** Appends an update the document emitted and compacts when it has too many rows (for callers that persist by hand). */
  persist(name: string, update: Uint8Array): void;
  closeAll(): void;
}

interface OpenDoc {
  doc: Y.Doc;
  holds: number;
  rows: number;
  lastUsed: number;
}

export function createDocStore(db: Db, options: DocStoreOptions = {}): DocStore {
  const maxOpen = Math.max(2, options.maxOpen ?? MAX_OPEN_DOCS);
  const compactAfter = Math.max(2, options.compactAfter ?? COMPACT_AFTER);
  const open = new Map<string, OpenDoc>();
  const hot = new Set<string>(['registry']);
  let tick = 0;

  function persist(name: string, update: Uint8Array): void {
    appendDocUpdate(db, name, update);
    const entry = open.get(name);
    if (!entry) return;
    entry.rows += 1;
    if (entry.rows > compactAfter) {
      compactDoc(db, name, entry.doc);
      entry.rows = 1;
    }
  }

  function unload(name: string): void {
    const entry = open.get(name);
    if (!entry) return;
    open.delete(name);
    if (entry.rows > 1) compactDoc(db, name, entry.doc);
    entry.doc.destroy();
  }

  /** Makes room: unloads the least recently used documents nobody holds, hot ones last. */
  function evict(): void {
    while (open.size >= maxOpen) {
      const idle = [...open.entries()].filter(([, entry]) => entry.holds === 0);
      const victim =
        idle.filter(([name]) => !hot.has(name)).sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0] ??
        idle.sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      if (!victim) return;
      unload(victim[0]);
    }
  }

  return {
    acquire(name) {
      let entry = open.get(name);
      if (!entry) {
        evict();
        const doc = loadDoc(db, name);
        entry = { doc, holds: 0, rows: docUpdateCount(db, name), lastUsed: 0 };
        open.set(name, entry);
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === LOAD_ORIGIN) return;
          if (options.isRemote?.(origin) && options.onRemoteUpdate) options.onRemoteUpdate(name, update, doc);
          else persist(name, update);
        });
      }
      entry.holds += 1;
      entry.lastUsed = ++tick;
      return entry.doc;
    },
    release(name) {
      const entry = open.get(name);
      if (!entry) return;
      entry.holds = Math.max(0, entry.holds - 1);
      if (entry.holds === 0 && !hot.has(name)) unload(name);
    },
    peek: (name) => open.get(name)?.doc,
    setHot(names) {
      hot.clear();
      hot.add('registry');
      for (const name of names) hot.add(name);
      for (const [name, entry] of [...open]) if (entry.holds === 0 && !hot.has(name)) unload(name);
    },
    isHot: (name) => hot.has(name),
    discard(name) {
      const entry = open.get(name);
      if (!entry) return;
      open.delete(name);
      entry.doc.destroy();
    },
    openNames: () => [...open.keys()],
    persist,
    closeAll() {
      for (const name of [...open.keys()]) unload(name);
    },
  };
}
