import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../shared/intake/coverage.ts';
import { dimensionOf, inventoryFromTables, normaliseHorizon, normaliseYear } from '../../../shared/intake/inventory.ts';
import { loadLexicon } from '../../helpers/lexicon.ts';

const lexicon = loadLexicon();

describe('computeCoverage', () => {
  it('does not count a table of contents as treatment of a topic', () => {
    const toc = {
      number: 2,
      text: [
        'DAFTAR ISI',
        '3.1 Smart Economy ........ 12',
        '3.2 Smart Environment ........ 15',
        '3.3 Pariwisata ........ 18',
        '4.1 Quick Win ........ 20',
      ].join('\n'),
    };
    const coverage = new Map(computeCoverage([toc], lexicon).map((topic) => [topic.code, topic]));
    expect(coverage.get('ECO')?.status).toBe('missing');
    expect(coverage.get('quick_win')?.status).toBe('missing');
  });

  const pages = [
    { number: 1, text: 'Pelayanan publik melalui mal pelayanan publik dan perizinan daring. Reformasi birokrasi.' },
    { number: 2, text: 'Kebijakan publik: satu data. Ekonomi kreatif dan UMKM, galeri UMKM daring.' },
    { number: 3, text: 'Kesejahteraan dan lapangan kerja. Pembayaran digital QRIS untuk pajak daerah.' },
    { number: 4, text: 'Puskesmas dan layanan ambulans gratis. Transportasi dan angkutan desa.' },
    { number: 5, text: 'Quick win: galeri UMKM. Peta jalan lima tahun dan rencana aksi.' },
    { number: 6, text: 'Road map tahunan. Quick win tahun pertama.' },
  ];
  const coverage = computeCoverage(pages, lexicon);
  const byCode = new Map(coverage.map((topic) => [topic.code, topic]));

  it('counts each phrase once, for its most specific keyword, and rolls sub-dimensions up to their dimension', () => {
    expect(byCode.get('ECO.industry')?.pages).toEqual([
      { page: 2, hits: 3 },
      { page: 5, hits: 1 },
    ]);
    expect(byCode.get('ECO')?.pages.map((p) => p.page)).toEqual([2, 3, 5]);
    expect(byCode.get('GOV.public_service')?.hits).toBe(3);
  });

  it('flags missing and thin parts', () => {
    expect(byCode.get('ENV')?.status).toBe('missing');
    expect(byCode.get('BRA.tourism')?.status).toBe('missing');
    // Outside the dimensions, fewer than three hits is thin.
    expect(byCode.get('quick_win')?.status).toBe('thin');
    expect(byCode.get('roadmap')?.status).toBe('ok');
    expect(byCode.get('GOV.bureaucracy')?.status).toBe('thin');
    expect(byCode.get('GOV.policy')?.status).toBe('thin');
    expect(byCode.get('GOV.public_service')?.status).toBe('ok');
    expect(byCode.get('LIV')?.status).toBe('thin');
    expect(byCode.get('readiness.infrastructure')?.status).toBe('missing');
  });
});

describe('inventory from tables', () => {
  it('reads a quick-win table with dimension, agency, horizon and year columns', () => {
    const items = inventoryFromTables(
      [
        {
          page: 40,
          heading: 'BAB VI Quick Win',
          rows: [
            ['No', 'Nama Quick Win', 'Dimensi', 'OPD Penanggung Jawab', 'Tahun'],
            ['1', 'Galeri UMKM daring', 'Smart Economy', 'Dinas Koperasi dan UKM', '2023'],
            ['2', 'Layanan ambulans gratis 112', 'Smart Living', 'Dinas Kesehatan', '2023-2024'],
            ['3', 'Aplikasi kegiatan kerukunan', 'Smart Society', 'Kesbangpol', '2024'],
          ],
        },
      ],
      lexicon,
    );
    expect(items).toEqual([
      {
        kind: 'quick_win',
        name: 'Galeri UMKM daring',
        dimension: 'ECO',
        agency: 'Dinas Koperasi dan UKM',
        horizon: null,
        year: '2023',
        innovation: null,
        budget: null,
        page: 40,
      },
      {
        kind: 'quick_win',
        name: 'Layanan ambulans gratis 112',
        dimension: 'LIV',
        agency: 'Dinas Kesehatan',
        horizon: null,
        year: '2023–2024',
        innovation: null,
        budget: null,
        page: 40,
      },
      {
        kind: 'quick_win',
        name: 'Aplikasi kegiatan kerukunan',
        dimension: 'SOC',
        agency: 'Kesbangpol',
        horizon: null,
        year: '2024',
        innovation: null,
        budget: null,
        page: 40,
      },
    ]);
  });

  it('takes the dimension from the heading when the table has no dimension column, and ignores the RPJMD column (a quick-win horizon stays a programme)', () => {
    const items = inventoryFromTables(
      [
        {
          page: 31,
          heading: '5.3 Program Smart Environment',
          rows: [
            ['Program RPJMD', 'Program Smart City', 'Perangkat Daerah', 'Jangka Waktu'],
            ['Pengelolaan persampahan', 'Bank sampah digital', 'DLH', 'Jangka pendek'],
            ['Energi', 'PJU tenaga surya', 'Dinas PU', 'Quick win'],
          ],
        },
        {
          page: 2,
          rows: [
            ['Nama', 'Jabatan'],
            ['Sari', 'Ketua'],
          ],
        },
      ],
      lexicon,
    );
    expect(items.map((item) => [item.kind, item.name, item.dimension, item.agency, item.horizon])).toEqual([
      ['programme', 'Bank sampah digital', 'ENV', 'DLH', 'short'],
      ['programme', 'PJU tenaga surya', 'ENV', 'Dinas PU', 'quick_win'],
    ]);
  });

  it('normalises horizons, years and dimensions', () => {
    expect([normaliseHorizon('Jangka Menengah'), normaliseHorizon('Long term'), normaliseHorizon('')]).toEqual(['medium', 'long', null]);
    expect([normaliseYear('Tahun 2025'), normaliseYear('2023 – 2026'), normaliseYear('n/a')]).toEqual(['2025', '2023–2026', null]);
    expect([dimensionOf('Smart Governance', lexicon), dimensionOf('Lingkungan Hidup', lexicon), dimensionOf('lain-lain', lexicon)]).toEqual(
      ['GOV', 'ENV', null],
    );
  });
});
