import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { codeAndName, type ProgressSeries } from '../../../shared/analytics/charts.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatPercent } from '../../../shared/format/number.ts';
import { localTitle } from '../text.ts';
import { COLOURS, SERIES } from './patterns.tsx';
import { useWidth } from './useWidth.ts';
import charts from './charts.module.css';

/** Each dimension's % over the stages, told apart by colour and dash and named by code and name, with the pass mark as a line. */
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
  const [box, width] = useWidth<HTMLDivElement>();
  // The legend names each line by code and name: on a narrow chart it takes more rows, and the chart grows to keep its plot.
  const legendRows = Math.ceil(series.dimensions.length / Math.max(1, Math.floor((width || 1000) / 200)));
  return (
    <div ref={box} className={charts.chartBox} style={{ height: 290 + legendRows * 22 }} data-chart="lines">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 8, right: 24, top: 16, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" padding={{ left: 28, right: 28 }} />
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
                name={codeAndName(dimension.code, localTitle(dimension.title, language))}
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
