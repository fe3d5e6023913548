import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/settings.ts';
import { formatNumber, formatRupiah } from '../../../../shared/format/number.ts';
import type { InventoryItemData } from '../../../../shared/intake/catalog.ts';
import { HORIZONS, INVENTORY_KINDS, inventoryFieldsSchema, type InventoryFields } from '../../../../shared/intake/inventory.ts';
import { parseBudget } from '../../../../shared/intake/inventory/values.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { FormProblem } from '../../../components/FormBits.tsx';
import styles from './InventoryEditor.module.css';

interface Props {
  item: InventoryItemData | undefined;
  dimensions: readonly { code: string; title: string }[];
  onSave(item: InventoryItemData, fields: InventoryFields, status: InventoryItemData['status']): Promise<string | undefined>;
  onClose(): void;
}

/** One programme or quick win, corrected in a dialog: every field, then save as confirmed (or as it was). */
export function InventoryEditor({ item, dimensions, onSave, onClose }: Props) {
  return (
    <Dialog open={item !== undefined} title={item?.name ?? ''} onClose={onClose}>
      {item && <EditorForm key={item.id} item={item} dimensions={dimensions} onSave={onSave} onClose={onClose} />}
    </Dialog>
  );
}

function EditorForm({ item, dimensions, onSave, onClose }: Props & { item: InventoryItemData }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const [fields, setFields] = useState<InventoryFields>({
    kind: item.kind,
    name: item.name,
    dimension: item.dimension,
    agency: item.agency,
    horizon: item.horizon,
    year: item.year,
    innovation: item.innovation,
    budget: item.budget,
  });
  // Grouped as Indonesian documents write it ("1.250.000.000"), which is also what the field reads back.
  const [budgetText, setBudgetText] = useState(item.budget === null ? '' : formatNumber(item.budget, 'id', 0));
  const [problem, setProblem] = useState<string | undefined>();
  const set = <K extends keyof InventoryFields>(key: K, value: InventoryFields[K]) =>
    setFields((current) => ({ ...current, [key]: value }));
  const budget = budgetText.trim() ? parseBudget(budgetText) : null;

  async function save(status: InventoryItemData['status']) {
    if (budgetText.trim() && budget === null) {
      setProblem(t('inventory.budgetUnreadable', { text: budgetText }));
      return;
    }
    const parsed = inventoryFieldsSchema.safeParse({ ...fields, budget, name: fields.name.trim() });
    if (!parsed.success) {
      setProblem(t('inventory.invalid'));
      return;
    }
    setProblem(await onSave(item, parsed.data, status));
  }

  const field = (key: string) => `${id}-${key}`;
  return (
    <form
      className={`form ${styles.inventoryEditor}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save('confirmed');
      }}
    >
      <div className={styles.formGrid}>
        <label htmlFor={field('kind')}>{t('inventory.columns.kind')}</label>
        <select id={field('kind')} value={fields.kind} onChange={(event) => set('kind', event.target.value as InventoryFields['kind'])}>
          {INVENTORY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`inventory.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <label htmlFor={field('name')}>{t('inventory.columns.name')}</label>
        <textarea id={field('name')} rows={2} maxLength={500} value={fields.name} onChange={(event) => set('name', event.target.value)} />
        <label htmlFor={field('innovation')}>{t('inventory.columns.innovation')}</label>
        <textarea
          id={field('innovation')}
          rows={2}
          maxLength={2000}
          value={fields.innovation ?? ''}
          onChange={(event) => set('innovation', event.target.value || null)}
        />
        <label htmlFor={field('dimension')}>{t('inventory.columns.dimension')}</label>
        <select id={field('dimension')} value={fields.dimension ?? ''} onChange={(event) => set('dimension', event.target.value || null)}>
          <option value="">{t('inventory.noDimension')}</option>
          {dimensions.map((dimension) => (
            <option key={dimension.code} value={dimension.code}>
              {dimension.title}
            </option>
          ))}
        </select>
        <label htmlFor={field('agency')}>{t('inventory.columns.agency')}</label>
        <input
          id={field('agency')}
          type="text"
          maxLength={300}
          value={fields.agency ?? ''}
          onChange={(event) => set('agency', event.target.value || null)}
        />
        <label htmlFor={field('horizon')}>{t('inventory.horizon')}</label>
        <select id={field('horizon')} value={fields.horizon ?? ''} onChange={(event) => set('horizon', event.target.value || null)}>
          <option value="">—</option>
          {HORIZONS.map((horizon) => (
            <option key={horizon} value={horizon}>
              {t(`inventory.horizons.${horizon}`)}
            </option>
          ))}
          {fields.horizon && !(HORIZONS as readonly string[]).includes(fields.horizon) && (
            <option value={fields.horizon}>{fields.horizon}</option>
          )}
        </select>
        <label htmlFor={field('year')}>{t('inventory.columns.year')}</label>
        <input
          id={field('year')}
          type="text"
          className="input-small"
          maxLength={30}
          value={fields.year ?? ''}
          onChange={(event) => set('year', event.target.value || null)}
        />
        <label htmlFor={field('budget')}>{t('inventory.columns.budget')}</label>
        <div>
          <input
            id={field('budget')}
            type="text"
            className="input-small"
            value={budgetText}
            aria-describedby={field('budget-read')}
            onChange={(event) => setBudgetText(event.target.value)}
          />
          <small id={field('budget-read')} className="muted">
            {budget !== null ? formatRupiah(budget, language, false) : t('inventory.budgetHelp')}
          </small>
        </div>
      </div>
      <FormProblem text={problem} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button" onClick={() => void save(item.status)}>
          {t('inventory.saveOnly')}
        </button>
        <button type="submit" className="button button-primary">
          {t('inventory.saveConfirm')}
        </button>
      </div>
    </form>
  );
}
