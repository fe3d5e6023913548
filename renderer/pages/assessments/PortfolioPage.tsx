import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentSummary } from '../../../shared/assessment/model.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatPercent, formatGap } from '../../../shared/format/number.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { useChannel } from '../../api/queries.ts';
import { routeHref } from '../../app/routes.ts';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { ErrorProblem } from '../../components/FormBits.tsx';
import { translate } from '../../i18n.ts';
import { gapClass, localTitle } from '../../components/text.ts';
import styles from './PortfolioPage.module.css';

function Progress({ assessment }: { assessment: AssessmentSummary }) {
  const { t } = useTranslation();
  const { scored, scorable } = assessment.completeness;
  return (
    <span className={styles.progressCell}>
      <span className="progress-bar" role="presentation">
        <span style={{ width: `${scorable ? (scored / scorable) * 100 : 100}%` }} />
      </span>
      <span>{t('scoring.scoredOf', { scored, scorable })}</span>
    </span>
  );
}

/** An assessor's work across regencies: every assessment, its state and progress, and which to take up next. */
export function PortfolioPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const { profile } = useWorkspace();
  const { data: portfolio, error: problem } = useChannel('portfolio.get', {});

  if (problem)
    return (
      <div className="page">
        <ErrorProblem error={problem} />
      </div>
    );
  if (!portfolio) return <p className="muted">{t('app.loading')}</p>;
  const next = portfolio.assessments.find((assessment) => assessment.id === portfolio.next);
  const counts = { draft: 0, submitted: 0, finalized: 0 };
  for (const assessment of portfolio.assessments) counts[assessment.status] += 1;

  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>{t('portfolio.title')}</h1>
        <p className="muted">
          {profile ? t('portfolio.for', { name: profile.name }) : t('portfolio.noProfile')} {t('portfolio.counts', counts)}
        </p>
      </header>

      {next ? (
        <section className={`card ${styles.nextCard}`} aria-labelledby={`${id}-next`}>
          <h2 id={`${id}-next`} className="card-title">
            {t('portfolio.next')}
          </h2>
          <p className={styles.nextTitle}>
            <strong>{next.regencyName}</strong> ·{' '}
            {submissionLabel(translate, { kind: next.submissionKind, stage: next.stage, year: next.year })} ·{' '}
            {localTitle(next.rubricName, language)}
          </p>
          <Progress assessment={next} />
          {next.needsRescore > 0 && <p className="notice-inline notice-warning">{t('portfolio.rescore', { count: next.needsRescore })}</p>}
          <p>
            <a className="button button-primary" href={routeHref({ page: 'assessment', id: next.id })}>
              {t('portfolio.continue')}
            </a>
          </p>
        </section>
      ) : (
        portfolio.assessments.length > 0 && <p className="notice-inline">{t('portfolio.allSubmitted')}</p>
      )}

      <section className="card" aria-labelledby={`${id}-mine`}>
        <h2 id={`${id}-mine`} className="card-title">
          {t('portfolio.mine')}
        </h2>
        {portfolio.assessments.length === 0 ? (
          <p className="empty">{t('portfolio.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('portfolio.columns.regency')}</th>
                  <th scope="col">{t('portfolio.columns.stage')}</th>
                  <th scope="col">{t('portfolio.columns.rubric')}</th>
                  <th scope="col">{t('portfolio.columns.role')}</th>
                  <th scope="col">{t('portfolio.columns.status')}</th>
                  <th scope="col">{t('portfolio.columns.progress')}</th>
                  <th scope="col" className="num">
                    {t('portfolio.columns.percent')}
                  </th>
                  <th scope="col" className="num">
                    {t('portfolio.columns.gap')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {portfolio.assessments.map((assessment) => (
                  <tr key={assessment.id} className={assessment.id === portfolio.next ? 'is-new' : undefined}>
                    <th scope="row">
                      <a href={routeHref({ page: 'assessment', id: assessment.id })}>{assessment.regencyName}</a>
                      <span className="muted"> {assessment.regencyCode}</span>
                    </th>
                    <td>
                      {submissionLabel(translate, { kind: assessment.submissionKind, stage: assessment.stage, year: assessment.year })}
                    </td>
                    <td>
                      {localTitle(assessment.rubricName, language)} v{assessment.rubricVersion}
                    </td>
                    <td>{t(`assessment.role.${assessment.role}`)}</td>
                    <td>
                      <span className={`badge status-${assessment.status}`}>{t(`assessment.status.${assessment.status}`)}</span>
                      {assessment.needsRescore > 0 && <span className="muted"> ⟳ {assessment.needsRescore}</span>}
                    </td>
                    <td>
                      <Progress assessment={assessment} />
                    </td>
                    <td className="num">{assessment.percent === null ? '–' : formatPercent(assessment.percent, language)}</td>
                    <td className={`num ${gapClass(assessment.gap)}`}>{formatGap(assessment.gap, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {portfolio.unstarted.length > 0 && (
        <section className="card" aria-labelledby={`${id}-unstarted`}>
          <h2 id={`${id}-unstarted`} className="card-title">
            {t('portfolio.unstarted')}
          </h2>
          <ul className="plain-list">
            {portfolio.unstarted.map((entry) => (
              <li key={entry.submissionId}>
                <a href={routeHref({ page: 'submission', id: entry.submissionId, reader: {} })}>
                  {entry.regencyName} · {submissionLabel(translate, entry)}
                </a>{' '}
                <span className="muted">{t('portfolio.documents', { count: entry.documents })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
