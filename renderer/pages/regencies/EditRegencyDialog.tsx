import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CohortField } from '../../components/CohortField.tsx';
import { StageField } from '../../components/StageField.tsx';
import { FIRST_COHORT_YEAR, LAST_COHORT_YEAR, type Regency } from '../../../shared/domain/regency.ts';
import { contract } from '../../../shared/ipc/contract.ts';
import { parseForm } from '../../api/forms.ts';
import { useChannelMutation } from '../../api/queries.ts';
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
  const update = useChannelMutation('regencies.update', { invalidates: ['regencies', 'submissions', 'analytics', 'summary', 'portfolio'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseForm(
      contract['regencies.update'].input,
      { code: regency.code, cohortYear: Number(cohort), stage },
      {
        cohortYear: t('regencies.add.cohortInvalid', { min: FIRST_COHORT_YEAR, max: LAST_COHORT_YEAR }),
      },
    );
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    if (parsed.data.cohortYear === regency.cohortYear && parsed.data.stage === regency.stage) {
      onClose();
      return;
    }
    try {
      onSaved(await update.mutateAsync(parsed.data));
    } catch (error) {
      setProblem(errorText(error));
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="dialog-form">
      <CohortField id={`${id}-cohort`} value={cohort} onChange={setCohort} autoFocus />
      <StageField id={`${id}-stage`} value={stage} onChange={setStage} />
      <FormProblem text={problem} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <SaveButton busy={update.isPending} />
      </div>
    </form>
  );
}
