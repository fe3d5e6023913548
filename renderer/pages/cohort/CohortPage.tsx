import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { belowCounts, codeAndName, cohortRanking, stageOrder, stagePeers, standing } from '../../../shared/analytics/charts.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatGap, formatNumber, formatPercent } from '../../../shared/format/number.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { call } from '../../api/client.ts';
import { useTopics } from '../../api/lexicon.ts';
import { useChannel } from '../../api/queries.ts';
import { navigate, routeHref, type CohortFilter } from '../../app/routes.ts';
import { ChartFrame } from '../../components/charts/ChartFrame.tsx';
import { HeatGrid } from '../../components/charts/HeatGrid.tsx';
import { ErrorProblem } from '../../components/FormBits.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { gapClass, localTitle } from '../../components/text.ts';
import { translate } from '../../i18n.ts';
import styles from './CohortPage.module.css';

/** The ranking shows this many rows until asked for all; the heat map shows every regency. */
const FIRST_ROWS = 100;
const NO_PROVINCES: never[] = [];

/** Every regency in the workspace ranked by overall %, with its dimensions as a heat map against the pass mark; filters by province, cohort, stage and rubric. */
export function CohortPage({ filter }: { filter: CohortFilter }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const { data, error: problem } = useChannel('analytics.cohort', filter);
  // The province list never changes while the app runs; without it the filter just offers none.
  const provinces = useChannel('areas.provinces', {}, { staleTime: Infinity, refetchOnWindowFocus: false }).data ?? NO_PROVINCES;
  const [showAll, setShowAll] = useState(false);
  const topics = useTopics().data;

  // Each result is ranked among those at the same stage (or evaluation year), also when every regency is shown at its latest.
  // Shown stage by stage, the latest first, each in its rank order.
  const ranked = useMemo(
    () => (data ? cohortRanking(data.rows, data.passMark ?? 70, stagePeers).sort((a, b) => stageOrder(b) - stageOrder(a)) : []),
    [data],
  );
  const columns = useMemo(() => {
    const seen = new Map<string, { id: string; en?: string }>();
    for (const row of data?.rows ?? []) for (const group of row.groups) if (!seen.has(group.code)) seen.set(group.code, group.title);
    return [...seen];
  }, [data]);

  if (problem)
    return (
      <div className="page">
        <ErrorProblem error={problem} />
      </div>
    );
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const passMark = data.passMark ?? 70;
  const set = (patch: Partial<CohortFilter>) => {
    const next: CohortFilter = { ...filter, ...patch };
    for (const name of Object.keys(next) as (keyof CohortFilter)[]) if (next[name] === undefined || next[name] === '') delete next[name];
    navigate({ page: 'cohort', filter: next });
  };
  const percent = (value: number | null) => (value === null ? '–' : formatPercent(value, language));
  // The six dimensions and the other parts (readiness, road map) are counted apart, as the coverage lexicon tells them.
  const belowText = (groups: readonly { code: string; percent: number | null }[]) => {
    const counts = belowCounts(groups, passMark, (code) => topics?.get(code)?.kind === 'dimension');
    if (!counts.others) return t('dashboard.belowOf', { count: counts.dimensions.below, total: counts.dimensions.total });
    return `${t('dashboard.belowDimensions', { count: counts.dimensions.below, total: counts.dimensions.total })}; ${t(
      'dashboard.belowOthers',
      { count: counts.others.below, total: counts.others.total },
    )}`;
  };
  const cohortYears = [...new Set(data.rows.map((row) => row.cohortYear))].sort();
  const shownProvinces = provinces.filter(
    (province) => data.rows.some((row) => row.provinceCode === province.code) || province.code === filter.provinceCode,
  );

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div className="page-header-actions">
          <h1>{t('cohort.title')}</h1>
          <ExportButton
            label={t('reports.recap')}
            busyLabel={t('reports.preparing')}
            make={() =>
              call('reports.recap', {
                ...(data.rubricId ? { rubricId: data.rubricId } : {}),
                ...(filter.stage ? { stage: filter.stage } : {}),
              })
            }
          />
        </div>
        <p className="muted">{t('cohort.intro', { passMark: formatPercent(passMark, language, 0) })}</p>
      </header>
      <form className={`card ${styles.filters}`} aria-label={t('cohort.filters')} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-rubric`}>{t('assessment.rubric')}</label>
          <select id={`${id}-rubric`} value={data.rubricId ?? ''} onChange={(event) => set({ rubricId: event.target.value || undefined })}>
            {data.rubrics.map((rubric) => (
              <option key={rubric.id} value={rubric.id}>
                {localTitle(rubric.name, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-province`}>{t('cohort.province')}</label>
          <select
            id={`${id}-province`}
            value={filter.provinceCode ?? ''}
            onChange={(event) => set({ provinceCode: event.target.value || undefined })}
          >
            <option value="">{t('cohort.all')}</option>
            {shownProvinces.map((province) => (
              <option key={province.code} value={province.code}>
                {province.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-cohort`}>{t('cohort.cohortYear')}</label>
          <select
            id={`${id}-cohort`}
            value={filter.cohortYear ?? ''}
            onChange={(event) => set({ cohortYear: event.target.value ? Number(event.target.value) : undefined })}
          >
            <option value="">{t('cohort.all')}</option>
            {cohortYears.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t('cohort.stage')}</label>
          <select
            id={`${id}-stage`}
            value={filter.stage ?? ''}
            onChange={(event) => set({ stage: event.target.value ? Number(event.target.value) : undefined })}
          >
            <option value="">{t('cohort.latest')}</option>
            {[1, 2, 3, 4].map((stage) => (
              <option key={stage} value={stage}>
                {t('stage.label', { stage })}
              </option>
            ))}
          </select>
        </div>
      </form>

      {ranked.length === 0 ? (
        <p className="empty">{t('cohort.none')}</p>
      ) : (
        <>
          <ChartFrame
            title={t('cohort.heatmap')}
            summary={t('cohort.heatmapSummary', {
              count: ranked.length,
              below: ranked.filter((row) => standing(row.overall, passMark) === 'below').length,
              passMark: formatPercent(passMark, language, 0),
            })}
            fileName="kohort-peta-panas"
            table={{
              columns: [
                t('cohort.columns.regency'),
                ...columns.map(([code, title]) => codeAndName(code, localTitle(title, language))),
                t('scoring.overall'),
              ],
              rows: ranked.map((row) => [
                row.regencyName,
                ...columns.map(([code]) => percent(row.groups.find((group) => group.code === code)?.percent ?? null)),
                percent(row.overall),
              ]),
            }}
          >
            <HeatGrid
              labelWidth={260}
              columns={[...columns.map(([code]) => code), '∑']}
              names={[
                ...columns.map(([code, title]) => ({ code, name: localTitle(title, language) })),
                { code: '∑', name: t('scoring.overall') },
              ]}
              onRow={(submissionId) =>
                navigate({ page: 'dashboard', submissionId: Number(submissionId), ...(data.rubricId ? { rubricId: data.rubricId } : {}) })
              }
              rows={ranked.map((row) => ({
                key: String(row.submissionId),
                label: `${row.rank ?? '–'}. ${row.regencyName}`,
                cells: [
                  ...columns.map(([code, title]) => {
                    const value = row.groups.find((group) => group.code === code)?.percent ?? null;
                    return {
                      key: code,
                      label: code,
                      text: value === null ? '–' : formatNumber(value, language, 0),
                      description: `${row.regencyName}, ${code} ${localTitle(title, language)}: ${percent(value)}`,
                      gap: value === null ? null : value - passMark,
                      standing: standing(value, passMark),
                    };
                  }),
                  {
                    key: 'overall',
                    label: '∑',
                    text: row.overall === null ? '–' : formatNumber(row.overall, language, 0),
                    description: `${row.regencyName}: ${percent(row.overall)}`,
                    gap: row.overall === null ? null : row.overall - passMark,
                    standing: standing(row.overall, passMark),
                  },
                ],
              }))}
            />
          </ChartFrame>

          <section className="card" aria-labelledby={`${id}-ranking`}>
            <h2 id={`${id}-ranking`} className="card-title">
              {t('cohort.ranking')}
            </h2>
            <div className="table-wrap">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('cohort.columns.rank')}
                    </th>
                    <th scope="col">{t('cohort.columns.regency')}</th>
                    <th scope="col">{t('cohort.province')}</th>
                    <th scope="col">{t('cohort.columns.stage')}</th>
                    <th scope="col" className="num">
                      {t('scoring.overall')}
                    </th>
                    <th scope="col" className="num">
                      {t('panel.columns.gap')}
                    </th>
                    <th scope="col" className="num">
                      {t('cohort.columns.below')}
                    </th>
                    <th scope="col">{t('scoring.band')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(showAll ? ranked : ranked.slice(0, FIRST_ROWS)).map((row) => (
                    <tr key={row.submissionId} data-regency={row.regencyCode}>
                      <td className="num">{row.rank ?? '–'}</td>
                      <th scope="row">
                        <a
                          href={routeHref({
                            page: 'dashboard',
                            submissionId: row.submissionId,
                            ...(data.rubricId ? { rubricId: data.rubricId } : {}),
                          })}
                        >
                          {row.regencyName}
                        </a>{' '}
                        <a
                          className="muted"
                          href={routeHref({
                            page: 'progress',
                            code: row.regencyCode,
                            ...(data.rubricId ? { rubricId: data.rubricId } : {}),
                          })}
                        >
                          {t('cohort.progressLink')}
                        </a>
                      </th>
                      <td>
                        {row.provinceName}{' '}
                        <span className="muted">({t('cohort.rankInProvince', { rank: row.rankInProvince ?? '–' })})</span>
                      </td>
                      <td>{submissionLabel(translate, row)}</td>
                      <td className="num">{percent(row.overall)}</td>
                      <td className={`num ${gapClass(row.overall === null ? null : row.overall - passMark)}`}>
                        {formatGap(row.overall === null ? null : row.overall - passMark, language)}
                      </td>
                      <td className="num" data-below="">
                        {belowText(row.groups)}
                      </td>
                      <td>{row.band ? localTitle(row.band, language) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {!showAll && ranked.length > FIRST_ROWS && (
              <button type="button" className="button" onClick={() => setShowAll(true)}>
                {t('cohort.showAll', { count: ranked.length })}
              </button>
            )}
          </section>
        </>
      )}
    </div>
  );
}
