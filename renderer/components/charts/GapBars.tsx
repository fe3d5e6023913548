import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DimensionPoint } from '../../../shared/analytics/charts.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatGap } from '../../../shared/format/number.ts';
import { COLOURS, PatternDefs } from './patterns.tsx';
import charts from './charts.module.css';

/** Each dimension's gap to the pass mark, furthest below first: hatched red below, solid green above, the value written on each bar. */
export function GapBars({ bars, compact = false }: { bars: readonly DimensionPoint[]; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId().replace(/:/g, '');
  const data = bars.map((bar) => ({
    ...bar,
    value: bar.gap ?? 0,
    text: bar.gap === null ? t('charts.noResult') : formatGap(bar.gap, language),
  }));
  const height = Math.max(compact ? 120 : 180, data.length * (compact ? 20 : 34) + 40);
  return (
    <div className={charts.chartBox} style={{ height }} data-chart="gaps">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 48, top: 8, bottom: 8 }}>
          <PatternDefs id={id} />
          <XAxis
            type="number"
            domain={[-100, 100]}
            ticks={[-100, -50, 0, 50, 100]}
            tickFormatter={(value: number) => formatGap(value, language)}
          />
          <YAxis type="category" dataKey="code" width={compact ? 40 : 56} />
          <ReferenceLine
            x={0}
            stroke="#111827"
            label={compact ? undefined : { value: t('charts.passMark'), position: 'top', fontSize: 11 }}
          />
          <Tooltip formatter={(value: unknown) => (typeof value === 'number' ? formatGap(value, language) : '–')} />
          <Bar dataKey="value" name={t('charts.gap')} isAnimationActive={false}>
            {data.map((bar) => (
              <Cell
                key={bar.code}
                fill={bar.standing === 'below' ? `url(#${id}-hatch)` : bar.standing === 'above' ? COLOURS.above : COLOURS.none}
                stroke={bar.standing === 'below' ? COLOURS.below : COLOURS.above}
                data-code={bar.code}
              />
            ))}
            <LabelList dataKey="text" position="right" className={charts.barLabel} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
