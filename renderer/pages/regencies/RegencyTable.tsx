import { useTranslation } from 'react-i18next';
import type { Regency } from '../../../shared/domain/regency.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatDateTime } from '../../../shared/format/date.ts';
import { StageBadge } from '../../components/StageBadge.tsx';
import { routeHref } from '../../app/routes.ts';

interface Props {
  regencies: readonly Regency[];
  highlight: string | undefined;
  /** Without them (the hub's read-only view) the row has no actions. */
  onEdit?(regency: Regency): void;
  onRemove?(regency: Regency): void;
}

export function RegencyTable({ regencies, highlight, onEdit, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('regencies.columns.code')}</th>
            <th scope="col">{t('regencies.columns.name')}</th>
            <th scope="col">{t('regencies.columns.province')}</th>
            <th scope="col" className="num">
              {t('regencies.columns.cohort')}
            </th>
            <th scope="col">{t('regencies.columns.stage')}</th>
            <th scope="col">{t('regencies.columns.updated')}</th>
            {onEdit && (
              <th scope="col">
                <span className="visually-hidden">{t('regencies.columns.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {regencies.map((regency) => (
            <tr key={regency.code} className={regency.code === highlight ? 'is-new' : undefined} data-code={regency.code}>
              <td className="mono">{regency.code}</td>
              <th scope="row" className="row-name">
                <a href={routeHref({ page: 'regency', code: regency.code })}>{regency.name}</a>
              </th>
              <td>{regency.provinceName}</td>
              <td className="num">{regency.cohortYear}</td>
              <td>
                <StageBadge stage={regency.stage} />
              </td>
              <td className="muted">
                {formatDateTime(regency.updatedAt, language)}
                <br />
                <small>{t('common.by', { name: regency.updatedBy })}</small>
              </td>
              {onEdit && (
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => onEdit(regency)}
                      aria-label={t('regencies.edit.editRow', { name: regency.name })}
                    >
                      {t('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-danger-quiet"
                      onClick={() => onRemove?.(regency)}
                      aria-label={t('regencies.remove.removeRow', { name: regency.name })}
                    >
                      {t('common.remove')}
                    </button>
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
