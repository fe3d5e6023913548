import { budgetCell, drawJuta, HORIZON_WORDS, yearText, type BudgetCell } from './formats.ts';
import type { Rng } from './prng.ts';
import type { ColumnKey, DocSpec } from './specs.ts';
import type { SubDimensionCode, TruthItem } from './truth.ts';
import {
  AGENCIES,
  AGENCY_BY_TOPIC,
  DIMENSIONS,
  INNOVATION_TAILS,
  QUALIFIERS,
  subVocabulary,
  VERBS,
  type AgencyKey,
  type ProgrammeObject,
} from './vocabulary.ts';

/** The programmes and quick wins of one document: names, agencies, time, budgets, and their cells. */

export type Horizon = 'quick_win' | 'short' | 'medium' | 'long';

export interface Programme {
  truth: Omit<TruthItem, 'page'>;
  object: ProgrammeObject;
  start: number;
  end: number;
  juta: number | null;
  /** Cell text per column of the programme table. */
  cells: Partial<Record<ColumnKey, string>>;
  /** A footnote mark after the agency ("Diskominfo¹"), not part of the truth. */
  mark?: string;
}

export interface QuickWin {
  truth: Omit<TruthItem, 'page'>;
  cells: Record<string, string>;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Programmes per sub-dimension: uneven, at least one each, at most the objects available. */
export function allocate(rng: Rng, spec: DocSpec): Map<SubDimensionCode, number> {
  const counts = new Map<SubDimensionCode, number>();
  const subs = DIMENSIONS.flatMap((dimension) => dimension.subs.map((sub) => sub.code)).filter(
    (code) => !spec.thin || !code.startsWith(`${spec.thin.dimension}.`),
  );
  let rest = spec.programmeCount;
  if (spec.thin) {
    const thin = rng.int(2, 3);
    counts.set(spec.thin.keep, thin);
    rest -= thin;
  }
  const weights = subs.map(() => 0.25 + rng.next() * 1.6);
  const sum = weights.reduce((a, b) => a + b, 0);
  subs.forEach((code, i) => counts.set(code, Math.min(9, Math.max(1, Math.round(((weights[i] as number) / sum) * rest)))));
  let total = subs.reduce((a, code) => a + (counts.get(code) ?? 0), 0);
  while (total !== rest) {
    const code = rng.pick(subs);
    const n = counts.get(code) ?? 0;
    if (total < rest && n < 9) {
      counts.set(code, n + 1);
      total++;
    } else if (total > rest && n > 1) {
      counts.set(code, n - 1);
      total--;
    }
  }
  return counts;
}

function agencyText(rng: Rng, spec: DocSpec, keys: readonly AgencyKey[], topic?: string): string {
  const name = (key: AgencyKey) => {
    const [full, short] = AGENCIES[key];
    if (spec.agencyNames === 'full') return full;
    if (spec.agencyNames === 'abbreviated') return short;
    return rng.chance(0.5) ? full : short;
  };
  const lead = (topic ? AGENCY_BY_TOPIC.find(([pattern]) => pattern.test(topic))?.[1] : undefined) ?? rng.pick(keys);
  if (spec.agencyBreaks) {
    // A manual line break (Shift+Enter, written "\v") inside a long name, or between two agencies.
    const broken = (text: string) => {
      const words = text.split(' ');
      if (words.length < 3 || !rng.chance(0.4)) return text;
      const at = rng.chance(0.5) ? words.length - 1 : Math.ceil(words.length / 2);
      return `${words.slice(0, at).join(' ')}\v${words.slice(at).join(' ')}`;
    };
    if (rng.chance(0.25)) {
      const second = rng.pick((['diskominfo', 'bappeda', ...keys] as AgencyKey[]).filter((key) => key !== lead));
      return `${name(lead)}${rng.pick(['\v', '\v', '; '])}${name(second)}`;
    }
    return broken(name(lead));
  }
  if (rng.chance(0.15)) {
    const second = rng.pick((['diskominfo', 'bappeda', ...keys] as AgencyKey[]).filter((key) => key !== lead));
    return `${name(lead)}${rng.pick(['; ', ', ', ' dan '])}${name(second)}`;
  }
  return name(lead);
}

function drawHorizon(rng: Rng, spec: DocSpec): { horizon: Horizon; start: number; end: number } {
  const p = spec.planStart;
  const canQuickWin = spec.tables.horizon === 'words' || spec.tables.horizon === 'words+years' || spec.tables.horizon === 'both';
  const roll = rng.next();
  if (canQuickWin && roll < 0.08) return { horizon: 'quick_win', start: p, end: p };
  if (roll < 0.42) {
    const start = p + rng.int(0, 1);
    return { horizon: 'short', start, end: start + rng.int(0, 1) };
  }
  if (roll < 0.8) {
    const start = p + rng.int(0, 1);
    return { horizon: 'medium', start, end: p + rng.int(2, 3) };
  }
  return { horizon: 'long', start: p + rng.int(0, 2), end: p + 4 };
}

const BUDGET_RANGE: Record<ProgrammeObject['kind'], [number, number]> = {
  place: [400, 6500],
  sys: [150, 2600],
  svc: [100, 1600],
  prog: [50, 950],
  dig: [100, 1300],
};

export function makeProgrammes(rng: Rng, spec: DocSpec, regencyName: string, allowed: (text: string) => boolean): Programme[] {
  const counts = allocate(rng.fork('allocate'), spec);
  const programmes: Programme[] = [];
  const names: string[] = [];
  const clashes = (name: string) =>
    names.some((other) => other.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(other.toLowerCase()));
  const { tables } = spec;
  const remarks = tables.columns.includes('remarks') ? rng.fork('remarks') : null;
  // Draws of the second held-out set, each from a generator of its own (the others' draws stay as they were).
  const rpjmd = tables.columns.includes('rpjmd') ? rng.fork('rpjmd') : null;
  const funds = tables.columns.includes('apbd') ? rng.fork('funds') : null;
  const bullets = tables.bullets ? rng.fork('bullets') : null;
  for (const dimension of DIMENSIONS) {
    for (const [subIndex, sub] of dimension.subs.entries()) {
      const count = counts.get(sub.code) ?? 0;
      let inSub = 0;
      const vocabulary = subVocabulary(sub.code);
      const objects = rng.shuffle(vocabulary.objects).filter((object) => allowed(`${object.object} ${object.feature}`));
      if (objects.length < count) throw new Error(`${spec.id}: ${sub.code} has ${objects.length} usable objects for ${count} programmes`);
      for (const object of objects.slice(0, count)) {
        let name = '';
        for (let attempt = 0; attempt < 30; attempt++) {
          const qualifier = rng.chance(0.45) ? ` ${rng.pick(QUALIFIERS[object.kind]).replace('{R}', regencyName)}` : '';
          name = `${rng.pick(VERBS[object.kind])} ${object.object}${qualifier}`;
          if (!clashes(name) && allowed(name)) break;
        }
        if (clashes(name) || !allowed(name)) throw new Error(`${spec.id}: no unique name for ${object.object}`);
        names.push(name);
        const tail = rng.chance(0.4) ? rng.pick(INNOVATION_TAILS) : '';
        const innovation = capitalise(object.feature) + (tail && allowed(tail) ? ` ${tail}` : '');
        const agency = agencyText(rng, spec, vocabulary.agencies, object.object);
        const time = drawHorizon(rng, spec);
        const [min, max] = BUDGET_RANGE[object.kind];
        const juta = rng.chance(0.1) ? null : drawJuta(rng, min, max, tables.budget);
        let budget: BudgetCell & { apbd?: string; otherFunds?: string } = budgetCell(juta, tables.budget, rng);
        if (funds) budget = { rupiah: budget.rupiah, ...splitFunds(funds, juta, tables.budget) };
        const years = yearText(time.start, time.end, tables.yearStyle);
        const cells: Partial<Record<ColumnKey, string>> = {
          dimension: dimension.name,
          sub: vocabulary.names[0] as string,
          name,
          innovation,
          agency,
          budget: budget.text,
        };
        inSub++;
        if (tables.columns.includes('code')) cells.code = `${dimension.code}.${subIndex + 1}.${inSub}`;
        if (remarks) cells.remarks = remarks.pick(['Prioritas', 'Prioritas', 'Lanjutan', 'Lanjutan', '-', '-', '-', 'Baru']);
        if (rpjmd) cells.rpjmd = rpjmd.pick(RPJMD[sub.code].filter(allowed));
        if (budget.apbd !== undefined) {
          cells.apbd = budget.apbd;
          cells.otherFunds = budget.otherFunds;
        }
        // Two or three bullets typed into the cell, each a paragraph: the feature, then how it is done.
        const innovationText = bullets ? bulleted(bullets, object, allowed) : innovation;
        cells.innovation = innovationText;
        let horizon: Horizon | null = time.horizon;
        let year: string | null = null;
        switch (tables.horizon) {
          case 'words':
            cells.horizon = HORIZON_WORDS[time.horizon];
            break;
          case 'years':
            cells.year = years.text;
            horizon = null;
            year = years.truth;
            break;
          case 'words+years':
            cells.horizon = `${HORIZON_WORDS[time.horizon]} (${years.text})`;
            year = years.truth;
            break;
          case 'both':
            cells.horizon = HORIZON_WORDS[time.horizon];
            cells.year = years.text;
            year = years.truth;
            break;
          case 'checkmarks': {
            const h = time.horizon === 'quick_win' ? 'short' : time.horizon;
            horizon = h;
            cells.hShort = h === 'short' ? '√' : '';
            cells.hMedium = h === 'medium' ? '√' : '';
            cells.hLong = h === 'long' ? '√' : '';
            break;
          }
          case 'start-end':
            cells.start = String(time.start);
            cells.end = String(time.end);
            horizon = null;
            year = years.truth;
            break;
          case 'year-ticks':
            (['y1', 'y2', 'y3', 'y4', 'y5'] as const).forEach(
              (key, i) => (cells[key] = spec.planStart + i >= time.start && spec.planStart + i <= time.end ? '√' : ''),
            );
            horizon = null;
            year = years.truth;
            break;
        }
        programmes.push({
          // A manual line break in the cell counts as a space, like the breaks of a wrapped line.
          truth: {
            name,
            dimension: dimension.code,
            subDimension: sub.code,
            agency: agency.replace(/\v/g, ' '),
            horizon,
            year,
            budget: budget.rupiah,
            budgetText: budget.text,
            innovation: tables.columns.includes('innovation') ? innovationText.replace(/\n/g, ' ') : null,
          },
          object,
          start: time.start,
          end: time.end,
          juta,
          cells,
        });
      }
    }
  }
  return programmes;
}

/**
 * A budget in two columns, APBD and Sumber Lain (Rp juta): mostly all from the APBD, some shared,
 * some from other sources only; "-" where a column has nothing. `text` is "APBD | Sumber Lain".
 */
function splitFunds(rng: Rng, juta: number | null, mode: DocSpec['tables']['budget']): { text: string; apbd: string; otherFunds: string } {
  const cell = (value: number | null) => (value === null ? '-' : budgetCell(value, mode, rng).text);
  let apbd: number | null = juta;
  let other: number | null = null;
  if (juta !== null) {
    const roll = rng.next();
    if (roll < 0.25 && juta >= 100) {
      other = Math.max(5, Math.round((juta * (0.15 + rng.next() * 0.35)) / 5) * 5);
      apbd = juta - other;
    } else if (roll < 0.38) {
      other = juta;
      apbd = null;
    }
  }
  const texts = { apbd: cell(apbd), otherFunds: cell(other) };
  return { text: `${texts.apbd} | ${texts.otherFunds}`, ...texts };
}

/** Ways an innovation is carried out, for the second and third bullet of a cell. */
const BULLETS: Record<ProgrammeObject['kind'], string[]> = {
  sys: [
    'Integrasi data dengan Portal Satu Data',
    'Dasbor pemantauan bagi pimpinan daerah',
    'Aplikasi seluler berbasis Android',
    'Pelatihan operator di setiap perangkat daerah',
    'Penyusunan standar operasional prosedur',
    'Uji keamanan aplikasi secara berkala',
    'Layanan bantuan teknis bagi pengguna',
  ],
  svc: [
    'Layanan dapat diakses 24 jam',
    'Notifikasi status melalui WhatsApp',
    'Penetapan standar pelayanan dan maklumat layanan',
    'Survei kepuasan pengguna setiap triwulan',
    'Sosialisasi kepada masyarakat di kecamatan',
    'Pelatihan petugas layanan garda depan',
  ],
  place: [
    'Fasilitas ramah disabilitas',
    'Wi-Fi publik dan papan informasi digital',
    'Penyusunan desain teknis terperinci',
    'Pemeliharaan rutin bersama komunitas setempat',
    'Papan informasi dengan kode QR',
  ],
  prog: [
    'Pendampingan oleh perguruan tinggi setempat',
    'Pelatihan berjenjang bagi kader',
    'Laporan capaian setiap bulan',
    'Kolaborasi dengan komunitas dan dunia usaha',
    'Modul pelatihan yang dapat diakses daring',
    'Penghargaan bagi peserta terbaik',
  ],
  dig: [
    'Pendataan digital seluruh objek layanan',
    'Peta digital yang dapat diakses publik',
    'Pemutakhiran data setiap semester',
    'Integrasi dengan aplikasi perangkat daerah lain',
  ],
};

function bulleted(rng: Rng, object: ProgrammeObject, allowed: (text: string) => boolean): string {
  const extra = rng.sample(BULLETS[object.kind].filter(allowed), rng.int(1, 2));
  return [capitalise(object.feature), ...extra].map((item) => `• ${item}`).join('\n');
}

/** Programmes of the RPJMD (Permendagri 90/2019 nomenclature) that a sub-dimension's rows serve. */
const RPJMD: Record<SubDimensionCode, string[]> = {
  'GOV.public_service': ['Program Pelayanan Penanaman Modal', 'Program Pendaftaran Penduduk', 'Program Pengelolaan Aplikasi Informatika'],
  'GOV.bureaucracy': [
    'Program Kepegawaian Daerah',
    'Program Penunjang Urusan Pemerintahan Daerah',
    'Program Pengelolaan Aplikasi Informatika',
  ],
  'GOV.policy': [
    'Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah',
    'Program Informasi dan Komunikasi Publik',
    'Program Penyelenggaraan Statistik Sektoral',
  ],
  'BRA.tourism': ['Program Peningkatan Daya Tarik Destinasi Pariwisata', 'Program Pemasaran Pariwisata'],
  'BRA.business': ['Program Promosi Penanaman Modal', 'Program Pengembangan Iklim Penanaman Modal'],
  'BRA.city_appearance': ['Program Penataan Bangunan dan Lingkungannya', 'Program Kawasan Permukiman'],
  'ECO.industry': [
    'Program Perencanaan dan Pembangunan Industri',
    'Program Pemberdayaan Usaha Menengah, Usaha Kecil dan Usaha Mikro (UMKM)',
    'Program Peningkatan Sarana Distribusi Perdagangan',
  ],
  'ECO.welfare': [
    'Program Perlindungan dan Jaminan Sosial',
    'Program Pelatihan Kerja dan Produktivitas Tenaga Kerja',
    'Program Pemberdayaan Sosial',
  ],
  'ECO.finance': ['Program Pengelolaan Pendapatan Daerah', 'Program Pengelolaan Keuangan Daerah'],
  'LIV.harmony': ['Program Penyelenggaraan Penataan Ruang', 'Program Penyelenggaraan Jalan'],
  'LIV.health': [
    'Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat',
    'Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan',
  ],
  'LIV.mobility': ['Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)'],
  'SOC.community': [
    'Program Pemberdayaan Lembaga Kemasyarakatan, Lembaga Adat dan Masyarakat Hukum Adat',
    'Program Pengembangan Kapasitas Daya Saing Kepemudaan',
  ],
  'SOC.learning': ['Program Pengelolaan Pendidikan', 'Program Pembinaan Perpustakaan'],
  'SOC.security': ['Program Peningkatan Ketenteraman dan Ketertiban Umum', 'Program Penanggulangan Bencana'],
  'ENV.protection': ['Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup', 'Program Perencanaan Lingkungan Hidup'],
  'ENV.waste': ['Program Pengelolaan Persampahan', 'Program Pengelolaan dan Pengembangan Sistem Air Limbah'],
  'ENV.energy': ['Program Pengelolaan Energi Baru Terbarukan'],
};

/** Quick wins: short names of some programmes, spread over the dimensions. */
export function makeQuickWins(rng: Rng, spec: DocSpec, programmes: Programme[]): QuickWin[] {
  const table = spec.quickWinTable;
  const budgetHeader = table.headers.budget ?? '';
  const mode = /rp juta/i.test(budgetHeader)
    ? 'juta-column'
    : /\(rp\)/i.test(budgetHeader)
      ? 'rupiah-column'
      : spec.tables.budget === 'juta-column' || spec.tables.budget === 'rupiah-column'
        ? 'rp-juta'
        : spec.tables.budget;
  const byDimension = DIMENSIONS.map((dimension) =>
    rng.shuffle(
      programmes.filter((programme) => programme.truth.dimension === dimension.code && programme.truth.dimension !== spec.thin?.dimension),
    ),
  );
  const chosen: Programme[] = [];
  const names = new Set<string>();
  for (let round = 0; chosen.length < spec.quickWins && round < 12; round++) {
    for (const list of rng.shuffle(byDimension)) {
      const programme = list[round];
      if (!programme || chosen.length >= spec.quickWins) continue;
      const name = programme.object.brand ?? programme.object.object;
      if ([...names].some((other) => other.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(other.toLowerCase())))
        continue;
      names.add(name);
      chosen.push(programme);
    }
  }
  const order = DIMENSIONS.map((dimension) => dimension.code);
  chosen.sort((a, b) => order.indexOf(a.truth.dimension) - order.indexOf(b.truth.dimension));
  return chosen.map((programme) => {
    const name = programme.object.brand ?? programme.object.object;
    const year = String(spec.planStart + (rng.chance(0.7) ? 0 : 1));
    const juta = rng.chance(0.12) ? null : drawJuta(rng, 25, 650, mode);
    const budget = budgetCell(juta, mode, rng);
    const dimension = DIMENSIONS.find((d) => d.code === programme.truth.dimension)?.name ?? '';
    const hasHorizon = table.columns.includes('horizon');
    const hasInnovation = table.columns.includes('innovation');
    const innovation = capitalise(programme.object.feature);
    const cells: Record<string, string> = {
      dimension,
      name,
      innovation,
      agency: programme.cells.agency ?? programme.truth.agency,
      horizon: 'Jangka Pendek',
      year,
      budget: budget.text,
    };
    return {
      truth: {
        name,
        dimension: programme.truth.dimension,
        subDimension: programme.truth.subDimension,
        agency: programme.truth.agency,
        horizon: hasHorizon ? 'short' : null,
        year: table.columns.includes('year') ? year : null,
        budget: table.columns.includes('budget') ? budget.rupiah : null,
        budgetText: table.columns.includes('budget') ? budget.text : '',
        innovation: hasInnovation ? innovation : null,
      },
      cells,
    };
  });
}
