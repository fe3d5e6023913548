import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { criterionHeatmap, dimensionPoints, gapBars } from '../../../shared/analytics/charts.ts';
import { pathToPass, type TargetPlan } from '../../../shared/analytics/path-to-pass.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatGap, formatNumber, formatPercent } from '../../../shared/format/number.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { scoreRubric } from '../../../shared/rubric/score.ts';
import { call } from '../../api/client.ts';
import { useTopics } from '../../api/lexicon.ts';
import { useChannel } from '../../api/queries.ts';
import { routeHref } from '../../app/routes.ts';
import { useReadOnly } from '../../app/workspace-context.tsx';
import { ChartFrame } from '../../components/charts/ChartFrame.tsx';
import { DimensionRadar } from '../../components/charts/DimensionRadar.tsx';
import { GapBars } from '../../components/charts/GapBars.tsx';
import { HeatGrid } from '../../components/charts/HeatGrid.tsx';
import { ErrorProblem } from '../../components/FormBits.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ScoreSheetImport } from './ScoreSheetImport.tsx';
import { gapClass, localTitle } from '../../components/text.ts';
import { translate } from '../../i18n.ts';
import styles from './DashboardPage.module.css';

/** A submission at a glance: the dimensions against the pass mark, panel and self, criterion by criterion, and what would lift it. */
export function DashboardPage({ submissionId, rubricId }: { submissionId: number; rubricId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const readOnly = useReadOnly();
  // Back from scoring in another window or tab, the data layer refetches on focus: the page shows what changed.
  const scoresQuery = useChannel('analytics.dashboard', { submissionId, ...(rubricId ? { rubricId } : {}) });
  const submissionQuery = useChannel('submissions.get', { id: submissionId }, { select: (detail) => detail.submission });
  const problem = scoresQuery.error ?? submissionQuery.error;
  // Which top-level groups are the six dimensions (the rest: readiness, road map…), as the coverage lexicon says.
  const topics = useTopics().data;
  const data = useMemo(
    () => (scoresQuery.data && submissionQuery.data ? { scores: scoresQuery.data, submission: submissionQuery.data } : undefined),
    [scoresQuery.data, submissionQuery.data],
  );

  const computed = useMemo(() => {
    if (!data) return undefined;
    const { rubric, panel, self, stage, passMark } = data.scores;
    const options = { passMark, ...(stage ? { stage } : {}) };
    const panelResult = scoreRubric(rubric, panel, { ...options, betweenLevels: true });
    const selfResult = self ? scoreRubric(rubric, self.scores, options) : null;
    // A planner before the Bimtek has only the self-assessment: it is the basis then.
    const basis = panelResult.percent !== null ? 'panel' : selfResult?.percent !== null && selfResult ? 'self' : 'none';
    const main = basis === 'self' && selfResult ? selfResult : panelResult;
    const points = dimensionPoints(main, basis === 'panel' ? selfResult : null);
    return {
      basis,
      main,
      points,
      bars: gapBars(points),
      heat: criterionHeatmap(main),
      plan: pathToPass(rubric, basis === 'self' && self ? self.scores : panel, options),
    };
  }, [data]);

  if (problem)
    return (
      <div className="page">
        <ErrorProblem error={problem} />
      </div>
    );
  if (!data || !computed) return <p className="muted">{t('app.loading')}</p>;
  const { scores, submission } = data;
  const label = `${submission.regencyName} · ${submissionLabel(translate, submission)}`;
  const percent = (value: number | null) => (value === null ? '–' : formatPercent(value, language));
  const title = (text: { id: string; en?: string }) => localTitle(text, language);
  const below = computed.points.filter((point) => point.standing === 'below');
  // No result (nothing submitted yet, or hidden from me) is not good news: nothing is below the mark only because nothing is scored.
  const noResult = computed.basis === 'none' || computed.main.percent === null;
  // Dimensions and the other parts are counted apart: "3 of 8" would mix the six dimensions with readiness and road map.
  const isDimension = (code: string) => topics?.get(code)?.kind === 'dimension';
  const dimensions = computed.points.filter((point) => isDimension(point.code));
  const others = computed.points.filter((point) => !isDimension(point.code));
  const belowIn = (points: typeof below) => points.filter((point) => point.standing === 'below').length;
  const belowText =
    dimensions.length > 0 && others.length > 0
      ? `${t('dashboard.belowDimensions', { count: belowIn(dimensions), total: dimensions.length })}; ${t('dashboard.belowOthers', {
          count: belowIn(others),
          total: others.length,
        })}`
      : t('dashboard.belowOf', { count: below.length, total: computed.points.length });
  const fileBase = `${submission.regencyCode}-${submission.kind === 'bimtek' ? `bimtek${submission.stage}` : submission.year}`;

  return (
    <div className="page page-wide dashboard">
      <header className="page-header">
        <p className="breadcrumb">
          <a href={routeHref({ page: 'regency', code: submission.regencyCode })}>{submission.regencyName}</a> ›{' '}
          <a href={routeHref({ page: 'submission', id: submissionId, reader: {} })}>{submissionLabel(translate, submission)}</a> ›{' '}
          <a href={routeHref({ page: 'panel', submissionId, rubricId: scores.rubricId })}>{t('panel.title')}</a> ›{' '}
          <a href={routeHref({ page: 'progress', code: submission.regencyCode, rubricId: scores.rubricId })}>{t('progress.title')}</a>
        </p>
        <div className="page-header-actions">
          <h1>{t('dashboard.heading', { label })}</h1>
          <div className="header-actions">
            <ExportButton
              label={t('reports.scoresheet')}
              busyLabel={t('reports.preparing')}
              make={() => call('reports.scoresheet', { submissionId, rubricId: scores.rubricId })}
            />
            {!readOnly && <ScoreSheetImport />}
            {computed.basis === 'panel' && !scores.hidden && (
              // The result letter the regency receives: DOCX to finish and sign in Word, or PDF as it stands.
              <div role="group" aria-label={t('letter.download')} className="header-actions">
                <ExportButton
                  label={t('letter.downloadDocx')}
                  busyLabel={t('reports.preparing')}
                  make={() => call('reports.letter', { submissionId, format: 'docx', rubricId: scores.rubricId })}
                />
                <ExportButton
                  label={t('letter.downloadPdf')}
                  busyLabel={t('reports.preparing')}
                  make={() => call('reports.letter', { submissionId, format: 'pdf', rubricId: scores.rubricId })}
                />
              </div>
            )}
          </div>
        </div>
        <p className="muted">
          {title(scores.rubric.name)} v{scores.rubricVersion} ·{' '}
          {computed.basis === 'self'
            ? t('dashboard.basisSelf', { name: scores.self?.assessor ?? '' })
            : t('dashboard.basisPanel', { count: scores.assessors.filter((assessor) => assessor.counted).length })}
        </p>
      </header>
      {scores.hidden && <p className="notice-inline">{t('panel.hidden')}</p>}
      {computed.basis === 'none' && !scores.hidden && <p className="notice-inline">{t('dashboard.noResult')}</p>}

      <section className="card dashboard-summary" aria-label={t('dashboard.summary')}>
        <dl className="score-figures">
          <div>
            <dt>{t('scoring.overall')}</dt>
            <dd className="figure-big" data-testid="dashboard-overall">
              {percent(computed.main.percent)}
            </dd>
          </div>
          <div>
            <dt>{t('scoring.gap', { passMark: formatPercent(computed.main.passMark, language, 0) })}</dt>
            <dd className={gapClass(computed.main.gap)}>{formatGap(computed.main.gap, language)}</dd>
          </div>
          <div>
            <dt>{t('scoring.band')}</dt>
            <dd data-testid="dashboard-band">{computed.main.band && computed.main.complete ? title(computed.main.band.label) : '–'}</dd>
          </div>
          <div>
            <dt>{t('dashboard.belowCount')}</dt>
            <dd>{noResult ? '–' : belowText}</dd>
          </div>
        </dl>
        {!computed.main.complete && computed.main.percent !== null && <p className="help">{t('scoring.provisional')}</p>}
      </section>

      <div className={styles.chartGrid}>
        <ChartFrame
          title={t('dashboard.radar')}
          summary={
            noResult
              ? t('dashboard.radarNoResult', { passMark: formatPercent(computed.main.passMark, language, 0) })
              : t('dashboard.radarSummary', {
                  below: below.map((point) => point.code).join(', ') || t('dashboard.none'),
                  passMark: formatPercent(computed.main.passMark, language, 0),
                })
          }
          fileName={`${fileBase}-radar`}
          table={
            computed.basis === 'panel'
              ? {
                  columns: [t('panel.columns.group'), t('charts.panel'), t('charts.self'), t('panel.columns.gap')],
                  rows: computed.points.map((point) => [
                    `${point.code} ${title(point.title)}`,
                    percent(point.panel),
                    percent(point.self),
                    formatGap(point.gap, language),
                  ]),
                }
              : {
                  columns: [t('panel.columns.group'), t('charts.self'), t('panel.columns.gap')],
                  rows: computed.points.map((point) => [
                    `${point.code} ${title(point.title)}`,
                    percent(point.panel),
                    formatGap(point.gap, language),
                  ]),
                }
          }
        >
          <DimensionRadar points={computed.points} showSelf={computed.basis === 'panel' && scores.self !== null} />
        </ChartFrame>
        <ChartFrame
          title={t('dashboard.gaps')}
          summary={t('dashboard.gapsSummary', { passMark: formatPercent(computed.main.passMark, language, 0) })}
          fileName={`${fileBase}-gaps`}
          table={{
            columns: [t('panel.columns.group'), t('panel.columns.percent'), t('panel.columns.gap')],
            rows: computed.bars.map((bar) => [`${bar.code} ${title(bar.title)}`, percent(bar.panel), formatGap(bar.gap, language)]),
          }}
        >
          <GapBars bars={computed.bars} />
        </ChartFrame>
      </div>

      <ChartFrame
        title={t('dashboard.heatmap')}
        summary={t('dashboard.heatmapSummary')}
        fileName={`${fileBase}-criteria`}
        table={{
          columns: [t('panel.columns.criterion'), t('panel.columns.percent'), t('panel.columns.gap')],
          rows: computed.heat.flatMap((row) =>
            row.cells.map((cell) => [
              `${cell.code} ${title(cell.title)}`,
              cell.excluded ? t('dashboard.excluded') : percent(cell.percent),
              formatGap(cell.gap, language),
            ]),
          ),
        }}
      >
        <HeatGrid
          labelWidth={220}
          names={computed.heat.map((row) => ({ code: row.code, name: title(row.title) }))}
          rows={computed.heat.map((row) => ({
            key: row.code,
            label: `${row.code} ${percent(row.percent)}`,
            cells: row.cells.map((cell) => ({
              key: cell.code,
              label: cell.code,
              text: cell.excluded ? '·' : cell.percent === null ? '–' : formatNumber(cell.percent, language, 0),
              description: `${cell.code} ${title(cell.title)}: ${cell.excluded ? t('dashboard.excluded') : `${percent(cell.percent)} (${formatGap(cell.gap, language)})`}`,
              gap: cell.gap,
              standing: cell.standing,
              excluded: cell.excluded,
            })),
          }))}
        />
        <HeatLegend />
      </ChartFrame>

      <section className="card" aria-labelledby={`${id}-path`}>
        <h2 id={`${id}-path`} className="card-title">
          {t('dashboard.path')}
        </h2>
        <p className="help">{t('dashboard.pathHelp')}</p>
        {!computed.plan.overall && computed.plan.groups.length === 0 ? (
          <p>{computed.main.percent === null ? t('dashboard.noResult') : t('dashboard.allAbove')}</p>
        ) : (
          <div className={styles.planList}>
            {[...(computed.plan.overall ? [computed.plan.overall] : []), ...computed.plan.groups].map((target) => (
              <PlanCard key={target.target || 'overall'} target={target} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}

function HeatLegend() {
  const { t } = useTranslation();
  return (
    <p className={styles.heatLegend}>
      {(['far', 'below', 'near', 'above', 'well'] as const).map((key, index) => (
        <span key={key} className={`${styles.heatKey} ${styles[`heat-key-${index + 1}`]}`}>
          {t(`dashboard.legend.${key}`)}
        </span>
      ))}
    </p>
  );
}

function PlanCard({ target }: { target: TargetPlan }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const title = (text: { id: string; en?: string }) => localTitle(text, language);
  const name = target.target === '' ? t('dashboard.overallTarget') : `${target.target} ${title(target.title)}`;
  return (
    <article className={styles.planCard} data-target={target.target || 'overall'}>
      <h3>{name}</h3>
      <p>
        {target.reachable
          ? t('dashboard.planSummary', {
              current: formatPercent(target.current, language),
              needed: formatNumber(target.needed, language, 1),
              steps: target.steps,
            })
          : t('dashboard.planUnreachable', { best: formatPercent(target.best, language) })}
      </p>
      <ol>
        {target.improvements.map((step) => (
          <li key={step.code}>
            {t('dashboard.step', {
              title: title(step.title),
              code: step.code,
              group: step.groupTitle ? title(step.groupTitle) : '',
              from: formatNumber(step.from, language, 2),
              to: formatNumber(step.to, language, 2),
              points: formatNumber(step.gain, language, 1),
            })}
          </li>
        ))}
      </ol>
    </article>
  );
}
