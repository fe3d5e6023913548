import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/settings.ts';
import { formatRupiah } from '../../../../shared/format/number.ts';
import type { DocumentSummaryData, InventoryItemData } from '../../../../shared/intake/catalog.ts';
import { INVENTORY_KINDS, INVENTORY_STATUSES, type InventoryFields } from '../../../../shared/intake/inventory.ts';
import { fold } from '../../../../shared/text/fold.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useTopics } from '../../../api/lexicon.ts';
import { channelKey, useChannel, useChannelMutation } from '../../../api/queries.ts';
import { useNotify } from '../../../app/notices.tsx';
import { ErrorProblem } from '../../../components/FormBits.tsx';
import { localTitle } from '../../../components/text.ts';
import { errorText } from '../../../i18n.ts';
import { InventoryEditor } from './InventoryEditor.tsx';
import { EMPTY_SELECTION, extendTo, selectAll, toggle, within, type Selection } from './selection.ts';
import styles from './InventoryPanel.module.css';

interface Props {
  submissionId: number;
  documents: readonly DocumentSummaryData[];
  onOpen(documentId: number, page: number): void;
}

interface Filters {
  document: number | 'all';
  kind: InventoryItemData['kind'] | 'all';
  status: InventoryItemData['status'] | 'all';
  text: string;
}

const ALL: Filters = { document: 'all', kind: 'all', status: 'all', text: '' };

/**
 * Programmes and quick wins read from the documents' tables, for the assessor to check:
 * filtered by document, kind and status, confirmed or rejected many at a time (select
 * all, Shift+click, or by keyboard: arrows, Shift+arrows, Space, C, R, Enter to edit, O to
 * open the source), each correctable in a dialog. Fits a 1366-pixel screen.
 */
