import { useTranslation } from 'react-i18next';
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from 'recharts';
import { codeAndName, wrapWords, type DimensionPoint } from '../../../shared/analytics/charts.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatPercent } from '../../../shared/format/number.ts';
import { localTitle } from '../text.ts';
import { COLOURS } from './patterns.tsx';
import { useWidth } from './useWidth.ts';
import charts from './charts.module.css';

/** Room for the names under the codes around the radar from this width on; below it the codes, the names in the tooltip and table. */
const NAMES_FROM = 440;
const LINE = 13;

interface AngleTickProps {
  x: number | string;
  y: number | string;
  cx?: number | string;
  cy?: number | string;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  payload: { value: unknown };
}

/**
 * The dimensions on a radar: the panel's result (filled), the self-assessment (dashed) and the pass-mark ring (dotted grey).
 * Each axis is named by its code and, where there is room, its name; the percentages of the rings run between
 * the first two axes, clear of the axis names. The values are in the tooltip and the figure's table.
 */
export function DimensionRadar({ points, showSelf }: { points: readonly DimensionPoint[]; showSelf: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [box, width] = useWidth<HTMLDivElement>();
  const withNames = width >= NAMES_FROM;
  // No result is a gap in the line, not a 0.
  const data = points.map((point) => ({ ...point, label: point.code }));
  const names = new Map(points.map((point) => [point.code, localTitle(point.title, language)]));
  const percent = (value: unknown) => (typeof value === 'number' ? formatPercent(value, language) : '–');
  // Between the first axis (at the top) and the next one, clockwise.
  const ringAngle = 90 - 180 / Math.max(points.length, 1);
  const tick = ({ x: left, y: top, cy: middle, textAnchor, payload }: AngleTickProps) => {
    const code = String(payload.value);
    const name = names.get(code) ?? '';
    const lines = [code, ...(withNames && name !== code ? wrapWords(name, 16, 2) : [])];
    const x = Number(left);
    const y = Number(top);
    const cy = Number(middle ?? y);
    // Above the centre the lines grow upwards, below it downwards, beside it around the axis's end.
    const first = y < cy - 4 ? -(lines.length - 1) * LINE : y > cy + 4 ? LINE * 0.6 : -((lines.length - 1) * LINE) / 2 + 4;
    return (
      <text x={x} y={y} textAnchor={textAnchor ?? 'middle'} fontSize={11} fill="#374151" data-axis-label={code}>
        {lines.map((line, index) => (
          <tspan key={index} x={x} dy={index === 0 ? first : LINE} fontWeight={index === 0 ? 700 : 400} fontSize={index === 0 ? 12 : 11}>
            {line}
          </tspan>
        ))}
      </text>
    );
  };
  return (
    <div ref={box} className={`${charts.chartBox} ${charts.chartBoxSquare}`} data-chart="radar">
      <ResponsiveContainer width="100%" height="100%">
        <RadarChart data={data} outerRadius={withNames ? '62%' : '70%'} className="chart-radar">
          <PolarGrid />
          <PolarAngleAxis dataKey="label" tick={tick} />
          <PolarRadiusAxis
            angle={ringAngle}
            domain={[0, 100]}
            tickCount={6}
            tick={{ fontSize: 10, fill: '#6b7280' }}
            axisLine={false}
            tickFormatter={(value: number) => percent(value)}
          />
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
          <Tooltip formatter={percent} labelFormatter={(code) => codeAndName(String(code), names.get(String(code)) ?? '')} />
          <Legend />
        </RadarChart>
      </ResponsiveContainer>
    </div>
  );
}
