import type { Language } from '../domain/settings.ts';

const LOCALE_TAGS: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

export function localeTag(language: Language): string {
  return LOCALE_TAGS[language];
}

/** 70.5 → "70,5%" in Indonesian, "70.5%" in English. Rounds for display only. */
export function formatPercent(percent: number, language: Language, fractionDigits = 1): string {
  return new Intl.NumberFormat(localeTag(language), {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: fractionDigits,
  }).format(percent / 100);
}

export function formatNumber(value: number, language: Language, fractionDigits = 2): string {
  return new Intl.NumberFormat(localeTag(language), { maximumFractionDigits: fractionDigits }).format(value);
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

function validGrouping(whole: string, group: string): boolean {
  if (!whole.includes(group)) return true;
  const parts = whole.replace(/^[+-]/, '').split(group);
  const head = parts[0] ?? '';
  return head.length >= 1 && head.length <= 3 && parts.slice(1).every((part) => part.length === 3);
}
