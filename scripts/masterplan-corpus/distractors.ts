import type { Programme } from './inventory.ts';
import type { BodyCell, TableModel } from './model.ts';
import type { Rng } from './prng.ts';
import { formatThousands, type Prose, type ProseContext } from './prose.ts';
import type { Region } from './regions.ts';
import type { TableLook } from './specs.ts';
import { DIMENSIONS, type DimensionVocabulary } from './vocabulary.ts';

/** Tables that are not inventory: population, SWOT, indicators, budget summary, road map, regulations. */

export function populationTable(rng: Rng, area: Region, look: TableLook): TableModel {
  let totalArea = 0;
  let totalPopulation = 0;
  const rows: { cells: BodyCell[] }[] = area.districts.map((district, index) => {
    const km2 = rng.int(1200, 48000) / 100;
    const population = rng.int(8000, 95000);
    totalArea += km2;
    totalPopulation += population;
    return {
      cells: [
        { text: String(index + 1), align: 'center' },
        { text: district },
        { text: formatThousands(Number(km2.toFixed(2))), align: 'right' },
        { text: formatThousands(population), align: 'right' },
        { text: formatThousands(Math.round(population / km2)), align: 'right' },
      ],
    };
  });
  rows.push({
    cells: [
      { text: '', align: 'center' },
      { text: 'Jumlah', bold: true },
      { text: formatThousands(Number(totalArea.toFixed(2))), align: 'right' },
      { text: formatThousands(totalPopulation), align: 'right' },
      { text: formatThousands(Math.round(totalPopulation / totalArea)), align: 'right' },
    ],
  });
  return {
    widths: [6, 34, 18, 22, 20],
    header: [
      [{ text: 'No' }, { text: 'Kecamatan' }, { text: 'Luas (km²)' }, { text: 'Jumlah Penduduk (Jiwa)' }, { text: 'Kepadatan (Jiwa/km²)' }],
    ],
    rows,
    look: { ...look, vAlign: 'top' },
    repeatHeader: true,
  };
}

export function swotTable(
  prose: Prose,
  subs: DimensionVocabulary['subs'],
  layout: 'columns' | 'grid',
  look: TableLook,
  context: ProseContext,
): TableModel {
  const quadrant = (pool: 'swotS' | 'swotW' | 'swotO' | 'swotT') =>
    subs
      .map((sub) => prose.sentence(pool, { ...context, sub }))
      .filter((text): text is string => Boolean(text))
      .slice(0, 3);
  const [s, w, o, t] = [quadrant('swotS'), quadrant('swotW'), quadrant('swotO'), quadrant('swotT')];
  const bullets = (items: string[]) => items.map((item) => `• ${item}`).join('\n');
  if (layout === 'grid') {
    return {
      widths: [50, 50],
      header: [[{ text: 'Kekuatan (Strengths)' }, { text: 'Kelemahan (Weaknesses)' }]],
      rows: [
        { cells: [{ text: bullets(s) }, { text: bullets(w) }] },
        {
          cells: [
            { text: 'Peluang (Opportunities)', bold: true, align: 'center' },
            { text: 'Ancaman (Threats)', bold: true, align: 'center' },
          ],
        },
        { cells: [{ text: bullets(o) }, { text: bullets(t) }] },
      ],
      look: { ...look, vAlign: 'top' },
      repeatHeader: false,
    };
  }
  const rows = Math.max(s.length, w.length, o.length, t.length);
  return {
    widths: [25, 25, 25, 25],
    header: [[{ text: 'Kekuatan' }, { text: 'Kelemahan' }, { text: 'Peluang' }, { text: 'Ancaman' }]],
    rows: Array.from({ length: rows }, (_, i) => ({ cells: [s, w, o, t].map((items) => ({ text: items[i] ?? '' })) })),
    look: { ...look, vAlign: 'top' },
    repeatHeader: false,
  };
}

const decimal = (value: number) => formatThousands(Math.round(value * 10) / 10);

export function indicatorTable(
  planStart: number,
  look: TableLook,
  subIncluded: (code: string) => boolean,
  include: (text: string) => boolean,
): TableModel {
  const years = Array.from({ length: 5 }, (_, i) => planStart + i);
  const rows: TableModel['rows'] = [];
  for (const dimension of DIMENSIONS) {
    const indicators = dimension.subs
      .filter((sub) => subIncluded(sub.code))
      .flatMap((sub) => sub.indicators.slice(0, 1))
      .filter((indicator) => include(indicator.name));
    if (indicators.length === 0) continue;
    rows.push({ band: dimension.name });
    for (const indicator of indicators) {
      rows.push({
        cells: [
          { text: indicator.name },
          { text: indicator.unit, align: 'center' },
          { text: decimal(indicator.from), align: 'center' },
          ...years.map((_, i) => ({ text: decimal(indicator.from + indicator.step * (i + 1)), align: 'center' as const })),
        ],
      });
    }
  }
  return {
    widths: [34, 10, 10, 9, 9, 9, 9, 9],
    header: [
      [
        { text: 'Indikator' },
        { text: 'Satuan' },
        { text: `Kondisi Awal (${planStart - 1})` },
        ...years.map((year) => ({ text: `Target ${year}` })),
      ],
    ],
    rows,
    look: { ...look, vAlign: 'center' },
    repeatHeader: true,
  };
}