export function InventoryPanel({ submissionId, documents, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const notify = useNotify();
  const client = useQueryClient();
  // Read again when a document comes or goes (the import and the removal invalidate it).
  const inventory = useChannel('inventory.list', { submissionId });
  const items = inventory.data;
  const problem = inventory.error;
  const statusChange = useChannelMutation('inventory.setStatus');
  const itemUpdate = useChannelMutation('inventory.update');
  /** A change saved here, shown at once in the cached list. */
  const setItems = (update: (all: InventoryItemData[] | undefined) => InventoryItemData[] | undefined) =>
    client.setQueryData(channelKey('inventory.list', { submissionId }), update);
  const [filters, setFilters] = useState<Filters>(ALL);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [focus, setFocus] = useState(0);
  const [editing, setEditing] = useState<InventoryItemData | undefined>();
  const topics = useTopics().data;
  const dimensions = useMemo(
    () =>
      [...(topics?.values() ?? [])]
        .filter((topic) => topic.kind === 'dimension')
        .map((topic) => ({ code: topic.code, title: localTitle(topic.title, language) })),
    [topics, language],
  );
  const body = useRef<HTMLTableSectionElement>(null);

  const shown = useMemo(() => {
    const text = fold(filters.text.trim());
    return (items ?? []).filter(
      (item) =>
        (filters.document === 'all' || item.documentId === filters.document) &&
        (filters.kind === 'all' || item.kind === filters.kind) &&
        (filters.status === 'all' || item.status === filters.status) &&
        (!text || fold(`${item.name} ${item.agency ?? ''} ${item.innovation ?? ''}`).includes(text)),
    );
  }, [items, filters]);
  const order = useMemo(() => shown.map((item) => item.id), [shown]);
  const visibleSelection = within(selection, order);
  const dimensionName = useMemo(() => new Map(dimensions.map((dimension) => [dimension.code, dimension.title])), [dimensions]);

  // Focus follows the keyboard.
  const focusRow = (index: number) => {
    const next = Math.max(0, Math.min(order.length - 1, index));
    setFocus(next);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-item]')[next]?.focus();
  };

  // A row that leaves the filter (confirmed while only "found" ones are shown) hands focus to the next one.
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    focusRow(focus);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the shown rows change, after a status change
  }, [order]);

  async function setStatus(ids: readonly number[], status: InventoryItemData['status']) {
    if (ids.length === 0) return;
    try {
      await statusChange.mutateAsync({ ids: [...ids], status });
      refocus.current = body.current?.contains(document.activeElement) ?? false;
      setItems((all) => all?.map((item) => (ids.includes(item.id) ? { ...item, status } : item)));
      // Done with these rows: the next action starts from the focused row again.
      setSelection(EMPTY_SELECTION);
      notify(t('inventory.statusSet', { count: ids.length, status: t(`inventory.statuses.${status}`) }));
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  async function save(item: InventoryItemData, fields: InventoryFields, status: InventoryItemData['status']): Promise<string | undefined> {
    try {
      const saved = await itemUpdate.mutateAsync({ id: item.id, fields, status });
      setItems((all) => all?.map((entry) => (entry.id === saved.id ? saved : entry)));
      setEditing(undefined);
      notify(t('inventory.saved', { name: saved.name, status: t(`inventory.statuses.${status}`) }));
      return undefined;
    } catch (error) {
      return errorText(error);
    }
  }

  /** The rows an action applies to: the selection, else the focused row. */
  const targets = (): number[] =>
    visibleSelection.ids.size ? [...visibleSelection.ids] : order[focus] !== undefined ? [order[focus] as number] : [];

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, index: number, item: InventoryItemData) {
    if (event.target !== event.currentTarget) return;
    const key = event.key;
    // Ctrl+C copies and Ctrl+R reloads as everywhere else: letters act on the list only when typed alone.
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.max(0, Math.min(order.length - 1, index + (key === 'ArrowDown' ? 1 : -1)));
      if (event.shiftKey)
        setSelection((current) =>
          extendTo(current.anchor === undefined ? toggle(current, item.id) : current, order, order[next] as number),
        );
      focusRow(next);
    } else if (key === 'Home' || key === 'End') {
      event.preventDefault();
      focusRow(key === 'Home' ? 0 : order.length - 1);
    } else if (plain && key === ' ') {
      event.preventDefault();
      setSelection((current) => toggle(current, item.id));
    } else if ((key === 'a' || key === 'A') && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      setSelection(selectAll(order));
    } else if (plain && (key === 'c' || key === 'C')) {
      event.preventDefault();
      void setStatus(targets(), 'confirmed');
    } else if (plain && (key === 'r' || key === 'R')) {
      event.preventDefault();
      void setStatus(targets(), 'rejected');
    } else if (plain && key === 'Enter') {
      event.preventDefault();
      setEditing(item);
    } else if (plain && (key === 'o' || key === 'O')) {
      event.preventDefault();
      onOpen(item.documentId, item.page);
    } else if (key === 'Escape') {
      setSelection(EMPTY_SELECTION);
    }
  }

  function onCheck(event: MouseEvent<HTMLInputElement>, item: InventoryItemData, index: number) {
    setFocus(index);
    setSelection((current) => (event.shiftKey ? extendTo(current, order, item.id) : toggle(current, item.id)));
  }

  if (problem) return <ErrorProblem error={problem} />;
  if (!items) return <p className="muted">{t('app.loading')}</p>;
  const counts = {
    quickWins: items.filter((item) => item.kind === 'quick_win').length,
    programmes: items.filter((item) => item.kind === 'programme').length,
    confirmed: items.filter((item) => item.status === 'confirmed').length,
  };
  const allChecked = order.length > 0 && visibleSelection.ids.size === order.length;
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((current) => ({ ...current, [key]: value }));
    setFocus(0);
  };

  return (
    <section className="card inventory" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('inventory.title')}
      </h2>
      <p className="help">{t('inventory.help')}</p>
      {items.length === 0 ? (
        <p className="empty">{t('inventory.empty')}</p>
      ) : (
        <>
          <div className={styles.inventoryFilters}>
            <div className={styles.inventoryFilter}>
              <label htmlFor={`${id}-document`}>{t('inventory.filterDocument')}</label>
              <select
                id={`${id}-document`}
                value={String(filters.document)}
                onChange={(event) => setFilter('document', event.target.value === 'all' ? 'all' : Number(event.target.value))}
              >
                <option value="all">{t('inventory.allDocuments')}</option>
                {documents
                  .filter((document) => document.duplicateOf === null)
                  .map((document) => (
                    <option key={document.id} value={document.id}>
                      {document.fileName}
                    </option>
                  ))}
              </select>
            </div>
            <div className={styles.inventoryFilter}>
              <label htmlFor={`${id}-kind`}>{t('inventory.columns.kind')}</label>
              <select id={`${id}-kind`} value={filters.kind} onChange={(event) => setFilter('kind', event.target.value as Filters['kind'])}>
                <option value="all">{t('inventory.allKinds')}</option>
                {INVENTORY_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`inventory.kinds.${kind}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.inventoryFilter}>
              <label htmlFor={`${id}-status`}>{t('inventory.columns.status')}</label>
              <select
                id={`${id}-status`}
                value={filters.status}
                onChange={(event) => setFilter('status', event.target.value as Filters['status'])}
              >
                <option value="all">{t('inventory.allStatuses')}</option>
                {INVENTORY_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`inventory.statuses.${status}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.inventoryFilter}>
              <label htmlFor={`${id}-text`}>{t('inventory.filterText')}</label>
              <input id={`${id}-text`} type="search" value={filters.text} onChange={(event) => setFilter('text', event.target.value)} />
            </div>
            <p className={`muted ${styles.inventorySummary}`} aria-live="polite">
              {t('inventory.summary', counts)} · {t('inventory.shown', { count: shown.length })}
            </p>
          </div>
          <div className={styles.inventoryBulk} role="group" aria-label={t('inventory.bulk')}>
            <span className="muted">{t('inventory.selected', { count: visibleSelection.ids.size })}</span>
            <button
              type="button"
              className="button button-small"
              disabled={visibleSelection.ids.size === 0}
              onClick={() => void setStatus([...visibleSelection.ids], 'confirmed')}
            >
              {t('inventory.confirmSelected')}
            </button>
            <button
              type="button"
              className="button button-small button-danger-quiet"
              disabled={visibleSelection.ids.size === 0}
              onClick={() => void setStatus([...visibleSelection.ids], 'rejected')}
            >
              {t('inventory.rejectSelected')}
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              disabled={visibleSelection.ids.size === 0}
              onClick={() => void setStatus([...visibleSelection.ids], 'found')}
            >
              {t('inventory.resetSelected')}
            </button>
            <span className={`muted ${styles.inventoryKeys}`} id={`${id}-keys`}>
              {t('inventory.keys')}
            </span>
          </div>
          <div className="table-wrap">
            <table
              className={`table ${styles.inventoryTable}`}
              role="grid"
              aria-multiselectable="true"
              aria-labelledby={`${id}-title`}
              aria-describedby={`${id}-keys`}
            >
              <thead>
                <tr>
                  <th scope="col" className="inv-check">
                    <input
                      type="checkbox"
                      checked={allChecked}
                      aria-label={t('inventory.selectAll')}
                      onChange={() => setSelection(allChecked ? EMPTY_SELECTION : selectAll(order))}
                    />
                  </th>
                  {(['name', 'dimension', 'agency', 'horizon', 'budget', 'source', 'status'] as const).map((column) => (
                    <th key={column} scope="col" className={`inv-${column}`}>
                      {t(`inventory.columns.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody ref={body}>
                {shown.map((item, index) => {
                  const selected = visibleSelection.ids.has(item.id);
                  return (
                    <tr
                      key={item.id}
                      data-item={item.id}
                      className={`${styles.inventoryRow} is-${item.status}${selected ? ' is-selected' : ''}`}
                      tabIndex={index === Math.min(focus, order.length - 1) ? 0 : -1}
                      aria-selected={selected}
                      onKeyDown={(event) => onRowKey(event, index, item)}
                      onFocus={() => setFocus(index)}
                      onDoubleClick={() => setEditing(item)}
                    >
                      <td className="inv-check">
                        <input
                          type="checkbox"
                          checked={selected}
                          tabIndex={-1}
                          aria-label={t('inventory.selectName', { name: item.name })}
                          onClick={(event) => onCheck(event, item, index)}
                          onChange={() => undefined}
                        />
                      </td>
                      <td className="inv-name">
                        {item.kind === 'quick_win' && <span className={`badge ${styles.badgeQw}`}>{t('inventory.kinds.quick_win')}</span>}{' '}
                        <span className={styles.invNameText} data-testid="item-name">
                          {item.name}
                        </span>
                        {item.innovation && <small className={`${styles.invInnovation} muted`}>{item.innovation}</small>}
                      </td>
                      <td className="inv-dimension">{item.dimension ? (dimensionName.get(item.dimension) ?? item.dimension) : '—'}</td>
                      <td className="inv-agency">{item.agency ?? '—'}</td>
                      <td className="inv-horizon">
                        {[item.horizon && (t(`inventory.horizons.${item.horizon}`, { defaultValue: item.horizon }) as string), item.year]
                          .filter(Boolean)
                          .join(' · ') || '—'}
                      </td>
                      <td className="inv-budget">{item.budget === null ? '—' : formatRupiah(item.budget, language)}</td>
                      <td className="inv-source">
                        <button
                          type="button"
                          className="link-button"
                          tabIndex={-1}
                          onClick={() => onOpen(item.documentId, item.page)}
                          title={item.fileName}
                        >
                          {t('documents.pageLabel', { page: item.page })}
                        </button>
                      </td>
                      <td className="inv-status">
                        <span className={`badge status-${item.status}`}>{t(`inventory.statuses.${item.status}`)}</span>
                        <button
                          type="button"
                          className={`link-button ${styles.invEdit}`}
                          tabIndex={-1}
                          onClick={() => setEditing(item)}
                          aria-label={t('inventory.editName', { name: item.name })}
                        >
                          {t('inventory.edit')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      <InventoryEditor item={editing} dimensions={dimensions} onSave={save} onClose={() => setEditing(undefined)} />
    </section>
  );
}
