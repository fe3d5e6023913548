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

/**
 * How long ago, in words: "5 menit yang lalu", "kemarin", "sekarang"; the original text when it is
 * not a date. Meant beside the absolute time, which stays the exact answer.
 */
export function formatRelativeTime(iso: string, now: Date, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(localeTag(language), { numeric: 'auto' });
  const size = Math.abs(seconds);
  if (size < 45) return format.format(0, 'second');
  if (size < 45 * 60) return format.format(Math.round(seconds / 60), 'minute');
  if (size < 22 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
  if (size < 26 * 86400) return format.format(Math.round(seconds / 86400), 'day');
  if (size < 320 * 86400) return format.format(Math.round(seconds / (30 * 86400)), 'month');
  return format.format(Math.round(seconds / (365 * 86400)), 'year');
}
