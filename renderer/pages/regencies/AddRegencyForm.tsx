import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CohortField } from '../../components/CohortField.tsx';
import { StageField } from '../../components/StageField.tsx';
import type { AreaRegency } from '../../../shared/domain/area.ts';
import { FIRST_COHORT_YEAR, LAST_COHORT_YEAR, type Regency } from '../../../shared/domain/regency.ts';
import { contract } from '../../../shared/ipc/contract.ts';
import { parseForm } from '../../api/forms.ts';
import { useChannelMutation } from '../../api/queries.ts';
import { AreaCombobox } from '../../components/AreaCombobox.tsx';
import { errorText } from '../../i18n.ts';
import { FormProblem, SaveButton } from '../../components/FormBits.tsx';
import styles from './AddRegencyForm.module.css';

interface Props {
  areas: readonly AreaRegency[];
  taken: ReadonlySet<string>;
  onAdded(regency: Regency): void;
}

function thisYear(): number {
  return Math.min(LAST_COHORT_YEAR, Math.max(FIRST_COHORT_YEAR, new Date().getFullYear()));
}

/** Pick a regency or city from the Kemendagri list, give its cohort and stage, add it. */
export function AddRegencyForm({ areas, taken, onAdded }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const [area, setArea] = useState<AreaRegency | undefined>();
  const [cohort, setCohort] = useState(String(thisYear()));
  const [stage, setStage] = useState(1);
  const [problem, setProblem] = useState<string | undefined>();
  const add = useChannelMutation('regencies.add', { invalidates: ['regencies', 'submissions', 'analytics', 'summary', 'portfolio'] });
  const busy = add.isPending;
  const [formKey, setFormKey] = useState(0);

  // After each addition the search box is ready for the next: assessors often enter a whole cohort in one go.
  useEffect(() => {
    if (formKey > 0) searchRef.current?.focus();
  }, [formKey]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    const parsed = parseForm(
      contract['regencies.add'].input,
      { code: area?.code, cohortYear: Number(cohort), stage },
      {
        code: t('regencies.add.pickFirst'),
        cohortYear: t('regencies.add.cohortInvalid', { min: FIRST_COHORT_YEAR, max: LAST_COHORT_YEAR }),
      },
    );
    if (!parsed.ok) {
      setProblem(parsed.problem);
      if (parsed.field === 'code') searchRef.current?.focus();
      return;
    }
    try {
      const added = await add.mutateAsync(parsed.data);
      setArea(undefined);
      setFormKey((key) => key + 1);
      onAdded(added);
    } catch (error) {
      setProblem(errorText(error));
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('regencies.add.title')}
      </h2>
      <form className={styles.addForm} onSubmit={(event) => void submit(event)} noValidate>
        <div className="field field-grow">
          <label htmlFor={`${id}-area-input`} id={`${id}-area-label`}>
            {t('regencies.add.search')}
          </label>
          <AreaCombobox
            key={formKey}
            areas={areas}
            taken={taken}
            selected={area}
            onSelect={(next) => {
              setArea(next);
              setProblem(undefined);
            }}
            inputRef={searchRef}
            inputId={`${id}-area-input`}
            describedBy={`${id}-area-help`}
            invalid={problem !== undefined && !area}
          />
          <p id={`${id}-area-help`} className="help">
            {t('regencies.add.searchHelp')}
          </p>
        </div>
        <CohortField id={`${id}-cohort`} value={cohort} onChange={setCohort} className="field field-year" />
        <StageField id={`${id}-stage`} value={stage} onChange={setStage} />
        <div className={`field ${styles.fieldAction}`}>
          <SaveButton busy={busy} label={t('regencies.add.submit')} />
        </div>
      </form>
      <FormProblem text={problem} />
    </section>
  );
}
