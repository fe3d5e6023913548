import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentStatus, AssessmentSummary } from '../../../shared/assessment/model.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatGap, formatNumber, formatPercent } from '../../../shared/format/number.ts';
import type { RubricResult } from '../../../shared/rubric/score.ts';
import { call } from '../../api/client.ts';
import { ASSESSMENT_READS, useChannelMutation } from '../../api/queries.ts';
import { downloadBase64 } from '../../api/files.ts';
import { useNotify } from '../../app/notices.tsx';
import { routeHref } from '../../app/routes.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { FormProblem } from '../../components/FormBits.tsx';
import { errorText } from '../../i18n.ts';
import { gapClass, localTitle } from '../../components/text.ts';
import { GapBars } from '../../components/charts/GapBars.tsx';
import { useRememberedToggle } from '../../components/remembered.ts';
import { dimensionPoints, gapBars } from '../../../shared/analytics/charts.ts';
import type { SaveState } from './useScoring.ts';
import styles from './AssessmentHeader.module.css';

interface Props {
  assessment: AssessmentSummary;
  result: RubricResult;
  title: string;
  saveState: SaveState;
  canUndo: boolean;
  onUndo(): void;
  /** Resolves once every change made so far has landed: true when all were saved. */
  settled(): Promise<boolean>;
  onChanged(): void;
}

