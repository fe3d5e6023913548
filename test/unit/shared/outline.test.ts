import { describe, expect, it } from 'vitest';
import { recognizeOutline, romanToNumber } from '../../../shared/intake/outline.ts';
import { formatPageRanges } from '../../../shared/intake/page-ranges.ts';

describe('recognizeOutline', () => {
  const pages = [
    { number: 1, text: 'MASTERPLAN SMART CITY\nKABUPATEN BANGGAI\n2022' },
    {
      number: 2,
      text: 'DAFTAR ISI\nBAB I PENDAHULUAN .......... 5\n1.1 Latar Belakang .......... 5\nBAB III ANALISIS STRATEGIS ...... 20\n3.1 Analisis Kesiapan ....... 21',
    },
    { number: 5, text: 'BAB I\nPENDAHULUAN\n1.1 Latar Belakang\nKabupaten Banggai berada di Sulawesi Tengah.' },
    { number: 9, text: '1.2 Maksud dan Tujuan\nMaksud penyusunan masterplan ini adalah ...\n2.5 juta jiwa penduduk bukan bagian.' },
    { number: 20, text: 'BAB III: Analisis Strategis\n3.1 Analisis Kesiapan Daerah\nStruktur, infrastruktur, suprastruktur.' },
    { number: 22, text: '3.1.1 Kesiapan Struktur\n3.2. Analisis SWOT per Dimensi\n4.1 Bukan bab ini\n1.1 Latar Belakang lagi' },
  ];

  it('finds chapters and numbered sections with their first page, skipping the table of contents', () => {
    expect(recognizeOutline(pages)).toEqual([
      { level: 1, label: 'BAB I', title: 'PENDAHULUAN', page: 5 },
      { level: 2, label: '1.1', title: 'Latar Belakang', page: 5 },
      { level: 2, label: '1.2', title: 'Maksud dan Tujuan', page: 9 },
      { level: 1, label: 'BAB III', title: 'Analisis Strategis', page: 20 },
      { level: 2, label: '3.1', title: 'Analisis Kesiapan Daerah', page: 20 },
      { level: 3, label: '3.1.1', title: 'Kesiapan Struktur', page: 22 },
      { level: 2, label: '3.2', title: 'Analisis SWOT per Dimensi', page: 22 },
    ]);
  });

  it('reads Roman numerals', () => {
    expect([romanToNumber('I'), romanToNumber('IV'), romanToNumber('IX'), romanToNumber('XIV'), romanToNumber('ABC')]).toEqual([
      1,
      4,
      9,
      14,
      undefined,
    ]);
  });
});

describe('formatPageRanges', () => {
  it('writes runs of pages as ranges', () => {
    expect(formatPageRanges([12, 13, 14, 15, 20, 22, 23])).toBe('12–15, 20, 22–23');
    expect(formatPageRanges([3, 1, 2, 2])).toBe('1–3');
    expect(formatPageRanges([])).toBe('');
  });
});
