import { useTranslation } from 'react-i18next';
import { useChannel } from '../../api/queries.ts';
import { INDICATOR_POLL_MS } from './status.ts';
import styles from './SyncIndicator.module.css';

/**
 * Beside the Sinkronkan navigation item, once this laptop is in a team: a mark and a word
 * ("luring", "2 belum terkirim", "tersinkron"), so the state reads without colour.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const status = useChannel('sync.status', {}, { refetchInterval: INDICATOR_POLL_MS });
  const data = status.data;
  if (!data?.team) return null;
  const state = data.syncing ? 'syncing' : !data.connected ? 'offline' : data.pending > 0 ? 'pending' : 'synced';
  const words = [data.syncing ? t('sync.indicator.syncing') : data.connected ? null : t('sync.indicator.offline')];
  if (data.pending > 0) words.push(t('sync.indicator.pending', { count: data.pending }));
  if (words.every((word) => !word)) words.push(t('sync.indicator.synced'));
  return (
    <span className={styles.indicator} data-state={state} data-testid="sync-indicator">
      <span className={styles.mark} aria-hidden="true" />
      {words.filter(Boolean).join(' · ')}
    </span>
  );
}