export function budgetSummaryTable(programmes: Programme[], planStart: number, look: TableLook): TableModel {
  const years = Array.from({ length: 5 }, (_, i) => planStart + i);
  const totals = years.map(() => 0);
  const rows: TableModel['rows'] = [];
  for (const dimension of DIMENSIONS) {
    const perYear = years.map(() => 0);
    for (const programme of programmes.filter((p) => p.truth.dimension === dimension.code && p.juta !== null)) {
      const span = programme.end - programme.start + 1;
      for (let year = programme.start; year <= programme.end; year++)
        perYear[year - planStart] = (perYear[year - planStart] ?? 0) + (programme.juta as number) / span;
    }
    if (perYear.every((value) => value === 0)) continue;
    perYear.forEach((value, i) => (totals[i] = (totals[i] ?? 0) + Math.round(value)));
    const sum = perYear.reduce((a, b) => a + Math.round(b), 0);
    rows.push({
      cells: [
        { text: dimension.name },
        ...perYear.map((value) => ({ text: formatThousands(Math.round(value)), align: 'right' as const })),
        { text: formatThousands(sum), align: 'right' },
      ],
    });
  }
  rows.push({
    cells: [
      { text: 'Jumlah', bold: true },
      ...totals.map((value) => ({ text: formatThousands(value), align: 'right' as const, bold: true })),
      { text: formatThousands(totals.reduce((a, b) => a + b, 0)), align: 'right', bold: true },
    ],
  });
  return {
    widths: [24, 12, 12, 12, 12, 12, 16],
    header: [[{ text: 'Dimensi' }, ...years.map((year) => ({ text: String(year) })), { text: 'Jumlah' }]],
    rows,
    look: { ...look, vAlign: 'center' },
    repeatHeader: false,
  };
}

/** The road map repeats programme names with √ per year: still the same programmes. */
export function roadmapTable(rng: Rng, programmes: Programme[], planStart: number, look: TableLook): TableModel {
  const years = Array.from({ length: 5 }, (_, i) => planStart + i);
  const rows: TableModel['rows'] = [];
  for (const dimension of DIMENSIONS) {
    const own = programmes.filter((p) => p.truth.dimension === dimension.code);
    if (own.length === 0) continue;
    const subset = own.length > 8 ? own.filter(() => rng.chance(0.6)) : own;
    rows.push({ band: dimension.name });
    for (const programme of subset) {
      rows.push({
        cells: [
          { text: programme.truth.name },
          ...years.map((year) => ({ text: year >= programme.start && year <= programme.end ? '√' : '', align: 'center' as const })),
        ],
      });
    }
  }
  return {
    widths: [50, 10, 10, 10, 10, 10],
    header: [[{ text: 'Program' }, ...years.map((year) => ({ text: String(year) }))]],
    rows,
    look: { ...look, vAlign: 'center' },
    repeatHeader: true,
  };
}

export function regulationTable(head: string, short: string, look: TableLook, include: (text: string) => boolean): TableModel {
  const items: [string, string][] = [
    [`Peraturan ${head} ${short} tentang Sistem Pemerintahan Berbasis Elektronik`, 'Sudah ditetapkan'],
    [`Peraturan ${head} ${short} tentang Satu Data Daerah`, 'Dalam penyusunan'],
    [`Keputusan ${head} ${short} tentang Pembentukan Dewan Smart City`, 'Sudah ditetapkan'],
    [`Peraturan ${head} ${short} tentang Masterplan Smart City`, 'Direncanakan'],
    [`Peraturan ${head} ${short} tentang Manajemen Keamanan Informasi`, 'Belum ada'],
    [`Standar Operasional Prosedur Pengelolaan Aplikasi`, 'Dalam penyusunan'],
  ];
  return {
    widths: [7, 63, 30],
    header: [[{ text: 'No' }, { text: 'Regulasi' }, { text: 'Status' }]],
    rows: items
      .filter(([text]) => include(text))
      .map(([text, status], i) => ({ cells: [{ text: String(i + 1), align: 'center' }, { text }, { text: status }] })),
    look: { ...look, vAlign: 'top' },
    repeatHeader: false,
  };
}
