import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/domain/settings.ts';
import type { RubricSummary } from '../../shared/rubric/catalog.ts';
import { useChannel } from '../api/queries.ts';
import { localTitle } from './text.ts';

/**
 * The rubric a new assessment is made on: the latest version of each rubric, and the one
 * chosen (the user's pick, else the one asked for, else the masterplan review, else the first).
 */
export function useRubricChoice(asked?: string) {
  const list = useChannel('rubrics.list', {});
  const rubrics = useMemo(() => (list.data ?? []).filter((summary) => summary.latest), [list.data]);
  const [picked, pick] = useState('');
  const id = picked || asked || (rubrics.find((summary) => summary.id === 'masterplan-review') ?? rubrics[0])?.id || '';
  const chosen = rubrics.find((summary) => summary.id === id);
  return { rubrics, chosen, pick };
}

export function RubricField({ rubrics, chosen, pick }: ReturnType<typeof useRubricChoice>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-rubric`}>{t('assessment.rubric')}</label>
      <select id={`${id}-rubric`} value={chosen?.id ?? ''} onChange={(event) => pick(event.target.value)}>
        {rubrics.map((summary: RubricSummary) => (
          <option key={summary.id} value={summary.id}>
            {localTitle(summary.name, language)} (v{summary.version})
          </option>
        ))}
      </select>
    </div>
  );
}
