import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatDateTime } from '../../../shared/format/date.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import type { ChannelOutput } from '../../../shared/ipc/contract.ts';
import { call } from '../../api/client.ts';
import { useChannel, useChannelMutation } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { reloadWith } from '../../app/workspace-move.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorProblem, FormProblem } from '../../components/FormBits.tsx';
import { errorText } from '../../i18n.ts';

type Backup = ChannelOutput<'backups.list'>[number];

/** The workspace's backups: made daily, on request and before a restore or an import; each can be put back. */
export function Backups() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const notify = useNotify();
  const backups = useChannel('backups.list', {});
  const list = backups.data;
  const [restoring, setRestoring] = useState<Backup | undefined>();
  const create = useChannelMutation('backups.create', { invalidates: ['backups.list'] });
  const busy = create.isPending;
  async function make() {
    try {
      const made = await create.mutateAsync({});
      notify(t('backups.made', { file: made.file }));
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }
  return (
    <section className="card stack" aria-labelledby={`${id}-backups`}>
      <h2 id={`${id}-backups`} className="card-title">
        {t('backups.title')}
      </h2>
      <p className="help">{t('backups.help')}</p>
      <ErrorProblem error={backups.error} />
      {list && list.length > 0 ? (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('backups.when')}</th>
              <th scope="col">{t('backups.kind')}</th>
              <th scope="col" className="num">
                {t('backups.size')}
              </th>
              <th scope="col">{t('backups.file')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('backups.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((entry) => (
              <tr key={entry.file}>
                <td>{formatDateTime(entry.createdAt, language)}</td>
                <td>{t(`backups.kinds.${entry.kind}`)}</td>
                <td className="num">{formatNumber(entry.size / 1024, language, 0)} KB</td>
                <td className="mono">{entry.file}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setRestoring(entry)}
                    aria-label={t('backups.restoreLabel', { when: formatDateTime(entry.createdAt, language) })}
                  >
                    {t('backups.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('backups.none')}</p>
      )}
      <div>
        <button type="button" className="button" onClick={() => void make()} disabled={busy} aria-busy={busy}>
          {busy ? t('backups.making') : t('backups.make')}
        </button>
      </div>
      <RestoreDialog backup={restoring} onClose={() => setRestoring(undefined)} />
    </section>
  );
}

function RestoreDialog({ backup, onClose }: { backup: Backup | undefined; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const when = backup ? formatDateTime(backup.createdAt, i18n.language as Language) : '';
  const close = () => {
    setProblem(undefined);
    onClose();
  };
  async function confirm() {
    if (!backup) return;
    setBusy(true);
    try {
      const outcome = await call('backups.restore', { file: backup.file });
      reloadWith(
        t('backups.restored', { when, previous: outcome.previous ?? '–' }) +
          (outcome.missingFiles ? ` ${t('backups.missingFiles', { count: outcome.missingFiles })}` : ''),
      );
    } catch (error) {
      setProblem(errorText(error));
      setBusy(false);
    }
  }
  return (
    <Dialog open={backup !== undefined} role="alertdialog" title={t('backups.restoreTitle', { when })} onClose={close}>
      <p>{t('backups.restoreBody')}</p>
      <FormProblem text={problem} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
          {t('backups.restoreConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
