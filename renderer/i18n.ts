import { initReactI18next } from 'react-i18next';
import type { Language } from '../shared/domain/settings.ts';
import { createI18n, describeError } from '../shared/i18n/index.ts';
import { ApiError } from './api/client.ts';

export const i18n = createI18n('id', [initReactI18next]);

export function applyLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** The sentence to show for anything a call threw. */
export function errorText(error: unknown): string {
  const t = (key: string, params?: Record<string, unknown>) => i18n.t(key, params ?? {}) as string;
  if (error instanceof ApiError) return describeError(t, error.data);
  return t('errors.unexpected', { message: (error as Error)?.message ?? String(error) });
}
