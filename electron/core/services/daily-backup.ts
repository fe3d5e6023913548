import type { Workspace } from '../workspace/open.ts';

/** After start-up has settled, like the intake threads' warm-up. */
const BACKUP_AFTER_MS = 5000;

/**
 * The daily backup, taken a few seconds after the app (or `serve`) starts when the last one
 * is more than a day old; it never keeps the process alive, and a failure is logged, not fatal.
 */
export function dailyBackupSoon(
  workspace: { backups: Pick<Workspace['backups'], 'daily'> },
  log: (message: string) => void,
  delayMs = BACKUP_AFTER_MS,
): void {
  setTimeout(() => {
    const failed = (error: unknown) => log(`daily backup failed: ${(error as Error).message}`);
    try {
      workspace.backups.daily().catch(failed);
    } catch (error) {
      failed(error);
    }
  }, delayMs).unref();
}
