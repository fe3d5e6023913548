import { useTranslation } from 'react-i18next';
import { BIMTEK_STAGES } from '../../shared/domain/regency.ts';
import styles from './StageBadge.module.css';

/** "Bimtek 3" with four pips, three of them filled: the stage and how far along the four it is. */
export function StageBadge({ stage }: { stage: number }) {
  const { t } = useTranslation();
  return (
    <span className={styles.stageBadge}>
      <span className={styles.stagePips} aria-hidden="true">
        {BIMTEK_STAGES.map((step) => (
          <span key={step} className={step <= stage ? `${styles.pip} is-done` : styles.pip} />
        ))}
      </span>
      {t('stage.label', { stage })}
    </span>
  );
}
