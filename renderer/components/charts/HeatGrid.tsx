import { gapShade, type Standing } from '../../../shared/analytics/charts.ts';
import { SHADES, SHADE_TEXT } from './patterns.tsx';
import charts from './charts.module.css';
import styles from './HeatGrid.module.css';
import { CodeKey } from './CodeKey.tsx';

export interface HeatGridCell {
  key: string;
  label: string;
  /** What the cell shows, e.g. "62". */
  text: string;
  /** Said on hover and by the data table: "ECO.1 Analisis ekonomi: 62,5% (−7,5)". */
  description: string;
  gap: number | null;
  standing: Standing;
  excluded?: boolean;
}

export interface HeatGridRow {
  key: string;
  label: string;
  cells: HeatGridCell[];
}

const CELL = 34;
const ROW = 24;

/**
 * A heat grid in SVG: a row per regency (or dimension), a cell per dimension (or criterion),
 * shaded by the gap to the pass mark, hatched when below it, the number written in it.
 */
export function HeatGrid({
  rows,
  columns,
  labelWidth = 200,
  onRow,
  names,
}: {
  rows: readonly HeatGridRow[];
  columns?: readonly string[];
  labelWidth?: number;
  onRow?(key: string): void;
  /** The codes used in the grid with their names, said under it. */
  names?: readonly { code: string; name: string }[];
}) {
  const widest = Math.max(1, ...rows.map((row) => row.cells.length));
  // A tooltip per cell for a dashboard; per row for a cohort of hundreds (thousands of titles slow the page down).
  const cellTitles = rows.length * widest <= 600;
  const top = columns ? 22 : 2;
  const width = labelWidth + widest * CELL + 4;
  const height = top + rows.length * ROW + 4;
  return (
    <div className={`${charts.chartBox} ${styles.heatBox}`} data-chart="heat">
      <svg
        className={styles.chartSvg}
        data-chart-svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-hidden="true"
      >
        {columns?.map((column, index) => (
          <text key={column} x={labelWidth + index * CELL + CELL / 2} y={14} textAnchor="middle" className={styles.heatColumn}>
            {column}
          </text>
        ))}
        {rows.map((row, rowIndex) => {
          const y = top + rowIndex * ROW;
          return (
            <g
              key={row.key}
              data-row={row.key}
              className={onRow ? `heat-row ${styles.heatRowLink}` : 'heat-row'}
              onClick={onRow ? () => onRow(row.key) : undefined}
            >
              <text x={labelWidth - 8} y={y + ROW / 2 + 4} textAnchor="end" className={styles.heatLabel}>
                {!cellTitles && <title>{row.cells.map((cell) => cell.description).join('\n')}</title>}
                {row.label}
              </text>
              {row.cells.map((cell, index) => {
                const shade = cell.excluded ? 0 : gapShade(cell.gap);
                const x = labelWidth + index * CELL;
                const hatched = cell.standing === 'below' && !cell.excluded;
                // Few elements per cell: a cohort has thousands. The hatch is a stroke pattern on the same rect.
                return [
                  <rect
                    key={`${cell.key}-r`}
                    data-cell={cell.key}
                    x={x + 1}
                    y={y + 1}
                    width={CELL - 2}
                    height={ROW - 2}
                    rx={3}
                    fill={SHADES[shade]}
                    stroke={hatched ? '#111827' : 'none'}
                    strokeOpacity={0.5}
                    strokeDasharray={hatched ? '2 2' : undefined}
                  >
                    {cellTitles && <title>{cell.description}</title>}
                  </rect>,
                  <text
                    key={`${cell.key}-t`}
                    x={x + CELL / 2}
                    y={y + ROW / 2 + 4}
                    textAnchor="middle"
                    fill={SHADE_TEXT[shade]}
                    className={styles.heatText}
                  >
                    {hatched ? `${cell.text}↓` : cell.text}
                  </text>,
                ];
              })}
            </g>
          );
        })}
      </svg>
      {names && <CodeKey names={names} />}
    </div>
  );
}
