import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CriterionEntry } from '../../../shared/assessment/model.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatNumber, formatPercent } from '../../../shared/format/number.ts';
import type { NodeResult, RubricResult } from '../../../shared/rubric/score.ts';
import { localTitle } from '../../components/text.ts';
import styles from './CriterionTree.module.css';

interface Props {
  result: RubricResult;
  entries: ReadonlyMap<string, CriterionEntry>;
  evidenceCount: ReadonlyMap<string, number>;
  selected: string | undefined;
  onSelect(code: string): void;
}

/** The rubric as a tree: each group with its live % and how many of its criteria are scored; each criterion with its state. */
export function CriterionTree({ result, entries, evidenceCount, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const current = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const render = (nodes: NodeResult[], depth: number) => (
    <ul className={depth === 0 ? styles.tree : styles.treeChildren}>
      {nodes.map((node) => {
        if (node.kind === 'group') {
          const { scored, scorable } = node.completeness;
          return (
            <li key={node.code} className={styles.treeGroup}>
              <div className={styles.treeGroupHead}>
                <span className="tree-code">{node.code}</span>
                <span className={styles.treeTitle}>{localTitle(node.title, language)}</span>
                <span className={styles.treeFigure} title={t('scoring.groupProgress', { scored, scorable })}>
                  {node.percent === null ? '–' : formatPercent(node.percent, language)}
                </span>
              </div>
              <div className="progress-bar" role="presentation">
                <span style={{ width: `${scorable ? (scored / scorable) * 100 : 100}%` }} />
              </div>
              {render(node.children, depth + 1)}
            </li>
          );
        }
        const entry = entries.get(node.code);
        const state = entry?.needsRescore ? 'rescore' : node.status;
        const evidence = evidenceCount.get(node.code) ?? 0;
        const value =
          node.status === 'scored' && node.raw !== undefined
            ? formatNumber(node.raw, language, 2)
            : node.status === 'not_applicable'
              ? t('scoring.naShort')
              : '';
        return (
          <li key={node.code}>
            <button
              type="button"
              ref={selected === node.code ? current : undefined}
              className={`${styles.treeCriterion} ${styles[`tree-${state}`] ?? ''}`}
              aria-current={selected === node.code ? 'true' : undefined}
              onClick={() => onSelect(node.code)}
            >
              <span className="tree-code">{node.code}</span>
              <span className={styles.treeTitle}>{localTitle(node.title, language)}</span>
              <span className={styles.treeState} aria-label={t(`scoring.state.${state}`)} title={t(`scoring.state.${state}`)}>
                {state === 'rescore' ? '⟳' : state === 'not_due' ? '—' : state === 'missing' ? '○' : value}
              </span>
              {evidence > 0 && (
                <span
                  className={styles.treeEvidence}
                  aria-label={t('scoring.evidenceCount', { count: evidence })}
                  title={t('scoring.evidenceCount', { count: evidence })}
                >
                  {evidence}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );

  return (
    <nav className="criterion-tree" aria-label={t('scoring.treeLabel')}>
      {render(result.items, 0)}
    </nav>
  );
}
