import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import type { ChannelOutput } from '../../../shared/ipc/contract.ts';
import { call, uploadFile } from '../../api/client.ts';
import { useNotify } from '../../app/notices.tsx';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { DemoProgress, reloadWith, useOpenDemo } from '../../app/workspace-move.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { FormProblem } from '../../components/FormBits.tsx';
import { errorText } from '../../i18n.ts';
import styles from './MoveWorkspace.module.css';

/** Moving house: the whole workspace out as one checked file, or in from one; and the demo, any time. */
export function MoveWorkspace() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const notify = useNotify();
  const { info } = useWorkspace();
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<ChannelOutput<'workspace.export'>>();
  const [picked, setPicked] = useState<File>();
  const input = useRef<HTMLInputElement>(null);
  const demo = useOpenDemo();

  async function exportNow() {
    setExporting(true);
    try {
      setExported(await call('workspace.export', {}));
    } catch (error) {
      notify(errorText(error), 'error');
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-move`}>
      <h2 id={`${id}-move`} className="card-title">
        {t('move.title')}
      </h2>
      <p className="help">{t('move.help')}</p>
      <div className="row">
        <button type="button" className="button" onClick={() => void exportNow()} disabled={exporting} aria-busy={exporting}>
          {exporting ? t('move.exporting') : t('move.export')}
        </button>
        <button type="button" className="button" onClick={() => input.current?.click()}>
          {t('move.import')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".timbang"
          hidden
          aria-label={t('move.import')}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) setPicked(file);
          }}
        />
      </div>
      {exported && (
        <div className={`callout ${styles.calloutOk} stack-tight`} role="status">
          <span>{t('move.exported', { size: formatNumber(exported.size / (1024 * 1024), language, 1), ...exported.counts })}</span>
          <dl className="facts">
            <dt>{t('move.file')}</dt>
            <dd className="mono">{exported.file}</dd>
            <dt>SHA-256</dt>
            <dd className="mono break">{exported.sha256}</dd>
          </dl>
        </div>
      )}
      {!info.demo && (
        <div className="stack-tight">
          <p className="help">{t('demo.settingsHelp')}</p>
          {demo.busy ? (
            <DemoProgress progress={demo.progress} />
          ) : (
            <div>
              <button type="button" className="button" onClick={() => void demo.open()}>
                {t('demo.open')}
              </button>
            </div>
          )}
        </div>
      )}
      <ImportDialog file={picked} onClose={() => setPicked(undefined)} />
    </section>
  );
}

function ImportDialog({ file, onClose }: { file: File | undefined; onClose(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<number | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const close = () => {
    setProblem(undefined);
    setSent(undefined);
    onClose();
  };
  async function confirm() {
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const uploadId = await uploadFile(file, (done, total) => setSent(total ? done / total : undefined));
      setSent(undefined);
      const outcome = await call('workspace.import', { uploadId });
      reloadWith(t('move.imported', { file: file.name, ...outcome.counts, previous: outcome.previous ?? '–' }));
    } catch (error) {
      setProblem(errorText(error));
      setBusy(false);
    }
  }
  return (
    <Dialog open={file !== undefined} role="alertdialog" title={t('move.importTitle', { file: file?.name ?? '' })} onClose={close}>
      <p>{t('move.importBody')}</p>
      {busy && (
        <div className="stack-tight" role="status">
          <progress max={1} value={sent} aria-label={t('move.checking')} />
          <span className="muted">{sent !== undefined ? t('move.sending') : t('move.checking')}</span>
        </div>
      )}
      <FormProblem text={problem} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
          {t('move.importConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
