import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyCoverage } from '../../../shared/intake/coverage.ts';
import { containment, isSameDocument, shingles } from '../../../shared/intake/duplicates.ts';
import { createTranslator, coverageNote } from '../../../shared/i18n/index.ts';
import { inventoryFieldsSchema, inventoryFromTables } from '../../../shared/intake/inventory.ts';
import { rolesFromHeader, timeColumns, typedRoles } from '../../../shared/intake/inventory/columns.ts';
import {
  budgetUnitOf,
  looksLikeAgency,
  looksLikeBudget,
  normaliseHorizon,
  normaliseYear,
  parseBudget,
  parseDecimal,
} from '../../../shared/intake/inventory/values.ts';
import { lexiconSchema } from '../../../shared/intake/lexicon.ts';
import { ROOT } from '../../helpers/cli.ts';

const lexicon = lexiconSchema.parse(JSON.parse(readFileSync(join(ROOT, 'resources', 'lexicon', 'coverage.json'), 'utf8')));

describe('typed cell values', () => {
  it('reads budgets the way Indonesian documents write them, in whole rupiah', () => {
    expect(parseBudget('Rp 368 juta')).toBe(368_000_000);
    expect(parseBudget('1.543', budgetUnitOf('Anggaran (Rp juta)'))).toBe(1_543_000_000);
    expect(parseBudget('Rp 1.250.000.000')).toBe(1_250_000_000);
    expect(parseBudget('Rp 750.000.000,00')).toBe(750_000_000);
    expect(parseBudget('2,5 M')).toBe(2_500_000_000);
    expect(parseBudget('Rp. 1,5 Miliar')).toBe(1_500_000_000);
    expect(parseBudget('0,53 M')).toBe(530_000_000);
    expect(parseBudget('Rp 2.000.000.000,-')).toBe(2_000_000_000);
    expect(parseBudget('590 jt')).toBe(590_000_000);
    expect([parseBudget('APBD'), parseBudget('-'), parseBudget(''), parseBudget('APBD/DAK')]).toEqual([null, null, null, null]);
    expect([parseDecimal('1,250,000.50'), parseDecimal('12,5'), parseDecimal('1.543')]).toEqual([1_250_000.5, 12.5, 1543]);
    expect([budgetUnitOf('Pagu (Rp miliar)'), budgetUnitOf('Anggaran (Rp)'), budgetUnitOf('Biaya (ribuan rupiah)')]).toEqual([1e9, 1, 1e3]);
  });

  it('reads horizons and years; a cell of years only is no horizon; OCR reading a Q as an O is forgiven', () => {
    expect(['Jangka Pendek', 'Jangka Menengah (2025–2026)', 'Long term', 'Quick Win', 'Ouick Win', ''].map(normaliseHorizon)).toEqual([
      'short',
      'medium',
      'long',
      'quick_win',
      'quick_win',
      null,
    ]);
    expect(normaliseHorizon('2024 - 2026')).toBeNull();
    expect(['2024', '2024 - 2026', '2025/2027', 'Tahun 2024 s.d. 2028', 'tidak ada', '2026 2024'].map(normaliseYear)).toEqual([
      '2024',
      '2024–2026',
      '2025–2027',
      '2024–2028',
      null,
      '2024–2026',
    ]);
  });

  it('tells budgets and agencies by their look', () => {
    expect(['Rp 368 juta', '1.543', '2,5 M', 'Jangka Pendek'].map(looksLikeBudget)).toEqual([true, true, true, false]);
    expect(['Dinas Kesehatan', 'Diskominfo', 'Bappeda', 'RSUD Luwuk', 'Pengembangan mal'].map(looksLikeAgency)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('column roles', () => {
  it("names the columns from the header words; another plan's programme column is not ours", () => {
    const roles = rolesFromHeader([
      'No',
      'Program RPJMD',
      'Program Smart City',
      'Inovasi',
      'OPD Penanggung Jawab',
      'Jangka Waktu',
      'Anggaran (Rp juta)',
    ]);
    expect(Object.fromEntries(roles)).toEqual({ name: 2, innovation: 3, agency: 4, horizon: 5, budget: 6 });
  });

  it('checks the header against the column: a "budget" column of words is not one; a column of agencies without a header word is', () => {
    const header = ['No', 'Nama Program', 'Pelaksana Teknis', 'Keterangan Biaya'];
    const body = [
      ['1', 'A', 'Dinas Kesehatan', 'lihat lampiran'],
      ['2', 'B', 'Bappeda', 'menyusul'],
      ['3', 'C', 'Diskominfo', 'dibahas'],
    ];
    const roles = typedRoles(header, body);
    expect(roles.get('budget')).toBeUndefined();
    expect(roles.get('agency')).toBe(2);
  });

  it('finds every column about when, under one header or several', () => {
    const header = ['No', 'Program', 'Waktu Pelaksanaan Mulai', 'Waktu Pelaksanaan Selesai', 'Anggaran'];
    expect(timeColumns(header, rolesFromHeader(header))).toEqual([2, 3]);
  });
});

describe('the inventory from tables', () => {
  it('reads a two-row header, ticks under Pendek / Menengah / Panjang, a sub-dimension merged down, title rows across, and skips totals', () => {
    const rows = [
      ['No', 'Subdimensi', 'Program', 'OPD', 'Jangka Waktu', 'Jangka Waktu', 'Jangka Waktu', 'Anggaran'],
      ['No', 'Subdimensi', 'Program', 'OPD', 'Pendek', 'Menengah', 'Panjang', '(Rp juta)'],
      Array.from({ length: 8 }, () => 'Smart Environment'),
      ['1', 'Tata Kelola Sampah', 'Bank sampah digital', 'DLH', '√', '', '', '437'],
      ['2', 'Tata Kelola Sampah', 'Pengangkutan sampah terjadwal', 'DLH', '', '√', '', '-'],
      ['', '', 'Jumlah', '', '', '', '', '437'],
    ];
    const merged = rows.map((row, index) =>
      row.map((_, column) => (index === 1 && column < 4) || (index === 2 && column > 0) || (index === 4 && column === 1)),
    );
    const items = inventoryFromTables(
      [
        {
          page: 25,
          rowPages: [25, 25, 25, 25, 26, 26],
          rows,
          merged,
          context: ['Tabel 5.1 Matriks Program', 'BAB V STRATEGI DAN PROGRAM'],
        },
      ],
      lexicon,
    );
    expect(items).toEqual([
      {
        kind: 'programme',
        name: 'Bank sampah digital',
        dimension: 'ENV',
        agency: 'DLH',
        horizon: 'short',
        year: null,
        innovation: null,
        budget: 437_000_000,
        page: 25,
      },
      {
        kind: 'programme',
        name: 'Pengangkutan sampah terjadwal',
        dimension: 'ENV',
        agency: 'DLH',
        horizon: 'medium',
        year: null,
        innovation: null,
        budget: null,
        page: 26,
      },
    ]);
  });

  it('takes years from "Mulai | Selesai" columns, and a quick win without a dimension from the programme it comes from', () => {
    const programmes = {
      page: 20,
      context: ['5.2 Smart Living'],
      rows: [
        ['No', 'Program', 'Inovasi', 'OPD', 'Waktu Pelaksanaan Mulai', 'Waktu Pelaksanaan Selesai'],
        ['1', 'Pembangunan halte pintar', 'Halte dengan informasi kedatangan angkutan', 'Dishub', '2025', '2027'],
      ],
    };
    const quickWins = {
      page: 30,
      context: ['6.1 Daftar Quick Win', 'BAB VI QUICK WIN'],
      rows: [
        ['No', 'Quick Win', 'OPD', 'Tahun'],
        ['1', 'Halte Pintar', 'Dishub', '2025'],
      ],
    };
    const items = inventoryFromTables([programmes, quickWins], lexicon);
    expect(items.map((item) => [item.kind, item.name, item.dimension, item.year])).toEqual([
      ['programme', 'Pembangunan halte pintar', 'LIV', '2025–2027'],
      ['quick_win', 'Halte Pintar', 'LIV', '2025'],
    ]);
  });

  it('adds up money under one header over several columns ("APBD | Sumber Lain"), and reads "Elemen" as the sub-dimension', () => {
    const rows = [
      ['Program', 'Elemen', 'OPD', 'Anggaran (Rp juta)', 'Anggaran (Rp juta)'],
      ['Program', 'Elemen', 'OPD', 'APBD', 'Sumber Lain'],
      ['Bank sampah digital', 'Sampah dan limbah', 'DLH', '360', '290'],
      ['PJU tenaga surya', 'Energi', 'Dinas PU', '-', '1.185'],
      ['Portal data', 'Kebijakan publik', 'Diskominfo', '-', '-'],
    ];
    const merged = rows.map((row, index) => row.map((_, column) => (index === 0 && column === 4) || (index === 1 && column < 3)));
    const items = inventoryFromTables([{ page: 26, rows, merged, context: ['5.1 Program Prioritas'] }], lexicon);
    expect(items.map((item) => [item.name, item.dimension, item.budget])).toEqual([
      ['Bank sampah digital', 'ENV', 650_000_000],
      ['PJU tenaga surya', 'ENV', 1_185_000_000],
      ['Portal data', 'GOV', null],
    ]);
  });

  it('keeps every item within what the inventory form accepts, however long a cell or large a figure', () => {
    const long = `Program ${'pengembangan layanan publik terpadu '.repeat(20)}`;
    const rows = [
      ['No', 'Program', 'OPD', 'Inovasi', 'Anggaran (Rp miliar)'],
      ['1', long, `Dinas ${'Komunikasi dan Informatika '.repeat(15)}`, 'x'.repeat(2500), '9.000.000'],
      ['2', 'Portal data', 'Diskominfo', '-', '1,5'],
    ];
    const items = inventoryFromTables([{ page: 3, rows }], lexicon);
    expect(items).toHaveLength(2);
    for (const { page: _page, ...fields } of items) expect(inventoryFieldsSchema.safeParse(fields).error).toBeUndefined();
    expect(items[0]?.name).toMatch(/^Program pengembangan .*[a-z]…$/);
    expect(items[0]?.name.length).toBeLessThanOrEqual(500);
    expect(items[0]?.budget).toBeNull();
    expect(items[1]?.budget).toBe(1_500_000_000);
  });

  it('reads no inventory from a SWOT table whose sentences mention a programme and a budget, and counts a name twice once', () => {
    const swot = {
      page: 13,
      rows: [
        ['Kekuatan', 'Kelemahan'],
        ['Program nasional yang', 'Anggaran untuk'],
        ['mendukung partisipasi masyarakat.', 'kegiatan terbatas.'],
      ],
    };
    const twice = {
      page: 21,
      rows: [
        ['No', 'Program', 'OPD'],
        ['1', 'Portal satu data', 'Diskominfo'],
        ['2', 'Portal Satu Data', ''],
      ],
    };
    expect(inventoryFromTables([swot, twice], lexicon).map((item) => [item.name, item.agency])).toEqual([
      ['Portal satu data', 'Diskominfo'],
    ]);
  });
});

describe('the same document twice', () => {
  const text = Array.from(
    { length: 40 },
    (_, index) => `Kalimat nomor ${index} tentang program smart city daerah dan pelayanan publik yang terpadu.`,
  );
  it('is recognised from its word shingles whatever the line breaks and page furniture', () => {
    const asPdf = [
      text
        .slice(0, 20)
        .join('\n')
        .replace(/ tentang /g, '\ntentang '),
      `12\n${text.slice(20).join(' ')}`,
    ];
    expect(containment(shingles(text), shingles(asPdf))).toBeGreaterThan(0.9);
    expect(isSameDocument(shingles(text), shingles(asPdf))).toBe(true);
  });
  it('is not claimed for a different text or a short fragment', () => {
    const other = text.map((line) => line.replace('program smart city daerah', 'rencana tata ruang wilayah kota'));
    expect(isSameDocument(shingles(text), shingles(other))).toBe(false);
    expect(isSameDocument(shingles(text), shingles(text.slice(0, 3)))).toBe(false);
  });
});

describe('coverage that explains itself', () => {
  const dimension = (code: string, hits: number, pages: number[], parent?: string) => ({
    code,
    kind: parent ? undefined : 'dimension',
    ...(parent ? { parent } : {}),
    pages: pages.map((page) => ({ page, hits: hits / pages.length })),
  });
  const topics = [
    dimension('GOV', 120, [1, 2, 3, 4, 5, 6]),
    dimension('ECO', 90, [2, 3, 4, 5, 6]),
    dimension('LIV', 144, [3, 4, 5, 6, 7, 8]),
    dimension('ENV', 24, [9, 10, 11]),
    { code: 'ENV.waste', parent: 'ENV', pages: [{ page: 9, hits: 24 }] },
    { code: 'ENV.energy', parent: 'ENV', pages: [] },
    { code: 'ENV.protection', parent: 'ENV', pages: [] },
    { code: 'quick_win', kind: 'plan', pages: [{ page: 20, hits: 1 }] },
  ].map((topic) => ({ ...topic, pages: topic.pages.map((entry) => ({ ...entry, hits: Math.round(entry.hits) })) }));

  it('flags a dimension far behind its peers, with their numbers and its missing sub-dimensions; a quick-win table is treatment', () => {
    const coverage = new Map(classifyCoverage(topics, { quick_win: { items: 8, tables: 1 } }).map((topic) => [topic.code, topic]));
    expect(coverage.get('ENV')).toMatchObject({
      status: 'thin',
      hits: 24,
      peers: { min: 90, max: 144 },
      missingChildren: ['ENV.energy', 'ENV.protection'],
    });
    expect(coverage.get('ECO')?.status).toBe('ok');
    expect(coverage.get('quick_win')?.status).toBe('ok');
    expect(classifyCoverage(topics).find((topic) => topic.code === 'quick_win')?.status).toBe('thin');
    const titles: Record<string, string> = {
      ENV: 'Smart Environment',
      'ENV.energy': 'Energi',
      'ENV.protection': 'Proteksi lingkungan',
      quick_win: 'Quick win',
    };
    const title = (code: string) => titles[code] ?? code;
    expect(coverageNote(createTranslator('id'), coverage.get('ENV')!, title)).toBe(
      'Smart Environment: 24 sebutan; dimensi lain 90–144; Energi, Proteksi lingkungan tidak ditemukan',
    );
    expect(coverageNote(createTranslator('en'), coverage.get('quick_win')!, title)).toBe('Quick win: 8 items in tables');
  });
});
