import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadBlob } from '../../api/files.ts';
import { useNotify } from '../../app/notices.tsx';
import styles from './ChartFrame.module.css';

export interface DataTable {
  columns: string[];
  rows: string[][];
}

const PNG_SCALE = 2;

/** The chart's SVG as a standalone file: namespaced, sized, on a white background, text in the app's font. */
function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  copy.setAttribute('font-family', getComputedStyle(svg).fontFamily);
  copy.setAttribute('font-size', '12');
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

async function toPng(svgText: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * PNG_SCALE);
    canvas.height = Math.round(height * PNG_SCALE);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.scale(PNG_SCALE, PNG_SCALE);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

interface Props {
  title: string;
  /** One sentence that says what the chart shows, for everyone (and as its accessible description). */
  summary: string;
  /** File name without extension for the saved image. */
  fileName: string;
  table: DataTable;
  children: ReactNode;
  className?: string;
}

/**
 * A chart as a figure: its title and a sentence saying what it shows, the chart, a button
 * to save it as PNG or SVG, and the same numbers as a table (for the keyboard and screen
 * readers, and for copying).
 */
export function ChartFrame({ title, summary, fileName, table, children, className }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const body = useRef<HTMLDivElement>(null);
  const [showTable, setShowTable] = useState(false);

  async function save(format: 'svg' | 'png') {
    const svg = body.current?.querySelector<SVGSVGElement>('svg[data-chart-svg], svg.recharts-surface');
    if (!svg) return;
    try {
      const text = standaloneSvg(svg);
      if (format === 'svg') downloadBlob(new Blob([text], { type: 'image/svg+xml' }), `${fileName}.svg`);
      else {
        const { width, height } = svg.getBoundingClientRect();
        downloadBlob(await toPng(text, width, height), `${fileName}.png`);
      }
    } catch (error) {
      notify(t('charts.saveFailed', { reason: (error as Error).message }), 'error');
    }
  }

  return (
    <figure className={`card ${styles.chartFrame} ${className ?? ''}`} aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <div className="card-head">
        <h2 id={`${id}-title`} className="card-title">
          {title}
        </h2>
        <div className="button-row">
          <button
            type="button"
            className="button button-small"
            onClick={() => void save('png')}
            aria-label={t('charts.savePngOf', { title })}
          >
            {t('charts.savePng')}
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => void save('svg')}
            aria-label={t('charts.saveSvgOf', { title })}
          >
            {t('charts.saveSvg')}
          </button>
        </div>
      </div>
      <figcaption id={`${id}-summary`} className={styles.chartSummary}>
        {summary}
      </figcaption>
      <div ref={body} className={styles.chartBody}>
        {children}
      </div>
      <details className={styles.chartData} onToggle={(event) => setShowTable(event.currentTarget.open)}>
        <summary>{t('charts.showData')}</summary>
        {/* Built when opened: a cohort's table is thousands of cells nobody needs until they ask. */}
        {showTable && (
          <div className="table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  {table.columns.map((column, index) => (
                    <th key={index} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, index) => (
                  <tr key={index}>
                    {row.map((cell, column) =>
                      column === 0 ? (
                        <th key={column} scope="row">
                          {cell}
                        </th>
                      ) : (
                        <td key={column} className="num">
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </figure>
  );
}
