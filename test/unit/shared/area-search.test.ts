import { describe, expect, it } from 'vitest';
import { searchAreas } from '../../../shared/area/search.ts';
import type { AreaRegency } from '../../../shared/domain/area.ts';

const areas: AreaRegency[] = [
  { code: '72.01', name: 'Kabupaten Banggai', provinceCode: '72', provinceName: 'Sulawesi Tengah' },
  { code: '72.07', name: 'Kabupaten Banggai Kepulauan', provinceCode: '72', provinceName: 'Sulawesi Tengah' },
  { code: '72.11', name: 'Kabupaten Banggai Laut', provinceCode: '72', provinceName: 'Sulawesi Tengah' },
  { code: '72.71', name: 'Kota Palu', provinceCode: '72', provinceName: 'Sulawesi Tengah' },
  { code: '15.71', name: 'Kota Jambi', provinceCode: '15', provinceName: 'Jambi' },
  { code: '15.05', name: 'Kabupaten Muaro Jambi', provinceCode: '15', provinceName: 'Jambi' },
  { code: '35.71', name: 'Kota Kediri', provinceCode: '35', provinceName: 'Jawa Timur' },
  { code: '35.06', name: 'Kabupaten Kediri', provinceCode: '35', provinceName: 'Jawa Timur' },
];

const codes = (query: string, limit?: number) => searchAreas(areas, query, limit).map((area) => area.code);

describe('searchAreas', () => {
  it('finds Banggai and its namesakes from a few letters, the plain name first', () => {
    expect(codes('bangg')).toEqual(['72.01', '72.11', '72.07']);
  });

  it('ignores case, accents and surrounding spaces', () => {
    expect(codes('  BÁNGG ')[0]).toBe('72.01');
  });

  it('narrows with more words, including the kind of region', () => {
    expect(codes('bangg laut')).toEqual(['72.11']);
    expect(codes('kota kediri')).toEqual(['35.71']);
    expect(codes('kab kediri')).toEqual(['35.06']);
    expect(codes('kab. kediri')).toEqual(['35.06']);
  });

  it('puts the city named after a province before regencies that only contain the word', () => {
    expect(codes('jambi')).toEqual(['15.71', '15.05']);
  });

  it('finds by Kemendagri code and code prefix', () => {
    expect(codes('72.01')).toEqual(['72.01']);
    expect(codes('72.7')).toEqual(['72.71']);
  });

  it('finds every regency of a province by the province name, after name matches', () => {
    expect(codes('sulawesi tengah')).toHaveLength(4);
  });

  it('matches word starts only, not the middle of words', () => {
    expect(codes('ggai')).toEqual([]);
  });

  it('returns nothing for an empty query and honours the limit', () => {
    expect(codes('')).toEqual([]);
    expect(codes('   ')).toEqual([]);
    expect(codes('sulawesi', 2)).toHaveLength(2);
  });
});
