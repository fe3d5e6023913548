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
});
