import { useTranslation } from 'react-i18next';
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from 'recharts';
import type { DimensionPoint } from '../../../shared/analytics/charts.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatPercent } from '../../../shared/format/number.ts';
import { COLOURS } from './patterns.tsx';
import charts from './charts.module.css';

/** The dimensions on a radar: the panel's result (filled), the self-assessment (dashed) and the pass-mark ring (dotted grey). */
export function DimensionRadar({ points, showSelf }: { points: readonly DimensionPoint[]; showSelf: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  // No result is a gap in the line, not a 0.
  const data = points.map((point) => ({ ...point, label: point.code }));
  const percent = (value: unknown) => (typeof value === 'number' ? formatPercent(value, language) : '–');
  return (
    <div className={`${charts.chartBox} ${charts.chartBoxSquare}`} data-chart="radar">
      <ResponsiveContainer width="100%" height="100%">
        <RadarChart data={data} outerRadius="72%" className="chart-radar">
          <PolarGrid />
          <PolarAngleAxis dataKey="label" />
          <PolarRadiusAxis angle={90} domain={[0, 100]} tickCount={6} tickFormatter={(value: number) => percent(value)} />
          <Radar
            name={t('charts.passMark')}
            dataKey="passMark"
            stroke={COLOURS.passMark}
            strokeDasharray="2 3"
            fill="none"
            isAnimationActive={false}
          />
          <Radar
            name={t('charts.panel')}
            dataKey="panel"
            stroke={COLOURS.panel}
            fill={COLOURS.panel}
            fillOpacity={0.25}
            strokeWidth={2}
            isAnimationActive={false}
          />
          {showSelf && (
            <Radar
              name={t('charts.self')}
              dataKey="self"
              stroke={COLOURS.self}
              strokeDasharray="6 3"
              fill="none"
              strokeWidth={2}
              isAnimationActive={false}
            />
          )}
          <Tooltip formatter={percent} />
          <Legend />
        </RadarChart>
      </ResponsiveContainer>
    </div>
  );
}
