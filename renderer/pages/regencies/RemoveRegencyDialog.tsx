import { useTranslation } from 'react-i18next';
import type { Regency } from '../../../shared/domain/regency.ts';
import { useChannelMutation } from '../../api/queries.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorProblem } from '../../components/FormBits.tsx';

interface Props {
  regency: Regency | undefined;
  onClose(): void;
  onRemoved(regency: Regency): void;
}

export function RemoveRegencyDialog({ regency, onClose, onRemoved }: Props) {
  const { t } = useTranslation();
  const removal = useChannelMutation('regencies.remove', {
    invalidates: ['regencies', 'submissions', 'analytics', 'summary', 'portfolio'],
  });

  async function confirm() {
    if (!regency) return;
    try {
      await removal.mutateAsync({ code: regency.code });
      removal.reset();
      onRemoved(regency);
    } catch {
      // Shown in the dialog.
    }
  }

  const close = () => {
    removal.reset();
    onClose();
  };

  return (
    <Dialog
      open={regency !== undefined}
      role="alertdialog"
      title={t('regencies.remove.title', { name: regency?.name ?? '' })}
      onClose={close}
    >
      <p>{t('regencies.remove.body', { name: regency?.name ?? '', code: regency?.code ?? '' })}</p>
      <ErrorProblem error={removal.error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={removal.isPending}>
          {t('regencies.remove.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
