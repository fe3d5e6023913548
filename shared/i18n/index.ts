import { createInstance, type i18n as I18n } from 'i18next';
import type { AppErrorData, ProblemData } from '../errors.ts';
import type { Language } from '../domain/settings.ts';
import { en } from './en.ts';
import { id } from './id.ts';

export const resources = {
  id: { translation: id },
  en: { translation: en },
} as const;

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** An i18next instance with both catalogues, initialised synchronously. */
export function createI18n(language: Language, plugins: readonly Parameters<I18n['use']>[0][] = []): I18n {
  const instance = createInstance();
  for (const plugin of plugins) instance.use(plugin);
  void instance.init({
    resources,
    lng: language,
    fallbackLng: 'id',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

export function createTranslator(language: Language): Translate {
  const instance = createI18n(language);
  return (key, params) => instance.t(key, params ?? {}) as string;
}

/** "Bimtek 2" or "Evaluasi 2024": how people name a submission. */
export function submissionLabel(
  t: Translate,
  submission: { kind: 'bimtek' | 'evaluation'; stage: number | null; year: number | null },
): string {
  return submission.kind === 'bimtek'
    ? t('stage.label', { stage: submission.stage })
    : t('regency.evaluationLabel', { year: submission.year });
}

export function describeError(t: Translate, error: AppErrorData): string {
  const params: Record<string, unknown> = { ...error.params };
  if (typeof params.fields === 'string') {
    params.fields = params.fields
      .split(',')
      .map((field) => field.trim())
      .filter(Boolean)
      .map((field) => t(`fields.${field.split('.')[0] ?? field}`, { defaultValue: field }))
      .join(', ');
  }
  if (error.code.startsWith('assessment.')) {
    for (const key of ['status', 'from', 'to'] as const) {
      if (typeof params[key] === 'string') params[key] = t(`assessment.status.${params[key]}`, { defaultValue: params[key] }).toLowerCase();
    }
  }
  if (error.code === 'document.unsupported' && typeof params.detected === 'string') {
    params.detected = t(`errors.document.detected.${params.detected}`, { defaultValue: params.detected });
  }
  if (error.code === 'sync.auth') {
    // The hub's refusal reason (unknown_token, revoked, forbidden, not_joined) in words.
    const reason = typeof params.reason === 'string' ? params.reason : 'unknown';
    params.reason = t(`errors.sync.authReason.${reason}`, { defaultValue: t('errors.sync.authReason.unknown') });
  }
  return t(`errors.${error.code}`, { ...params, defaultValue: error.message });
}

/** One problem of a rubric (or later a score sheet) in the reader's language, without its location. */
export function describeProblem(t: Translate, problem: ProblemData): string {
  const params: Record<string, unknown> = { ...problem.params };
  if (params.group === '(root)') params.group = t('rubricProblems.root');
  if (problem.code === 'schema') {
    const issue = String(problem.params.issue ?? 'other');
    const fallback = t(`rubricProblems.schema.${issue}`, { ...params, defaultValue: t('rubricProblems.schema.other', params) });
    // A format rule of a known field (an identifier, a code) has its own sentence.
    return issue === 'invalid_format' && params.field
      ? t(`rubricProblems.schema.format_${String(params.field)}`, { ...params, defaultValue: fallback })
      : fallback;
  }
  for (const family of ['assessment', 'scoresheet'] as const) {
    if (problem.code.startsWith(`${family}.`)) {
      return t(`${family}Problems.${problem.code.slice(family.length + 1)}`, {
        ...params,
        defaultValue: `${problem.code} ${JSON.stringify(problem.params)}`,
      });
    }
  }
  return t(`rubricProblems.${problem.code}`, { ...params, defaultValue: `${problem.code} ${JSON.stringify(problem.params)}` });
}

/** What the coverage map says of a topic, with its numbers beside its peers'. */
export interface CoverageFacts {
  code: string;
  kind?: string;
  hits: number;
  status: 'ok' | 'thin' | 'missing';
  peers?: { min: number; max: number };
  missingChildren?: string[];
  structure?: { items?: number; tables?: number; sections?: string[] };
}

/**
 * A topic's coverage in one line that explains itself: "Smart Environment: 23 mentions;
 * the other dimensions 79–143; Energy not found", or for a plan part shown by the
 * document's structure, "Quick win: 8 in tables".
 */
export function coverageNote(t: Translate, topic: CoverageFacts, titleOf: (code: string) => string): string {
  const parts: string[] = [];
  const items = topic.structure?.items ?? 0;
  const tables = topic.structure?.tables ?? 0;
  if (topic.kind !== 'dimension' && items > 0) parts.push(t('coverage.inTables', { count: items }));
  else if (topic.kind !== 'dimension' && tables > 0) parts.push(t('coverage.tables', { count: tables }));
  else parts.push(t('coverage.mentions', { count: topic.hits }));
  if (topic.kind === 'dimension' && topic.peers) parts.push(t('coverage.peers', { min: topic.peers.min, max: topic.peers.max }));
  if (topic.missingChildren?.length) parts.push(t('coverage.notFound', { topics: topic.missingChildren.map(titleOf).join(', ') }));
  return `${titleOf(topic.code)}: ${parts.join('; ')}`;
}
