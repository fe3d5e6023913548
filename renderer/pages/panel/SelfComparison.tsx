import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComparisonRowData, PanelView } from '../../../shared/assessment/catalog.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatNumber, formatPercent } from '../../../shared/format/number.ts';
import { routeHref } from '../../app/routes.ts';
import { localTitle } from '../../components/text.ts';
import styles from './SelfComparison.module.css';

const ARROWS = { over: '▲', under: '▼', same: '=', unknown: '·' } as const;

function Row({ row, language }: { row: ComparisonRowData; language: Language }) {
  const { t } = useTranslation();
  const percent = (value: number | null) => (value === null ? '–' : formatPercent(value, language));
  return (
    <tr data-code={row.code} className={row.kind === 'group' ? styles.rowGroup : undefined}>
      <th scope="row" style={{ paddingLeft: `${0.5 + Math.max(0, row.depth) * 1.25}rem` }}>
        {row.code && <span className="tree-code">{row.code}</span>} {localTitle(row.title, language)}
      </th>
      <td className="num">{percent(row.self)}</td>
      <td className="num">{percent(row.panel)}</td>
      <td className="num">
        {row.difference === null ? '–' : `${row.difference >= 0 ? '+' : '−'}${formatNumber(Math.abs(row.difference), language, 1)}`}
      </td>
      <td className={`direction ${styles[`direction-${row.direction}`] ?? ''}`}>
        <span aria-hidden="true">{ARROWS[row.direction]} </span>
        {t(`panel.direction.${row.direction}`)}
      </td>
    </tr>
  );
}

/** The region's self-assessment against the panel, per dimension and criterion: where it rates itself higher or lower. */
export function SelfComparison({ view }: { view: PanelView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  if (view.hidden) return <p className="notice-inline">{t('panel.hidden')}</p>;
  const self = view.self;
  if (!self) return <p className="empty">{t('panel.noSelf')}</p>;
  const over = self.rows.filter((row) => row.depth === 0 && row.direction === 'over');
  const under = self.rows.filter((row) => row.depth === 0 && row.direction === 'under');
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('panel.selfTitle', { name: self.assessment.assessorName })}
      </h2>
      <p>
        <a href={routeHref({ page: 'assessment', id: self.assessment.id })}>{t('panel.openSelf')}</a> ·{' '}
        <span className={`badge status-${self.assessment.status}`}>{t(`assessment.status.${self.assessment.status}`)}</span>
      </p>
      <p className={styles.comparisonSummary}>
        {over.length > 0 && t('panel.selfOver', { groups: over.map((row) => localTitle(row.title, language)).join(', ') })}{' '}
        {under.length > 0 && t('panel.selfUnder', { groups: under.map((row) => localTitle(row.title, language)).join(', ') })}
        {over.length + under.length === 0 && t('panel.selfSame')}
      </p>
      <p className="help">{t('panel.selfNote')}</p>
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('panel.columns.item')}</th>
              <th scope="col" className="num">
                {t('panel.columns.self')}
              </th>
              <th scope="col" className="num">
                {t('panel.columns.panel')}
              </th>
              <th scope="col" className="num">
                {t('panel.columns.difference')}
              </th>
              <th scope="col">{t('panel.columns.direction')}</th>
            </tr>
          </thead>
          <tbody>
            <Row row={{ ...self.overall, title: { id: t('scoring.overall'), en: t('scoring.overall') } }} language={language} />
            {self.rows.map((row) => (
              <Row key={row.code} row={row} language={language} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
