import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
} from 'recharts';
import { categoryTick, codeAndName, fitLabel, gapBarLabels, type DimensionPoint } from '../../../shared/analytics/charts.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatGap } from '../../../shared/format/number.ts';
import { localTitle } from '../text.ts';
import { COLOURS, PatternDefs } from './patterns.tsx';
import { CategoryTick, type TickProps } from './CategoryTick.tsx';
import { useWidth } from './useWidth.ts';
import charts from './charts.module.css';

const DOMAIN = [-100, 100] as const;
/** Roughly how wide a character of the labels is, in px (12 px text; 11 px in the compact chart). */
const CHAR_PX = 6.6;
const CHAR_PX_COMPACT = 6.1;
/** Room for names beside the bars from this chart width on; below it the codes, with the names in the tooltip and table. */
const NAMES_FROM = 420;

interface Row extends DimensionPoint {
  value: number | null;
  name: string;
  tick: string[];
}

/**
 * Each dimension's gap to the pass mark, furthest below first: hatched red below, solid green above.
 * Every bar carries its value, placed so that it stays on the plot; a group without a result says so,
 * every such group alike. The names are written beside the codes where there is room, and are in
 * the tooltip (and, for the compact chart, in a table for screen readers) always.
 */
export function GapBars({ bars, compact = false }: { bars: readonly DimensionPoint[]; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId().replace(/:/g, '');
  const [box, width] = useWidth<HTMLDivElement>();
  const withNames = !compact && width >= NAMES_FROM;
  const axisWidth = compact ? 40 : withNames ? Math.min(170, Math.round(width * 0.3)) : 48;
  const data: Row[] = bars.map((bar) => {
    const name = localTitle(bar.title, language);
    return {
      ...bar,
      value: bar.gap,
      name: codeAndName(bar.code, name),
      tick: withNames ? categoryTick(bar.code, name, Math.floor((axisWidth - 10) / CHAR_PX)) : [bar.code],
    };
  });
  const byCode = new Map(data.map((row) => [row.code, row]));
  const rowHeight = compact ? 20 : 34;
  const top = compact ? 6 : 22;
  const height = Math.max(compact ? 120 : 180, data.length * rowHeight + top + 34);
  const gap = (value: unknown) => (typeof value === 'number' ? formatGap(value, language) : t('charts.notScored'));
  return (
    <div ref={box} className={charts.chartBox} style={{ height }} data-chart="gaps">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 4, right: 12, top, bottom: 4 }}>
          <PatternDefs id={id} />
          <XAxis
            type="number"
            domain={[...DOMAIN]}
            ticks={[-100, -50, 0, 50, 100]}
            tickFormatter={(value: number) => formatGap(value, language)}
            fontSize={compact ? 11 : 12}
          />
          <YAxis
            type="category"
            dataKey="code"
            width={axisWidth}
            interval={0}
            tick={(props: TickProps) => (
              <CategoryTick {...props} lines={byCode.get(String(props.payload.value))?.tick ?? []} compact={compact} />
            )}
          />
          <ReferenceLine x={0} stroke="#111827" />
          <Tooltip formatter={gap} labelFormatter={(code) => byCode.get(String(code))?.name ?? String(code)} />
          <Bar dataKey="value" name={t('charts.gap')} isAnimationActive={false}>
            {data.map((bar) => (
              <Cell
                key={bar.code}
                fill={bar.standing === 'below' ? `url(#${id}-hatch)` : bar.standing === 'above' ? COLOURS.above : COLOURS.none}
                stroke={bar.standing === 'below' ? COLOURS.below : COLOURS.above}
                data-code={bar.code}
              />
            ))}
          </Bar>
          <BarLabels data={data} compact={compact} passMark={compact ? null : t('charts.passMark')} />
        </BarChart>
      </ResponsiveContainer>
      {compact && (
        <table className="visually-hidden">
          <thead>
            <tr>
              <th scope="col">{t('panel.columns.group')}</th>
              <th scope="col">{t('panel.columns.gap')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.code}>
                <th scope="row">{row.name}</th>
                <td>{gap(row.gap)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The value of every bar, and the pass-mark line's name above the plot: drawn from the axes' scales, where gapBarLabels puts them. */
function BarLabels({ data, compact, passMark }: { data: readonly Row[]; compact: boolean; passMark: string | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const x = useXAxisScale();
  const y = useYAxisScale();
  const plot = usePlotArea();
  if (!x || !y || !plot || plot.width <= 0) return null;
  const unitsPerPx = (DOMAIN[1] - DOMAIN[0]) / plot.width;
  const charPx = compact ? CHAR_PX_COMPACT : CHAR_PX;
  const labels = gapBarLabels(data, {
    domain: DOMAIN,
    charWidth: charPx * unitsPerPx,
    gap: 4 * unitsPerPx,
    text: (value) => formatGap(value, language),
    noResult: t('charts.notScored'),
    noResultShort: '–',
  });
  const zero = x(0) ?? plot.x + plot.width / 2;
  const passMarkWidth = (passMark?.length ?? 0) * 5.8;
  return (
    <g className={charts.barLabels}>
      {labels.map((label, index) => {
        const row = data[index] as Row;
        const centre = y(row.code, { position: 'middle' });
        if (centre === undefined) return null;
        return (
          <text
            key={label.code}
            x={x(label.at)}
            y={centre}
            dy="0.35em"
            textAnchor={label.anchor}
            fontSize={compact ? 11 : 12}
            className={label.placement === 'none' ? charts.barLabelNone : row.standing === 'below' ? charts.barLabelBelow : charts.barLabel}
            data-bar-label={label.code}
          >
            {label.text}
          </text>
        );
      })}
      {passMark && (
        <text
          x={fitLabel(zero, passMarkWidth, 0, plot.x + plot.width + 8)}
          y={plot.y - 6}
          fontSize={11}
          className={charts.passMarkLabel}
          data-pass-mark-label=""
        >
          {passMark}
        </text>
      )}
    </g>
  );
}
