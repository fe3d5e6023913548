import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/ipc/contract.ts';

export type ConnectionState = 'connected' | 'connecting' | 'offline';

/**
 * The connection in one word: a pass under way with no connection yet and no failure since is the
 * first reach for the hub (just after joining, or at start-up), "connecting", not "offline".
 */
export function connectionState(status: Pick<SyncStatus, 'connected' | 'syncing' | 'lastError'>): ConnectionState {
  if (status.connected) return 'connected';
  return status.syncing && !status.lastError ? 'connecting' : 'offline';
}

/** While the Sinkronkan page is open the status is read this often: connection, progress, who is online. */
export const STATUS_POLL_MS = 3_000;

/** While a pass runs, its progress ("12 dari 1.204 dokumen") is read this often. */
export const SYNCING_POLL_MS = 500;

/** Elsewhere, the indicator beside the navigation item reads it this often (and refreshes the page when records arrived). */
export const INDICATOR_POLL_MS = 5_000;

/** The time now, moving on every half minute: "2 menit yang lalu" keeps true while the page is open. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
