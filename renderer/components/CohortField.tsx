import { useTranslation } from 'react-i18next';
import { FIRST_COHORT_YEAR, LAST_COHORT_YEAR } from '../../shared/domain/regency.ts';

interface Props {
  id: string;
  /** As typed: the form parses it with the contract's schema on submit. */
  value: string;
  onChange(value: string): void;
  className?: string;
  autoFocus?: boolean;
}

/** "Tahun kohort": the year a regency joined the programme. */
export function CohortField({ id, value, onChange, className = 'field', autoFocus = false }: Props) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <label htmlFor={id}>{t('regencies.add.cohort')}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={FIRST_COHORT_YEAR}
        max={LAST_COHORT_YEAR}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoFocus={autoFocus}
      />
    </div>
  );
}
