import { useTranslation } from 'react-i18next';
import { BIMTEK_STAGES } from '../../shared/domain/regency.ts';

interface Props {
  id: string;
  value: number;
  onChange(stage: number): void;
  className?: string;
}

/** "Tahap Bimtek saat ini": a choice of Bimtek 1–4. */
export function StageField({ id, value, onChange, className = 'field' }: Props) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <label htmlFor={id}>{t('regencies.add.stage')}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {BIMTEK_STAGES.map((stage) => (
          <option key={stage} value={stage}>
            {t('stage.label', { stage })}
          </option>
        ))}
      </select>
    </div>
  );
}
