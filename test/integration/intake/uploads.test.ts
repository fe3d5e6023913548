import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUploadStore } from '../../../electron/core/intake/uploads.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('the upload store', () => {
  it("keeps other live processes' uploads, and sweeps dead processes' folders and loose files", () => {
    const dataDir = tempDir();
    const root = join(dataDir, 'tmp', 'uploads');
    const live = createUploadStore(dataDir);
    const kept = live.begin('masterplan.pdf');
    writeFileSync(kept.path, 'PDF');
    mkdirSync(join(root, '999999999-0badc0de'), { recursive: true });
    writeFileSync(join(root, '999999999-0badc0de', 'x'), 'old');
    writeFileSync(join(root, 'legacy-upload'), 'old');

    const other = createUploadStore(dataDir);
    expect(existsSync(kept.path)).toBe(true);
    expect(readdirSync(root)).toHaveLength(1);
    other.close();
    live.close();
    expect(readdirSync(root)).toEqual([]);
  });

  it('removes an upload nobody imported after an hour', () => {
    let clock = 0;
    const store = createUploadStore(tempDir(), () => clock);
    const forgotten = store.begin('lupa.pdf');
    writeFileSync(forgotten.path, 'PDF');
    clock = 61 * 60 * 1000;
    const fresh = store.begin('baru.pdf');
    expect(existsSync(forgotten.path)).toBe(false);
    expect(store.take(forgotten.id)).toBeUndefined();
    expect(store.take(fresh.id)).toMatchObject({ fileName: 'baru.pdf', temporary: true });
    store.close();
  });
});
