import type { Rng } from './prng.ts';
import { formatThousands } from './prose.ts';
import type { BudgetMode, YearStyle } from './specs.ts';

/** How budgets and time spans are written in the cells, and what they mean. */

export interface BudgetCell {
  text: string;
  /** Whole rupiah, or null when the cell has no figure. */
  rupiah: number | null;
}

const NO_FIGURE = ['-', 'APBD', 'APBD/DAK', 'CSR', 'APBD Perubahan'];

/** `juta` is millions of rupiah (null: no figure). */
export function budgetCell(juta: number | null, mode: BudgetMode, rng: Rng): BudgetCell {
  if (juta === null) {
    const text = mode === 'mixed' ? rng.pick(NO_FIGURE) : rng.chance(0.8) ? '-' : 'APBD';
    return { text, rupiah: null };
  }
  const rupiah = juta * 1_000_000;
  switch (mode) {
    case 'juta-column':
      return { text: formatThousands(juta), rupiah };
    case 'rupiah-column':
      return { text: formatThousands(rupiah), rupiah };
    case 'rp-juta':
      return { text: `Rp ${formatThousands(juta)} juta`, rupiah };
    case 'rp-full':
      return { text: `Rp ${formatThousands(rupiah)}`, rupiah };
    case 'rp-full-cents':
      return { text: `Rp ${formatThousands(rupiah)},00`, rupiah };
    case 'miliar-M':
      return { text: `${formatThousands(juta / 1000)} M`, rupiah };
    case 'mixed': {
      const form = rng.pick(['rp-juta', 'miliar-M', 'rp-full', 'juta-label'] as const);
      if (form === 'juta-label') return { text: `${formatThousands(juta)} jt`, rupiah };
      return budgetCell(juta, form, rng);
    }
    case 'written': {
      // As typed by different people into one "Pagu Anggaran (Rp)" column.
      const form = rng.pick(
        juta >= 1000 ? (['miliar', 'miliar', 'juta', 'plain', 'dash'] as const) : (['juta', 'juta', 'plain', 'dash'] as const),
      );
      if (form === 'miliar') return { text: `Rp. ${formatThousands(juta / 1000)} Miliar`, rupiah };
      if (form === 'juta') return { text: `Rp ${formatThousands(juta)} Juta`, rupiah };
      if (form === 'plain') return { text: formatThousands(rupiah), rupiah };
      return { text: `Rp ${formatThousands(rupiah)},-`, rupiah };
    }
  }
}

/** A budget in millions that reads naturally: mostly round, sometimes exact (1.543). */
export function drawJuta(rng: Rng, min: number, max: number, mode: BudgetMode): number {
  const raw = rng.int(min, max);
  // "2,5 M" style needs at most two decimals of a billion.
  if (mode === 'miliar-M' || mode === 'mixed' || mode === 'written') return Math.max(10, Math.round(raw / 10) * 10);
  const roll = rng.next();
  if (roll < 0.55) return Math.max(25, Math.round(raw / 50) * 50);
  if (roll < 0.8) return Math.max(5, Math.round(raw / 5) * 5);
  return raw;
}

/** "2024", or a span written in the document's style; the truth form uses an en dash. */
export function yearText(start: number, end: number, style: YearStyle): { text: string; truth: string } {
  if (start === end) return { text: String(start), truth: String(start) };
  const truth = `${start}–${end}`;
  switch (style) {
    case 'en-dash':
      return { text: truth, truth };
    case 'hyphen':
      return { text: `${start}-${end}`, truth };
    case 'spaced-hyphen':
      return { text: `${start} - ${end}`, truth };
    case 'sd':
      return { text: `${start} s.d. ${end}`, truth };
  }
}

export const HORIZON_WORDS = { quick_win: 'Quick Win', short: 'Jangka Pendek', medium: 'Jangka Menengah', long: 'Jangka Panjang' } as const;
