import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEvent } from '../../shared/assessment/model.ts';
import type { Language } from '../../shared/domain/settings.ts';
import { formatDateTime } from '../../shared/format/date.ts';
import { formatNumber } from '../../shared/format/number.ts';
import { useChannel } from '../api/queries.ts';
import { ErrorProblem } from './FormBits.tsx';
import { translate } from '../i18n.ts';
import styles from './HistoryList.module.css';

type Filter = { id?: number; submissionId?: number; criterion?: string };

function scoreText(value: unknown, language: Language): string {
  if (value === null || value === undefined) return translate('history.empty');
  if (value === 'na') return translate('scoring.naShort');
  return typeof value === 'number' ? formatNumber(value, language, 2) : String(value);
}

function clip(text: unknown): string {
  const value = typeof text === 'string' ? text : '';
  if (!value) return translate('history.empty');
  return value.length > 80 ? `“${value.slice(0, 80)}…”` : `“${value}”`;
}

/** One event of the trail in words: "Nilai 3 → 4", "Status: dikirim → draf (alasan: …)". */
export function describeEvent(event: HistoryEvent, language: Language): string {
  const t = translate;
  switch (event.action) {
    case 'score':
      return t('history.score', { before: scoreText(event.before, language), after: scoreText(event.after, language) });
    case 'note':
      return t('history.note', { before: clip(event.before), after: clip(event.after) });
    case 'evidence.add':
    case 'evidence.remove': {
      const item = (event.action === 'evidence.add' ? event.after : event.before) as { file?: string; page?: number } | null;
      return t(`history.${event.action === 'evidence.add' ? 'evidenceAdd' : 'evidenceRemove'}`, {
        file: item?.file ?? '',
        page: item?.page ?? '',
      });
    }
    case 'status':
      return t('history.status', {
        before: t(`assessment.status.${String(event.before)}`),
        after: t(`assessment.status.${String(event.after)}`),
      });
    case 'agreed':
      return t('history.agreed', { before: scoreText(event.before, language), after: scoreText(event.after, language) });
    case 'lead':
      return t('history.lead', { name: String(event.after) });
    case 'rubric_version': {
      const after = event.after as { version?: number; needsRescore?: string[] } | null;
      return t('history.rubricVersion', {
        before: (event.before as { version?: number } | null)?.version ?? '',
        after: after?.version ?? '',
        count: after?.needsRescore?.length ?? 0,
      });
    }
    case 'import':
      return t('history.import', { count: (event.after as { scores?: number } | null)?.scores ?? 0 });
    case 'create':
      return t('history.create', { role: t(`assessment.role.${String((event.after as { role?: string } | null)?.role ?? 'assessor')}`) });
  }
}

/** The audit trail of an assessment, a criterion of it, or a submission's panel: who, when, what changed from what to what. */
export function HistoryList({ filter, revision, showWho = false }: { filter: Filter; revision: number; showWho?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const history = useChannel('assessments.history', filter);
  const { data: events, error: problem, refetch } = history;
  // A change the page made (a new revision): read the trail again.
  const seenRevision = useRef(revision);
  useEffect(() => {
    if (seenRevision.current === revision) return;
    seenRevision.current = revision;
    void refetch();
  }, [revision, refetch]);

  if (problem) return <ErrorProblem error={problem} />;
  if (!events) return <p className="muted">{t('app.loading')}</p>;
  if (events.length === 0) return <p className="muted">{t('history.none')}</p>;
  return (
    <ol className={styles.historyList} reversed data-testid="history">
      {[...events].reverse().map((event) => (
        <li key={event.id}>
          <time dateTime={event.at} className="muted">
            {formatDateTime(event.at, language)}
          </time>{' '}
          <strong>{event.actor}</strong>
          {/* Whose assessment, when someone else changed it (the lead, an import): by person, whatever either is called now. */}
          {showWho && event.assessorName && event.assessorId !== event.actorId && <span className="muted"> ({event.assessorName})</span>}
          {event.criterion && <span className="tree-code"> {event.criterion}</span>}: {describeEvent(event, language)}
          {event.reason && event.reason !== 'import' && (
            <span className={styles.historyReason}> — {t('history.reason', { reason: event.reason })}</span>
          )}
          {event.reason === 'import' && <span className="muted"> ({t('history.viaImport')})</span>}
        </li>
      ))}
    </ol>
  );
}
