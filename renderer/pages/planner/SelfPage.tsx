import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatGap, formatPercent } from '../../../shared/format/number.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { call } from '../../api/client.ts';
import { ASSESSMENT_READS, useChannel, useChannelMutation } from '../../api/queries.ts';
import { navigate, routeHref } from '../../app/routes.ts';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RubricField, useRubricChoice } from '../../components/RubricField.tsx';
import { ErrorProblem, FormProblem } from '../../components/FormBits.tsx';
import { gapClass, localTitle } from '../../components/text.ts';
import { errorText, translate } from '../../i18n.ts';
import { SelfComparison } from '../panel/SelfComparison.tsx';
import styles from './Planner.module.css';

/**
 * A submission's self-assessment on a page of its own: start or continue it, its result per
 * dimension against the pass mark, and, once the panel has a result, the comparison with it.
 */
export function SelfPage({ submissionId, rubricId }: { submissionId: number; rubricId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const { settings } = useWorkspace();
  const submissionQuery = useChannel('submissions.get', { id: submissionId }, { select: (detail) => detail.submission });
  const list = useChannel('assessments.list', { submissionId });
  const assessments = list.data;
  // My own self-assessment (the latest, on the rubric asked for): it is the one I continue.
  const own = useMemo(
    () =>
      (assessments ?? [])
        .filter((assessment) => assessment.role === 'self' && assessment.mine && (!rubricId || assessment.rubricId === rubricId))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0],
    [assessments, rubricId],
  );
  const panelRubric = rubricId ?? own?.rubricId;
  // A submission nobody has assessed has no panel to read.
  const panelQuery = useChannel(
    'panels.get',
    { submissionId, ...(panelRubric ? { rubricId: panelRubric } : {}) },
    { enabled: (assessments?.length ?? 0) > 0 },
  );
  const view = panelQuery.data;
  const submission = submissionQuery.data;
  // Mine, else the regency's self-assessment the panel compares with (an assessor reading a planner's imported file).
  const shown = own ?? view?.self?.assessment;
  const comparison = view?.self && view.self.assessment.id === shown?.id ? view.self : undefined;

  const problem = submissionQuery.error ?? list.error ?? panelQuery.error;
  if (problem)
    return (
      <div className="page">
        <ErrorProblem error={problem} />
      </div>
    );
  if (!submission || !assessments || (assessments.length > 0 && !view)) return <p className="muted">{t('app.loading')}</p>;
  const stage = submissionLabel(translate, submission);
  const label = `${submission.regencyName} · ${stage}`;
  const passMark = shown?.passMark ?? settings.passMark;
  const passMarkText = formatPercent(passMark, language, 0);
  const percent = (value: number | null) => (value === null ? '–' : formatPercent(value, language));
  const dimensions = comparison?.rows.filter((row) => row.depth === 0) ?? [];
  const provisional = shown ? shown.completeness.scored < shown.completeness.scorable : false;
  const panelResult = view && !view.hidden && view.overall.percent !== null;

  return (
    <div className="page page-wide">
      <header className="page-header">
        <p className="breadcrumb">
          <a href={routeHref({ page: 'regency', code: submission.regencyCode })}>{submission.regencyName}</a> ›{' '}
          <a href={routeHref({ page: 'submission', id: submissionId, reader: {} })}>{stage}</a>
          {view && (
            <>
              {' '}
              › <a href={routeHref({ page: 'dashboard', submissionId, rubricId: view.rubricId })}>{t('assessment.openDashboard')}</a>
            </>
          )}
        </p>
        <h1>{t('planner.self.heading', { label })}</h1>
        <p className="page-subtitle">{t('planner.self.intro', { passMark: passMarkText })}</p>
      </header>

      <div className={styles.selfTop}>
        <section className="card" aria-labelledby={`${id}-self`}>
          <h2 id={`${id}-self`} className="card-title">
            {shown && !shown.mine ? t('planner.self.regions') : t('planner.self.yours')}
          </h2>
          {!shown ? (
            <StartSelf submissionId={submissionId} rubricId={rubricId} />
          ) : (
            <div className="stack">
              {!shown.mine && <p className="muted">{t('planner.self.by', { name: shown.assessorName })}</p>}
              <dl className="score-figures">
                <div>
                  <dt>{t('planner.self.status')}</dt>
                  <dd>
                    <span className={`badge status-${shown.status}`}>{t(`assessment.status.${shown.status}`)}</span>
                  </dd>
                </div>
                <div>
                  <dt>{t('planner.self.completeness')}</dt>
                  <dd data-testid="self-completeness">
                    {t('planner.self.scoredOf', { scored: shown.completeness.scored, scorable: shown.completeness.scorable })}
                  </dd>
                </div>
                <div>
                  <dt>{t('planner.self.percent')}</dt>
                  <dd className="figure-big" data-testid="self-percent">
                    {percent(shown.percent)}
                  </dd>
                </div>
                <div>
                  <dt>{t('scoring.gap', { passMark: passMarkText })}</dt>
                  <dd className={`figure-big ${shown.gap !== null ? gapClass(shown.gap) : ''}`} data-testid="self-gap">
                    {formatGap(shown.gap, language)}
                  </dd>
                </div>
              </dl>
              {provisional && shown.percent !== null && <p className="notice-inline">{t('planner.self.provisional')}</p>}
              <div className="button-row">
                <a className="button button-primary" href={routeHref({ page: 'assessment', id: shown.id })}>
                  {shown.mine && shown.status === 'draft' ? t('planner.self.continue') : t('planner.self.open')}
                </a>
                <ExportButton
                  label={t('planner.self.export')}
                  busyLabel={t('planner.self.exporting')}
                  make={() => call('assessments.export', { id: shown.id })}
                />
              </div>
            </div>
          )}
        </section>

        <section className="card" aria-labelledby={`${id}-result`}>
          <h2 id={`${id}-result`} className="card-title">
            {t('planner.self.result')}
          </h2>
          {view?.hidden ? (
            <p className="notice-inline">{t('panel.hidden')}</p>
          ) : !shown || shown.percent === null || dimensions.length === 0 ? (
            <p className="empty">{shown ? t('planner.self.resultNone') : t('planner.self.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-compact" data-testid="self-result">
                <thead>
                  <tr>
                    <th scope="col">{t('planner.self.dimension')}</th>
                    <th scope="col" className="num">
                      {t('planner.self.percent')}
                    </th>
                    <th scope="col" className="num">
                      {t('scoring.gap', { passMark: passMarkText })}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {dimensions.map((row) => {
                    const gap = row.self === null ? null : row.self - passMark;
                    return (
                      <tr key={row.code} data-code={row.code}>
                        <th scope="row">
                          <span className="tree-code">{row.code}</span> {localTitle(row.title, language)}
                        </th>
                        <td className="num">{percent(row.self)}</td>
                        <td className={`num ${gap !== null ? gapClass(gap) : ''}`}>{formatGap(gap, language)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      {shown && view && (
        <div data-testid="self-comparison">
          {panelResult ? (
            <SelfComparison view={view} />
          ) : (
            <section className="card" aria-labelledby={`${id}-comparison`}>
              <h2 id={`${id}-comparison`} className="card-title">
                {t('planner.self.comparison')}
              </h2>
              <p className="empty">{view.hidden ? t('panel.hidden') : t('planner.self.noPanel')}</p>
            </section>
          )}
        </div>
      )}
    </div>
  );
}

/** No self-assessment yet: start one on the rubric chosen (the masterplan review unless another is asked for). */
function StartSelf({ submissionId, rubricId }: { submissionId: number; rubricId: string | undefined }) {
  const { t } = useTranslation();
  const rubricChoice = useRubricChoice(rubricId);
  const { rubrics, chosen } = rubricChoice;
  const [problem, setProblem] = useState<string | undefined>();
  const create = useChannelMutation('assessments.create', { invalidates: ASSESSMENT_READS });

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setProblem(undefined);
    try {
      const created = await create.mutateAsync({ submissionId, rubricId: chosen.id, rubricVersion: chosen.version, role: 'self' });
      navigate({ page: 'assessment', id: created.id });
    } catch (error) {
      setProblem(errorText(error));
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void start(event)}>
      <p className="empty">{t('planner.self.none')}</p>
      {rubrics.length > 1 && <RubricField {...rubricChoice} />}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={!chosen || create.isPending}>
          {t('planner.self.start')}
        </button>
      </div>
      <FormProblem text={problem} />
    </form>
  );
}
