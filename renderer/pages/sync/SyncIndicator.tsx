import { useEffect, useRef } from 'react';
import { useQueryClient, type Query } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useChannel } from '../../api/queries.ts';
import { INDICATOR_POLL_MS } from './status.ts';
import styles from './SyncIndicator.module.css';

/**
 * Reads that records from the hub never change (or that change only through this window): left
 * alone when someone else's work lands here. The status itself is what noticed the change.
 */
const UNCHANGED_BY_SYNC = new Set(['sync.status', 'sync.changes', 'profile.get', 'lexicon.topics', 'documents.get']);

export const changedBySync = (query: Pick<Query, 'queryKey'>): boolean => !UNCHANGED_BY_SYNC.has(String(query.queryKey[0]));

/**
 * Beside the Sinkronkan navigation item, once this laptop is in a team: a mark and a word
 * ("luring", "2 belum terkirim", "tersinkron"), so the state reads without colour. It is mounted
 * on every page, so it is also what refreshes the page on screen when the background sync has
 * applied someone else's records (a colleague's scores appear on the panel without a reload): it
 * waits on `sync.changes`, which answers as soon as they are applied, and reads the status besides.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useChannel('sync.status', {}, { refetchInterval: INDICATOR_POLL_MS });
  const data = status.data;
  const applied = data?.applied;
  const seen = useRef<number | undefined>(undefined);
  const note = useRef((count: number) => {
    const before = seen.current;
    seen.current = count;
    // Fewer than before: the app was restarted and counts again from zero.
    if (before !== undefined && count > before) void client.invalidateQueries({ predicate: changedBySync });
  });
  useEffect(() => {
    if (applied !== undefined) note.current(applied);
  }, [applied]);
  const inTeam = Boolean(data?.team);
  useEffect(() => {
    if (!inTeam) return;
    let stopped = false;
    void (async () => {
      while (!stopped) {
        try {
          const { applied: now } = await call('sync.changes', { since: seen.current ?? 0 });
          if (!stopped) note.current(now);
        } catch {
          // The app is away (restarting, web mode's server stopped): the status poll says so; try again later.
          await new Promise((resolve) => setTimeout(resolve, INDICATOR_POLL_MS));
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [inTeam]);
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
