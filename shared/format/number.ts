import type { Language } from '../domain/settings.ts';

const LOCALE_TAGS: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

export function localeTag(language: Language): string {
  return LOCALE_TAGS[language];
}

/**
 * Round half away from zero at `digits` decimals, working on the number's shortest
 * decimal form: 0.1×3.84 + … computes to 3.4749999999999996, which a person (and
 * Excel's ROUND) reads as 3.475 and rounds to 3.48. Display only; never stored.
 */
export function roundHalfUp(value: number, digits: number): number {
  // Beyond 15 significant digits there are no decimals left to round (and the trick below would overflow).
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) return value;
  const clean = Math.abs(Number(value.toPrecision(12)));
  const [mantissa, exponent = '0'] = clean.toExponential().split('e');
  const rounded = Math.round(Number(`${mantissa}e${Number(exponent) + digits}`));
  const back = Number(`${rounded}e${-digits}`);
  return value < 0 && back !== 0 ? -back : back;
}

// Making a formatter costs far more than using one, and a cohort formats thousands of numbers.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(language: Language, kind: 'percent' | 'number' | 'score', fractionDigits: number): Intl.NumberFormat {
  const key = `${language}|${kind}|${fractionDigits}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.NumberFormatOptions =
      kind === 'percent'
        ? { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: fractionDigits }
        : kind === 'score'
          ? { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }
          : { maximumFractionDigits: fractionDigits };
    found = new Intl.NumberFormat(localeTag(language), options);
    formatters.set(key, found);
  }
  return found;
}

/** 70.5 → "70,5%" in Indonesian, "70.5%" in English. */
export function formatPercent(percent: number, language: Language, fractionDigits = 1): string {
  return formatter(language, 'percent', fractionDigits).format(roundHalfUp(percent, fractionDigits) / 100);
}

/** Up to `fractionDigits` decimals, trailing zeros dropped: 1.234,5 in Indonesian. */
export function formatNumber(value: number, language: Language, fractionDigits = 2): string {
  return formatter(language, 'number', fractionDigits).format(roundHalfUp(value, fractionDigits));
}

/** Exactly `fractionDigits` decimals, as scores are published: 3,48 (an index), 42,64 (points). */
export function formatScore(value: number, language: Language, fractionDigits = 2): string {
  return formatter(language, 'score', fractionDigits).format(roundHalfUp(value, fractionDigits));
}

/**
 * Read a number as a person types it. Indonesian writes 70,5 and 1.234,5; English
 * 70.5 and 1,234.5. A lone separator followed by other than three digits is taken
 * as the decimal mark in either language, so "70.5" still means 70.5 in Indonesian.
 * Returns undefined for anything that is not a number.
 */
export function parseLocaleNumber(text: string, language: Language): number | undefined {
  const trimmed = text.replace(/[\s\u00a0%]/g, '');
  if (!/^[+-]?[\d.,]+$/.test(trimmed) || !/\d/.test(trimmed)) return undefined;
  const decimal = language === 'id' ? ',' : '.';
  const group = language === 'id' ? '.' : ',';
  let normalised: string;
  if (trimmed.includes(decimal)) {
    if (trimmed.indexOf(decimal) !== trimmed.lastIndexOf(decimal)) return undefined;
    const [whole = '', fraction = ''] = trimmed.split(decimal);
    if (fraction.includes(group) || !validGrouping(whole, group)) return undefined;
    normalised = `${whole.split(group).join('')}.${fraction}`;
  } else if (trimmed.includes(group)) {
    const groups = trimmed.split(group);
    const isGrouping = groups.length > 1 && groups.slice(1).every((part) => part.length === 3) && validGrouping(trimmed, group);
    if (isGrouping) normalised = groups.join('');
    else if (groups.length === 2) normalised = groups.join('.');
    else return undefined;
  } else {
    normalised = trimmed;
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

/** 1.234.567 is grouped; 0.125 is not (no number starts with a 0 group), nor is 12.34. */
function validGrouping(whole: string, group: string): boolean {
  if (!whole.includes(group)) return true;
  const parts = whole.replace(/^[+-]/, '').split(group);
  return /^[1-9]\d{0,2}$/.test(parts[0] ?? '') && parts.slice(1).every((part) => part.length === 3);
}

/** A gap to the pass mark in percentage points, signed with a true minus: "+1,9", "−10". */
export function formatGap(gap: number | null, language: Language): string {
  if (gap === null) return '–';
  return `${gap >= 0 ? '+' : '−'}${formatNumber(Math.abs(gap), language, 1)}`;
}

const rupiahFormatters = new Map<string, Intl.NumberFormat>();

/**
 * A budget in rupiah, short or whole ("Rp 368.000.000"). Short is "Rp 368 jt", "Rp 2,5 M"
 * in Bahasa Indonesia; in English the units are written out ("Rp 2.5 billion"), since
 * there "M" would read as million where a masterplan means miliar.
 */
export function formatRupiah(value: number, language: Language, compact = true): string {
  const key = `${language}|${compact}`;
  let found = rupiahFormatters.get(key);
  if (!found) {
    const short = { notation: 'compact', maximumFractionDigits: 1, compactDisplay: language === 'en' ? 'long' : 'short' } as const;
    found = new Intl.NumberFormat(localeTag(language), compact ? short : { maximumFractionDigits: 0 });
    rupiahFormatters.set(key, found);
  }
  return `Rp ${found.format(value)}`;
}

/** A file's size as people read it: 1,2 MB and 850 KB in Indonesian, 1.2 MB in English (1 KB = 1024 bytes). */
export function formatBytes(bytes: number, language: Language): string {
  if (bytes < 1024) return `${formatNumber(bytes, language, 0)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, language, 0)} KB`;
  if (bytes < 1024 ** 3) return `${formatNumber(bytes / 1024 ** 2, language, 1)} MB`;
  return `${formatNumber(bytes / 1024 ** 3, language, 1)} GB`;
}
