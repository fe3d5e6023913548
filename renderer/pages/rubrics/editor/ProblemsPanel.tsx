import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '../../../../shared/i18n/index.ts';
import type { RubricProblem } from '../../../../shared/rubric/validate.ts';
import { nodePathOf, type NodePath } from './draft.ts';
import styles from './ProblemsPanel.module.css';

interface Props {
  id?: string;
  problems: readonly RubricProblem[];
  onGo(path: NodePath): void;
}

/** Live validation: what keeps the draft from being saved, each with a way to get there. */
export const ProblemsPanel = forwardRef<HTMLDivElement, Props>(function ProblemsPanel({ id, problems, onGo }, ref) {
  const { t } = useTranslation();
  const translate = (key: string, params?: Record<string, unknown>) => t(key, params ?? {}) as string;
  return (
    <div
      ref={ref}
      id={id}
      tabIndex={-1}
      className={`${styles.problems} ${problems.length ? 'has-problems' : 'is-clear'}`}
      data-testid="rubric-problems"
    >
      {/* Only the count is announced as it changes; the list is read on demand. */}
      <p className={styles.problemsSummary} role="status" aria-live="polite">
        {problems.length ? t('editor.problems', { count: problems.length }) : t('editor.problemsNone')}
      </p>
      {problems.length > 0 && (
        <ul className="problem-list">
          {problems.slice(0, 50).map((problem, index) => {
            const path = nodePathOf(problem.path);
            return (
              <li key={`${problem.path}-${index}`}>
                {describeProblem(translate, problem)}{' '}
                {path && problem.node && problem.node !== '(root)' && (
                  <button type="button" className="link-button" onClick={() => onGo(path)}>
                    {t('editor.goToProblem', { node: problem.node })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
});