/** Where the assessment stands (live %, gap to the pass mark, completeness) and what can be done with it next. */
export function AssessmentHeader({ assessment, result, title, saveState, canUndo, onUndo, settled, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const notify = useNotify();
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const { scored, scorable } = result.completeness;
  const [asking, setAsking] = useState<'submitted' | 'finalized' | { upgradeTo: number } | undefined>();
  const liveBars = useMemo(() => gapBars(dimensionPoints(result)), [result]);
  // Shown on a screen tall enough for it, folded on a laptop; the choice is remembered on this computer.
  const [chartShown, toggleChart] = useRememberedToggle('timbang.scoring.liveChart', () => window.innerHeight >= 900);
  const transition = useChannelMutation('assessments.transition', { invalidates: ASSESSMENT_READS });
  const upgradeRubric = useChannelMutation('assessments.upgrade', { invalidates: ASSESSMENT_READS });

  async function move(to: AssessmentStatus, why?: string) {
    setBusy(true);
    setProblem(undefined);
    try {
      if (!(await settled())) return;
      await transition.mutateAsync({ id: assessment.id, to, ...(why ? { reason: why } : {}) });
      notify(t(`scoring.moved.${to}`));
      setReopening(false);
      setReason('');
      onChanged();
    } catch (error) {
      if (reopening) setProblem(errorText(error));
      else notify(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function upgrade(version: number) {
    try {
      if (!(await settled())) return;
      const outcome = await upgradeRubric.mutateAsync({ id: assessment.id, version });
      notify(t('scoring.upgraded', { version, count: outcome.needsRescore.length }));
      onChanged();
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  async function exportJson() {
    try {
      const file = await call('assessments.export', { id: assessment.id });
      downloadBase64(file.fileName, file.mimeType, file.contentBase64);
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  function submitReopen(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(t('scoring.reasonNeeded'));
      return;
    }
    void move('draft', reason.trim());
  }

  // Until every due criterion is scored the result is provisional: it says so, and claims no band and no pass.
  const provisional = !result.complete;
  const band = result.band && !provisional ? localTitle(result.band.label, language) : undefined;
  return (
    <header className={`page-header scoring-header ${styles.header}`} data-chart={chartShown ? 'shown' : 'hidden'}>
      <p className="breadcrumb">
        <a href={routeHref({ page: 'assessments' })}>{t('nav.assessments')}</a> ›{' '}
        <a href={routeHref({ page: 'submission', id: assessment.submissionId, reader: {} })}>{title}</a> ›{' '}
        {assessment.role === 'self' ? (
          <a href={routeHref({ page: 'self', submissionId: assessment.submissionId, rubricId: assessment.rubricId })}>
            {t('planner.self.crumb')}
          </a>
        ) : (
          <a href={routeHref({ page: 'panel', submissionId: assessment.submissionId, rubricId: assessment.rubricId })}>
            {t('panel.title')}
          </a>
        )}
      </p>
      <div className={styles.titleLine}>
        <h1>{title}</h1>
        <p className={`muted ${styles.meta}`}>
          {localTitle(assessment.rubricName, language)} v{assessment.rubricVersion} · {t(`assessment.role.${assessment.role}`)}:{' '}
          {assessment.assessorName} ·{' '}
          <span className={`badge status-${assessment.status}`}>{t(`assessment.status.${assessment.status}`)}</span>
        </p>
      </div>
      <div className={styles.figuresLine}>
        <dl className={`score-figures ${styles.figures}`} aria-live="polite">
          <div>
            <dt>
              {t('scoring.overall')}
              {provisional && result.percent !== null && <span className={styles.provisionalTag}> {t('scoring.provisionalTag')}</span>}
            </dt>
            <dd className={styles.figureMain}>{result.percent === null ? '–' : formatPercent(result.percent, language)}</dd>
          </div>
          <div>
            <dt>{t('scoring.gap', { passMark: formatPercent(result.passMark, language, 0) })}</dt>
            <dd className={gapClass(result.gap)}>
              {formatGap(result.gap, language)}
              {result.passed !== null && !provisional && (
                <span className="visually-hidden"> {t(result.passed ? 'scoring.passed' : 'scoring.notPassed')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('scoring.completeness')}</dt>
            <dd>{t('scoring.scoredOf', { scored, scorable })}</dd>
          </div>
          {band && (
            <div>
              <dt>{t('scoring.band')}</dt>
              <dd>{band}</dd>
            </div>
          )}
        </dl>
        <button
          type="button"
          className={`button button-small ${styles.chartToggle}`}
          aria-expanded={chartShown}
          aria-controls={`${id}-chart`}
          onClick={toggleChart}
        >
          <span aria-hidden="true" className={styles.chevron}>
            {chartShown ? '▾' : '▸'}
          </span>{' '}
          {t('scoring.liveChart')}
        </button>
        <div className={`header-actions ${styles.actions}`}>
          <span className={`${styles.saveState} ${styles[`save-${saveState}`] ?? ''}`} role="status" data-testid="save-state">
            {t(`scoring.save.${saveState}`)}
          </span>
          {!result.complete && <span className="visually-hidden">{t('scoring.provisional')}</span>}
          <button type="button" className="button button-small" onClick={onUndo} disabled={!canUndo}>
            {t('scoring.undo')} <kbd>Ctrl+Z</kbd>
          </button>
          {assessment.status === 'draft' && assessment.mine && assessment.newerVersion && (
            <button
              type="button"
              className="button button-small"
              onClick={() => setAsking({ upgradeTo: assessment.newerVersion as number })}
            >
              {t('scoring.upgrade', { version: assessment.newerVersion })}
            </button>
          )}
          {assessment.status === 'draft' && assessment.mine && (
            <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => setAsking('submitted')}>
              {t('scoring.submit')}
            </button>
          )}
          {assessment.status === 'submitted' && (
            <>
              <button type="button" className="button button-small" disabled={busy} onClick={() => setReopening(true)}>
                {t('scoring.reopen')}
              </button>
              <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => setAsking('finalized')}>
                {t('scoring.finalize')}
              </button>
            </>
          )}
          <button type="button" className="button button-small" onClick={() => void exportJson()}>
            {t('scoring.exportJson')}
          </button>
        </div>
      </div>
      <div id={`${id}-chart`} className={styles.chartPanel} hidden={!chartShown}>
        {chartShown && (
          <figure className={styles.liveDimensions} aria-label={t('scoring.liveDimensions')} data-testid="live-dimensions">
            <GapBars bars={liveBars} compact />
          </figure>
        )}
      </div>
      <ConfirmDialog
        question={
          asking === 'submitted'
            ? {
                title: t('scoring.submitTitle'),
                body: t('scoring.submitConfirm', { scored: formatNumber(scored, language), scorable: formatNumber(scorable, language) }),
                confirm: t('scoring.submit'),
              }
            : asking === 'finalized'
              ? { title: t('scoring.finalizeTitle'), body: t('scoring.finalizeConfirm'), confirm: t('scoring.finalize') }
              : asking
                ? {
                    title: t('scoring.upgrade', { version: asking.upgradeTo }),
                    body: t('scoring.upgradeConfirm', { version: asking.upgradeTo }),
                    confirm: t('scoring.upgrade', { version: asking.upgradeTo }),
                  }
                : undefined
        }
        onConfirm={() => {
          if (asking === 'submitted' || asking === 'finalized') void move(asking);
          else if (asking) void upgrade(asking.upgradeTo);
        }}
        onClose={() => setAsking(undefined)}
      />
      <Dialog open={reopening} title={t('scoring.reopenTitle')} onClose={() => setReopening(false)}>
        <form className="stack" onSubmit={submitReopen}>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('scoring.reopenReason')}</label>
            <textarea id={`${id}-reason`} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <FormProblem text={problem} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setReopening(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('scoring.reopen')}
            </button>
          </div>
        </form>
      </Dialog>
    </header>
  );
}
