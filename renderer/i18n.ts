import { initReactI18next } from 'react-i18next';
import type { Language } from '../shared/domain/settings.ts';
import { createI18n, describeError, type Translate } from '../shared/i18n/index.ts';
import { ApiError } from './api/client.ts';

export const i18n = createI18n('id', [initReactI18next]);

export function applyLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** The app's translator in the shape the shared helpers (describeError, submissionLabel) take. */
export const translate: Translate = (key, params) => i18n.t(key, params ?? {}) as string;

/** The sentence to show for anything a call threw. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return describeError(translate, error.data);
  return translate('errors.unexpected', { message: (error as Error)?.message ?? String(error) });
}
