import { describe, expect, it } from 'vitest';
import { rubricToXlsx } from '../../../electron/core/rubrics/xlsx.ts';
import { inspectZip } from '../../../electron/core/platform/zip-guard.ts';
import { loadTemplate } from '../../helpers/templates.ts';
import { makeZip } from '../../helpers/zip.ts';

const limits = { maxEntries: 100, maxUnpacked: 10 * 1024 * 1024 };

describe('inspectZip', () => {
  it('accepts a real workbook', async () => {
    const verdict = inspectZip(await rubricToXlsx(loadTemplate('masterplan-review')), limits);
    expect(verdict).toMatchObject({ ok: true });
    if (verdict.ok) expect(verdict.unpacked).toBeGreaterThan(0);
  });

  it('refuses an archive that honestly unpacks to too much', () => {
    const bomb = makeZip([{ name: 'xl/sharedStrings.xml', data: new Uint8Array(12 * 1024 * 1024) }]);
    expect(bomb.byteLength).toBeLessThan(50_000);
    expect(inspectZip(bomb, limits)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('refuses an entry that unpacks to more than its header admits, without unpacking it all', () => {
    const liar = makeZip([{ name: 'xl/workbook.xml', data: new Uint8Array(50 * 1024 * 1024), declaredSize: 1024 }]);
    expect(inspectZip(liar, limits)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('refuses too many entries, encrypted entries, and what is not a zip', () => {
    const many = makeZip(Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(1) })));
    expect(inspectZip(many, limits)).toMatchObject({ ok: false, reason: 'too_many_entries' });
    expect(inspectZip(makeZip([{ name: 'a', data: new Uint8Array(10), encrypted: true }]), limits)).toMatchObject({
      ok: false,
      reason: 'encrypted',
    });
    expect(inspectZip(new TextEncoder().encode('just text, long enough to look at'), limits)).toMatchObject({
      ok: false,
      reason: 'not_zip',
    });
    const cut = makeZip([{ name: 'a', data: new Uint8Array(1000).fill(7) }]).subarray(0, 40);
    expect(inspectZip(cut, limits)).toMatchObject({ ok: false, reason: 'corrupt' });
  });
});
