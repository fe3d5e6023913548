import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProgressSeries } from '../../../shared/analytics/charts.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatPercent } from '../../../shared/format/number.ts';
import { COLOURS, SERIES } from './patterns.tsx';
import charts from './charts.module.css';

/** Each dimension's % over the stages, told apart by colour and dash, with the pass mark as a line. */
export function StageLines({
  series,
  passMark,
  labelOf,
}: {
  series: ProgressSeries;
  passMark: number;
  labelOf(point: ProgressSeries['points'][number]): string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const data = series.points.map((point) => ({ ...point, label: labelOf(point) }));
  const percent = (value: unknown) => (typeof value === 'number' ? formatPercent(value, language) : '–');
  return (
    <div className={charts.chartBox} style={{ height: 340 }} data-chart="lines">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 8, right: 24, top: 16, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis domain={[0, 100]} tickFormatter={(value: number) => percent(value)} />
          <ReferenceLine
            y={passMark}
            stroke={COLOURS.passMark}
            strokeDasharray="4 4"
            label={{
              value: t('charts.passMarkAt', { value: formatPercent(passMark, language, 0) }),
              position: 'insideTopLeft',
              fontSize: 11,
            }}
          />
          <Tooltip formatter={percent} />
          <Legend />
          {series.dimensions.map((dimension, index) => {
            const style = SERIES[index % SERIES.length] ?? SERIES[0];
            return (
              <Line
                key={dimension.code}
                type="linear"
                dataKey={dimension.code}
                name={dimension.code}
                stroke={style.colour}
                strokeDasharray={style.dash}
                strokeWidth={2}
                dot={{ r: 4 }}
                connectNulls
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
