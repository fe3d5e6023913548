import { useEffect, useState } from 'react';

/** While the Sinkronkan page is open the status is read this often: connection, progress, who is online. */
export const STATUS_POLL_MS = 3_000;

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
