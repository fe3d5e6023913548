import { fold } from '../../text/fold.ts';

/**
 * Typed cell values of programme tables: horizons, years and budgets, read the way
 * Indonesian documents write them ("Jangka Menengah", "2024–2026", "Rp 368 juta",
 * "1.543" in a column of millions, "2,5 M", "Rp 750.000.000,00").
 */

const YEAR = /(?<!\d)(20\d{2})(?!\d)/g;

/** "Jangka Pendek" → short; a cell of years only is no horizon (its years are read by normaliseYear). */
export function normaliseHorizon(text: string): string | null {
  const folded = fold(text).replace(/\s+/g, ' ').trim();
  if (!folded) return null;
  // "Ouick Win": OCR reads a Q as an O often enough.
  if (/\b[qo]uick ?wins?\b|\bqw\b/.test(folded)) return 'quick_win';
  if (/pendek|short/.test(folded)) return 'short';
  if (/menengah|medium|sedang/.test(folded)) return 'medium';
  if (/panjang|long/.test(folded)) return 'long';
  if (!/\p{L}{3}/u.test(folded.replace(/tahun|th\.?|s\.?d\.?|sampai|hingga/g, ''))) return null;
  return text.replace(/\s+/g, ' ').trim();
}

/** "2024", "2024 - 2026", "2025/2027", "Tahun 2024 s.d. 2026" → "2024", "2024–2026". */
export function normaliseYear(text: string): string | null {
  const years = [...text.matchAll(YEAR)].map((match) => Number(match[1]));
  if (years.length === 0) return null;
  const first = Math.min(...years);
  const last = Math.max(...years);
  return first === last ? String(first) : `${first}–${last}`;
}

/** The unit a budget column states in its header: "(Rp juta)", "(dalam ribuan rupiah)", "Miliar". */
export function budgetUnitOf(header: string): number {
  const folded = fold(header);
  if (/miliar|milyar|\bm\)/.test(folded)) return 1e9;
  if (/juta|\bjt\b/.test(folded)) return 1e6;
  if (/ribu/.test(folded)) return 1e3;
  return 1;
}

const INLINE_UNITS: [RegExp, number][] = [
  [/\b(triliun|trilyun|t)\b\.?$/i, 1e12],
  [/\b(miliar|milyar|m|mlyr|b)\b\.?$/i, 1e9],
  [/\b(juta|jt)\b\.?$/i, 1e6],
  [/\b(ribu|rb)\b\.?$/i, 1e3],
];

/** A number as written in Indonesian ("1.250.000,50") or English ("1,250,000.50") style. */
export function parseDecimal(text: string): number | undefined {
  const clean = text.replace(/\s/g, '');
  if (!/^\d[\d.,]*$/.test(clean)) return undefined;
  const dots = (clean.match(/\./g) ?? []).length;
  const commas = (clean.match(/,/g) ?? []).length;
  let normalised: string;
  if (dots && commas) {
    // The last separator is the decimal one.
    normalised = clean.lastIndexOf(',') > clean.lastIndexOf('.') ? clean.replace(/\./g, '').replace(',', '.') : clean.replace(/,/g, '');
  } else if (dots) {
    normalised = dots > 1 || /\.\d{3}$/.test(clean) ? clean.replace(/\./g, '') : clean;
  } else if (commas) {
    normalised = commas > 1 ? clean.replace(/,/g, '') : clean.replace(',', '.');
  } else {
    normalised = clean;
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * A budget in whole rupiah, or null when the cell holds no figure ("APBD", "-",
 * "menyesuaikan"). `unit` is what the column's header says its figures are in.
 */
export function parseBudget(text: string, unit = 1): number | null {
  let rest = text
    .replace(/\s+/g, ' ')
    .replace(/^\s*rp\.?\s*/i, '')
    .replace(/,-$/, '')
    .trim();
  if (!/\d/.test(rest)) return null;
  let multiplier = unit;
  for (const [pattern, value] of INLINE_UNITS) {
    if (pattern.test(rest)) {
      multiplier = value;
      rest = rest.replace(pattern, '').trim();
      break;
    }
  }
  rest = rest.replace(/^rp\.?\s*/i, '').trim();
  const value = parseDecimal(rest);
  if (value === undefined) return null;
  return Math.round(value * multiplier);
}

/** Whether a cell reads as money: a figure with Rp or a unit, or a plain grouped number. */
export function looksLikeBudget(text: string): boolean {
  const trimmed = text.trim();
  if (/^rp\.?\s*\d/i.test(trimmed)) return true;
  if (/^\d[\d.,]*\s*(juta|jt|miliar|milyar|m|ribu|rb)\.?$/i.test(trimmed)) return true;
  return /^\d{1,3}([.,]\d{3})+([.,]\d{1,2})?$/.test(trimmed) || /^\d+,\d{1,2}$/.test(trimmed);
}

export function looksLikeHorizon(text: string): boolean {
  const folded = fold(text);
  return (
    /jangka (pendek|menengah|panjang)|quick ?win/.test(folded) ||
    /^(tahun\s*)?20\d{2}(\s*([-–—/]|s\.?d\.?|sampai|hingga)\s*20\d{2})?$/.test(folded.trim())
  );
}

/** A regional agency's name or abbreviation (Dinas …, Badan …, Diskominfo, Bappeda, RSUD …). */
export function looksLikeAgency(text: string): boolean {
  const folded = fold(text);
  return /\b(dinas|badan|bagian|biro|sekretariat|satpol|rsud|kecamatan|inspektorat|kantor|unit|upt|dis[a-z]{3,}|bappeda|bpbd|bpkad|bkpsdm|dpmptsp|setda|kesbangpol|opd)\b/.test(
    folded,
  );
}
