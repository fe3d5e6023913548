import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { progressSeries } from '../../../shared/analytics/charts.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatGap, formatPercent } from '../../../shared/format/number.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { useChannel } from '../../api/queries.ts';
import { navigate, routeHref } from '../../app/routes.ts';
import { ChartFrame } from '../../components/charts/ChartFrame.tsx';
import { StageLines } from '../../components/charts/StageLines.tsx';
import { ErrorProblem } from '../../components/FormBits.tsx';
import { localTitle } from '../../components/text.ts';
import { translate } from '../../i18n.ts';
import styles from './ProgressPage.module.css';

/** A regency across its Bimtek stages (or yearly evaluations): each dimension's line against the pass mark, and the change since the stage before. */
export function ProgressPage({ code, rubricId }: { code: string; rubricId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { data, error: problem } = useChannel('analytics.progress', { regencyCode: code, ...(rubricId ? { rubricId } : {}) });

  const series = useMemo(
    () =>
      progressSeries(
        (data?.entries ?? []).map((entry) => ({
          key: String(entry.submissionId),
          kind: entry.kind,
          stage: entry.stage,
          year: entry.year,
          overall: entry.panel.hidden ? null : entry.panel.overall.percent,
          groups: entry.panel.hidden ? [] : entry.panel.groups,
        })),
      ),
    [data],
  );

  if (problem)
    return (
      <div className="page">
        <ErrorProblem error={problem} />
      </div>
    );
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const passMark = data.entries[0]?.panel.overall.passMark ?? 70;
  const percent = (value: number | null) => (value === null ? '–' : formatPercent(value, language));
  const labelOf = (point: { kind: 'bimtek' | 'evaluation'; stage: number | null; year: number | null }) =>
    submissionLabel(translate, point);
  const titleOf = (code: string) => {
    const found = series.dimensions.find((dimension) => dimension.code === code);
    return found ? `${code} ${localTitle(found.title, language)}` : t('scoring.overall');
  };

  return (
    <div className="page page-wide">
      <header className="page-header">
        <p className="breadcrumb">
          <a href={routeHref({ page: 'regencies' })}>{t('regency.back')}</a> ›{' '}
          <a href={routeHref({ page: 'regency', code })}>{data.regency.name}</a>
        </p>
        <h1>{t('progress.heading', { name: data.regency.name })}</h1>
        {data.rubrics.length > 1 && (
          <label className={styles.inlineField}>
            {t('assessment.rubric')}{' '}
            <select value={data.rubricId ?? ''} onChange={(event) => navigate({ page: 'progress', code, rubricId: event.target.value })}>
              {data.rubrics.map((rubric) => (
                <option key={rubric.id} value={rubric.id}>
                  {localTitle(rubric.name, language)}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {data.entries.length === 0 ? (
        <p className="empty">{t('progress.none')}</p>
      ) : (
        <>
          <ChartFrame
            title={t('progress.lines')}
            summary={t('progress.linesSummary', { count: series.points.length, passMark: formatPercent(passMark, language, 0) })}
            fileName={`${code}-progress`}
            table={{
              columns: [t('panel.columns.group'), ...series.points.map((point) => labelOf(point))],
              rows: [
                [t('scoring.overall'), ...series.points.map((point) => percent(point.overall))],
                ...series.dimensions.map((dimension) => [
                  `${dimension.code} ${localTitle(dimension.title, language)}`,
                  ...series.points.map((point) => percent((point[dimension.code] as number | null | undefined) ?? null)),
                ]),
              ],
            }}
          >
            <StageLines series={series} passMark={passMark} labelOf={labelOf} />
          </ChartFrame>
          <section className="card">
            <h2 className="card-title">{t('progress.improvement')}</h2>
            {!series.compared.previous || !series.compared.latest ? (
              <p className="muted">{t('progress.oneStage')}</p>
            ) : (
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t('panel.columns.group')}</th>
                    <th scope="col" className="num">
                      {labelOf(series.points.find((point) => point.key === series.compared.previous) as (typeof series.points)[number])}
                    </th>
                    <th scope="col" className="num">
                      {labelOf(series.points.find((point) => point.key === series.compared.latest) as (typeof series.points)[number])}
                    </th>
                    <th scope="col" className="num">
                      {t('progress.change')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {series.improvements.map((row) => (
                    <tr key={row.code || 'overall'} data-code={row.code || 'overall'}>
                      <th scope="row">{titleOf(row.code)}</th>
                      <td className="num">{percent(row.previous)}</td>
                      <td className="num">{percent(row.latest)}</td>
                      <td className={`num ${row.change !== null && row.change < 0 ? 'figure-below' : 'figure-above'}`}>
                        {row.change === null ? '–' : formatGap(row.change, language)}
                        <span className="visually-hidden">
                          {' '}
                          {row.change === null ? '' : t(row.change < 0 ? 'progress.down' : 'progress.up')}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <ul className="plain-list">
              {data.entries.map((entry) => (
                <li key={entry.submissionId}>
                  <a href={routeHref({ page: 'dashboard', submissionId: entry.submissionId, rubricId: entry.rubricId })}>
                    {t('progress.openDashboard', { label: labelOf(entry) })}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
