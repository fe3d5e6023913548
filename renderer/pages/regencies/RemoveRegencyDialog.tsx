import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Regency } from '../../../shared/domain/regency.ts';
import { call } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { errorText } from '../../i18n.ts';
import { FormProblem } from '../../components/FormBits.tsx';

interface Props {
  regency: Regency | undefined;
  onClose(): void;
  onRemoved(regency: Regency): void;
}

export function RemoveRegencyDialog({ regency, onClose, onRemoved }: Props) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function confirm() {
    if (!regency) return;
    setBusy(true);
    try {
      await call('regencies.remove', { code: regency.code });
      setProblem(undefined);
      onRemoved(regency);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    setProblem(undefined);
    onClose();
  };

  return (
    <Dialog open={regency !== undefined} role="alertdialog" title={t('regencies.remove.title', { name: regency?.name ?? '' })} onClose={close}>
      <p>{t('regencies.remove.body', { name: regency?.name ?? '', code: regency?.code ?? '' })}</p>
      <FormProblem text={problem} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} autoFocus>{t('common.cancel')}</button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy}>
          {t('regencies.remove.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
