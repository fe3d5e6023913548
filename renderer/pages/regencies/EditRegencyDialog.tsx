import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StageField } from '../../components/StageField.tsx';
import { FIRST_COHORT_YEAR, LAST_COHORT_YEAR, type Regency } from '../../../shared/domain/regency.ts';
import { call } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { errorText } from '../../i18n.ts';
import { FormProblem, SaveButton } from '../../components/FormBits.tsx';

interface Props {
  regency: Regency | undefined;
  onClose(): void;
  onSaved(regency: Regency): void;
}

export function EditRegencyDialog({ regency, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog open={regency !== undefined} title={t('regencies.edit.title', { name: regency?.name ?? '' })} onClose={onClose}>
      {regency && <EditRegencyForm key={regency.code} regency={regency} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditRegencyForm({ regency, onClose, onSaved }: Props & { regency: Regency }) {
  const { t } = useTranslation();
  const id = useId();
  const [cohort, setCohort] = useState(String(regency.cohortYear));
  const [stage, setStage] = useState(regency.stage);
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const cohortYear = Number(cohort);
    if (!Number.isInteger(cohortYear) || cohortYear < FIRST_COHORT_YEAR || cohortYear > LAST_COHORT_YEAR) {
      setProblem(t('regencies.add.cohortInvalid', { min: FIRST_COHORT_YEAR, max: LAST_COHORT_YEAR }));
      return;
    }
    if (cohortYear === regency.cohortYear && stage === regency.stage) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      onSaved(await call('regencies.update', { code: regency.code, cohortYear, stage }));
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="dialog-form">
      <div className="field">
        <label htmlFor={`${id}-cohort`}>{t('regencies.add.cohort')}</label>
        <input id={`${id}-cohort`} type="number" inputMode="numeric" min={FIRST_COHORT_YEAR} max={LAST_COHORT_YEAR}
          value={cohort} onChange={(event) => setCohort(event.target.value)} autoFocus />
      </div>
      <StageField id={`${id}-stage`} value={stage} onChange={setStage} />
      <FormProblem text={problem} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        <SaveButton busy={busy} />
      </div>
    </form>
  );
}
