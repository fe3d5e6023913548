import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dayOf, fileNameOf } from '../../../shared/format/file-name.ts';

describe('file names', () => {
  it('join their parts with dashes, keep letters of any script, digits and dots, and drop what a file system refuses', () => {
    expect(fileNameOf(['lembar-nilai', '72.01', 'Kabupaten Banggai', 'bimtek3', '2026-11-30'], 'xlsx')).toBe(
      'lembar-nilai-72.01-Kabupaten-Banggai-bimtek3-2026-11-30.xlsx',
    );
    expect(fileNameOf(['rekap', 'Kota Yogyakarta/DIY: "uji"?', undefined, null, ''], 'xlsx')).toBe('rekap-Kota-Yogyakarta-DIY-uji.xlsx');
    expect(fileNameOf(['Pak Ñoño Ağa', 'ṭest…'], 'json')).toBe('Pak-Ñoño-Ağa-ṭest.json');
  });

  it('take the day of a timestamp', () => {
    expect(dayOf('2026-11-30T10:26:53.000Z')).toBe('2026-11-30');
    expect(dayOf(undefined)).toBeUndefined();
    expect(dayOf('yesterday')).toBeUndefined();
  });

  it('take the day on the calendar of the computer, as the dates written inside the files do', () => {
    // 23:30 UTC on 30 November is already 1 December in Jakarta (UTC+7); in its own process, so no other test's clock moves.
    const module = fileURLToPath(new URL('../../../shared/format/file-name.ts', import.meta.url));
    const dayIn = (zone: string) =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { dayOf } = await import(${JSON.stringify(module)}); console.log(dayOf('2026-11-30T23:30:00.000Z'));`,
        ],
        { env: { ...process.env, TZ: zone }, encoding: 'utf8' },
      ).trim();
    expect(dayIn('Asia/Jakarta')).toBe('2026-12-01');
    expect(dayIn('UTC')).toBe('2026-11-30');
  });
});
