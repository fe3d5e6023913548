import type { Language } from '../domain/settings.ts';
import { localeTag } from './number.ts';

/** "28 Nov 2026, 12.21" in Indonesian; the original text when it is not a date. */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "30 November 2026" in Indonesian, as letters are dated; the original text when it is not a date. */
export function formatLongDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(language), { dateStyle: 'long' }).format(date);
}
