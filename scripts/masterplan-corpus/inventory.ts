import { budgetCell, drawJuta, HORIZON_WORDS, yearText } from './formats.ts';
import type { Rng } from './prng.ts';
import type { ColumnKey, DocSpec } from './specs.ts';
import type { SubDimensionCode, TruthItem } from './truth.ts';
import { AGENCIES, AGENCY_BY_TOPIC, DIMENSIONS, INNOVATION_TAILS, QUALIFIERS, subVocabulary, VERBS, type AgencyKey, type ProgrammeObject } from './vocabulary.ts';

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
}

export interface QuickWin {
  truth: Omit<TruthItem, 'page'>;
  cells: Record<string, string>;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Programmes per sub-dimension: uneven, at least one each, at most the objects available. */
export function allocate(rng: Rng, spec: DocSpec): Map<SubDimensionCode, number> {
  const counts = new Map<SubDimensionCode, number>();
  const subs = DIMENSIONS.flatMap((dimension) => dimension.subs.map((sub) => sub.code)).filter((code) => !spec.thin || !code.startsWith(`${spec.thin.dimension}.`));
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

const BUDGET_RANGE: Record<ProgrammeObject['kind'], [number, number]> = { place: [400, 6500], sys: [150, 2600], svc: [100, 1600], prog: [50, 950], dig: [100, 1300] };

export function makeProgrammes(rng: Rng, spec: DocSpec, regencyName: string, allowed: (text: string) => boolean): Programme[] {
  const counts = allocate(rng.fork('allocate'), spec);
  const programmes: Programme[] = [];
  const names: string[] = [];
  const clashes = (name: string) => names.some((other) => other.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(other.toLowerCase()));
  const { tables } = spec;
  const remarks = tables.columns.includes('remarks') ? rng.fork('remarks') : null;
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
        const budget = budgetCell(juta, tables.budget, rng);
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
            (['y1', 'y2', 'y3', 'y4', 'y5'] as const).forEach((key, i) => (cells[key] = spec.planStart + i >= time.start && spec.planStart + i <= time.end ? '√' : ''));
            horizon = null;
            year = years.truth;
            break;
        }
        programmes.push({
          // A manual line break in the cell counts as a space, like the breaks of a wrapped line.
          truth: { name, dimension: dimension.code, subDimension: sub.code, agency: agency.replace(/\v/g, ' '), horizon, year, budget: budget.rupiah, budgetText: budget.text, innovation: tables.columns.includes('innovation') ? innovation : null },
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

/** Quick wins: short names of some programmes, spread over the dimensions. */
export function makeQuickWins(rng: Rng, spec: DocSpec, programmes: Programme[]): QuickWin[] {
  const table = spec.quickWinTable;
  const budgetHeader = table.headers.budget ?? '';
  const mode = /rp juta/i.test(budgetHeader) ? 'juta-column' : /\(rp\)/i.test(budgetHeader) ? 'rupiah-column' : spec.tables.budget === 'juta-column' || spec.tables.budget === 'rupiah-column' ? 'rp-juta' : spec.tables.budget;
  const byDimension = DIMENSIONS.map((dimension) => rng.shuffle(programmes.filter((programme) => programme.truth.dimension === dimension.code && programme.truth.dimension !== spec.thin?.dimension)));
  const chosen: Programme[] = [];
  const names = new Set<string>();
  for (let round = 0; chosen.length < spec.quickWins && round < 12; round++) {
    for (const list of rng.shuffle(byDimension)) {
      const programme = list[round];
      if (!programme || chosen.length >= spec.quickWins) continue;
      const name = programme.object.brand ?? programme.object.object;
      if ([...names].some((other) => other.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(other.toLowerCase()))) continue;
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
