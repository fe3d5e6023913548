import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryValue } from '../../../electron/core/db/query.ts';
import { createDocStore, loadDoc } from '../../../electron/core/sync/doc-store.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { recordsMapOf } from '../../../electron/core/sync/ydoc.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

/** The laptop's Yjs documents in SQLite: every update a row, compacted past a bound, few in memory at once. */
describe('doc store', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await openTestWorkspace();
  });
  afterEach(() => ws.close());

  const rows = (doc: string) => queryValue<number>(ws.db, 'SELECT count(*) FROM sync_doc_update WHERE doc = ?').get(doc) ?? 0;
  const put = (doc: ReturnType<typeof loadDoc>, key: string) => recordsMapOf(doc).set(key, [key, new Uint8Array(64)]);

  it('persists every update as a row, compacts past the bound into one row, and loads the same state', () => {
    const store = createDocStore(ws.db, { compactAfter: 5 });
    const doc = store.acquire('panel/72.01/bimtek3');
    for (let i = 0; i < 4; i += 1) put(doc, `key-${i}`);
    expect(rows('panel/72.01/bimtek3')).toBe(4);
    put(doc, 'key-4');
    put(doc, 'key-5');
    // Six rows passed the bound of five: one row of the whole state.
    expect(rows('panel/72.01/bimtek3')).toBe(1);
    put(doc, 'key-6');
    expect(rows('panel/72.01/bimtek3')).toBe(2);
    store.release('panel/72.01/bimtek3');
    // Released and not hot: unloaded, compacted again.
    expect(store.openNames()).toEqual([]);
    expect(rows('panel/72.01/bimtek3')).toBe(1);
    const again = loadDoc(ws.db, 'panel/72.01/bimtek3');
    expect([...recordsMapOf(again).keys()].sort()).toEqual(['key-0', 'key-1', 'key-2', 'key-3', 'key-4', 'key-5', 'key-6']);
    again.destroy();
  });

  it('keeps at most maxOpen documents in memory, the hot ones kept', () => {
    const store = createDocStore(ws.db, { maxOpen: 4 });
    store.setHot(['panel/72.01/bimtek3']);
    put(store.acquire('registry'), 'r');
    put(store.acquire('panel/72.01/bimtek3'), 'p');
    store.release('registry');
    store.release('panel/72.01/bimtek3');
    for (let i = 10; i < 40; i += 1) {
      const name = `panel/72.${i}/bimtek1`;
      put(store.acquire(name), name);
      expect(store.openNames().length).toBeLessThanOrEqual(4);
      // Held ones are never unloaded; this one is let go at once.
      store.release(name);
    }
    expect(store.openNames().sort()).toEqual(['panel/72.01/bimtek3', 'registry']);
    // Held beyond the bound: nothing held is thrown away, the idle hot ones go first only when needed.
    const held = ['a', 'b', 'c', 'd'].map((_, i) => `panel/73.0${i}/bimtek2`);
    for (const name of held) store.acquire(name);
    expect(store.openNames().filter((name) => held.includes(name)).length).toBe(4);
    expect(store.openNames().length).toBeLessThanOrEqual(5);
    store.closeAll();
    expect(store.openNames()).toEqual([]);
    const loaded = loadDoc(ws.db, 'panel/72.25/bimtek1');
    expect(recordsMapOf(loaded).has('panel/72.25/bimtek1')).toBe(true);
    loaded.destroy();
  });
});
