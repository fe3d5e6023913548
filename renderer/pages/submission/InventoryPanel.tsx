import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InventoryItemData } from '../../../shared/intake/catalog.ts';
import { HORIZONS, INVENTORY_KINDS, type InventoryFields } from '../../../shared/intake/inventory.ts';
import { call } from '../../api/client.ts';
import { useNotify } from '../../app/notices.tsx';
import { FormProblem } from '../../components/FormBits.tsx';
import { errorText } from '../../i18n.ts';

const DIMENSIONS = ['GOV', 'BRA', 'ECO', 'LIV', 'SOC', 'ENV'] as const;
const DIMENSION_NAMES: Record<(typeof DIMENSIONS)[number], string> = {
  GOV: 'Smart Governance',
  BRA: 'Smart Branding',
  ECO: 'Smart Economy',
  LIV: 'Smart Living',
  SOC: 'Smart Society',
  ENV: 'Smart Environment',
};

interface Props {
  submissionId: number;
  /** Changes when documents come or go, so the list is read again. */
  documents: number;
  onOpen(documentId: number, page: number): void;
}

/** Programmes and quick wins read from the documents' tables, for the assessor to correct and confirm. */
export function InventoryPanel({ submissionId, documents, onOpen }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [items, setItems] = useState<InventoryItemData[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    call('inventory.list', { submissionId }).then(setItems, (error: unknown) => setProblem(errorText(error)));
  }, [submissionId, documents]);

  if (problem) return <FormProblem text={problem} />;
  if (!items) return <p className="muted">{t('app.loading')}</p>;
  const confirmed = items.filter((item) => item.status === 'confirmed').length;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">{t('inventory.title')}</h2>
      <p className="help">{t('inventory.help')}</p>
      {items.length === 0 ? (
        <p className="empty">{t('inventory.empty')}</p>
      ) : (
        <>
          <p className="muted">
            {t('inventory.summary', {
              quickWins: items.filter((item) => item.kind === 'quick_win').length,
              programmes: items.filter((item) => item.kind === 'programme').length,
              confirmed,
            })}
          </p>
          <div className="table-wrap">
            <table className="table inventory-table">
              <thead>
                <tr>
                  {(['kind', 'name', 'dimension', 'agency', 'horizon', 'year', 'source', 'status'] as const).map((column) => (
                    <th key={column} scope="col">{t(`inventory.columns.${column}`)}</th>
                  ))}
                  <th scope="col"><span className="visually-hidden">{t('regencies.columns.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <InventoryRow key={item.id} item={item} onOpen={onOpen}
                    onSaved={(saved) => setItems((all) => all?.map((entry) => (entry.id === saved.id ? saved : entry)))} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function InventoryRow({ item, onOpen, onSaved }: { item: InventoryItemData; onOpen: Props['onOpen']; onSaved(item: InventoryItemData): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [fields, setFields] = useState<InventoryFields>({
    kind: item.kind,
    name: item.name,
    dimension: item.dimension,
    agency: item.agency,
    horizon: item.horizon,
    year: item.year,
  });
  const set = <K extends keyof InventoryFields>(key: K, value: InventoryFields[K]) => setFields((current) => ({ ...current, [key]: value }));
  const label = (column: string) => `${t(`inventory.columns.${column}`)}: ${item.name}`;

  async function save(status: InventoryItemData['status']) {
    try {
      const saved = await call('inventory.update', { id: item.id, fields: { ...fields, name: fields.name.trim() || item.name }, status });
      onSaved(saved);
      notify(t('inventory.saved', { name: saved.name, status: t(`inventory.statuses.${status}`) }));
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  return (
    <tr className={`inventory-row is-${item.status}`} data-item={item.id}>
      <td>
        <select className="inv-kind" value={fields.kind} aria-label={label('kind')} onChange={(event) => set('kind', event.target.value as InventoryFields['kind'])}>
          {INVENTORY_KINDS.map((kind) => <option key={kind} value={kind}>{t(`inventory.kinds.${kind}`)}</option>)}
        </select>
      </td>
      <td><input type="text" className="inv-name" value={fields.name} aria-label={label('name')} onChange={(event) => set('name', event.target.value)} /></td>
      <td>
        <select className="inv-dimension" value={fields.dimension ?? ''} aria-label={label('dimension')} onChange={(event) => set('dimension', event.target.value || null)}>
          <option value="">{t('inventory.noDimension')}</option>
          {DIMENSIONS.map((code) => <option key={code} value={code}>{DIMENSION_NAMES[code]}</option>)}
        </select>
      </td>
      <td><input type="text" className="inv-agency" value={fields.agency ?? ''} aria-label={label('agency')} onChange={(event) => set('agency', event.target.value || null)} /></td>
      <td>
        <select className="inv-horizon" value={fields.horizon ?? ''} aria-label={label('horizon')} onChange={(event) => set('horizon', event.target.value || null)}>
          <option value="">—</option>
          {HORIZONS.map((horizon) => <option key={horizon} value={horizon}>{t(`inventory.horizons.${horizon}`)}</option>)}
          {fields.horizon && !(HORIZONS as readonly string[]).includes(fields.horizon) && <option value={fields.horizon}>{fields.horizon}</option>}
        </select>
      </td>
      <td><input type="text" className="input-tiny" value={fields.year ?? ''} aria-label={label('year')} onChange={(event) => set('year', event.target.value || null)} /></td>
      <td>
        <button type="button" className="link-button inv-source" onClick={() => onOpen(item.documentId, item.page)}>
          {item.fileName} · {t('documents.pageLabel', { page: item.page })}
        </button>
      </td>
      <td><span className={`badge status-${item.status}`}>{t(`inventory.statuses.${item.status}`)}</span></td>
      <td>
        <div className="row-actions">
          <button type="button" className="button button-small" onClick={() => void save('confirmed')} aria-label={t('inventory.confirmName', { name: item.name })}>
            {t('inventory.confirm')}
          </button>
          <button type="button" className="button button-small button-danger-quiet" onClick={() => void save('rejected')} aria-label={t('inventory.rejectName', { name: item.name })}>
            {t('inventory.reject')}
          </button>
        </div>
      </td>
    </tr>
  );
}
