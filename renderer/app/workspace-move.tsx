import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { call } from '../api/client.ts';
import { useChannel } from '../api/queries.ts';
import { errorText } from '../i18n.ts';
import { useNotify } from './notices.tsx';
import { useWorkspace } from './workspace-context.tsx';
import styles from './workspace-move.module.css';

const NOTICE_KEY = 'timbang.notice';
const DEMO_POLL_MS = 300;

/**
 * After the open workspace is replaced (the demo, a restore, an import) every page's data
 * is stale: start again from the first page, with a notice that survives the reload.
 */
export function reloadWith(notice: string): void {
  sessionStorage.setItem(NOTICE_KEY, notice);
  window.location.hash = '#/';
  window.location.reload();
}

/** The notice left by reloadWith, shown once. */
export function useNoticeAfterReload(): void {
  const notify = useNotify();
  useEffect(() => {
    const notice = sessionStorage.getItem(NOTICE_KEY);
    if (notice) {
      sessionStorage.removeItem(NOTICE_KEY);
      notify(notice);
    }
  }, [notify]);
}

/** Open the demo (built on first use, with its progress shown), then reload into it. */
export function useOpenDemo(): { open(): Promise<void>; progress: ChannelOutput<'demo.progress'> | undefined; busy: boolean } {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  // Polled while the demo is being built; never kept once done.
  const progressQuery = useChannel(
    'demo.progress',
    {},
    { enabled: busy, refetchInterval: DEMO_POLL_MS, refetchIntervalInBackground: true, gcTime: 0, retry: false },
  );
  const progress = busy ? (progressQuery.data ?? undefined) : undefined;

  const open = useCallback(async () => {
    setBusy(true);
    try {
      await call('demo.open', {});
      reloadWith(t('demo.opened'));
    } catch (error) {
      notify(errorText(error), 'error');
      setBusy(false);
    }
  }, [notify, t]);
  return { open, progress, busy };
}

export function DemoProgress({ progress }: { progress: ChannelOutput<'demo.progress'> | undefined }) {
  const { t } = useTranslation();
  const label =
    progress && progress.total > 0
      ? t('demo.progress', { done: progress.done, total: progress.total, current: progress.current })
      : t('demo.preparing');
  return (
    <div className="stack-tight" role="status">
      <progress max={progress?.total || 1} value={progress?.done ?? 0} aria-label={t('demo.preparing')} />
      <span className="muted">{label}</span>
    </div>
  );
}

/**
 * On an empty workspace (the first run): the offer to look around in the demo first. The
 * registry shows it while it lists no regency, so the offer goes once the first is added.
 */
export function DemoOffer() {
  const { t } = useTranslation();
  const id = useId();
  const { info } = useWorkspace();
  const { open, progress, busy } = useOpenDemo();
  if (info.demo) return null;
  return (
    <section className={`card stack ${styles.demoOffer}`} aria-labelledby={`${id}-demo`}>
      <h2 id={`${id}-demo`} className="card-title">
        {t('demo.offerTitle')}
      </h2>
      <p>{t('demo.offerText')}</p>
      {busy ? (
        <DemoProgress progress={progress} />
      ) : (
        <div className="row">
          <button type="button" className="button button-primary" onClick={() => void open()}>
            {t('demo.open')}
          </button>
          <span className="muted">{t('demo.offerNote')}</span>
        </div>
      )}
    </section>
  );
}

/** While the demo is open: say so on every page, with the way back. */
export function DemoBanner() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { info } = useWorkspace();
  const [busy, setBusy] = useState(false);
  if (!info.demo) return null;
  async function leave() {
    setBusy(true);
    try {
      await call('demo.leave', {});
      reloadWith(t('demo.left'));
    } catch (error) {
      notify(errorText(error), 'error');
      setBusy(false);
    }
  }
  return (
    <div className="demo-banner" role="note">
      <strong>{t('demo.bannerTitle')}</strong>
      <span>{t('demo.bannerText')}</span>
      <button type="button" className="button button-small" onClick={() => void leave()} disabled={busy} aria-busy={busy}>
        {t('demo.leave')}
      </button>
    </div>
  );
}
