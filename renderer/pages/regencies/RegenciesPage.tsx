import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BIMTEK_STAGES, filterRegencies, type Regency } from '../../../shared/domain/regency.ts';
import { useChannel } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { routeHref } from '../../app/routes.ts';
import { useReadOnly, useWorkspace } from '../../app/workspace-context.tsx';
import { AddRegencyForm } from './AddRegencyForm.tsx';
import { EditRegencyDialog } from './EditRegencyDialog.tsx';
import { RegencyTable } from './RegencyTable.tsx';
import { RemoveRegencyDialog } from './RemoveRegencyDialog.tsx';
import { ErrorProblem } from '../../components/FormBits.tsx';
import { DemoOffer } from '../../app/workspace-move.tsx';
import styles from './RegenciesPage.module.css';

const NO_AREAS: never[] = [];

/** The regency registry: add from the Kemendagri list, search, filter, edit, remove. */
export function RegenciesPage() {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const { profile } = useWorkspace();
  const readOnly = useReadOnly();
  const list = useChannel('regencies.list', {});
  // The Kemendagri list does not change while the app runs.
  const areaList = useChannel('areas.list', {}, { staleTime: Infinity, refetchOnWindowFocus: false });
  const regencies = list.data;
  const areas = areaList.data ?? NO_AREAS;
  const loadProblem = list.error ?? areaList.error;
  const [query, setQuery] = useState('');
  const [provinceCode, setProvinceCode] = useState('');
  const [stage, setStage] = useState(0);
  const [highlight, setHighlight] = useState<string | undefined>();
  const [editing, setEditing] = useState<Regency | undefined>();
  const [removing, setRemoving] = useState<Regency | undefined>();

  const taken = useMemo(() => new Set((regencies ?? []).map((regency) => regency.code)), [regencies]);
  const provinces = useMemo(() => {
    const byCode = new Map((regencies ?? []).map((regency) => [regency.provinceCode, regency.provinceName]));
    return [...byCode].sort((a, b) => a[1].localeCompare(b[1], 'id'));
  }, [regencies]);
  const shown = useMemo(
    () =>
      filterRegencies(regencies ?? [], {
        query,
        ...(provinceCode ? { provinceCode } : {}),
        ...(stage ? { stage } : {}),
      }),
    [regencies, query, provinceCode, stage],
  );

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('regencies.title')}</h1>
        <p className="page-subtitle">{t('regencies.subtitle')}</p>
      </header>

      {regencies?.length === 0 && !readOnly && <DemoOffer />}

      {!profile && !readOnly && (
        <div className="callout">
          <span>{t('profile.missing')}</span>
          <a className="button button-small" href={routeHref({ page: 'profile' })}>
            {t('profile.missingAction')}
          </a>
        </div>
      )}

      {!readOnly && (
        <AddRegencyForm
          areas={areas}
          taken={taken}
          onAdded={(added) => {
            notify(t('regencies.add.added', { name: added.name }));
            setHighlight(added.code);
          }}
        />
      )}

      <section className="card" aria-labelledby={`${id}-list`}>
        <div className={styles.listHead}>
          <h2 id={`${id}-list`} className="card-title">
            {t('regencies.count', { count: regencies?.length ?? 0 })}
          </h2>
          {regencies && shown.length !== regencies.length && (
            <span className="muted">{t('regencies.shown', { shown: shown.length, total: regencies.length })}</span>
          )}
        </div>
        <div className={styles.toolbar} role="search" aria-label={t('regencies.filter.label')}>
          <div className="field field-grow">
            <label htmlFor={`${id}-query`}>{t('regencies.filter.search')}</label>
            <input
              id={`${id}-query`}
              type="search"
              value={query}
              placeholder={t('regencies.filter.searchPlaceholder')}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-province`}>{t('regencies.filter.province')}</label>
            <select id={`${id}-province`} value={provinceCode} onChange={(event) => setProvinceCode(event.target.value)}>
              <option value="">{t('regencies.filter.allProvinces')}</option>
              {provinces.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-stage`}>{t('regencies.filter.stage')}</label>
            <select id={`${id}-stage`} value={stage} onChange={(event) => setStage(Number(event.target.value))}>
              <option value={0}>{t('regencies.filter.allStages')}</option>
              {BIMTEK_STAGES.map((value) => (
                <option key={value} value={value}>
                  {t('stage.label', { stage: value })}
                </option>
              ))}
            </select>
          </div>
        </div>

        <ErrorProblem error={loadProblem} />
        {regencies === undefined && !loadProblem && <p className="muted">{t('app.loading')}</p>}
        {regencies?.length === 0 && <p className="empty">{t('regencies.empty')}</p>}
        {regencies && regencies.length > 0 && shown.length === 0 && <p className="empty">{t('regencies.noneMatch')}</p>}
        {shown.length > 0 && (
          <RegencyTable regencies={shown} highlight={highlight} {...(readOnly ? {} : { onEdit: setEditing, onRemove: setRemoving })} />
        )}
      </section>

      <EditRegencyDialog
        regency={editing}
        onClose={() => setEditing(undefined)}
        onSaved={(saved) => {
          setEditing(undefined);
          notify(t('regencies.edit.saved', { name: saved.name }));
          setHighlight(saved.code);
        }}
      />
      <RemoveRegencyDialog
        regency={removing}
        onClose={() => setRemoving(undefined)}
        onRemoved={(removed) => {
          setRemoving(undefined);
          notify(t('regencies.remove.done', { name: removed.name }));
        }}
      />
    </div>
  );
}
