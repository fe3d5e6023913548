import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/settings.ts';
import { formatNumber, formatPercent } from '../../../../shared/format/number.ts';
import type { RubricNode, Weighting } from '../../../../shared/rubric/schema.ts';
import { WEIGHT_SUM_TOLERANCE } from '../../../../shared/rubric/validate.ts';
import { NumberField } from '../../../components/NumberField.tsx';
import { pathKey, useEditor } from './context.ts';
import { samePath, type NodePath } from './draft.ts';
import styles from './StructureTree.module.css';

/**
 * The rubric as an indented tree: each row edits code, title and weight in place; each
 * set of siblings shows what its weights add up to.
 */
export function StructureTree() {
  const { t } = useTranslation();
  const { draft } = useEditor();
  return <SiblingSet nodes={draft.items} parent={[]} weighting={draft.weighting} owner={t('editor.rootSum')} />;
}

function WeightSum({ nodes, weighting, owner }: { nodes: RubricNode[]; weighting: Weighting; owner: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (weighting === 'relative') {
    return <div className={`${styles.weightSum} is-relative`}>{`${owner}: ${t('editor.sumRelative')}`}</div>;
  }
  const sum = nodes.reduce((total, node) => total + (Number.isFinite(node.weight) ? node.weight : 0), 0);
  const ok = Math.abs(sum - 100) <= WEIGHT_SUM_TOLERANCE;
  const state = ok ? 'is-ok' : sum > 100 ? 'is-over' : 'is-under';
  return (
    <div className={`${styles.weightSum} ${state}`}>
      <span className="weight-sum-text">
        {owner}: {t('editor.sum', { sum: formatNumber(sum, language, 4) })}
        {!ok && <span aria-hidden="true"> ⚠</span>}
      </span>
      <span className={styles.weightBar} aria-hidden="true">
        <span className={styles.weightBarFill} style={{ width: `${Math.min(100, Math.max(0, sum))}%` }} />
      </span>
    </div>
  );
}

/**
 * A row's identity is its code (numbered when codes repeat while being edited), so that
 * moving a node moves its row, and keyboard focus goes along with it.
 */
function rowKey(nodes: RubricNode[], index: number): string {
  const code = nodes[index]?.code ?? '';
  const repeat = nodes.slice(0, index).filter((node) => node.code === code).length;
  return `${code}#${repeat}`;
}

function SiblingSet({ nodes, parent, weighting, owner }: { nodes: RubricNode[]; parent: NodePath; weighting: Weighting; owner: string }) {
  const { t } = useTranslation();
  const { readOnly, add } = useEditor();
  const total = nodes.reduce((sum, node) => sum + (node.weight > 0 ? node.weight : 0), 0);
  const parentCode = owner;
  return (
    <div className={styles.siblingSet}>
      <WeightSum nodes={nodes} weighting={weighting} owner={owner} />
      <ol className={styles.nodeList}>
        {nodes.map((node, index) => {
          const path = [...parent, index];
          return (
            <li key={rowKey(nodes, index)}>
              <NodeRow
                node={node}
                path={path}
                share={weighting === 'relative' && total > 0 ? node.weight / total : undefined}
                last={index === nodes.length - 1}
              />
              {node.type === 'group' && <SiblingSet nodes={node.children} parent={path} weighting={node.weighting} owner={node.code} />}
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <div className={styles.addRow}>
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => add(parent, 'criterion')}
            aria-label={parent.length ? t('editor.addCriterionTo', { code: parentCode }) : t('editor.addCriterion')}
          >
            + {t('editor.criterion')}
          </button>
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => add(parent, 'group')}
            aria-label={parent.length ? t('editor.addGroupTo', { code: parentCode }) : t('editor.addGroup')}
          >
            + {t('editor.group')}
          </button>
        </div>
      )}
    </div>
  );
}

function NodeRow({ node, path, share, last }: { node: RubricNode; path: NodePath; share: number | undefined; last: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { readOnly, selected, select, updateNode, remove, move, problemsAt } = useEditor();
  const problems = problemsAt.get(pathKey(path)) ?? [];
  const isSelected = samePath(selected, path);
  const weightProblem = problems.some((problem) => problem.code === 'weight_not_positive' || problem.path.endsWith('.weight'));
  const code = node.code || '…';
  return (
    <div
      className={`${styles.nodeRow}${isSelected ? ' is-selected' : ''}${problems.length ? ' has-problem' : ''}`}
      data-path={pathKey(path)}
    >
      <button
        type="button"
        className={`${styles.nodeSelect} node-${node.type}`}
        aria-pressed={isSelected}
        onClick={() => select(path)}
        aria-label={t('editor.select', { code })}
      >
        <span aria-hidden="true" className={styles.nodeKind}>
          {node.type === 'group' ? '▸' : '•'}
        </span>
        <span className="mono">{code}</span>
      </button>
      <input
        type="text"
        className="node-title"
        value={node.title.id}
        readOnly={readOnly}
        aria-label={t('editor.titleOf', { code })}
        onFocus={() => select(path)}
        onChange={(event) => updateNode(path, (current) => ({ ...current, title: { ...current.title, id: event.target.value } }))}
      />
      <NumberField
        className={styles.nodeWeight}
        value={node.weight}
        readOnly={readOnly}
        invalid={weightProblem}
        aria-label={t('editor.weightOf', { code })}
        onFocus={() => select(path)}
        onChange={(weight) => updateNode(path, (current) => ({ ...current, weight: weight ?? Number.NaN }))}
      />
      <span className={`${styles.nodeShare} muted`}>{share !== undefined ? formatPercent(share * 100, language, 1) : ''}</span>
      {!readOnly && (
        <span className={styles.nodeActions}>
          <button
            type="button"
            className="icon-button"
            onClick={() => move(path, -1)}
            disabled={path.at(-1) === 0}
            aria-label={t('editor.moveUp', { code })}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => move(path, 1)}
            disabled={last}
            aria-label={t('editor.moveDown', { code })}
          >
            ↓
          </button>
          <button type="button" className="icon-button icon-danger" onClick={() => remove(path)} aria-label={t('editor.remove', { code })}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}
