import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatPercent } from '../../../shared/format/number.ts';
import { partlyDueGroups, type PartlyDueGroup } from '../../../shared/rubric/explain.ts';
import type { RubricResult } from '../../../shared/rubric/score.ts';
import { localTitle } from '../../components/text.ts';
import styles from './StageWeightingNote.module.css';

/**
 * How the groups only partly due at this Bimtek stage count in the result (the road map at
 * Bimtek 3: one criterion of five), in one sentence; with several such groups, a summary
 * that opens to one line per group. Nothing when every group is wholly due or not at all.
 */
export function StageWeightingNote({ result, stage }: { result: Pick<RubricResult, 'items' | 'stageWeighting'>; stage: number | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const groups = partlyDueGroups(result);
  if (groups.length === 0 || stage === null) return null;
  const share = result.stageWeighting === 'due-share';
  const values = (group: PartlyDueGroup) => ({
    group: localTitle(group.title, language),
    due: group.dueCriteria,
    total: group.criteria,
    counted: formatPercent(group.countedPercent, language, 2),
    weight: formatPercent(group.weightPercent, language, 2),
  });
  if (groups.length === 1) {
    const [only] = groups as [PartlyDueGroup];
    return (
      <p className={`help ${styles.note}`} data-testid="stage-weighting">
        {t(share ? 'scoring.stageWeighting.oneDueShare' : 'scoring.stageWeighting.oneWhole', { stage, ...values(only) })}
      </p>
    );
  }
  return (
    <details className={`help ${styles.note}`} data-testid="stage-weighting">
      <summary>
        {t(share ? 'scoring.stageWeighting.manyDueShare' : 'scoring.stageWeighting.manyWhole', { stage, groups: groups.length })}
      </summary>
      <ul className={styles.list} aria-label={t('scoring.stageWeighting.label')}>
        {groups.map((group) => (
          <li key={group.code}>{t(share ? 'scoring.stageWeighting.itemDueShare' : 'scoring.stageWeighting.itemWhole', values(group))}</li>
        ))}
      </ul>
    </details>
  );
}
